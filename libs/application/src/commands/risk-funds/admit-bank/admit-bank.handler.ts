import { CommandHandler } from '@nestjs/cqrs';
import type { AdmitBank, CommandMetadata } from '@pledge-ledger/domain';
import { requireRegisteredBank } from '../../facts/bank-facts';
import { RiskFundCommandHandler } from '../risk-fund-command-handler';
import { AdmitBankCommand } from './admit-bank.command';

@CommandHandler(AdmitBankCommand)
export class AdmitBankHandler extends RiskFundCommandHandler<AdmitBankCommand> {
  // A bank already admitted is refused, so deciding again on newer state admits it at most once.
  // The fund stream is busy (enrolments, payments), hence the retry.
  protected override readonly retries = 3;

  protected async toDomain(command: AdmitBankCommand, metadata: CommandMetadata): Promise<AdmitBank> {
    await requireRegisteredBank(this.store, command.data.bankId);
    return { type: 'AdmitBank', data: command.data, metadata };
  }
}
