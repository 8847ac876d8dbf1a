import { addDays } from '../../shared/business-date';
import { formatMoney, parseMoney } from '../../shared/money';
import type { DelinquencyBucket, LoanPosition, Repayment } from './index';
import { bucketFor, buildSchedule, positionAsOf } from './index';

// 1,000,000.00 at 6 % over 12 months from 2025-01-15: 86,066.43 due on the 15th of each month.
// Instalment 1: 81,066.43 principal + 5,000.00 interest; instalment 2: 81,471.76 + 4,594.67.
const schedule = buildSchedule({
  principal: parseMoney('1000000.00'),
  annualRateBps: 600,
  termMonths: 12,
  method: 'equal-instalments',
  startDate: '2025-01-15',
});

const paid = (valueDate: string, principal: string, interest: string): Repayment => ({
  valueDate,
  principal: parseMoney(principal),
  interest: parseMoney(interest),
});

/** The position with money as strings, for readable expectations. */
function at(asOf: string, repayments: Repayment[] = []) {
  const position: LoanPosition = positionAsOf(schedule, repayments, asOf);
  return {
    outstandingPrincipal: formatMoney(position.outstandingPrincipal),
    principalDue: formatMoney(position.principalDue),
    interestDue: formatMoney(position.interestDue),
    daysPastDue: position.daysPastDue,
    bucket: position.bucket,
    next: position.nextInstalment?.number ?? null,
  };
}

describe('bucketFor', () => {
  it.each<[number, DelinquencyBucket]>([
    [0, 'current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '90+'],
    [4000, '90+'],
  ])('%p days past due -> %p', (days, bucket) => {
    expect(bucketFor(days)).toBe(bucket);
  });

  it('refuses negative or fractional days', () => {
    expect(() => bucketFor(-1)).toThrow(RangeError);
    expect(() => bucketFor(1.5)).toThrow(RangeError);
  });
});

describe('positionAsOf', () => {
  it('before the first due date: everything outstanding, nothing due, current', () => {
    expect(at('2025-01-15')).toEqual({
      outstandingPrincipal: '1000000.00',
      principalDue: '0.00',
      interestDue: '0.00',
      daysPastDue: 0,
      bucket: 'current',
      next: 1,
    });
  });

  it('on the due date the instalment is due but not yet past due', () => {
    expect(at('2025-02-15')).toEqual({
      outstandingPrincipal: '1000000.00',
      principalDue: '81066.43',
      interestDue: '5000.00',
      daysPastDue: 0,
      bucket: 'current',
      next: 1,
    });
  });

  it.each<[number, DelinquencyBucket]>([
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '90+'],
  ])('unpaid since the first due date, %p days later: bucket %p', (days, bucket) => {
    const position = positionAsOf(schedule, [], addDays('2025-02-15', days));
    expect(position.daysPastDue).toBe(days);
    expect(position.bucket).toBe(bucket);
    expect(position.nextInstalment?.number).toBe(1);
  });

  it('counts from the oldest unpaid instalment, across months of different lengths', () => {
    // 2025-02-15 -> 2025-05-16: 13 + 31 + 30 + 16 = 90 days; four instalments have fallen due
    expect(at('2025-05-16')).toEqual({
      outstandingPrincipal: '1000000.00',
      principalDue: '326705.83', // 81,066.43 + 81,471.76 + 81,879.12 + 82,288.52
      interestDue: '17559.89', // 5,000.00 + 4,594.67 + 4,187.31 + 3,777.91
      daysPastDue: 90,
      bucket: '61-90',
      next: 1,
    });
    expect(at('2025-05-17')).toMatchObject({ daysPastDue: 91, bucket: '90+' });
  });

  it('a partial repayment leaves the instalment past due; the rest brings the loan back to current', () => {
    const partial = paid('2025-02-15', '45000.00', '5000.00');
    expect(at('2025-02-20', [partial])).toEqual({
      outstandingPrincipal: '955000.00',
      principalDue: '36066.43',
      interestDue: '0.00',
      daysPastDue: 5,
      bucket: '1-30',
      next: 1,
    });
    const rest = paid('2025-02-25', '36066.43', '0.00');
    expect(at('2025-02-26', [partial, rest])).toEqual({
      outstandingPrincipal: '918933.57',
      principalDue: '0.00',
      interestDue: '0.00',
      daysPastDue: 0,
      bucket: 'current',
      next: 2,
    });
  });

  it('a late repayment of two instalments moves the count to the oldest still unpaid', () => {
    const late = paid('2025-05-20', '162538.19', '9594.67'); // instalments 1 and 2 in full
    // before the repayment's value date it does not count: 2025-02-15 -> 2025-05-19 is 93 days
    expect(at('2025-05-19', [late])).toMatchObject({ daysPastDue: 93, bucket: '90+', next: 1 });
    // after it, instalment 3 (due 2025-04-15) is the oldest unpaid: 35 days
    expect(at('2025-05-20', [late])).toEqual({
      outstandingPrincipal: '837461.81',
      principalDue: '164167.64', // instalments 3 and 4: 81,879.12 + 82,288.52
      interestDue: '7965.22',
      daysPastDue: 35,
      bucket: '31-60',
      next: 3,
    });
  });

  it('a cumulative shortfall of one fen keeps the instalment past due', () => {
    expect(at('2025-02-16', [paid('2025-02-15', '81066.42', '5000.00')])).toMatchObject({
      principalDue: '0.01',
      daysPastDue: 1,
      bucket: '1-30',
      next: 1,
    });
  });

  it('a prepayment covers later instalments for days past due; their interest still falls due on schedule', () => {
    const repayments = [paid('2025-02-15', '181066.43', '5000.00')]; // instalment 1 plus 100,000.00 of principal
    expect(at('2025-03-20', repayments)).toEqual({
      outstandingPrincipal: '818933.57',
      principalDue: '0.00',
      interestDue: '4594.67', // instalment 2's interest, owed but covered by the prepaid amount
      daysPastDue: 0,
      bucket: 'current',
      next: 3,
    });
  });

  it('a prepayment in full ends the schedule: no later interest, nothing past due, no next instalment', () => {
    const repayments = [paid('2025-02-15', '81066.43', '5000.00'), paid('2025-03-01', '918933.57', '0.00')];
    const expected = {
      outstandingPrincipal: '0.00',
      principalDue: '0.00',
      interestDue: '0.00',
      daysPastDue: 0,
      bucket: 'current',
      next: null,
    };
    expect(at('2025-03-01', repayments)).toEqual(expected);
    expect(at('2026-06-01', repayments)).toEqual(expected);
  });

  it('every instalment paid on its due date: current throughout and nothing left at maturity', () => {
    const repayments = schedule.map((i) => ({ valueDate: i.dueDate, principal: i.principal, interest: i.interest }));
    for (const instalment of schedule) {
      expect(at(instalment.dueDate, repayments)).toMatchObject({
        principalDue: '0.00',
        interestDue: '0.00',
        daysPastDue: 0,
      });
    }
    expect(at('2026-01-15', repayments)).toEqual({
      outstandingPrincipal: '0.00',
      principalDue: '0.00',
      interestDue: '0.00',
      daysPastDue: 0,
      bucket: 'current',
      next: null,
    });
  });

  it('takes repayments in any order and ignores those after the as-of date', () => {
    const repayments = [paid('2025-03-15', '81471.76', '4594.67'), paid('2025-02-15', '81066.43', '5000.00')];
    expect(at('2025-03-15', repayments)).toMatchObject({ outstandingPrincipal: '837461.81', next: 3 });
    expect(at('2025-02-15', repayments)).toMatchObject({ outstandingPrincipal: '918933.57', next: 2 });
    expect(at('2025-01-31', repayments)).toMatchObject({ outstandingPrincipal: '1000000.00', next: 1 });
  });

  it('bullet loan: only interest falls due until maturity', () => {
    const bullet = buildSchedule({
      principal: parseMoney('500000.00'),
      annualRateBps: 1200,
      termMonths: 3,
      method: 'bullet',
      startDate: '2025-01-31',
    });
    const interestOnly = [paid('2025-02-28', '0.00', '5000.00'), paid('2025-03-31', '0.00', '5000.00')];
    const position = positionAsOf(bullet, interestOnly, '2025-04-30');
    expect(position).toMatchObject({
      outstandingPrincipal: parseMoney('500000.00'),
      principalDue: parseMoney('500000.00'),
      interestDue: parseMoney('5000.00'),
      daysPastDue: 0,
    });
    expect(positionAsOf(bullet, interestOnly, '2025-05-01').daysPastDue).toBe(1);
  });

  it('refuses an invalid as-of date', () => {
    expect(() => positionAsOf(schedule, [], '2025-02-30')).toThrow(expect.objectContaining({ code: 'DATE.INVALID' }));
  });
});
