import type { BasisPoints } from '../shared/basis-points';
import type { BusinessDate } from '../shared/business-date';
import { assertNever } from '../shared/decider';
import type { Fen } from '../shared/money';
import { parseMoney } from '../shared/money';
import type { ClaimEvent, PayoutTrace } from './claim.events';

/**
 * One claim stream per LOAN: the claim id is the loan id (stream `claim-<loanId>`). "One open
 * claim per loan" is then enforced atomically by the event store's expected revision, not by a
 * read model that could lag. A rejected claim may be filed again in the same stream (a new
 * ClaimFiled starts over); a paid claim is final.
 *
 * Approvals (four eyes): each ClaimApproved carries the payout computed from the fund snapshot
 * of that moment. An approval counts toward the current round only if it computes the SAME
 * payout; if the fund moved in between (different payout), the earlier approvals no longer
 * count and the round restarts with this one. So every payable claim has `approvalsRequired`
 * distinct fund managers approving exactly the amount that is paid.
 *
 * Lifecycle: none -> filed -> (approving) -> approved -> paid; filed|approving -> rejected -> filed;
 * approved -> filed again when the fund refuses the payment (ClaimPaymentRefused: approvals lapse).
 */

export interface ClaimCover {
  readonly policyVersion: number;
  readonly coverageRatioBps: BasisPoints;
  readonly tier: number;
  readonly perLoanCap: Fen;
  readonly coveredPrincipal: Fen;
}

interface ClaimBase {
  readonly claimId: string;
  readonly loanId: string;
  readonly bankId: string;
  readonly fundId: string;
  readonly principalLoss: Fen;
  readonly cover: ClaimCover;
  readonly filedBy: string;
  readonly filedOn: BusinessDate;
}

/** The approvals of one payout amount. */
export interface ApprovalRound {
  readonly payout: Fen;
  readonly approvalsRequired: 1 | 2;
  readonly approvers: readonly string[];
  readonly trace: PayoutTrace;
}

export type FiledClaimState = ClaimBase & { readonly status: 'filed' };
/** Some approvals, fewer than required. */
export type ApprovingClaimState = ClaimBase & { readonly status: 'approving'; readonly round: ApprovalRound };
export type ApprovedClaimState = ClaimBase & { readonly status: 'approved'; readonly round: ApprovalRound };
export type RejectedClaimState = ClaimBase & {
  readonly status: 'rejected';
  readonly reason: string;
  readonly rejectedBy: string;
};
export type PaidClaimState = ClaimBase & {
  readonly status: 'paid';
  readonly round: ApprovalRound;
  readonly paidAmount: Fen;
  readonly paidOn: BusinessDate;
  readonly cumulativeShared: Fen;
  readonly recoveryIds: readonly string[];
};

export type ClaimState =
  | { readonly status: 'none' }
  | FiledClaimState
  | ApprovingClaimState
  | ApprovedClaimState
  | RejectedClaimState
  | PaidClaimState;

export const initialClaimState: ClaimState = { status: 'none' };

export function evolveClaim(state: ClaimState, event: ClaimEvent): ClaimState {
  switch (event.type) {
    case 'ClaimFiled': {
      const data = event.data;
      return {
        status: 'filed',
        claimId: data.claimId,
        loanId: data.loanId,
        bankId: data.bankId,
        fundId: data.fundId,
        principalLoss: parseMoney(data.principalLoss),
        cover: {
          policyVersion: data.cover.policyVersion,
          coverageRatioBps: data.cover.coverageRatioBps,
          tier: data.cover.tier,
          perLoanCap: parseMoney(data.cover.perLoanCap),
          coveredPrincipal: parseMoney(data.cover.coveredPrincipal),
        },
        filedBy: data.filedBy,
        filedOn: data.filedOn,
      };
    }
    case 'ClaimApproved': {
      if (state.status !== 'filed' && state.status !== 'approving') return state;
      const data = event.data;
      const payout = parseMoney(data.calculation.payout);
      // the decider numbers an approval 1 when it starts a new round
      const continues = state.status === 'approving' && data.approvalsSoFar > 1;
      const round: ApprovalRound = {
        payout,
        approvalsRequired: data.approvalsRequired,
        approvers: continues ? [...state.round.approvers, data.approvedBy] : [data.approvedBy],
        trace: data.calculation,
      };
      return { ...baseOf(state), status: data.fullyApproved ? 'approved' : 'approving', round };
    }
    case 'ClaimRejected': {
      if (state.status === 'none') return state;
      return {
        ...baseOf(state),
        status: 'rejected',
        reason: event.data.reason,
        rejectedBy: event.data.rejectedBy,
      };
    }
    case 'ClaimPaid': {
      if (state.status !== 'approved') return state;
      return {
        ...baseOf(state),
        status: 'paid',
        round: state.round,
        paidAmount: parseMoney(event.data.amount),
        paidOn: event.data.paidOn,
        cumulativeShared: 0n,
        recoveryIds: [],
      };
    }
    case 'ClaimPaymentRefused': {
      if (state.status !== 'approved') return state;
      return { ...baseOf(state), status: 'filed' };
    }
    case 'RecoveryShared': {
      if (state.status !== 'paid') return state;
      return {
        ...state,
        cumulativeShared: parseMoney(event.data.cumulativeShared),
        recoveryIds: [...state.recoveryIds, event.data.recoveryId],
      };
    }
    default:
      return assertNever(event);
  }
}

function baseOf(state: Exclude<ClaimState, { status: 'none' }>): ClaimBase {
  const { claimId, loanId, bankId, fundId, principalLoss, cover, filedBy, filedOn } = state;
  return { claimId, loanId, bankId, fundId, principalLoss, cover, filedBy, filedOn };
}
