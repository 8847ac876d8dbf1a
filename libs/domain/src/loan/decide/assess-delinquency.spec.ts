import { ForbiddenError } from '../../shared/authorization';
import { addDays, InvalidDateError } from '../../shared/business-date';
import { deciderSpec } from '../../testing/decider-spec';
import type { AssessDelinquency } from '../loan.commands';
import { loanDecider } from '../loan.decider';
import {
  DateBeforeDisbursementError,
  DateBeforeLastAssessmentError,
  DateBeforeLastRepaymentError,
  LoanAlreadyDefaultedError,
  LoanAlreadyRepaidError,
  LoanNotDisbursedError,
  LoanNotFoundError,
} from '../loan.errors';
import type { LoanDelinquencyAssessed } from '../loan.events';
import {
  BANK_ID,
  bankOfficer,
  borrower,
  command,
  FIRST_DUE,
  history,
  LOAN_ID,
  otherBankOfficer,
  processManager,
  repaymentReceived,
} from '../testing/loan.fixtures';

const spec = deciderSpec(loanDecider);
const assess = (asOf: string, actor = bankOfficer) =>
  command<AssessDelinquency>('AssessDelinquency', { loanId: LOAN_ID, asOf }, actor);

function assessed(asOf: string, daysPastDue: number, bucket: string, interestDue: string): LoanDelinquencyAssessed {
  return {
    type: 'LoanDelinquencyAssessed',
    data: {
      loanId: LOAN_ID,
      bankId: BANK_ID,
      asOf,
      daysPastDue,
      bucket: bucket as LoanDelinquencyAssessed['data']['bucket'],
      principalDue: '0.00',
      interestDue,
      outstandingPrincipal: '1000000.00',
    },
  };
}

describe('AssessDelinquency', () => {
  it('finds a loan current on its due date', () => {
    spec
      .given(history.active)
      .when(assess(FIRST_DUE))
      .then([assessed(FIRST_DUE, 0, 'current', '10000.00')]);
  });

  it.each([
    [1, '1-30', '10000.00'],
    [30, '1-30', '20000.00'],
    [31, '31-60', '20000.00'],
    [88, '61-90', '30000.00'],
    [90, '61-90', '40000.00'],
    [91, '90+', '40000.00'],
  ])('finds the first instalment unpaid %i days later in bucket %s', (days, bucket, interestDue) => {
    const asOf = addDays(FIRST_DUE, days);
    spec
      .given(history.active)
      .when(assess(asOf))
      .then([assessed(asOf, days, bucket, interestDue)]);
  });

  it('counts days past due from the oldest instalment not paid', () => {
    spec
      .given([...history.active, repaymentReceived(FIRST_DUE, '10000.00', '10000.00', '0.00', '1000000.00')])
      .when(assess('2025-03-25'))
      .then([assessed('2025-03-25', 10, '1-30', '10000.00')]);
  });

  it('may be run by a scheduled process', () => {
    spec
      .given(history.active)
      .when(assess(FIRST_DUE, processManager))
      .then([assessed(FIRST_DUE, 0, 'current', '10000.00')]);
  });

  it('may assess the same date again, not an earlier one', () => {
    const given = [...history.active, assessed('2025-03-01', 14, '1-30', '10000.00')];
    spec
      .given(given)
      .when(assess('2025-03-01'))
      .then([assessed('2025-03-01', 14, '1-30', '10000.00')]);
    spec
      .given(given)
      .when(assess('2025-02-28'))
      .thenThrows(DateBeforeLastAssessmentError, 'LOAN.DATE_BEFORE_LAST_ASSESSMENT');
  });

  it('refuses a date before the disbursement or the last repayment', () => {
    spec
      .given(history.active)
      .when(assess('2025-01-14'))
      .thenThrows(DateBeforeDisbursementError, 'LOAN.DATE_BEFORE_DISBURSEMENT');
    spec
      .given([...history.active, repaymentReceived(FIRST_DUE, '10000.00', '10000.00', '0.00', '1000000.00')])
      .when(assess('2025-02-14'))
      .thenThrows(DateBeforeLastRepaymentError, 'LOAN.DATE_BEFORE_LAST_REPAYMENT');
  });

  it('refuses an invalid date', () => {
    spec.given(history.active).when(assess('yesterday')).thenThrows(InvalidDateError, 'DATE.INVALID');
  });

  it.each([
    ['not yet disbursed', history.originated, LoanNotDisbursedError, 'LOAN.NOT_DISBURSED'],
    ['repaid', history.repaid, LoanAlreadyRepaidError, 'LOAN.ALREADY_REPAID'],
    ['defaulted', history.defaulted, LoanAlreadyDefaultedError, 'LOAN.ALREADY_DEFAULTED'],
  ] as const)('refuses a loan %s', (_label, given, errorClass, code) => {
    spec.given(given).when(assess('2025-09-01')).thenThrows(errorClass, code);
  });

  it('is for banks and process managers only', () => {
    spec.given(history.active).when(assess(FIRST_DUE, borrower)).thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
  });

  it('answers another bank as if the loan did not exist', () => {
    spec
      .given(history.active)
      .when(assess(FIRST_DUE, otherBankOfficer))
      .thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });

  it('refuses a missing loan', () => {
    spec.given([]).when(assess(FIRST_DUE)).thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });
});
