import { CommandHandler } from '@nestjs/cqrs';
import type { RejectClaim, CommandMetadata } from '@pledge-ledger/domain';
import { ClaimCommandHandler } from '../claim-command-handler';
import { RejectClaimCommand } from './reject-claim.command';

@CommandHandler(RejectClaimCommand)
export class RejectClaimHandler extends ClaimCommandHandler<RejectClaimCommand> {
  protected toDomain(command: RejectClaimCommand, metadata: CommandMetadata): RejectClaim {
    return { type: 'RejectClaim', data: command.data, metadata };
  }
}
