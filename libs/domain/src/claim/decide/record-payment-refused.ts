import { requireRole } from '../../shared/authorization';
import { formatMoney } from '../../shared/money';
import { dateField, textField } from '../claim-input';
import type { RecordClaimPaymentRefused } from '../claim.commands';
import { ClaimAlreadyPaidError } from '../claim.errors';
import type { ClaimPaymentRefused } from '../claim.events';
import type { ClaimState } from '../claim.state';
import { requireClaim } from './guards';

/**
 * The fund would not pay the approved payout (its balance or the bank's annual cap moved since the
 * approval). Without this the claim would stay approved and unpayable for ever: its approvals lapse
 * and fund managers approve again on fresh figures. Only an approved claim changes; a repeat, once
 * the claim is no longer approved, yields nothing (the process manager may run again).
 */
export function recordClaimPaymentRefused(
  command: RecordClaimPaymentRefused,
  state: ClaimState,
): ClaimPaymentRefused[] {
  const { actor } = command.metadata;
  requireRole(actor, 'system');
  const { claimId } = command.data;
  const claim = requireClaim(state, claimId, actor);
  const code = textField(command.data.code, 'code');
  const reason = textField(command.data.reason, 'reason');
  const refusedOn = dateField(command.data.refusedOn, 'refusedOn');
  if (claim.status === 'paid') {
    throw new ClaimAlreadyPaidError(`Claim "${claimId}" was paid: its payment cannot be refused`, { claimId });
  }
  if (claim.status !== 'approved') return [];
  return [
    {
      type: 'ClaimPaymentRefused',
      data: {
        claimId,
        loanId: claim.loanId,
        bankId: claim.bankId,
        fundId: claim.fundId,
        refusedPayout: formatMoney(claim.round.payout),
        code,
        reason,
        refusedOn,
      },
    },
  ];
}
