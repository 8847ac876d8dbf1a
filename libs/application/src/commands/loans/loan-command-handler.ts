import type { LoanCommand, LoanEvent, LoanState } from '@pledge-ledger/domain';
import { loanDecider, loanStreamId } from '@pledge-ledger/domain';
import { AggregateCommandHandler } from '../aggregate-command-handler';
import type { LedgerCommand } from '../ledger-command';

/** Commands on one loan: its stream is named by the loan id. */
export abstract class LoanCommandHandler<
  Cmd extends LedgerCommand<{ readonly loanId: string }>,
> extends AggregateCommandHandler<Cmd, LoanCommand, LoanEvent, LoanState> {
  protected readonly decider = loanDecider;

  protected streamId(command: Cmd): string {
    return loanStreamId(command.data.loanId);
  }
}
