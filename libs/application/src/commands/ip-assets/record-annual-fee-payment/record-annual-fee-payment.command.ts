import type { RecordAnnualFeePayment } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Admin: the lapsed fee was paid and the right restored. */
export class RecordAnnualFeePaymentCommand extends LedgerCommand<RecordAnnualFeePayment['data']> {}
