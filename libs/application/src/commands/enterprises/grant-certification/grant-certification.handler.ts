import { CommandHandler } from '@nestjs/cqrs';
import type { GrantCertification, CommandMetadata } from '@pledge-ledger/domain';
import { EnterpriseCommandHandler } from '../enterprise-command-handler';
import { GrantCertificationCommand } from './grant-certification.command';

@CommandHandler(GrantCertificationCommand)
export class GrantCertificationHandler extends EnterpriseCommandHandler<GrantCertificationCommand> {
  protected toDomain(command: GrantCertificationCommand, metadata: CommandMetadata): GrantCertification {
    return { type: 'GrantCertification', data: command.data, metadata };
  }
}
