import type { EnterpriseCommand, EnterpriseEvent, EnterpriseState } from '@pledge-ledger/domain';
import { enterpriseDecider, enterpriseStreamId } from '@pledge-ledger/domain';
import { AggregateCommandHandler } from '../aggregate-command-handler';
import type { LedgerCommand } from '../ledger-command';

/** Commands on one enterprise: its stream is named by the enterprise id. */
export abstract class EnterpriseCommandHandler<
  Cmd extends LedgerCommand<{ readonly enterpriseId: string }>,
> extends AggregateCommandHandler<Cmd, EnterpriseCommand, EnterpriseEvent, EnterpriseState> {
  protected readonly decider = enterpriseDecider;

  protected streamId(command: Cmd): string {
    return enterpriseStreamId(command.data.enterpriseId);
  }
}
