import type { EnforcePledge } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Bank or a process manager: the pledged asset was sold in recovery of the loan. */
export class EnforcePledgeCommand extends LedgerCommand<EnforcePledge['data']> {}
