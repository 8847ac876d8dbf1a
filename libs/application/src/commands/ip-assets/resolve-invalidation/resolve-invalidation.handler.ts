import { CommandHandler } from '@nestjs/cqrs';
import type { ResolveInvalidation, CommandMetadata } from '@pledge-ledger/domain';
import { IpAssetCommandHandler } from '../ip-asset-command-handler';
import { ResolveInvalidationCommand } from './resolve-invalidation.command';

@CommandHandler(ResolveInvalidationCommand)
export class ResolveInvalidationHandler extends IpAssetCommandHandler<ResolveInvalidationCommand> {
  // Only a pending case can be resolved: decided again on newer state, a case already resolved is
  // refused.
  protected override readonly retries = 3;

  protected toDomain(command: ResolveInvalidationCommand, metadata: CommandMetadata): ResolveInvalidation {
    return { type: 'ResolveInvalidation', data: command.data, metadata };
  }
}
