import type { RecordRecovery } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Bank: money recovered on a defaulted loan (a pledged asset sold, a guarantor, the borrower). */
export class RecordRecoveryCommand extends LedgerCommand<RecordRecovery['data']> {}
