import { CommandHandler } from '@nestjs/cqrs';
import type { ApproveClaim, CommandMetadata } from '@pledge-ledger/domain';
import { claimParties } from '../../facts/claim-facts';
import { fundSnapshotOn } from '../../facts/fund-facts';
import { ClaimCommandHandler } from '../claim-command-handler';
import { ApproveClaimCommand } from './approve-claim.command';

@CommandHandler(ApproveClaimCommand)
export class ApproveClaimHandler extends ClaimCommandHandler<ApproveClaimCommand> {
  // No retry: two fund managers approving (or one rejecting) at once is the four-eyes rule at
  // work; whoever loses the race sees the other's decision (ConcurrencyError) before deciding again.

  protected async toDomain(command: ApproveClaimCommand, metadata: CommandMetadata): Promise<ApproveClaim> {
    const { claimId, approvedOn } = command.data;
    const { fundId, bankId } = await claimParties(this.store, claimId, metadata.actor);
    const fund = await fundSnapshotOn(this.store, fundId, bankId, approvedOn);
    return { type: 'ApproveClaim', data: { claimId, approvedOn, fund }, metadata };
  }
}
