import type { Command } from '../shared/decider';
import type { FundEnterpriseSize, FundPolicyData } from './fund-policy';

/**
 * The fund's commands. Money is a two-decimal string (as on the API and in events), dates are
 * ISO business dates; the decider validates both. Facts owned by other aggregates (the loan's
 * status, the enterprise's size) are loaded by the application layer and passed in.
 */

/** fund-manager */
export type EstablishFund = Command<
  'EstablishFund',
  { readonly fundId: string; readonly name: string; readonly establishedOn: string }
>;

/** fund-manager */
export type ContributeCapital = Command<
  'ContributeCapital',
  { readonly fundId: string; readonly contributor: string; readonly amount: string; readonly valueDate: string }
>;

/** fund-manager; `version` must be above every version published before. */
export type PublishFundPolicy = Command<'PublishFundPolicy', FundPolicyData & { readonly fundId: string }>;

/** fund-manager */
export type AdmitBank = Command<
  'AdmitBank',
  { readonly fundId: string; readonly bankId: string; readonly admittedOn: string }
>;

/** fund-manager: a manual suspension with a reason. */
export type SuspendBank = Command<
  'SuspendBank',
  { readonly fundId: string; readonly bankId: string; readonly reason: string; readonly suspendedOn: string }
>;

/** fund-manager */
export type ReinstateBank = Command<
  'ReinstateBank',
  { readonly fundId: string; readonly bankId: string; readonly reason: string; readonly reinstatedOn: string }
>;

/**
 * fund-manager or system: the bank's bad-loan ratio against the policy's threshold. Suspends
 * (automatically) when strictly above; no event when at or below, or already suspended.
 */
export type AssessBank = Command<
  'AssessBank',
  {
    readonly fundId: string;
    readonly bankId: string;
    /** The bank's principal enrolled in this fund, and the part of it on defaulted loans. */
    readonly enrolledPrincipal: string;
    readonly defaultedPrincipal: string;
    readonly asOf: string;
  }
>;

/** The loan as the fund needs to see it, mapped from the Loan aggregate by the application layer. */
export type LoanStandingForFund = 'not-disbursed' | 'disbursed' | 'defaulted' | 'closed';

/** fund-manager */
export type EnrolLoan = Command<
  'EnrolLoan',
  {
    readonly fundId: string;
    readonly loanId: string;
    readonly bankId: string;
    readonly enterpriseId: string;
    readonly principal: string;
    /** disbursed (delinquent but not defaulted counts as disbursed); closed = repaid or written off. */
    readonly loanStanding: LoanStandingForFund;
    readonly enterpriseSize: FundEnterpriseSize;
    readonly enterpriseCertifications: readonly string[];
    readonly enrolledOn: string;
  }
>;

/** system (on LoanRepaid) or fund-manager: the loan no longer needs cover; idempotent. */
export type ReleaseLoanCover = Command<
  'ReleaseLoanCover',
  { readonly fundId: string; readonly loanId: string; readonly reason: 'loan-repaid'; readonly releasedOn: string }
>;

/** system (claim-payment process manager), idempotent per claimId. */
export type PayCompensation = Command<
  'PayCompensation',
  {
    readonly fundId: string;
    readonly claimId: string;
    readonly loanId: string;
    readonly bankId: string;
    readonly amount: string;
    readonly valueDate: string;
  }
>;

/** system (recovery-sharing process manager), idempotent per (claimId, recoveryId). */
export type ReceiveRecoveryShare = Command<
  'ReceiveRecoveryShare',
  {
    readonly fundId: string;
    readonly claimId: string;
    readonly recoveryId: string;
    readonly amount: string;
    readonly valueDate: string;
  }
>;

export type RiskFundCommand =
  | EstablishFund
  | ContributeCapital
  | PublishFundPolicy
  | AdmitBank
  | SuspendBank
  | ReinstateBank
  | AssessBank
  | EnrolLoan
  | ReleaseLoanCover
  | PayCompensation
  | ReceiveRecoveryShare;
