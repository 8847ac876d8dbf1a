import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata, OriginateLoan } from '@pledge-ledger/domain';
import { isEnterpriseRegistered } from '../../facts/enterprise-facts';
import { LoanCommandHandler } from '../loan-command-handler';
import { OriginateLoanCommand } from './originate-loan.command';

@CommandHandler(OriginateLoanCommand)
export class OriginateLoanHandler extends LoanCommandHandler<OriginateLoanCommand> {
  protected async toDomain(command: OriginateLoanCommand, metadata: CommandMetadata): Promise<OriginateLoan> {
    const enterpriseRegistered = await isEnterpriseRegistered(this.store, command.data.enterpriseId);
    return { type: 'OriginateLoan', data: { ...command.data, enterpriseRegistered }, metadata };
  }
}
