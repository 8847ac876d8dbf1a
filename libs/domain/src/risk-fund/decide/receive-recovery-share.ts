import { requireRole } from '../../shared/authorization';
import { formatMoney } from '../../shared/money';
import { amountField, dateField, textField } from '../fund-input';
import type { ReceiveRecoveryShare } from '../risk-fund.commands';
import { FundClaimNotPaidError, FundRecoveryShareExceedsPaymentError } from '../risk-fund.errors';
import type { RecoveryShareReceived } from '../risk-fund.events';
import type { RiskFundState } from '../risk-fund.state';
import { lookup } from '../record-lookup';
import { requireFund } from './guards';

/**
 * The fund's share of a recovery on a claim it paid (recovery-sharing process manager).
 * Idempotent per (claimId, recoveryId); a zero share records nothing; shares never total more
 * than the fund paid on the claim.
 */
export function receiveRecoveryShare(command: ReceiveRecoveryShare, state: RiskFundState): RecoveryShareReceived[] {
  requireRole(command.metadata.actor, 'system');
  const { fundId, claimId } = command.data;
  const fund = requireFund(state, fundId);
  const recoveryId = textField(command.data.recoveryId, 'recoveryId');
  const amount = amountField(command.data.amount, 'amount', { allowZero: true });
  const valueDate = dateField(command.data.valueDate, 'valueDate');
  const claim = lookup(fund.paidClaims, claimId);
  if (!claim) {
    throw new FundClaimNotPaidError(`The fund has paid nothing on claim "${claimId}"`, { claimId });
  }
  if (claim.recoveryIds.includes(recoveryId) || amount === 0n) return [];
  if (claim.recovered + amount > claim.amount) {
    throw new FundRecoveryShareExceedsPaymentError(
      `Receiving ${formatMoney(amount)} would bring the shares on claim "${claimId}" above the ${formatMoney(claim.amount)} paid`,
      {
        claimId,
        amount: formatMoney(amount),
        alreadyReceived: formatMoney(claim.recovered),
        paid: formatMoney(claim.amount),
      },
    );
  }
  return [
    {
      type: 'RecoveryShareReceived',
      data: {
        fundId,
        claimId,
        loanId: claim.loanId,
        bankId: claim.bankId,
        recoveryId,
        amount: formatMoney(amount),
        valueDate,
      },
    },
  ];
}
