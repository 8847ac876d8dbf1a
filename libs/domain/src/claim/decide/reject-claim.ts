import { requireRole } from '../../shared/authorization';
import { dateField, textField } from '../claim-input';
import type { RejectClaim } from '../claim.commands';
import type { ClaimRejected } from '../claim.events';
import type { ClaimState } from '../claim.state';
import { requireAwaitingApproval } from './approve-claim';
import { requireClaim } from './guards';

/** A fund manager rejects a claim, only while it is not fully approved. */
export function rejectClaim(command: RejectClaim, state: ClaimState): ClaimRejected[] {
  const { actor } = command.metadata;
  requireRole(actor, 'fund-manager');
  const { claimId } = command.data;
  const claim = requireClaim(state, claimId, actor);
  const reason = textField(command.data.reason, 'reason');
  const rejectedOn = dateField(command.data.rejectedOn, 'rejectedOn');
  requireAwaitingApproval(claim);
  return [
    {
      type: 'ClaimRejected',
      data: { claimId, loanId: claim.loanId, bankId: claim.bankId, reason, rejectedBy: actor.sub, rejectedOn },
    },
  ];
}
