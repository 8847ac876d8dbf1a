import { domainError } from '../shared/domain-error';

/**
 * Every refusal of the Loan aggregate, with a stable code. The arithmetic's own errors
 * (LOAN.REPAYMENT_EXCEEDS_OWED, LOAN.INVALID_SCHEDULE, LOAN.INVALID_REPAYMENT_AMOUNT) live in
 * ./arithmetic/loan-arithmetic.errors.ts and reach callers unchanged.
 */

// Existence and tenancy
/** No such loan, or a bank asking about another bank's loan (it is never told the loan exists). */
export class LoanNotFoundError extends domainError('LOAN.NOT_FOUND', 'not-found') {}
export class LoanAlreadyExistsError extends domainError('LOAN.ALREADY_EXISTS') {}
/** A bank originating a loan in another bank's name. */
export class LoanForeignBankError extends domainError('LOAN.FOREIGN_BANK', 'forbidden') {}
/** The borrower named on origination is not a registered enterprise (the application layer looks it up). */
export class LoanEnterpriseNotFoundError extends domainError('LOAN.ENTERPRISE_NOT_FOUND', 'not-found') {}

// Input values (commands also come from the CLI and process managers, so the decider checks them)
export class InvalidLoanInputError extends domainError('LOAN.INVALID_INPUT', 'invalid') {}
/** Pledge outcomes naming assets the loan did not pledge, or leaving some of them out. */
export class PledgeAssetsMismatchError extends domainError('LOAN.PLEDGE_ASSETS_MISMATCH', 'invalid') {}
/** A recovery from selling an asset that is not pledged to this loan. */
export class AssetNotPledgedError extends domainError('LOAN.ASSET_NOT_PLEDGED', 'invalid') {}
export class CoveredPrincipalExceedsPrincipalError extends domainError(
  'LOAN.COVERED_PRINCIPAL_EXCEEDS_PRINCIPAL',
  'invalid',
) {}

// Pledging
export class PledgesNotSecuredError extends domainError('LOAN.PLEDGES_NOT_SECURED') {}
export class PledgesAlreadyRefusedError extends domainError('LOAN.PLEDGES_ALREADY_REFUSED') {}
export class PledgesAlreadySecuredError extends domainError('LOAN.PLEDGES_ALREADY_SECURED') {}

// Lifecycle
export class LoanAlreadyDisbursedError extends domainError('LOAN.ALREADY_DISBURSED') {}
export class LoanNotDisbursedError extends domainError('LOAN.NOT_DISBURSED') {}
export class LoanAlreadyRepaidError extends domainError('LOAN.ALREADY_REPAID') {}
export class LoanAlreadyDefaultedError extends domainError('LOAN.ALREADY_DEFAULTED') {}
export class LoanAlreadyWrittenOffError extends domainError('LOAN.ALREADY_WRITTEN_OFF') {}
export class LoanNotDefaultedError extends domainError('LOAN.NOT_DEFAULTED') {}
/** Default only when days past due exceed the threshold (90, or the enrolling fund policy's). */
export class NotPastDefaultThresholdError extends domainError('LOAN.NOT_PAST_DEFAULT_THRESHOLD') {}
/** Recoveries in total never exceed the principal outstanding at default. */
export class RecoveryExceedsOutstandingError extends domainError('LOAN.RECOVERY_EXCEEDS_OUTSTANDING') {}
/** Enrolled in one fund already; a second fund cannot cover it too. */
export class LoanAlreadyCoveredError extends domainError('LOAN.ALREADY_COVERED') {}

// Business dates run forwards through a loan's life
export class DateBeforeOriginationError extends domainError('LOAN.DATE_BEFORE_ORIGINATION') {}
export class DateBeforeDisbursementError extends domainError('LOAN.DATE_BEFORE_DISBURSEMENT') {}
export class DateBeforeLastRepaymentError extends domainError('LOAN.DATE_BEFORE_LAST_REPAYMENT') {}
export class DateBeforeLastAssessmentError extends domainError('LOAN.DATE_BEFORE_LAST_ASSESSMENT') {}
export class DateBeforeDefaultError extends domainError('LOAN.DATE_BEFORE_DEFAULT') {}
export class DateBeforeLastRecoveryError extends domainError('LOAN.DATE_BEFORE_LAST_RECOVERY') {}
