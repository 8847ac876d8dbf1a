import { CommandHandler } from '@nestjs/cqrs';
import type { ContributeCapital, CommandMetadata } from '@pledge-ledger/domain';
import { RiskFundCommandHandler } from '../risk-fund-command-handler';
import { ContributeCapitalCommand } from './contribute-capital.command';

@CommandHandler(ContributeCapitalCommand)
export class ContributeCapitalHandler extends RiskFundCommandHandler<ContributeCapitalCommand> {
  // No retry: nothing tells a second contribution from the same one sent twice, so deciding again on
  // newer state could count it twice. A ConcurrencyError reaches the caller; idempotency keys (the
  // API's) are what make a resend safe.

  protected toDomain(command: ContributeCapitalCommand, metadata: CommandMetadata): ContributeCapital {
    return { type: 'ContributeCapital', data: command.data, metadata };
  }
}
