import { domainError } from '../shared/domain-error';

/** Establishing a fund whose stream already holds one. */
export class FundAlreadyExistsError extends domainError('FUND.ALREADY_EXISTS') {}
/** Any command on a fund that was never established. */
export class FundNotFoundError extends domainError('FUND.NOT_FOUND', 'not-found') {}
/** A value in the command is malformed or out of range (amount, date, policy field). */
export class FundInvalidInputError extends domainError('FUND.INVALID_INPUT', 'invalid') {}
/** A policy's version must be above every version published before. */
export class FundPolicyVersionNotIncreasingError extends domainError('FUND.POLICY_VERSION_NOT_INCREASING') {}
/** Enrolment, assessment and payment need a published policy. */
export class FundNoPolicyError extends domainError('FUND.NO_POLICY') {}
export class FundBankAlreadyAdmittedError extends domainError('FUND.BANK_ALREADY_ADMITTED') {}
export class FundBankNotAdmittedError extends domainError('FUND.BANK_NOT_ADMITTED') {}
export class FundBankSuspendedError extends domainError('FUND.BANK_SUSPENDED') {}
export class FundBankNotSuspendedError extends domainError('FUND.BANK_NOT_SUSPENDED') {}
/** The loan fails one or more eligibility rules of the current policy; `details.reasons` lists them. */
export class FundLoanNotEligibleError extends domainError('FUND.LOAN_NOT_ELIGIBLE') {}
export class FundLoanAlreadyEnrolledError extends domainError('FUND.LOAN_ALREADY_ENROLLED') {}
export class FundLoanNotEnrolledError extends domainError('FUND.LOAN_NOT_ENROLLED') {}
/** The loan's cover was released (loan repaid) so nothing can be paid on it. */
export class FundCoverReleasedError extends domainError('FUND.COVER_RELEASED') {}
/** Another claim already compensated this loan: the fund pays a loan once. */
export class FundLoanAlreadyCompensatedError extends domainError('FUND.LOAN_ALREADY_COMPENSATED') {}
/** Paying would take the available balance below zero. */
export class FundInsufficientBalanceError extends domainError('FUND.INSUFFICIENT_BALANCE') {}
/** Paying would take the bank above the policy's per-bank annual cap for the payment's year. */
export class FundBankAnnualCapExceededError extends domainError('FUND.BANK_ANNUAL_CAP_EXCEEDED') {}
/** A recovery share for a claim the fund never paid. */
export class FundClaimNotPaidError extends domainError('FUND.CLAIM_NOT_PAID') {}
/** Recovery shares on a claim may never total more than the fund paid on it. */
export class FundRecoveryShareExceedsPaymentError extends domainError('FUND.RECOVERY_SHARE_EXCEEDS_PAYMENT') {}
