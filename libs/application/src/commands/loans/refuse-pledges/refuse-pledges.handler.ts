import { CommandHandler } from '@nestjs/cqrs';
import type { RefusePledges, CommandMetadata } from '@pledge-ledger/domain';
import { LoanCommandHandler } from '../loan-command-handler';
import { RefusePledgesCommand } from './refuse-pledges.command';

@CommandHandler(RefusePledgesCommand)
export class RefusePledgesHandler extends LoanCommandHandler<RefusePledgesCommand> {
  // Refusing again is a no-op in the decider, so deciding again on newer state is safe.
  protected override readonly retries = 3;

  protected toDomain(command: RefusePledgesCommand, metadata: CommandMetadata): RefusePledges {
    return { type: 'RefusePledges', data: command.data, metadata };
  }
}
