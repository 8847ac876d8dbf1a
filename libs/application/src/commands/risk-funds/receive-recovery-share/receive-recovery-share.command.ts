import type { ReceiveRecoveryShare } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Recovery-sharing process manager: the fund's share of a recovery on a claim it paid. */
export class ReceiveRecoveryShareCommand extends LedgerCommand<ReceiveRecoveryShare['data']> {}
