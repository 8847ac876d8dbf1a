import type { RecordClaimPaymentRefused } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Claim-payment process manager: the fund refused to pay the approved payout; the approvals lapse. */
export class RecordClaimPaymentRefusedCommand extends LedgerCommand<RecordClaimPaymentRefused['data']> {}
