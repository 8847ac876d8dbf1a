import { ForbiddenError } from '../../shared/authorization';
import { InvalidRateError } from '../../shared/basis-points';
import { deciderSpec } from '../../testing/decider-spec';
import type { RecordFundCoverage, RecordFundCoverageData } from '../loan.commands';
import { loanDecider } from '../loan.decider';
import {
  CoveredPrincipalExceedsPrincipalError,
  InvalidLoanInputError,
  LoanAlreadyCoveredError,
  LoanAlreadyDefaultedError,
  LoanAlreadyWrittenOffError,
  LoanNotFoundError,
} from '../loan.errors';
import { bankOfficer, command, coverageRecorded, history, LOAN_ID, processManager } from '../testing/loan.fixtures';

const spec = deciderSpec(loanDecider);
const enrolment: RecordFundCoverageData = {
  loanId: LOAN_ID,
  fundId: 'fund-1',
  coverageRatioBps: 4000,
  coveredPrincipal: '1000000.00',
  policyVersion: 1,
  defaultThresholdDays: 60,
};
const record = (data: Partial<RecordFundCoverageData> = {}, actor = processManager) =>
  command<RecordFundCoverage>('RecordFundCoverage', { ...enrolment, ...data }, actor);

describe('RecordFundCoverage', () => {
  it.each([
    ['originated', history.originated],
    ['pledges secured', history.pledgesSecured],
    ['active', history.active],
  ])('records the coverage and default threshold of the enrolling fund on a loan %s', (_label, given) => {
    spec
      .given(given)
      .when(record())
      .then([coverageRecorded(60)]);
  });

  it('changes nothing when repeated for the same fund, even after default', () => {
    spec
      .given([...history.active, coverageRecorded(60)])
      .when(record())
      .then([]);
    spec
      .given([...history.defaulted, coverageRecorded(60)])
      .when(record())
      .then([]);
  });

  it('refuses a second fund', () => {
    spec
      .given([...history.active, coverageRecorded(60)])
      .when(record({ fundId: 'fund-2' }))
      .thenThrows(LoanAlreadyCoveredError, 'LOAN.ALREADY_COVERED');
  });

  it('refuses once the loan defaulted: the threshold governs a decision already taken', () => {
    spec.given(history.defaulted).when(record()).thenThrows(LoanAlreadyDefaultedError, 'LOAN.ALREADY_DEFAULTED');
    spec.given(history.writtenOff).when(record()).thenThrows(LoanAlreadyWrittenOffError, 'LOAN.ALREADY_WRITTEN_OFF');
  });

  it('refuses covered principal above the loan principal', () => {
    spec
      .given(history.active)
      .when(record({ coveredPrincipal: '1000000.01' }))
      .thenThrows(CoveredPrincipalExceedsPrincipalError, 'LOAN.COVERED_PRINCIPAL_EXCEEDS_PRINCIPAL');
  });

  it.each<[string, Partial<RecordFundCoverageData>, abstract new (...args: never[]) => Error, string]>([
    ['a ratio above 100 %', { coverageRatioBps: 10001 }, InvalidRateError, 'RATE.INVALID'],
    ['a threshold of 0 days', { defaultThresholdDays: 0 }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
    ['a policy version of 0', { policyVersion: 0 }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
    ['a blank fund id', { fundId: '' }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
  ])('refuses %s', (_label, data, errorClass, code) => {
    spec.given(history.active).when(record(data)).thenThrows(errorClass, code);
  });

  it('is for the enrolment process manager only', () => {
    spec.given(history.active).when(record({}, bankOfficer)).thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
  });

  it('refuses a missing loan', () => {
    spec.given([]).when(record()).thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });
});
