import type { DisburseLoan } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Bank: pays out the whole principal once every pledge is secured. */
export class DisburseLoanCommand extends LedgerCommand<DisburseLoan['data']> {}
