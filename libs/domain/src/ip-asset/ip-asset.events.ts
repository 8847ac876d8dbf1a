import type { BusinessDate } from '../shared/business-date';
import type { DomainEvent } from '../shared/decider';
import type { InvalidationOutcome, IpAssetKind, PledgeReleaseReason } from './ip-asset.commands';

export type IpAssetRegistered = DomainEvent<
  'IpAssetRegistered',
  {
    readonly ipAssetId: string;
    readonly kind: IpAssetKind;
    /** Normalised: "202310012345.6" for patents, digits for trademarks. */
    readonly number: string;
    readonly title: string;
    readonly ownerEnterpriseIds: readonly string[];
    readonly grantDate: BusinessDate;
    readonly expiryDate: BusinessDate;
  }
>;

export type AnnualFeeLapsed = DomainEvent<
  'AnnualFeeLapsed',
  { readonly ipAssetId: string; readonly lapseDate: BusinessDate }
>;

export type AnnualFeePaid = DomainEvent<
  'AnnualFeePaid',
  { readonly ipAssetId: string; readonly paymentDate: BusinessDate; readonly lapseDate: BusinessDate }
>;

export type InvalidationFiled = DomainEvent<
  'InvalidationFiled',
  { readonly ipAssetId: string; readonly caseNumber: string; readonly filingDate: BusinessDate }
>;

export type InvalidationResolved = DomainEvent<
  'InvalidationResolved',
  {
    readonly ipAssetId: string;
    readonly caseNumber: string;
    readonly outcome: InvalidationOutcome;
    readonly resolutionDate: BusinessDate;
  }
>;

export type ValuationRecorded = DomainEvent<
  'ValuationRecorded',
  {
    readonly ipAssetId: string;
    readonly appraiser: string;
    /** Two-decimal money string, e.g. "3200000.00". */
    readonly value: string;
    readonly valuationDate: BusinessDate;
  }
>;

/** Carries the asset facts it was decided under (owners, expiry) besides the request. */
export type PledgeRegistered = DomainEvent<
  'PledgeRegistered',
  {
    readonly ipAssetId: string;
    readonly loanId: string;
    readonly pledgeeBankId: string;
    readonly pledgorEnterpriseId: string;
    readonly registrationNumber: string;
    readonly pledgeDate: BusinessDate;
    readonly loanMaturityDate: BusinessDate;
    readonly consentingOwnerIds: readonly string[];
    readonly ownerEnterpriseIds: readonly string[];
    readonly assetExpiryDate: BusinessDate;
  }
>;

export type PledgeReleased = DomainEvent<
  'PledgeReleased',
  {
    readonly ipAssetId: string;
    readonly loanId: string;
    readonly pledgeeBankId: string;
    readonly releaseDate: BusinessDate;
    readonly reason: PledgeReleaseReason;
  }
>;

/** The asset was sold in recovery: it leaves the register of pledgeable assets (status 'disposed'). */
export type PledgeEnforced = DomainEvent<
  'PledgeEnforced',
  {
    readonly ipAssetId: string;
    readonly loanId: string;
    readonly pledgeeBankId: string;
    readonly pledgorEnterpriseId: string;
    readonly enforcementDate: BusinessDate;
    /** Two-decimal money string. */
    readonly saleProceeds: string;
  }
>;

export type IpAssetEvent =
  | IpAssetRegistered
  | AnnualFeeLapsed
  | AnnualFeePaid
  | InvalidationFiled
  | InvalidationResolved
  | ValuationRecorded
  | PledgeRegistered
  | PledgeReleased
  | PledgeEnforced;
