import { CommandHandler } from '@nestjs/cqrs';
import type { RevokeCertification, CommandMetadata } from '@pledge-ledger/domain';
import { EnterpriseCommandHandler } from '../enterprise-command-handler';
import { RevokeCertificationCommand } from './revoke-certification.command';

@CommandHandler(RevokeCertificationCommand)
export class RevokeCertificationHandler extends EnterpriseCommandHandler<RevokeCertificationCommand> {
  protected toDomain(command: RevokeCertificationCommand, metadata: CommandMetadata): RevokeCertification {
    return { type: 'RevokeCertification', data: command.data, metadata };
  }
}
