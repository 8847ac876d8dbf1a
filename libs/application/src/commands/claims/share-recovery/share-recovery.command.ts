import type { ShareRecovery } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Recovery-sharing process manager: the fund's share of a net recovery on a paid claim. */
export class ShareRecoveryCommand extends LedgerCommand<ShareRecovery['data']> {}
