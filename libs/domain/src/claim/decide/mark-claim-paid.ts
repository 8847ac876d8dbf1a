import { requireRole } from '../../shared/authorization';
import { formatMoney } from '../../shared/money';
import { amountField, dateField } from '../claim-input';
import type { MarkClaimPaid } from '../claim.commands';
import { ClaimAmountMismatchError, ClaimNotApprovedError } from '../claim.errors';
import type { ClaimPaid } from '../claim.events';
import type { ClaimState } from '../claim.state';
import { requireClaim } from './guards';

/**
 * The claim-payment process manager records the fund's CompensationPaid on the claim. Only a
 * fully approved claim, for exactly the approved payout; a repeat yields nothing.
 */
export function markClaimPaid(command: MarkClaimPaid, state: ClaimState): ClaimPaid[] {
  const { actor } = command.metadata;
  requireRole(actor, 'system');
  const { claimId } = command.data;
  const claim = requireClaim(state, claimId, actor);
  const amount = amountField(command.data.amount, 'amount');
  const paidOn = dateField(command.data.paidOn, 'paidOn');
  if (claim.status === 'paid') return [];
  if (claim.status !== 'approved') {
    throw new ClaimNotApprovedError(`Claim "${claimId}" is not fully approved (${claim.status})`, {
      claimId,
      status: claim.status,
    });
  }
  if (amount !== claim.round.payout) {
    throw new ClaimAmountMismatchError(
      `Paid ${formatMoney(amount)} but the approved payout is ${formatMoney(claim.round.payout)}`,
      { claimId, amount: formatMoney(amount), payout: formatMoney(claim.round.payout) },
    );
  }
  return [
    {
      type: 'ClaimPaid',
      data: {
        claimId,
        loanId: claim.loanId,
        bankId: claim.bankId,
        fundId: claim.fundId,
        amount: formatMoney(amount),
        paidOn,
      },
    },
  ];
}
