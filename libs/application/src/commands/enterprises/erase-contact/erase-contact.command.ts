import type { EraseEnterpriseContact } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Admin: erases the enterprise's contact person by destroying its data key (idempotent). */
export class EraseEnterpriseContactCommand extends LedgerCommand<EraseEnterpriseContact['data']> {}
