import type { FileInvalidation } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Admin: an invalidation request was filed against the asset. */
export class FileInvalidationCommand extends LedgerCommand<FileInvalidation['data']> {}
