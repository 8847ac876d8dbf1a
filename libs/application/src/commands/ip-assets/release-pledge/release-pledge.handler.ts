import { CommandHandler } from '@nestjs/cqrs';
import type { ReleasePledge, CommandMetadata } from '@pledge-ledger/domain';
import { IpAssetCommandHandler } from '../ip-asset-command-handler';
import { ReleasePledgeCommand } from './release-pledge.command';

@CommandHandler(ReleasePledgeCommand)
export class ReleasePledgeHandler extends IpAssetCommandHandler<ReleasePledgeCommand> {
  // A release repeated for the same loan yields no event, so deciding again on newer state cannot
  // release twice.
  protected override readonly retries = 3;

  protected toDomain(command: ReleasePledgeCommand, metadata: CommandMetadata): ReleasePledge {
    return { type: 'ReleasePledge', data: command.data, metadata };
  }
}
