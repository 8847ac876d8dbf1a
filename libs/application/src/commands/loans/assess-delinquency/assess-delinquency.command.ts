import type { AssessDelinquency } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Bank or a scheduled job: days past due and bucket as of a date. */
export class AssessDelinquencyCommand extends LedgerCommand<AssessDelinquency['data']> {}
