import { CommandHandler } from '@nestjs/cqrs';
import type { ShareRecovery, CommandMetadata } from '@pledge-ledger/domain';
import { ClaimCommandHandler } from '../claim-command-handler';
import { ShareRecoveryCommand } from './share-recovery.command';

@CommandHandler(ShareRecoveryCommand)
export class ShareRecoveryHandler extends ClaimCommandHandler<ShareRecoveryCommand> {
  // Idempotent per recovery id and capped by the payout, re-checked on the newer state.
  protected override readonly retries = 3;

  protected toDomain(command: ShareRecoveryCommand, metadata: CommandMetadata): ShareRecovery {
    return { type: 'ShareRecovery', data: command.data, metadata };
  }
}
