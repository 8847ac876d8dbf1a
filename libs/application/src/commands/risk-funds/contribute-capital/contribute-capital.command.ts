import type { ContributeCapital } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Fund manager: capital paid into the fund. */
export class ContributeCapitalCommand extends LedgerCommand<ContributeCapital['data']> {}
