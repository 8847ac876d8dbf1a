import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import type { ClaimCommand } from './claim.commands';
import type { ClaimEvent } from './claim.events';
import type { ClaimState } from './claim.state';
import { evolveClaim, initialClaimState } from './claim.state';
import { approveClaim } from './decide/approve-claim';
import { fileClaim } from './decide/file-claim';
import { markClaimPaid } from './decide/mark-claim-paid';
import { recordClaimPaymentRefused } from './decide/record-payment-refused';
import { rejectClaim } from './decide/reject-claim';
import { shareRecovery } from './decide/share-recovery';

export function decideClaim(command: ClaimCommand, state: ClaimState): ClaimEvent[] {
  switch (command.type) {
    case 'FileClaim':
      return fileClaim(command, state);
    case 'ApproveClaim':
      return approveClaim(command, state);
    case 'RejectClaim':
      return rejectClaim(command, state);
    case 'MarkClaimPaid':
      return markClaimPaid(command, state);
    case 'RecordClaimPaymentRefused':
      return recordClaimPaymentRefused(command, state);
    case 'ShareRecovery':
      return shareRecovery(command, state);
    default:
      return assertNever(command);
  }
}

export const claimDecider: Decider<ClaimCommand, ClaimEvent, ClaimState> = {
  initialState: initialClaimState,
  evolve: evolveClaim,
  decide: decideClaim,
};
