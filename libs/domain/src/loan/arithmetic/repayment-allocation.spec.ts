import { formatMoney, parseMoney } from '../../shared/money';
import type { LoanPosition } from './index';
import {
  allocateRepayment,
  buildSchedule,
  InvalidRepaymentAmountError,
  positionAsOf,
  RepaymentExceedsOwedError,
} from './index';

const schedule = buildSchedule({
  principal: parseMoney('1000000.00'),
  annualRateBps: 600,
  termMonths: 12,
  method: 'equal-instalments',
  startDate: '2025-01-15',
});

/** Two instalments overdue: 162,538.19 principal and 9,594.67 interest due, 1,000,000.00 outstanding. */
const overdue: LoanPosition = positionAsOf(schedule, [], '2025-03-20');

const allocate = (amount: string, position: LoanPosition = overdue) => {
  const { interest, principal } = allocateRepayment(parseMoney(amount), position);
  return { interest: formatMoney(interest), principal: formatMoney(principal) };
};

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('allocateRepayment', () => {
  it('goes to interest due first', () => {
    expect(allocate('3000.00')).toEqual({ interest: '3000.00', principal: '0.00' });
    expect(allocate('9594.67')).toEqual({ interest: '9594.67', principal: '0.00' });
  });

  it('then to principal: the overdue part first, the rest prepays the outstanding principal', () => {
    expect(allocate('100000.00')).toEqual({ interest: '9594.67', principal: '90405.33' });
    expect(allocate('300000.00')).toEqual({ interest: '9594.67', principal: '290405.33' });
  });

  it('before anything falls due, all of it prepays principal', () => {
    expect(allocate('250000.00', positionAsOf(schedule, [], '2025-02-01'))).toEqual({
      interest: '0.00',
      principal: '250000.00',
    });
  });

  it('accepts exactly what is owed: the interest due and the whole outstanding principal', () => {
    expect(allocate('1009594.67')).toEqual({ interest: '9594.67', principal: '1000000.00' });
  });

  it('refuses one fen more than is owed with LOAN.REPAYMENT_EXCEEDS_OWED', () => {
    const error = thrownBy(() => allocate('1009594.68'));
    expect(error).toBeInstanceOf(RepaymentExceedsOwedError);
    expect(error).toMatchObject({
      code: 'LOAN.REPAYMENT_EXCEEDS_OWED',
      kind: 'conflict',
      details: { amount: '1009594.68', interestDue: '9594.67', outstandingPrincipal: '1000000.00' },
    });
  });

  it('refuses any repayment on a loan fully repaid', () => {
    const repaid = positionAsOf(
      schedule,
      [{ valueDate: '2025-01-20', principal: parseMoney('1000000.00'), interest: 0n }],
      '2025-06-01',
    );
    expect(thrownBy(() => allocate('0.01', repaid))).toBeInstanceOf(RepaymentExceedsOwedError);
  });

  it.each(['0.00', '-1.00'])('refuses a repayment of %p with LOAN.INVALID_REPAYMENT_AMOUNT', (amount) => {
    const error = thrownBy(() => allocateRepayment(parseMoney(amount, { allowNegative: true }), overdue));
    expect(error).toBeInstanceOf(InvalidRepaymentAmountError);
    expect(error).toMatchObject({ code: 'LOAN.INVALID_REPAYMENT_AMOUNT', kind: 'invalid' });
  });
});
