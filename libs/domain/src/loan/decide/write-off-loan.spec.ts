import { ForbiddenError } from '../../shared/authorization';
import { deciderSpec } from '../../testing/decider-spec';
import type { WriteOffLoan } from '../loan.commands';
import { loanDecider } from '../loan.decider';
import {
  DateBeforeDefaultError,
  DateBeforeLastRecoveryError,
  LoanAlreadyWrittenOffError,
  LoanNotDefaultedError,
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
  recoveryRecorded,
} from '../testing/loan.fixtures';

const spec = deciderSpec(loanDecider);
const writeOff = (valueDate = '2025-09-01', actor = bankOfficer) =>
  command<WriteOffLoan>('WriteOffLoan', { loanId: LOAN_ID, valueDate }, actor);

describe('WriteOffLoan', () => {
  it('writes off the principal outstanding at default that was not recovered', () => {
    spec
      .given([...history.defaulted, recoveryRecorded('600000.00', '600000.00')])
      .when(writeOff())
      .then([
        {
          type: 'LoanWrittenOff',
          data: {
            loanId: LOAN_ID,
            bankId: BANK_ID,
            valueDate: '2025-09-01',
            amount: '400000.00',
            outstandingPrincipalAtDefault: '1000000.00',
            totalRecovered: '600000.00',
          },
        },
      ]);
  });

  it('writes off the whole principal outstanding when nothing was recovered', () => {
    spec.given(history.defaulted).when(writeOff()).then([history.writtenOff[4]]);
  });

  it('closes a fully recovered loan with nothing to write off', () => {
    const [event] = spec
      .given([...history.defaulted, recoveryRecorded('1000000.00', '1000000.00')])
      .when(writeOff())
      .events();
    expect(event.data).toMatchObject({ amount: '0.00', totalRecovered: '1000000.00' });
  });

  it('only after default', () => {
    spec.given(history.active).when(writeOff()).thenThrows(LoanNotDefaultedError, 'LOAN.NOT_DEFAULTED');
    spec.given(history.repaid).when(writeOff()).thenThrows(LoanNotDefaultedError, 'LOAN.NOT_DEFAULTED');
  });

  it('once only', () => {
    spec.given(history.writtenOff).when(writeOff()).thenThrows(LoanAlreadyWrittenOffError, 'LOAN.ALREADY_WRITTEN_OFF');
  });

  it('refuses a value date before the default or the last recovery', () => {
    spec
      .given(history.defaulted)
      .when(writeOff('2025-05-16'))
      .thenThrows(DateBeforeDefaultError, 'LOAN.DATE_BEFORE_DEFAULT');
    spec
      .given([...history.defaulted, recoveryRecorded('600000.00', '600000.00', '2025-08-01')])
      .when(writeOff('2025-07-31'))
      .thenThrows(DateBeforeLastRecoveryError, 'LOAN.DATE_BEFORE_LAST_RECOVERY');
  });

  it('is for banks only', () => {
    spec.given(history.defaulted).when(writeOff(undefined, borrower)).thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
  });

  it('answers another bank as if the loan did not exist', () => {
    spec
      .given(history.defaulted)
      .when(writeOff(undefined, otherBankOfficer))
      .thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });

  it('refuses a missing loan', () => {
    spec.given([]).when(writeOff()).thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });
});
