export * from './arithmetic';
export * from './loan.commands';
export * from './loan.decider';
export * from './loan.errors';
export * from './loan.events';
export {
  defaultThresholdOf,
  disbursedLoanPositionAsOf,
  loanPositionAsOf,
  STANDARD_DEFAULT_THRESHOLD_DAYS,
} from './loan.position';
export type { DefaultThreshold } from './loan.position';
export { initialLoanState, evolveLoan, repaymentLogOf, servicingOf } from './loan.state';
export { RepaymentLog } from './repayment-log';
export type {
  DefaultRecord,
  DelinquencyAssessment,
  Disbursement,
  DisbursedLoanState,
  ExistingLoanState,
  FundCoverage,
  LoanState,
  LoanStatus,
  LoanTerms,
  Recoveries,
  Recovery,
  Servicing,
} from './loan.state';
