import { LedgerCommand } from '../../ledger-command';

/**
 * Fund manager (not the filer): approves the payout computed from the fund's figures now (its
 * policy, the bank's remaining annual cap, the available balance), read from the fund's stream.
 */
export interface ApproveClaimCommandData {
  readonly claimId: string;
  readonly approvedOn: string;
}

export class ApproveClaimCommand extends LedgerCommand<ApproveClaimCommandData> {}
