import type { DomainEvent } from '../shared/decider';
import type { PayoutBound } from './payout';

/** The cover terms fixed when the loan was enrolled in the fund. */
export interface ClaimCoverData {
  readonly policyVersion: number;
  readonly coverageRatioBps: number;
  readonly tier: number;
  readonly perLoanCap: string;
  readonly coveredPrincipal: string;
}

export type ClaimFiled = DomainEvent<
  'ClaimFiled',
  {
    readonly claimId: string;
    readonly loanId: string;
    readonly bankId: string;
    readonly fundId: string;
    /** outstandingPrincipalAtDefault - recoveriesSoFar */
    readonly principalLoss: string;
    readonly outstandingPrincipalAtDefault: string;
    readonly recoveriesSoFar: string;
    readonly cover: ClaimCoverData;
    readonly filedBy: string;
    readonly filedOn: string;
  }
>;

/** Everything the payout was computed from, so a replay or an auditor gets the same figure. */
export interface PayoutTrace {
  /** The fund's current policy at approval (its dual-approval threshold applied). */
  readonly policyVersion: number;
  /** The policy the loan was enrolled under (its ratio, tier and per-loan cap applied). */
  readonly enrolmentPolicyVersion: number;
  readonly coverageRatioBps: number;
  readonly tier: number;
  readonly principalLoss: string;
  readonly ratioAmount: string;
  readonly perLoanCap: string;
  readonly bankAnnualCapRemaining: string;
  readonly fundAvailableBalance: string;
  readonly payout: string;
  readonly boundApplied: PayoutBound;
  readonly dualApprovalThreshold: string;
}

export type ClaimApproved = DomainEvent<
  'ClaimApproved',
  {
    readonly claimId: string;
    readonly loanId: string;
    readonly bankId: string;
    readonly fundId: string;
    readonly approvedBy: string;
    readonly approvedOn: string;
    readonly calculation: PayoutTrace;
    /** 2 when the payout is above the policy's dualApprovalThreshold. */
    readonly approvalsRequired: 1 | 2;
    /** Approvals of this same payout so far, this one included. */
    readonly approvalsSoFar: number;
    /** approvalsSoFar >= approvalsRequired: the claim-payment process manager pays it. */
    readonly fullyApproved: boolean;
  }
>;

export type ClaimRejected = DomainEvent<
  'ClaimRejected',
  {
    readonly claimId: string;
    readonly loanId: string;
    readonly bankId: string;
    readonly reason: string;
    readonly rejectedBy: string;
    readonly rejectedOn: string;
  }
>;

export type ClaimPaid = DomainEvent<
  'ClaimPaid',
  {
    readonly claimId: string;
    readonly loanId: string;
    readonly bankId: string;
    readonly fundId: string;
    readonly amount: string;
    readonly paidOn: string;
  }
>;

/** The fund refused to pay the approved payout; the claim is back to awaiting approval. */
export type ClaimPaymentRefused = DomainEvent<
  'ClaimPaymentRefused',
  {
    readonly claimId: string;
    readonly loanId: string;
    readonly bankId: string;
    readonly fundId: string;
    readonly refusedPayout: string;
    /** The fund's error code, e.g. FUND.INSUFFICIENT_BALANCE. */
    readonly code: string;
    readonly reason: string;
    readonly refusedOn: string;
  }
>;

export type RecoveryShared = DomainEvent<
  'RecoveryShared',
  {
    readonly claimId: string;
    readonly loanId: string;
    readonly bankId: string;
    readonly fundId: string;
    readonly recoveryId: string;
    readonly recoveryAmount: string;
    readonly payout: string;
    readonly principalLoss: string;
    /** floor(recoveryAmount x payout / principalLoss), capped so cumulativeShared <= payout. */
    readonly fundShare: string;
    readonly cumulativeShared: string;
    readonly sharedOn: string;
  }
>;

export type ClaimEvent = ClaimFiled | ClaimApproved | ClaimRejected | ClaimPaid | ClaimPaymentRefused | RecoveryShared;

export function claimStreamId(claimId: string): string {
  return `claim-${claimId}`;
}

/** One claim stream per loan: the claim id is the loan id. */
export function claimIdForLoan(loanId: string): string {
  return loanId;
}
