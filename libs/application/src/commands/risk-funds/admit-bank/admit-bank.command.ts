import type { AdmitBank } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Fund manager: admits a registered bank to the fund. */
export class AdmitBankCommand extends LedgerCommand<AdmitBank['data']> {}
