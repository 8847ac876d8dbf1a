import type { RevokeCertification } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Admin: records that a certification was revoked. */
export class RevokeCertificationCommand extends LedgerCommand<RevokeCertification['data']> {}
