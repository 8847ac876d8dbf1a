import { CommandHandler } from '@nestjs/cqrs';
import type { EnforcePledge, CommandMetadata } from '@pledge-ledger/domain';
import { IpAssetCommandHandler } from '../ip-asset-command-handler';
import { EnforcePledgeCommand } from './enforce-pledge.command';

@CommandHandler(EnforcePledgeCommand)
export class EnforcePledgeHandler extends IpAssetCommandHandler<EnforcePledgeCommand> {
  // The same enforcement repeated yields no event and a different one is refused, so deciding again
  // on newer state records it at most once.
  protected override readonly retries = 3;

  protected toDomain(command: EnforcePledgeCommand, metadata: CommandMetadata): EnforcePledge {
    return { type: 'EnforcePledge', data: command.data, metadata };
  }
}
