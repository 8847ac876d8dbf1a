import { domainError } from '../../shared/domain-error';

/** A repayment larger than the interest due plus the whole outstanding principal. */
export class RepaymentExceedsOwedError extends domainError('LOAN.REPAYMENT_EXCEEDS_OWED') {}

/** A repayment of zero or less. */
export class InvalidRepaymentAmountError extends domainError('LOAN.INVALID_REPAYMENT_AMOUNT', 'invalid') {}

/** Loan terms no schedule can be built from: non-positive principal, a term outside 1..360 months, ... */
export class InvalidScheduleError extends domainError('LOAN.INVALID_SCHEDULE', 'invalid') {}
