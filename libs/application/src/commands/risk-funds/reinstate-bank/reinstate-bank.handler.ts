import { CommandHandler } from '@nestjs/cqrs';
import type { ReinstateBank, CommandMetadata } from '@pledge-ledger/domain';
import { RiskFundCommandHandler } from '../risk-fund-command-handler';
import { ReinstateBankCommand } from './reinstate-bank.command';

@CommandHandler(ReinstateBankCommand)
export class ReinstateBankHandler extends RiskFundCommandHandler<ReinstateBankCommand> {
  // Only a suspended bank can be reinstated, so deciding again on newer state reinstates it at most
  // once.
  protected override readonly retries = 3;

  protected toDomain(command: ReinstateBankCommand, metadata: CommandMetadata): ReinstateBank {
    return { type: 'ReinstateBank', data: command.data, metadata };
  }
}
