import { CommandHandler } from '@nestjs/cqrs';
import type { MarkClaimPaid, CommandMetadata } from '@pledge-ledger/domain';
import { ClaimCommandHandler } from '../claim-command-handler';
import { MarkClaimPaidCommand } from './mark-claim-paid.command';

@CommandHandler(MarkClaimPaidCommand)
export class MarkClaimPaidHandler extends ClaimCommandHandler<MarkClaimPaidCommand> {
  // A repeat yields no event in the decider, so deciding again on newer state is safe.
  protected override readonly retries = 3;

  protected toDomain(command: MarkClaimPaidCommand, metadata: CommandMetadata): MarkClaimPaid {
    return { type: 'MarkClaimPaid', data: command.data, metadata };
  }
}
