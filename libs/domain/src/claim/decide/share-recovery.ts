import { requireRole } from '../../shared/authorization';
import { formatMoney } from '../../shared/money';
import { amountField, dateField, textField } from '../claim-input';
import type { ShareRecovery } from '../claim.commands';
import { ClaimNotPaidError } from '../claim.errors';
import type { RecoveryShared } from '../claim.events';
import type { ClaimState } from '../claim.state';
import { recoveryShare } from '../recovery-share';
import { requireClaim } from './guards';

/**
 * The fund's share of a net recovery on a paid claim: the part of the loss it bore, never more
 * in total than it paid. Idempotent per recoveryId. A share of zero (cap reached) is still
 * recorded, so the process manager sees the recovery was considered.
 */
export function shareRecovery(command: ShareRecovery, state: ClaimState): RecoveryShared[] {
  const { actor } = command.metadata;
  requireRole(actor, 'system');
  const { claimId } = command.data;
  const claim = requireClaim(state, claimId, actor);
  const recoveryId = textField(command.data.recoveryId, 'recoveryId');
  const recoveryAmount = amountField(command.data.recoveryAmount, 'recoveryAmount');
  const sharedOn = dateField(command.data.sharedOn, 'sharedOn');
  if (claim.status !== 'paid') {
    throw new ClaimNotPaidError(`Claim "${claimId}" has not been paid: there is nothing to share yet`, { claimId });
  }
  if (claim.recoveryIds.includes(recoveryId)) return [];
  const { fundShare, cumulativeShared } = recoveryShare({
    recoveryAmount,
    payout: claim.paidAmount,
    principalLoss: claim.principalLoss,
    alreadyShared: claim.cumulativeShared,
  });
  return [
    {
      type: 'RecoveryShared',
      data: {
        claimId,
        loanId: claim.loanId,
        bankId: claim.bankId,
        fundId: claim.fundId,
        recoveryId,
        recoveryAmount: formatMoney(recoveryAmount),
        payout: formatMoney(claim.paidAmount),
        principalLoss: formatMoney(claim.principalLoss),
        fundShare: formatMoney(fundShare),
        cumulativeShared: formatMoney(cumulativeShared),
        sharedOn,
      },
    },
  ];
}
