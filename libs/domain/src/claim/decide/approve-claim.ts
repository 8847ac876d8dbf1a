import { requireRole } from '../../shared/authorization';
import { formatMoney } from '../../shared/money';
import { amountField, dateField } from '../claim-input';
import type { ApproveClaim } from '../claim.commands';
import {
  ClaimAlreadyApprovedByYouError,
  ClaimAlreadyApprovedError,
  ClaimAlreadyPaidError,
  ClaimInvalidInputError,
  ClaimNothingPayableError,
  ClaimRejectedError,
  ClaimSelfApprovalError,
} from '../claim.errors';
import type { ClaimApproved, PayoutTrace } from '../claim.events';
import type { ClaimState } from '../claim.state';
import { computePayout } from '../payout';
import type { ExistingClaim } from './guards';
import { requireClaim } from './guards';

/**
 * A fund manager approves the payout computed now: min(ratio x loss, per-loan cap, bank's
 * remaining annual cap, fund's available balance). Above the policy's dual-approval threshold two
 * different fund managers must approve the same payout (see claim.state.ts for a payout that
 * changes between approvals). The filer never approves.
 */
export function approveClaim(command: ApproveClaim, state: ClaimState): ClaimApproved[] {
  const { actor } = command.metadata;
  requireRole(actor, 'fund-manager');
  const { claimId, fund } = command.data;
  const claim = requireClaim(state, claimId, actor);
  const approvedOn = dateField(command.data.approvedOn, 'approvedOn');
  requireAwaitingApproval(claim);
  if (actor.sub === claim.filedBy) {
    throw new ClaimSelfApprovalError('You filed this claim: someone else must approve it', { claimId });
  }
  if (fund.fundId !== claim.fundId) {
    throw new ClaimInvalidInputError(
      `The fund snapshot is of fund "${fund.fundId}", the claim is on "${claim.fundId}"`,
      {
        field: 'fund.fundId',
      },
    );
  }
  const dualApprovalThreshold = amountField(fund.dualApprovalThreshold, 'fund.dualApprovalThreshold', {
    allowZero: true,
  });
  const bankAnnualCapRemaining = amountField(fund.bankAnnualCapRemaining, 'fund.bankAnnualCapRemaining', {
    allowZero: true,
  });
  const fundAvailableBalance = amountField(fund.fundAvailableBalance, 'fund.fundAvailableBalance', { allowZero: true });
  const result = computePayout({
    principalLoss: claim.principalLoss,
    coverageRatioBps: claim.cover.coverageRatioBps,
    perLoanCap: claim.cover.perLoanCap,
    bankAnnualCapRemaining,
    fundAvailableBalance,
  });
  if (result.payout === 0n) {
    throw new ClaimNothingPayableError(`Nothing can be paid now: the ${result.boundApplied} bound is zero`, {
      claimId,
      boundApplied: result.boundApplied,
    });
  }
  const sameRound = claim.status === 'approving' && claim.round.payout === result.payout;
  if (sameRound && claim.round.approvers.includes(actor.sub)) {
    throw new ClaimAlreadyApprovedByYouError('You have already approved this claim: another fund manager must', {
      claimId,
    });
  }
  const approvalsRequired = result.payout > dualApprovalThreshold ? 2 : 1;
  const approvalsSoFar = sameRound ? claim.round.approvers.length + 1 : 1;
  const calculation: PayoutTrace = {
    policyVersion: fund.policyVersion,
    enrolmentPolicyVersion: claim.cover.policyVersion,
    coverageRatioBps: claim.cover.coverageRatioBps,
    tier: claim.cover.tier,
    principalLoss: formatMoney(claim.principalLoss),
    ratioAmount: formatMoney(result.ratioAmount),
    perLoanCap: formatMoney(claim.cover.perLoanCap),
    bankAnnualCapRemaining: formatMoney(bankAnnualCapRemaining),
    fundAvailableBalance: formatMoney(fundAvailableBalance),
    payout: formatMoney(result.payout),
    boundApplied: result.boundApplied,
    dualApprovalThreshold: formatMoney(dualApprovalThreshold),
  };
  return [
    {
      type: 'ClaimApproved',
      data: {
        claimId,
        loanId: claim.loanId,
        bankId: claim.bankId,
        fundId: claim.fundId,
        approvedBy: actor.sub,
        approvedOn,
        calculation,
        approvalsRequired,
        approvalsSoFar,
        fullyApproved: approvalsSoFar >= approvalsRequired,
      },
    },
  ];
}

/** Approvals and rejections are for a claim still being decided. */
export function requireAwaitingApproval(claim: ExistingClaim): void {
  if (claim.status === 'approved') {
    throw new ClaimAlreadyApprovedError(`Claim "${claim.claimId}" is already fully approved`, {
      claimId: claim.claimId,
    });
  }
  if (claim.status === 'paid') {
    throw new ClaimAlreadyPaidError(`Claim "${claim.claimId}" was already paid`, { claimId: claim.claimId });
  }
  if (claim.status === 'rejected') {
    throw new ClaimRejectedError(`Claim "${claim.claimId}" was rejected; the bank may file it again`, {
      claimId: claim.claimId,
    });
  }
}
