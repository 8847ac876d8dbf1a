import type { RefusePledges } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Pledging process manager: at least one pledge was refused. */
export class RefusePledgesCommand extends LedgerCommand<RefusePledges['data']> {}
