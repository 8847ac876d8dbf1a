import { CommandHandler } from '@nestjs/cqrs';
import type { SecurePledges, CommandMetadata } from '@pledge-ledger/domain';
import { LoanCommandHandler } from '../loan-command-handler';
import { SecurePledgesCommand } from './secure-pledges.command';

@CommandHandler(SecurePledgesCommand)
export class SecurePledgesHandler extends LoanCommandHandler<SecurePledgesCommand> {
  // Securing the same pledges again is a no-op in the decider, so deciding again on newer state is
  // safe.
  protected override readonly retries = 3;

  protected toDomain(command: SecurePledgesCommand, metadata: CommandMetadata): SecurePledges {
    return { type: 'SecurePledges', data: command.data, metadata };
  }
}
