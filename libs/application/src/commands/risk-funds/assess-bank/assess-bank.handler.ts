import { CommandHandler } from '@nestjs/cqrs';
import type { AssessBank, CommandMetadata } from '@pledge-ledger/domain';
import { bankExposureInFund } from '../../facts/fund-facts';
import { RiskFundCommandHandler } from '../risk-fund-command-handler';
import { AssessBankCommand } from './assess-bank.command';

@CommandHandler(AssessBankCommand)
export class AssessBankHandler extends RiskFundCommandHandler<AssessBankCommand> {
  // An assessment is idempotent (no event at or below the threshold or when already suspended),
  // so deciding again on newer fund state is safe.
  protected override readonly retries = 3;

  protected async toDomain(command: AssessBankCommand, metadata: CommandMetadata): Promise<AssessBank> {
    const exposure = await bankExposureInFund(this.store, command.data.fundId, command.data.bankId);
    return { type: 'AssessBank', data: { ...command.data, ...exposure }, metadata };
  }
}
