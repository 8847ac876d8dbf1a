import type { ReleaseLoanCover } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** A process manager or fund manager: a repaid loan needs no cover. */
export class ReleaseLoanCoverCommand extends LedgerCommand<ReleaseLoanCover['data']> {}
