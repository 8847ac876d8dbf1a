import type { ClaimEvent } from '@pledge-ledger/domain';

/** A claim's status as the read models show it: the Claim aggregate's own statuses. */
export type ClaimStatus = 'filed' | 'approving' | 'approved' | 'rejected' | 'paid';

export const CLAIM_STATUSES: readonly ClaimStatus[] = ['filed', 'approving', 'approved', 'rejected', 'paid'];

/** Statuses of a claim still waiting for the fund: the fund dashboard's claim queue. */
export const OPEN_CLAIM_STATUSES: readonly ClaimStatus[] = ['filed', 'approving', 'approved'];

/** Where a claim stands: its status and the fund managers whose approvals count now. */
export interface ClaimStanding {
  readonly status: ClaimStatus;
  /** Approvers of the current round (the same payout), in order. */
  readonly approvers: readonly string[];
}

/**
 * The next standing, following the Claim aggregate's `evolveClaim` transitions and the flags its
 * decider put on each event (`fullyApproved`, `approvalsSoFar`): an approval numbered 1 starts a
 * new round, a refused payment sends the claim back to `filed` with its approvals lapsed, a new
 * ClaimFiled after a rejection starts over. Events the aggregate would ignore change nothing.
 */
export function nextClaimStanding(standing: ClaimStanding | null, event: ClaimEvent): ClaimStanding | null {
  switch (event.type) {
    case 'ClaimFiled':
      return { status: 'filed', approvers: [] };
    case 'ClaimApproved': {
      if (!standing || (standing.status !== 'filed' && standing.status !== 'approving')) return standing;
      const continues = standing.status === 'approving' && event.data.approvalsSoFar > 1;
      return {
        status: event.data.fullyApproved ? 'approved' : 'approving',
        approvers: continues ? [...standing.approvers, event.data.approvedBy] : [event.data.approvedBy],
      };
    }
    case 'ClaimRejected':
      return standing ? { status: 'rejected', approvers: [] } : standing;
    case 'ClaimPaid':
      return standing?.status === 'approved' ? { ...standing, status: 'paid' } : standing;
    case 'ClaimPaymentRefused':
      return standing?.status === 'approved' ? { status: 'filed', approvers: [] } : standing;
    case 'RecoveryShared':
      return standing;
  }
}

export const CLAIM_EVENT_TYPES: ReadonlySet<ClaimEvent['type']> = new Set([
  'ClaimFiled',
  'ClaimApproved',
  'ClaimRejected',
  'ClaimPaid',
  'ClaimPaymentRefused',
  'RecoveryShared',
]);
