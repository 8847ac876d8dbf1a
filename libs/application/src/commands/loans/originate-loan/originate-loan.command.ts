import type { OriginateLoanData } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Bank: originates a loan in its own name against pledged assets; the enterprise is looked up. */
export type OriginateLoanCommandData = Omit<OriginateLoanData, 'enterpriseRegistered'>;

export class OriginateLoanCommand extends LedgerCommand<OriginateLoanCommandData> {}
