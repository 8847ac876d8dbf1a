import { requireRole } from '../../shared/authorization';
import { formatMoney } from '../../shared/money';
import { amountField, dateField, textField } from '../claim-input';
import type { FileClaim } from '../claim.commands';
import {
  ClaimAlreadyOpenError,
  ClaimAlreadyPaidError,
  ClaimInvalidInputError,
  ClaimLoanNotDefaultedError,
  ClaimLoanNotEnrolledError,
  ClaimNoPrincipalLossError,
  ClaimNotFoundError,
} from '../claim.errors';
import type { ClaimFiled } from '../claim.events';
import { claimIdForLoan } from '../claim.events';
import type { ClaimState } from '../claim.state';

/**
 * A bank files a claim on its own defaulted loan enrolled in the fund. The principal loss is the
 * outstanding principal at default less the net recoveries so far. One open claim per loan: the
 * stream is the loan's, so a second filing meets the first; a rejected claim may be filed again.
 */
export function fileClaim(command: FileClaim, state: ClaimState): ClaimFiled[] {
  const { actor } = command.metadata;
  requireRole(actor, 'bank');
  const { loanId, bankId, cover } = command.data;
  const claimId = claimIdForLoan(textField(loanId, 'loanId'));
  if (actor.bankId === undefined || actor.bankId !== bankId || (state.status !== 'none' && state.bankId !== bankId)) {
    throw new ClaimNotFoundError(`There is no loan "${loanId}" of your bank`, { loanId });
  }
  const outstanding = amountField(command.data.outstandingPrincipalAtDefault, 'outstandingPrincipalAtDefault', {
    allowZero: true,
  });
  const recoveries = amountField(command.data.recoveriesSoFar, 'recoveriesSoFar', { allowZero: true });
  const filedOn = dateField(command.data.filedOn, 'filedOn');
  if (state.status === 'paid') {
    throw new ClaimAlreadyPaidError(`The claim on loan "${loanId}" was already paid`, { claimId });
  }
  if (state.status === 'filed' || state.status === 'approving' || state.status === 'approved') {
    throw new ClaimAlreadyOpenError(`Loan "${loanId}" already has an open claim`, { claimId, status: state.status });
  }
  if (cover === null || cover.status !== 'covered' || cover.bankId !== bankId || cover.loanId !== loanId) {
    throw new ClaimLoanNotEnrolledError(`Loan "${loanId}" is not covered by the fund`, { loanId });
  }
  if (!command.data.loanDefaulted) {
    throw new ClaimLoanNotDefaultedError(`Loan "${loanId}" has not defaulted: there is nothing to claim yet`, {
      loanId,
    });
  }
  const coveredPrincipal = amountField(cover.coveredPrincipal, 'cover.coveredPrincipal');
  if (outstanding > coveredPrincipal) {
    throw new ClaimInvalidInputError('outstandingPrincipalAtDefault cannot exceed the covered principal', {
      field: 'outstandingPrincipalAtDefault',
    });
  }
  const principalLoss = outstanding - recoveries;
  if (principalLoss <= 0n) {
    throw new ClaimNoPrincipalLossError(
      `Recoveries of ${formatMoney(recoveries)} already cover the ${formatMoney(outstanding)} outstanding at default`,
      { loanId },
    );
  }
  return [
    {
      type: 'ClaimFiled',
      data: {
        claimId,
        loanId,
        bankId,
        fundId: cover.fundId,
        principalLoss: formatMoney(principalLoss),
        outstandingPrincipalAtDefault: formatMoney(outstanding),
        recoveriesSoFar: formatMoney(recoveries),
        cover: {
          policyVersion: cover.policyVersion,
          coverageRatioBps: cover.coverageRatioBps,
          tier: cover.tier,
          perLoanCap: formatMoney(amountField(cover.perLoanCap, 'cover.perLoanCap', { allowZero: true })),
          coveredPrincipal: formatMoney(coveredPrincipal),
        },
        filedBy: actor.sub,
        filedOn,
      },
    },
  ];
}
