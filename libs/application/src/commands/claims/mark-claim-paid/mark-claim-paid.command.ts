import type { MarkClaimPaid } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Claim-payment process manager: records the fund's payment on the claim. */
export class MarkClaimPaidCommand extends LedgerCommand<MarkClaimPaid['data']> {}
