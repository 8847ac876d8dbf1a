import type { BankCommand, BankEvent, BankState } from '@pledge-ledger/domain';
import { bankDecider, bankStreamId } from '@pledge-ledger/domain';
import { AggregateCommandHandler } from '../aggregate-command-handler';
import type { LedgerCommand } from '../ledger-command';

/** Commands on one bank: its stream is named by the bank id. */
export abstract class BankCommandHandler<
  Cmd extends LedgerCommand<{ readonly bankId: string }>,
> extends AggregateCommandHandler<Cmd, BankCommand, BankEvent, BankState> {
  protected readonly decider = bankDecider;

  protected streamId(command: Cmd): string {
    return bankStreamId(command.data.bankId);
  }
}
