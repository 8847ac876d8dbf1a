import { CommandHandler } from '@nestjs/cqrs';
import type { SuspendBank, CommandMetadata } from '@pledge-ledger/domain';
import { RiskFundCommandHandler } from '../risk-fund-command-handler';
import { SuspendBankCommand } from './suspend-bank.command';

@CommandHandler(SuspendBankCommand)
export class SuspendBankHandler extends RiskFundCommandHandler<SuspendBankCommand> {
  // A bank already suspended is refused, so deciding again on newer state suspends it at most once.
  protected override readonly retries = 3;

  protected toDomain(command: SuspendBankCommand, metadata: CommandMetadata): SuspendBank {
    return { type: 'SuspendBank', data: command.data, metadata };
  }
}
