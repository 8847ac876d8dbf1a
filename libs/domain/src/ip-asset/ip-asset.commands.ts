import type { BusinessDate } from '../shared/business-date';
import type { Command } from '../shared/decider';

export const IP_ASSET_KINDS = ['invention-patent', 'utility-model', 'design', 'trademark'] as const;
export type IpAssetKind = (typeof IP_ASSET_KINDS)[number];

export const INVALIDATION_OUTCOMES = ['upheld', 'invalidated', 'partially-invalidated'] as const;
export type InvalidationOutcome = (typeof INVALIDATION_OUTCOMES)[number];

/** Why a pledge ends without enforcement; 'pledge-refused' is the pledging process manager's compensation. */
export const PLEDGE_RELEASE_REASONS = [
  'loan-repaid',
  'pledge-refused',
  'loan-cancelled',
  'loan-written-off',
  'released-by-bank',
] as const;
export type PledgeReleaseReason = (typeof PLEDGE_RELEASE_REASONS)[number];

/** Admin. `number`: patent application number (kind consistent with its type digit) or trademark registration number. */
export type RegisterIpAsset = Command<
  'RegisterIpAsset',
  {
    readonly ipAssetId: string;
    readonly kind: IpAssetKind;
    readonly number: string;
    readonly title: string;
    /** One or more distinct registered enterprises (the application layer checks they exist). */
    readonly ownerEnterpriseIds: readonly string[];
    readonly grantDate: BusinessDate;
    /** Last day the right is in force. */
    readonly expiryDate: BusinessDate;
  }
>;

/** Admin: the annual fee was not paid in time, the right has lapsed (patents only). */
export type RecordAnnualFeeLapse = Command<
  'RecordAnnualFeeLapse',
  { readonly ipAssetId: string; readonly lapseDate: BusinessDate }
>;

/** Admin: the lapsed fee was paid (with its surcharge) and the right restored. */
export type RecordAnnualFeePayment = Command<
  'RecordAnnualFeePayment',
  { readonly ipAssetId: string; readonly paymentDate: BusinessDate }
>;

/** Admin: a request for invalidation was filed against the asset. Several cases may be pending at once. */
export type FileInvalidation = Command<
  'FileInvalidation',
  { readonly ipAssetId: string; readonly caseNumber: string; readonly filingDate: BusinessDate }
>;

export type ResolveInvalidation = Command<
  'ResolveInvalidation',
  {
    readonly ipAssetId: string;
    readonly caseNumber: string;
    readonly outcome: InvalidationOutcome;
    readonly resolutionDate: BusinessDate;
  }
>;

/** Admin. `value` is a two-decimal money string greater than zero. */
export type RecordValuation = Command<
  'RecordValuation',
  {
    readonly ipAssetId: string;
    readonly appraiser: string;
    readonly value: string;
    readonly valuationDate: BusinessDate;
  }
>;

/**
 * The pledging process manager (role 'system') or the pledgee bank itself. Carries the loan facts
 * the decision needs (maturity) so the asset decides alone.
 */
export interface PledgeRequest {
  readonly ipAssetId: string;
  readonly loanId: string;
  readonly pledgeeBankId: string;
  readonly pledgorEnterpriseId: string;
  /** Number of the pledge registration with CNIPA (质押登记号). */
  readonly registrationNumber: string;
  readonly pledgeDate: BusinessDate;
  readonly loanMaturityDate: BusinessDate;
  /** Owners who consented in writing; every owner other than the pledgor must be here. */
  readonly consentingOwnerIds: readonly string[];
}

export type RegisterPledge = Command<'RegisterPledge', PledgeRequest>;

export type ReleasePledge = Command<
  'ReleasePledge',
  {
    readonly ipAssetId: string;
    readonly loanId: string;
    readonly releaseDate: BusinessDate;
    readonly reason: PledgeReleaseReason;
  }
>;

/** The pledged asset was sold in recovery; `saleProceeds` is a two-decimal money string greater than zero. */
export type EnforcePledge = Command<
  'EnforcePledge',
  {
    readonly ipAssetId: string;
    readonly loanId: string;
    readonly enforcementDate: BusinessDate;
    readonly saleProceeds: string;
  }
>;

export type IpAssetCommand =
  | RegisterIpAsset
  | RecordAnnualFeeLapse
  | RecordAnnualFeePayment
  | FileInvalidation
  | ResolveInvalidation
  | RecordValuation
  | RegisterPledge
  | ReleasePledge
  | EnforcePledge;
