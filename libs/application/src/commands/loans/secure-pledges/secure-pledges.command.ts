import type { SecurePledges } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Pledging process manager: every pledged asset was registered. */
export class SecurePledgesCommand extends LedgerCommand<SecurePledges['data']> {}
