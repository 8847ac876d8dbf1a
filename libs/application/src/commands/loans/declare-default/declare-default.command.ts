import type { DeclareDefault } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Bank: declares default once days past due exceed the threshold. */
export class DeclareDefaultCommand extends LedgerCommand<DeclareDefault['data']> {}
