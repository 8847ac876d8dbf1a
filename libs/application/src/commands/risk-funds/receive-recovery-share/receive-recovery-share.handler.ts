import { CommandHandler } from '@nestjs/cqrs';
import type { ReceiveRecoveryShare, CommandMetadata } from '@pledge-ledger/domain';
import { RiskFundCommandHandler } from '../risk-fund-command-handler';
import { ReceiveRecoveryShareCommand } from './receive-recovery-share.command';

@CommandHandler(ReceiveRecoveryShareCommand)
export class ReceiveRecoveryShareHandler extends RiskFundCommandHandler<ReceiveRecoveryShareCommand> {
  // Idempotent per (claim id, recovery id) and capped by what the fund paid, re-checked on the newer
  // state.
  protected override readonly retries = 3;

  protected toDomain(command: ReceiveRecoveryShareCommand, metadata: CommandMetadata): ReceiveRecoveryShare {
    return { type: 'ReceiveRecoveryShare', data: command.data, metadata };
  }
}
