import type { RegisterIpAsset } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Admin: registers a patent or trademark; every owner must be a registered enterprise. */
export class RegisterIpAssetCommand extends LedgerCommand<RegisterIpAsset['data']> {}
