import { domainError } from '../shared/domain-error';

/** No claim on this loan, or it belongs to another bank (tenancy: never reveal another bank's claim). */
export class ClaimNotFoundError extends domainError('CLAIM.NOT_FOUND', 'not-found') {}
/** A value in the command is malformed or inconsistent (amount, date, fund snapshot). */
export class ClaimInvalidInputError extends domainError('CLAIM.INVALID_INPUT', 'invalid') {}
/** The loan already has a claim being decided or approved; a rejected one may be filed again. */
export class ClaimAlreadyOpenError extends domainError('CLAIM.ALREADY_OPEN') {}
/** The claim on this loan was paid: nothing more can be filed, approved or rejected. */
export class ClaimAlreadyPaidError extends domainError('CLAIM.ALREADY_PAID') {}
export class ClaimLoanNotEnrolledError extends domainError('CLAIM.LOAN_NOT_ENROLLED') {}
export class ClaimLoanNotDefaultedError extends domainError('CLAIM.LOAN_NOT_DEFAULTED') {}
/** Recoveries so far already cover the outstanding principal: there is no loss to claim. */
export class ClaimNoPrincipalLossError extends domainError('CLAIM.NO_PRINCIPAL_LOSS') {}
/** Four eyes: whoever filed the claim may not approve it. */
export class ClaimSelfApprovalError extends domainError('CLAIM.SELF_APPROVAL', 'forbidden') {}
/** One person's approval counts once. */
export class ClaimAlreadyApprovedByYouError extends domainError('CLAIM.ALREADY_APPROVED_BY_YOU') {}
/** Fully approved: neither more approvals nor a rejection. */
export class ClaimAlreadyApprovedError extends domainError('CLAIM.ALREADY_APPROVED') {}
/** The claim was rejected; file it again to reopen it. */
export class ClaimRejectedError extends domainError('CLAIM.REJECTED') {}
/** The payout computes to zero (bank's annual cap used up or the fund empty): nothing to approve now. */
export class ClaimNothingPayableError extends domainError('CLAIM.NOTHING_PAYABLE') {}
export class ClaimNotApprovedError extends domainError('CLAIM.NOT_APPROVED') {}
/** The payment recorded differs from the approved payout. */
export class ClaimAmountMismatchError extends domainError('CLAIM.AMOUNT_MISMATCH') {}
export class ClaimNotPaidError extends domainError('CLAIM.NOT_PAID') {}
