import { ForbiddenError } from '../../shared/authorization';
import { addDays } from '../../shared/business-date';
import { deciderSpec } from '../../testing/decider-spec';
import type { DeclareDefault } from '../loan.commands';
import { loanDecider } from '../loan.decider';
import {
  DateBeforeLastRepaymentError,
  LoanAlreadyDefaultedError,
  LoanAlreadyRepaidError,
  LoanAlreadyWrittenOffError,
  LoanNotDisbursedError,
  LoanNotFoundError,
  NotPastDefaultThresholdError,
} from '../loan.errors';
import type { LoanDefaultedData } from '../loan.events';
import {
  bankOfficer,
  command,
  coverageRecorded,
  defaulted,
  FIRST_DUE,
  history,
  LOAN_ID,
  otherBankOfficer,
  processManager,
  repaymentReceived,
} from '../testing/loan.fixtures';

const spec = deciderSpec(loanDecider);
const declare = (asOf: string, actor = bankOfficer) =>
  command<DeclareDefault>('DeclareDefault', { loanId: LOAN_ID, asOf }, actor);
const daysAfterFirstDue = (days: number) => addDays(FIRST_DUE, days);

describe('DeclareDefault', () => {
  describe('under the standard threshold of 90 days', () => {
    it('refuses at 89 days past due', () => {
      spec
        .given(history.active)
        .when(declare(daysAfterFirstDue(89)))
        .thenThrows(NotPastDefaultThresholdError, 'LOAN.NOT_PAST_DEFAULT_THRESHOLD');
    });

    it('refuses at exactly 90 days past due', () => {
      spec
        .given(history.active)
        .when(declare(daysAfterFirstDue(90)))
        .thenThrows(NotPastDefaultThresholdError, 'LOAN.NOT_PAST_DEFAULT_THRESHOLD');
    });

    it('defaults at 91 days past due, recording the outstanding principal and the threshold applied', () => {
      expect(daysAfterFirstDue(91)).toBe('2025-05-17');
      spec.given(history.active).when(declare('2025-05-17')).then([defaulted]);
    });

    it('says how far past due the loan is and what is needed', () => {
      expect(() => loanDecider.decide(declare('2025-03-01'), foldActive())).toThrow(
        'Loan loan-1 is 14 days past due as of 2025-03-01; default needs more than 90 (standard threshold)',
      );
    });

    it('counts from the oldest unpaid instalment', () => {
      // The first instalment's interest was paid: the second, due 2025-03-15, is 91 days past due on 2025-06-14.
      const given = [...history.active, repaymentReceived(FIRST_DUE, '10000.00', '10000.00', '0.00', '1000000.00')];
      spec.given(given).when(declare('2025-05-17')).thenThrows(NotPastDefaultThresholdError);
      const [event] = spec.given(given).when(declare('2025-06-14')).events();
      expect(event.data).toMatchObject({
        daysPastDue: 91,
        outstandingPrincipal: '1000000.00',
        interestDue: '30000.00',
      });
    });

    it('records principal outstanding after principal repaid', () => {
      // 210,000.00 covers the first five instalments (50,000.00 of interest): the sixth, due 2025-07-15, is the one late.
      const given = [
        ...history.active,
        repaymentReceived(FIRST_DUE, '210000.00', '10000.00', '200000.00', '800000.00'),
      ];
      spec.given(given).when(declare('2025-10-13')).thenThrows(NotPastDefaultThresholdError);
      const [event] = spec.given(given).when(declare('2025-10-14')).events();
      expect((event.data as LoanDefaultedData).outstandingPrincipal).toBe('800000.00');
    });
  });

  describe('under the threshold of the fund policy the loan is enrolled under', () => {
    const covered = (days: number) => [...history.active, coverageRecorded(days)];

    it('refuses at 60 days with a threshold of 60', () => {
      spec
        .given(covered(60))
        .when(declare(daysAfterFirstDue(60)))
        .thenThrows(NotPastDefaultThresholdError, 'LOAN.NOT_PAST_DEFAULT_THRESHOLD');
    });

    it('defaults at 61 days with a threshold of 60, naming the fund and policy version', () => {
      const [event] = spec
        .given(covered(60))
        .when(declare(daysAfterFirstDue(61)))
        .events();
      expect(event.data).toEqual({
        ...defaulted.data,
        asOf: '2025-04-17',
        daysPastDue: 61,
        thresholdDays: 60,
        thresholdSource: 'fund-policy',
        fundId: 'fund-1',
        policyVersion: 1,
        interestDue: '30000.00',
      });
    });

    it('refuses at 91 days with a longer threshold of 120', () => {
      spec
        .given(covered(120))
        .when(declare(daysAfterFirstDue(91)))
        .thenThrows(NotPastDefaultThresholdError);
    });
  });

  it('refuses a date before the last repayment', () => {
    spec
      .given([...history.active, repaymentReceived('2025-06-01', '10000.00', '10000.00', '0.00', '1000000.00')])
      .when(declare('2025-05-31'))
      .thenThrows(DateBeforeLastRepaymentError, 'LOAN.DATE_BEFORE_LAST_REPAYMENT');
  });

  it.each([
    ['not yet disbursed', history.pledgesSecured, LoanNotDisbursedError, 'LOAN.NOT_DISBURSED'],
    ['repaid', history.repaid, LoanAlreadyRepaidError, 'LOAN.ALREADY_REPAID'],
    ['already defaulted', history.defaulted, LoanAlreadyDefaultedError, 'LOAN.ALREADY_DEFAULTED'],
    ['written off', history.writtenOff, LoanAlreadyWrittenOffError, 'LOAN.ALREADY_WRITTEN_OFF'],
  ] as const)('refuses a loan %s', (_label, given, errorClass, code) => {
    spec.given(given).when(declare('2025-12-01')).thenThrows(errorClass, code);
  });

  it('is for banks only', () => {
    spec.given(history.active).when(declare('2025-05-17', processManager)).thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
  });

  it('answers another bank as if the loan did not exist', () => {
    spec
      .given(history.active)
      .when(declare('2025-05-17', otherBankOfficer))
      .thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });

  it('refuses a missing loan', () => {
    spec.given([]).when(declare('2025-05-17')).thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });
});

function foldActive() {
  return history.active.reduce(loanDecider.evolve, loanDecider.initialState);
}
