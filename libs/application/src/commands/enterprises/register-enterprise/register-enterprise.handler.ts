import { CommandHandler } from '@nestjs/cqrs';
import type { RegisterEnterprise, CommandMetadata } from '@pledge-ledger/domain';
import { EnterpriseCommandHandler } from '../enterprise-command-handler';
import { RegisterEnterpriseCommand } from './register-enterprise.command';

@CommandHandler(RegisterEnterpriseCommand)
export class RegisterEnterpriseHandler extends EnterpriseCommandHandler<RegisterEnterpriseCommand> {
  protected toDomain(command: RegisterEnterpriseCommand, metadata: CommandMetadata): RegisterEnterprise {
    return { type: 'RegisterEnterprise', data: command.data, metadata };
  }
}
