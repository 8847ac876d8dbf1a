export type { Instalment, RepaymentMethod, ScheduleInput } from './repayment-schedule';
export {
  annuityPayment,
  buildSchedule,
  MAX_ANNUAL_RATE_BPS,
  MAX_TERM_MONTHS,
  monthlyInterest,
} from './repayment-schedule';
export type { DelinquencyBucket, LoanPosition, RepaidTotals, Repayment } from './loan-position';
export { bucketFor, positionAsOf, positionFromTotals } from './loan-position';
export { allocateRepayment } from './repayment-allocation';
export { InvalidRepaymentAmountError, InvalidScheduleError, RepaymentExceedsOwedError } from './loan-arithmetic.errors';
