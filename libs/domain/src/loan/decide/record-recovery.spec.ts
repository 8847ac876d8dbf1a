import { ForbiddenError } from '../../shared/authorization';
import { InvalidMoneyError } from '../../shared/money';
import { deciderSpec } from '../../testing/decider-spec';
import type { RecordRecovery, RecordRecoveryData } from '../loan.commands';
import { loanDecider } from '../loan.decider';
import {
  AssetNotPledgedError,
  DateBeforeDefaultError,
  InvalidLoanInputError,
  LoanAlreadyWrittenOffError,
  LoanNotDefaultedError,
  LoanNotFoundError,
  RecoveryExceedsOutstandingError,
} from '../loan.errors';
import {
  BANK_ID,
  bankOfficer,
  command,
  history,
  LOAN_ID,
  otherBankOfficer,
  processManager,
  recoveryRecorded,
} from '../testing/loan.fixtures';

const spec = deciderSpec(loanDecider);
const sale: RecordRecoveryData = {
  loanId: LOAN_ID,
  amount: '600000.00',
  costs: '20000.00',
  source: 'pledge-enforcement',
  assetId: 'asset-1',
  valueDate: '2025-08-01',
};
const recover = (data: Partial<RecordRecoveryData> = {}, actor = bankOfficer) =>
  command<RecordRecovery>('RecordRecovery', { ...sale, ...data }, actor);

// The standard defaulted loan: 1,000,000.00 principal outstanding at default on 2025-05-17.
describe('RecordRecovery', () => {
  it('records the sale of a pledged asset, net of its costs', () => {
    spec
      .given(history.defaulted)
      .when(recover())
      .then([
        {
          type: 'RecoveryRecorded',
          data: {
            loanId: LOAN_ID,
            bankId: BANK_ID,
            valueDate: '2025-08-01',
            amount: '600000.00',
            costs: '20000.00',
            netAmount: '580000.00',
            source: 'pledge-enforcement',
            assetId: 'asset-1',
            totalRecovered: '600000.00',
            outstandingPrincipalAtDefault: '1000000.00',
          },
        },
      ]);
  });

  it('records a guarantor payment without costs or asset', () => {
    spec
      .given(history.defaulted)
      .when(recover({ source: 'guarantor', assetId: undefined, costs: undefined, amount: '100000' }))
      .then([recoveryRecorded('100000.00', '100000.00')]);
  });

  it('recovers up to exactly the principal outstanding at default, in total', () => {
    const [event] = spec
      .given([...history.defaulted, recoveryRecorded('600000.00', '600000.00')])
      .when(recover({ source: 'guarantor', assetId: null, costs: null, amount: '400000.00', valueDate: '2025-08-02' }))
      .events();
    expect(event.data).toMatchObject({ amount: '400000.00', totalRecovered: '1000000.00' });
  });

  it('never recovers more than the principal outstanding at default', () => {
    spec
      .given([...history.defaulted, recoveryRecorded('600000.00', '600000.00')])
      .when(recover({ amount: '400000.01' }))
      .thenThrows(RecoveryExceedsOutstandingError, 'LOAN.RECOVERY_EXCEEDS_OUTSTANDING');
    spec
      .given(history.defaulted)
      .when(recover({ amount: '1000000.01', costs: '0' }))
      .thenThrows(RecoveryExceedsOutstandingError, 'LOAN.RECOVERY_EXCEEDS_OUTSTANDING');
  });

  it('only after default', () => {
    spec.given(history.active).when(recover()).thenThrows(LoanNotDefaultedError, 'LOAN.NOT_DEFAULTED');
    spec.given(history.repaid).when(recover()).thenThrows(LoanNotDefaultedError, 'LOAN.NOT_DEFAULTED');
    spec.given(history.originated).when(recover()).thenThrows(LoanNotDefaultedError, 'LOAN.NOT_DEFAULTED');
  });

  it('not after the write-off', () => {
    spec.given(history.writtenOff).when(recover()).thenThrows(LoanAlreadyWrittenOffError, 'LOAN.ALREADY_WRITTEN_OFF');
  });

  it('refuses a value date before the default', () => {
    spec
      .given(history.defaulted)
      .when(recover({ valueDate: '2025-05-16' }))
      .thenThrows(DateBeforeDefaultError, 'LOAN.DATE_BEFORE_DEFAULT');
  });

  it('refuses an asset not pledged to the loan', () => {
    spec
      .given(history.defaulted)
      .when(recover({ assetId: 'asset-9' }))
      .thenThrows(AssetNotPledgedError, 'LOAN.ASSET_NOT_PLEDGED');
  });

  it.each<[string, Partial<RecordRecoveryData>, abstract new (...args: never[]) => Error, string]>([
    ['a pledge enforcement naming no asset', { assetId: undefined }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
    ['an unknown source', { source: 'lottery' }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
    ['a zero amount', { amount: '0', costs: '0' }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
    ['a malformed amount', { amount: '600000.5.0' }, InvalidMoneyError, 'MONEY.INVALID'],
    ['costs above the amount', { costs: '600000.01' }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
  ])('refuses %s', (_label, data, errorClass, code) => {
    spec.given(history.defaulted).when(recover(data)).thenThrows(errorClass, code);
  });

  it('is for banks only', () => {
    spec.given(history.defaulted).when(recover({}, processManager)).thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
  });

  it('answers another bank as if the loan did not exist', () => {
    spec.given(history.defaulted).when(recover({}, otherBankOfficer)).thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });

  it('refuses a missing loan', () => {
    spec.given([]).when(recover()).thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });
});
