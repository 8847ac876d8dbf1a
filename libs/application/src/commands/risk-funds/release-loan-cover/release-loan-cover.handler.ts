import { CommandHandler } from '@nestjs/cqrs';
import type { ReleaseLoanCover, CommandMetadata } from '@pledge-ledger/domain';
import { RiskFundCommandHandler } from '../risk-fund-command-handler';
import { ReleaseLoanCoverCommand } from './release-loan-cover.command';

@CommandHandler(ReleaseLoanCoverCommand)
export class ReleaseLoanCoverHandler extends RiskFundCommandHandler<ReleaseLoanCoverCommand> {
  // Releasing again is a no-op in the decider, so deciding again on newer state is safe.
  protected override readonly retries = 3;

  protected toDomain(command: ReleaseLoanCoverCommand, metadata: CommandMetadata): ReleaseLoanCover {
    return { type: 'ReleaseLoanCover', data: command.data, metadata };
  }
}
