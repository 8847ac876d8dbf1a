import { CommandHandler } from '@nestjs/cqrs';
import type { PayCompensation, CommandMetadata } from '@pledge-ledger/domain';
import { RiskFundCommandHandler } from '../risk-fund-command-handler';
import { PayCompensationCommand } from './pay-compensation.command';

@CommandHandler(PayCompensationCommand)
export class PayCompensationHandler extends RiskFundCommandHandler<PayCompensationCommand> {
  // Idempotent per claim id (a claim already paid yields no event), and the available balance and
  // the bank's annual cap are checked again on the newer state, so a retry never pays twice nor
  // below zero.
  protected override readonly retries = 3;

  protected toDomain(command: PayCompensationCommand, metadata: CommandMetadata): PayCompensation {
    return { type: 'PayCompensation', data: command.data, metadata };
  }
}
