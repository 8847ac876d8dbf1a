import { CommandHandler } from '@nestjs/cqrs';
import type { RecordAnnualFeeLapse, CommandMetadata } from '@pledge-ledger/domain';
import { IpAssetCommandHandler } from '../ip-asset-command-handler';
import { RecordAnnualFeeLapseCommand } from './record-annual-fee-lapse.command';

@CommandHandler(RecordAnnualFeeLapseCommand)
export class RecordAnnualFeeLapseHandler extends IpAssetCommandHandler<RecordAnnualFeeLapseCommand> {
  // A lapse decided again on newer state (e.g. after the pledging process manager wrote) is re-
  // checked and a second lapse is refused, so nothing is recorded twice.
  protected override readonly retries = 3;

  protected toDomain(command: RecordAnnualFeeLapseCommand, metadata: CommandMetadata): RecordAnnualFeeLapse {
    return { type: 'RecordAnnualFeeLapse', data: command.data, metadata };
  }
}
