import type { ReceiveRepayment } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Bank: a repayment with its value date, allocated to interest then principal. */
export class ReceiveRepaymentCommand extends LedgerCommand<ReceiveRepayment['data']> {}
