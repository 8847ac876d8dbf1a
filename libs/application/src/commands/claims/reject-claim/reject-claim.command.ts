import type { RejectClaim } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Fund manager: rejects a claim not yet fully approved. */
export class RejectClaimCommand extends LedgerCommand<RejectClaim['data']> {}
