import type { WriteOffLoan } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Bank: closes a defaulted loan, writing off what was not recovered. */
export class WriteOffLoanCommand extends LedgerCommand<WriteOffLoan['data']> {}
