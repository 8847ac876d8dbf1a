import type { PledgeRequest } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/**
 * Bank or the pledging process manager: registers a pledge of the asset for a loan. The loan's
 * bank, borrower and maturity are read from the loan, not taken from the caller.
 */
export type RegisterPledgeCommandData = Omit<
  PledgeRequest,
  'pledgeeBankId' | 'pledgorEnterpriseId' | 'loanMaturityDate'
>;

export class RegisterPledgeCommand extends LedgerCommand<RegisterPledgeCommandData> {}
