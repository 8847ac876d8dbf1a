import type { RecordFundCoverage } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Enrolment process manager: the fund enrolled the loan; its policy sets the default threshold. */
export class RecordFundCoverageCommand extends LedgerCommand<RecordFundCoverage['data']> {}
