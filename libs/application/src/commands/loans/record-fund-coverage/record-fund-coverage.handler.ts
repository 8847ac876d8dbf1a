import { CommandHandler } from '@nestjs/cqrs';
import type { RecordFundCoverage, CommandMetadata } from '@pledge-ledger/domain';
import { LoanCommandHandler } from '../loan-command-handler';
import { RecordFundCoverageCommand } from './record-fund-coverage.command';

@CommandHandler(RecordFundCoverageCommand)
export class RecordFundCoverageHandler extends LoanCommandHandler<RecordFundCoverageCommand> {
  // A repeat for the same fund is a no-op in the decider, so deciding again on newer state is safe.
  protected override readonly retries = 3;

  protected toDomain(command: RecordFundCoverageCommand, metadata: CommandMetadata): RecordFundCoverage {
    return { type: 'RecordFundCoverage', data: command.data, metadata };
  }
}
