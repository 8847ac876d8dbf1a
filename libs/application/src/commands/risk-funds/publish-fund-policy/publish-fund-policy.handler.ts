import { CommandHandler } from '@nestjs/cqrs';
import type { PublishFundPolicy, CommandMetadata } from '@pledge-ledger/domain';
import { RiskFundCommandHandler } from '../risk-fund-command-handler';
import { PublishFundPolicyCommand } from './publish-fund-policy.command';

@CommandHandler(PublishFundPolicyCommand)
export class PublishFundPolicyHandler extends RiskFundCommandHandler<PublishFundPolicyCommand> {
  // Versions must increase: decided again on newer state, the same version is refused, never
  // published twice. The fund stream is busy (enrolments, payments), hence the retry.
  protected override readonly retries = 3;

  protected toDomain(command: PublishFundPolicyCommand, metadata: CommandMetadata): PublishFundPolicy {
    return { type: 'PublishFundPolicy', data: command.data, metadata };
  }
}
