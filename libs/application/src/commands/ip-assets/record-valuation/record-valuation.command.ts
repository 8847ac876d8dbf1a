import type { RecordValuation } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Admin: an appraiser valued the asset. */
export class RecordValuationCommand extends LedgerCommand<RecordValuation['data']> {}
