import { CommandHandler } from '@nestjs/cqrs';
import type { EstablishFund, CommandMetadata } from '@pledge-ledger/domain';
import { RiskFundCommandHandler } from '../risk-fund-command-handler';
import { EstablishFundCommand } from './establish-fund.command';

@CommandHandler(EstablishFundCommand)
export class EstablishFundHandler extends RiskFundCommandHandler<EstablishFundCommand> {
  protected toDomain(command: EstablishFundCommand, metadata: CommandMetadata): EstablishFund {
    return { type: 'EstablishFund', data: command.data, metadata };
  }
}
