import type { ReinstateBank } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Fund manager: reinstates a suspended bank. */
export class ReinstateBankCommand extends LedgerCommand<ReinstateBank['data']> {}
