import type { RegisterBank } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Admin: registers a lending bank. */
export class RegisterBankCommand extends LedgerCommand<RegisterBank['data']> {}
