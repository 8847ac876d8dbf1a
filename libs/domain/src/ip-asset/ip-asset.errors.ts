import { domainError } from '../shared/domain-error';

export class IpAssetAlreadyExistsError extends domainError('IP_ASSET.ALREADY_EXISTS') {}
export class IpAssetNotFoundError extends domainError('IP_ASSET.NOT_FOUND', 'not-found') {}
/** A field of the command is malformed (details.field names it). */
export class InvalidIpAssetInputError extends domainError('IP_ASSET.INVALID_INPUT', 'invalid') {}
/** The number's type digit says e.g. "design" while the command says "invention-patent". */
export class IpAssetKindMismatchError extends domainError('IP_ASSET.KIND_MISMATCH', 'invalid') {}

/** Sold in recovery: the asset left this register and accepts no further command. */
export class IpAssetDisposedError extends domainError('IP_ASSET.DISPOSED') {}
/** Fully invalidated: void, it cannot be pledged, valued or have its legal status changed. */
export class IpAssetInvalidatedError extends domainError('IP_ASSET.INVALIDATED') {}

export class NoAnnualFeeError extends domainError('IP_ASSET.NO_ANNUAL_FEE') {}
export class AnnualFeeAlreadyLapsedError extends domainError('IP_ASSET.ANNUAL_FEE_ALREADY_LAPSED') {}
export class AnnualFeeNotLapsedError extends domainError('IP_ASSET.ANNUAL_FEE_NOT_LAPSED') {}
export class InvalidationAlreadyFiledError extends domainError('IP_ASSET.INVALIDATION_ALREADY_FILED') {}
export class InvalidationNotPendingError extends domainError('IP_ASSET.INVALIDATION_NOT_PENDING') {}

// Pledge refusals: one class per reason of pledgeRefusalReasons.
export class AlreadyPledgedError extends domainError('IP_ASSET.ALREADY_PLEDGED') {}
export class PledgeAlreadyReleasedError extends domainError('IP_ASSET.PLEDGE_ALREADY_RELEASED') {}
export class PledgorNotOwnerError extends domainError('IP_ASSET.PLEDGOR_NOT_OWNER') {}
export class CoOwnerConsentMissingError extends domainError('IP_ASSET.CO_OWNER_CONSENT_MISSING') {}
export class IpAssetExpiredError extends domainError('IP_ASSET.EXPIRED') {}
export class ExpiresBeforeLoanMaturityError extends domainError('IP_ASSET.EXPIRES_BEFORE_LOAN_MATURITY') {}
export class AnnualFeeLapsedError extends domainError('IP_ASSET.ANNUAL_FEE_LAPSED') {}
export class InvalidationPendingError extends domainError('IP_ASSET.INVALIDATION_PENDING') {}

// Release and enforcement refusals.
export class NotPledgedError extends domainError('IP_ASSET.NOT_PLEDGED') {}
export class PledgedToAnotherLoanError extends domainError('IP_ASSET.PLEDGED_TO_ANOTHER_LOAN') {}
