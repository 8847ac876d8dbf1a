import { CommandHandler } from '@nestjs/cqrs';
import type { RecordValuation, CommandMetadata } from '@pledge-ledger/domain';
import { IpAssetCommandHandler } from '../ip-asset-command-handler';
import { RecordValuationCommand } from './record-valuation.command';

@CommandHandler(RecordValuationCommand)
export class RecordValuationHandler extends IpAssetCommandHandler<RecordValuationCommand> {
  protected toDomain(command: RecordValuationCommand, metadata: CommandMetadata): RecordValuation {
    return { type: 'RecordValuation', data: command.data, metadata };
  }
}
