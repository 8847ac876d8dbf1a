import type { ClaimCommand, ClaimEvent, ClaimState } from '@pledge-ledger/domain';
import { claimDecider, claimStreamId } from '@pledge-ledger/domain';
import { AggregateCommandHandler } from '../aggregate-command-handler';
import type { LedgerCommand } from '../ledger-command';

/** Commands on one claim: its stream is named by the claim id (the loan id, see claimIdForLoan). */
export abstract class ClaimCommandHandler<
  Cmd extends LedgerCommand<{ readonly claimId: string }>,
> extends AggregateCommandHandler<Cmd, ClaimCommand, ClaimEvent, ClaimState> {
  protected readonly decider = claimDecider;

  protected streamId(command: Cmd): string {
    return claimStreamId(command.data.claimId);
  }
}
