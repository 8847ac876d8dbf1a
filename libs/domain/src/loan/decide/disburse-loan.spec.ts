import { ForbiddenError } from '../../shared/authorization';
import { InvalidDateError } from '../../shared/business-date';
import { parseMoney, sumMoney } from '../../shared/money';
import { deciderSpec } from '../../testing/decider-spec';
import type { DisburseLoan } from '../loan.commands';
import { loanDecider } from '../loan.decider';
import {
  DateBeforeOriginationError,
  LoanAlreadyDisbursedError,
  LoanNotFoundError,
  PledgesNotSecuredError,
} from '../loan.errors';
import type { LoanDisbursedData } from '../loan.events';
import {
  bankOfficer,
  command,
  DISBURSED_ON,
  disbursed,
  history,
  LOAN_ID,
  originated,
  otherBankOfficer,
  pledgesSecured,
  processManager,
} from '../testing/loan.fixtures';

const spec = deciderSpec(loanDecider);
const disburse = (valueDate = DISBURSED_ON, actor = bankOfficer) =>
  command<DisburseLoan>('DisburseLoan', { loanId: LOAN_ID, valueDate }, actor);

describe('DisburseLoan', () => {
  it('disburses the whole principal with the schedule starting on the value date', () => {
    spec
      .given(history.pledgesSecured)
      .when(disburse())
      .then([
        {
          type: 'LoanDisbursed',
          data: {
            loanId: LOAN_ID,
            bankId: 'bank-1',
            enterpriseId: 'ent-1',
            valueDate: '2025-01-15',
            amount: '1000000.00',
            annualRateBps: 1200,
            termMonths: 6,
            repaymentMethod: 'bullet',
            maturityDate: '2025-07-15',
            schedule: [
              { number: 1, dueDate: '2025-02-15', principal: '0.00', interest: '10000.00' },
              { number: 2, dueDate: '2025-03-15', principal: '0.00', interest: '10000.00' },
              { number: 3, dueDate: '2025-04-15', principal: '0.00', interest: '10000.00' },
              { number: 4, dueDate: '2025-05-15', principal: '0.00', interest: '10000.00' },
              { number: 5, dueDate: '2025-06-15', principal: '0.00', interest: '10000.00' },
              { number: 6, dueDate: '2025-07-15', principal: '1000000.00', interest: '10000.00' },
            ],
          },
        },
      ]);
  });

  it('carries an equal-instalment schedule in money strings that sum to the principal', () => {
    const terms = {
      principal: '1200000.00',
      annualRateBps: 600,
      termMonths: 12,
      repaymentMethod: 'equal-instalments' as const,
    };
    const [event] = spec
      .given([originated(terms), pledgesSecured])
      .when(disburse('2025-01-31'))
      .events();
    const data = event.data as LoanDisbursedData;
    // 1,200,000 at 0.5 % a month over 12 months: level payment 103,279.72 (hand-computed).
    expect(data.schedule[0]).toEqual({ number: 1, dueDate: '2025-02-28', principal: '97279.72', interest: '6000.00' });
    expect(data.schedule[1]).toEqual({ number: 2, dueDate: '2025-03-31', principal: '97766.12', interest: '5513.60' });
    expect(sumMoney(data.schedule.map((i) => parseMoney(i.principal)))).toBe(120000000n);
    expect(data.maturityDate).toBe('2026-01-31');
  });

  it('refuses while the pledges are still being registered', () => {
    spec.given(history.originated).when(disburse()).thenThrows(PledgesNotSecuredError, 'LOAN.PLEDGES_NOT_SECURED');
  });

  it('refuses when the pledges were refused', () => {
    spec.given(history.pledgesRefused).when(disburse()).thenThrows(PledgesNotSecuredError, 'LOAN.PLEDGES_NOT_SECURED');
  });

  it('disburses once only', () => {
    spec.given(history.active).when(disburse()).thenThrows(LoanAlreadyDisbursedError, 'LOAN.ALREADY_DISBURSED');
    spec.given(history.repaid).when(disburse()).thenThrows(LoanAlreadyDisbursedError, 'LOAN.ALREADY_DISBURSED');
  });

  it('refuses a value date before origination', () => {
    spec
      .given(history.pledgesSecured)
      .when(disburse('2025-01-09'))
      .thenThrows(DateBeforeOriginationError, 'LOAN.DATE_BEFORE_ORIGINATION');
  });

  it('accepts a value date on the origination date', () => {
    spec
      .given(history.pledgesSecured)
      .when(disburse('2025-01-10'))
      .then([disbursed(undefined, '2025-01-10')]);
  });

  it('refuses an invalid date', () => {
    spec.given(history.pledgesSecured).when(disburse('2025-13-01')).thenThrows(InvalidDateError, 'DATE.INVALID');
  });

  it('is for banks only', () => {
    spec
      .given(history.pledgesSecured)
      .when(disburse(DISBURSED_ON, processManager))
      .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
  });

  it('answers another bank as if the loan did not exist', () => {
    spec
      .given(history.pledgesSecured)
      .when(disburse(DISBURSED_ON, otherBankOfficer))
      .thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });

  it('refuses a missing loan', () => {
    spec.given([]).when(disburse()).thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });
});
