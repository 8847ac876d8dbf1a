import type { GrantCertification } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Admin: records a certification (high-tech, little-giant, tech-SME) the enterprise was granted. */
export class GrantCertificationCommand extends LedgerCommand<GrantCertification['data']> {}
