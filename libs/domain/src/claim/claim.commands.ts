import type { Command } from '../shared/decider';
import type { FundSnapshot, LoanCover } from '../risk-fund/fund-position';

/**
 * The claim's commands. Money as two-decimal strings, dates ISO; facts from the Loan and
 * RiskFund aggregates are loaded by the application layer and passed in (`loanCover(fundState,
 * loanId)` and `fundSnapshot(fundState, bankId, approvedOn)` build them from the fund's state).
 * The claim id is the loan id (see claim.state.ts).
 */

/** bank, for its own loan. */
export type FileClaim = Command<
  'FileClaim',
  {
    readonly loanId: string;
    /** The loan's bank (from the Loan): must be the filing bank, else CLAIM.NOT_FOUND. */
    readonly bankId: string;
    readonly loanDefaulted: boolean;
    readonly outstandingPrincipalAtDefault: string;
    /** Net recoveries recorded on the loan before filing; the principal loss is what remains. */
    readonly recoveriesSoFar: string;
    /** The loan's cover in the fund, null when it was never enrolled. */
    readonly cover: LoanCover | null;
    readonly filedOn: string;
  }
>;

/** fund-manager, not the filer. */
export type ApproveClaim = Command<
  'ApproveClaim',
  { readonly claimId: string; readonly fund: FundSnapshot; readonly approvedOn: string }
>;

/** fund-manager, while the claim is not fully approved. */
export type RejectClaim = Command<
  'RejectClaim',
  { readonly claimId: string; readonly reason: string; readonly rejectedOn: string }
>;

/** system (claim-payment process manager, after CompensationPaid); idempotent. */
export type MarkClaimPaid = Command<
  'MarkClaimPaid',
  { readonly claimId: string; readonly amount: string; readonly paidOn: string }
>;

/**
 * system (claim-payment process manager): the fund refused PayCompensation (e.g.
 * FUND.INSUFFICIENT_BALANCE or FUND.BANK_ANNUAL_CAP_EXCEEDED because the fund moved since the
 * approval). The approvals lapse and the claim awaits approval again on fresh figures.
 */
export type RecordClaimPaymentRefused = Command<
  'RecordClaimPaymentRefused',
  { readonly claimId: string; readonly code: string; readonly reason: string; readonly refusedOn: string }
>;

/** system (recovery-sharing process manager, on each net recovery of the loan); idempotent per recoveryId. */
export type ShareRecovery = Command<
  'ShareRecovery',
  { readonly claimId: string; readonly recoveryId: string; readonly recoveryAmount: string; readonly sharedOn: string }
>;

export type ClaimCommand =
  FileClaim | ApproveClaim | RejectClaim | MarkClaimPaid | RecordClaimPaymentRefused | ShareRecovery;
