import { CommandHandler } from '@nestjs/cqrs';
import type { FileInvalidation, CommandMetadata } from '@pledge-ledger/domain';
import { IpAssetCommandHandler } from '../ip-asset-command-handler';
import { FileInvalidationCommand } from './file-invalidation.command';

@CommandHandler(FileInvalidationCommand)
export class FileInvalidationHandler extends IpAssetCommandHandler<FileInvalidationCommand> {
  // The case number identifies the filing: decided again on newer state, the same case is refused as
  // already filed.
  protected override readonly retries = 3;

  protected toDomain(command: FileInvalidationCommand, metadata: CommandMetadata): FileInvalidation {
    return { type: 'FileInvalidation', data: command.data, metadata };
  }
}
