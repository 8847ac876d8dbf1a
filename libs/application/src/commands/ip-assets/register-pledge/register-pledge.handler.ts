import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata, RegisterPledge } from '@pledge-ledger/domain';
import { loanForPledge } from '../../facts/loan-facts';
import { IpAssetCommandHandler } from '../ip-asset-command-handler';
import { RegisterPledgeCommand } from './register-pledge.command';

@CommandHandler(RegisterPledgeCommand)
export class RegisterPledgeHandler extends IpAssetCommandHandler<RegisterPledgeCommand> {
  // The same loan's pledge registered again yields no event and every refusal rule is re-checked on
  // the newer state (an annual fee lapse recorded first refuses the pledge), so a retry is safe.
  protected override readonly retries = 3;

  protected async toDomain(command: RegisterPledgeCommand, metadata: CommandMetadata): Promise<RegisterPledge> {
    const loan = await loanForPledge(this.store, command.data.loanId, metadata.actor);
    return { type: 'RegisterPledge', data: { ...command.data, ...loan }, metadata };
  }
}
