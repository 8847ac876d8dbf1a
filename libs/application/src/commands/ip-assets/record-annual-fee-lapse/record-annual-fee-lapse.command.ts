import type { RecordAnnualFeeLapse } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Admin: the annual fee was not paid in time and the right lapsed. */
export class RecordAnnualFeeLapseCommand extends LedgerCommand<RecordAnnualFeeLapse['data']> {}
