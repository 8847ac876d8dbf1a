import { ForbiddenError } from '../../shared/authorization';
import { InvalidDateError } from '../../shared/business-date';
import { InvalidMoneyError } from '../../shared/money';
import { deciderSpec } from '../../testing/decider-spec';
import { RepaymentExceedsOwedError } from '../arithmetic';
import type { ReceiveRepayment } from '../loan.commands';
import { loanDecider } from '../loan.decider';
import {
  DateBeforeDisbursementError,
  DateBeforeLastRepaymentError,
  InvalidLoanInputError,
  LoanAlreadyDefaultedError,
  LoanAlreadyRepaidError,
  LoanAlreadyWrittenOffError,
  LoanNotDisbursedError,
  LoanNotFoundError,
} from '../loan.errors';
import {
  BANK_ID,
  bankOfficer,
  borrower,
  command,
  history,
  LOAN_ID,
  otherBankOfficer,
  repaymentReceived,
} from '../testing/loan.fixtures';

const spec = deciderSpec(loanDecider);
const repay = (amount: string, valueDate: string, actor = bankOfficer) =>
  command<ReceiveRepayment>('ReceiveRepayment', { loanId: LOAN_ID, amount, valueDate }, actor);

// The standard loan: 1,000,000.00 bullet, 10,000.00 interest due on the 15th of each month from Feb 2025.
describe('ReceiveRepayment', () => {
  it('pays the interest due first', () => {
    spec
      .given(history.active)
      .when(repay('10000.00', '2025-02-15'))
      .then([repaymentReceived('2025-02-15', '10000.00', '10000.00', '0.00', '1000000.00')]);
  });

  it('leaves interest due when a partial repayment does not cover it', () => {
    spec
      .given(history.active)
      .when(repay('4000.00', '2025-02-20'))
      .then([repaymentReceived('2025-02-20', '4000.00', '4000.00', '0.00', '1000000.00', '6000.00')]);
  });

  it('applies what exceeds the interest due to principal', () => {
    spec
      .given(history.active)
      .when(repay('15000.00', '2025-02-15'))
      .then([repaymentReceived('2025-02-15', '15000.00', '10000.00', '5000.00', '995000.00')]);
  });

  it('counts earlier repayments: interest already paid is not due again', () => {
    spec
      .given([...history.active, repaymentReceived('2025-02-15', '10000.00', '10000.00', '0.00', '1000000.00')])
      .when(repay('12000.00', '2025-03-15'))
      .then([repaymentReceived('2025-03-15', '12000.00', '10000.00', '2000.00', '998000.00')]);
  });

  it('repays the loan when a repayment clears the principal and the interest due', () => {
    spec
      .given(history.active)
      .when(repay('1020000.00', '2025-03-20'))
      .then([
        repaymentReceived('2025-03-20', '1020000.00', '20000.00', '1000000.00', '0.00'),
        {
          type: 'LoanRepaid',
          data: {
            loanId: LOAN_ID,
            bankId: BANK_ID,
            valueDate: '2025-03-20',
            totalPrincipalRepaid: '1000000.00',
            totalInterestRepaid: '20000.00',
          },
        },
      ]);
  });

  it('totals every repayment in LoanRepaid', () => {
    const [, repaid] = spec
      .given([...history.active, repaymentReceived('2025-02-15', '15000.00', '10000.00', '5000.00', '995000.00')])
      .when(repay('1005000.00', '2025-03-15'))
      .events();
    expect(repaid).toEqual({
      type: 'LoanRepaid',
      data: {
        loanId: LOAN_ID,
        bankId: BANK_ID,
        valueDate: '2025-03-15',
        totalPrincipalRepaid: '1000000.00',
        totalInterestRepaid: '20000.00',
      },
    });
  });

  it('never takes more than is owed', () => {
    spec
      .given(history.active)
      .when(repay('1020000.01', '2025-03-20'))
      .thenThrows(RepaymentExceedsOwedError, 'LOAN.REPAYMENT_EXCEEDS_OWED');
  });

  it.each([
    ['zero', '0.00', InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
    ['a negative amount', '-10.00', InvalidMoneyError, 'MONEY.INVALID'],
    ['a float-looking amount', '1e4', InvalidMoneyError, 'MONEY.INVALID'],
  ] as const)('refuses %s', (_label, amount, errorClass, code) => {
    spec.given(history.active).when(repay(amount, '2025-02-15')).thenThrows(errorClass, code);
  });

  it('refuses an invalid value date', () => {
    spec.given(history.active).when(repay('10.00', '2025-02-29')).thenThrows(InvalidDateError, 'DATE.INVALID');
  });

  it('refuses a value date before the disbursement', () => {
    spec
      .given(history.active)
      .when(repay('10.00', '2025-01-14'))
      .thenThrows(DateBeforeDisbursementError, 'LOAN.DATE_BEFORE_DISBURSEMENT');
  });

  it('refuses a value date before the last repayment', () => {
    spec
      .given([...history.active, repaymentReceived('2025-02-15', '10000.00', '10000.00', '0.00', '1000000.00')])
      .when(repay('10.00', '2025-02-14'))
      .thenThrows(DateBeforeLastRepaymentError, 'LOAN.DATE_BEFORE_LAST_REPAYMENT');
  });

  it.each([
    ['not yet disbursed', history.pledgesSecured, LoanNotDisbursedError, 'LOAN.NOT_DISBURSED'],
    ['whose pledges were refused', history.pledgesRefused, LoanNotDisbursedError, 'LOAN.NOT_DISBURSED'],
    ['already repaid', history.repaid, LoanAlreadyRepaidError, 'LOAN.ALREADY_REPAID'],
    ['defaulted', history.defaulted, LoanAlreadyDefaultedError, 'LOAN.ALREADY_DEFAULTED'],
    ['written off', history.writtenOff, LoanAlreadyWrittenOffError, 'LOAN.ALREADY_WRITTEN_OFF'],
  ] as const)('refuses a loan %s', (_label, given, errorClass, code) => {
    spec.given(given).when(repay('10.00', '2025-09-15')).thenThrows(errorClass, code);
  });

  it('is for banks only', () => {
    spec
      .given(history.active)
      .when(repay('10.00', '2025-02-15', borrower))
      .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
  });

  it('answers another bank as if the loan did not exist', () => {
    spec
      .given(history.active)
      .when(repay('10.00', '2025-02-15', otherBankOfficer))
      .thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });

  it('refuses a missing loan', () => {
    spec.given([]).when(repay('10.00', '2025-02-15')).thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });
});
