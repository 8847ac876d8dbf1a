import type { SuspendBank } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Fund manager: suspends a bank by hand, with a reason; its enrolled loans stay covered. */
export class SuspendBankCommand extends LedgerCommand<SuspendBank['data']> {}
