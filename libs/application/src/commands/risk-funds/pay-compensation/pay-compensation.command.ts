import type { PayCompensation } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Claim-payment process manager: pays an approved claim out of the fund. */
export class PayCompensationCommand extends LedgerCommand<PayCompensation['data']> {}
