import type { EstablishFund } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Fund manager: establishes the fund. */
export class EstablishFundCommand extends LedgerCommand<EstablishFund['data']> {}
