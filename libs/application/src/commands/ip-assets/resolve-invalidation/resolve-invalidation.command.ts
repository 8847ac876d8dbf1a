import type { ResolveInvalidation } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Admin: an invalidation case was decided. */
export class ResolveInvalidationCommand extends LedgerCommand<ResolveInvalidation['data']> {}
