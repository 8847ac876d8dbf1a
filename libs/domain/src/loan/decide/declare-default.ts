import { requireRole } from '../../shared/authorization';
import { formatMoney } from '../../shared/money';
import type { DeclareDefault } from '../loan.commands';
import { NotPastDefaultThresholdError } from '../loan.errors';
import type { LoanDefaulted } from '../loan.events';
import { defaultThresholdOf, disbursedLoanPositionAsOf } from '../loan.position';
import type { LoanState } from '../loan.state';
import { parseDate, requireId } from '../loan.validation';
import { requireActive, requireLoan, requireOnOrAfterServicing } from './loan-guards';

/**
 * Default only when days past due on `asOf` exceed the threshold: 90 days, or the default
 * threshold of the fund policy the loan is enrolled under. The event records the principal
 * outstanding at default (what a claim and recoveries are measured against) and the threshold
 * it was decided under.
 */
export function declareDefault(command: DeclareDefault, state: LoanState): [LoanDefaulted] {
  const { actor } = command.metadata;
  requireRole(actor, 'bank');
  const loanId = requireId(command.data.loanId, 'loanId');
  const asOf = parseDate(command.data.asOf, 'asOf');
  const loan = requireActive(requireLoan(state, loanId, actor), 'declare a default');
  requireOnOrAfterServicing(loan, asOf, 'Default date');

  const position = disbursedLoanPositionAsOf(loan, asOf);
  const threshold = defaultThresholdOf(loan);
  if (position.daysPastDue <= threshold.thresholdDays) {
    throw new NotPastDefaultThresholdError(
      `Loan ${loanId} is ${position.daysPastDue} days past due as of ${asOf}; default needs more than ${threshold.thresholdDays}` +
        (threshold.source === 'fund-policy'
          ? ` (policy ${threshold.policyVersion} of fund ${threshold.fundId})`
          : ' (standard threshold)'),
      { loanId, asOf, daysPastDue: position.daysPastDue, thresholdDays: threshold.thresholdDays },
    );
  }

  return [
    {
      type: 'LoanDefaulted',
      data: {
        loanId,
        bankId: loan.terms.bankId,
        asOf,
        daysPastDue: position.daysPastDue,
        thresholdDays: threshold.thresholdDays,
        thresholdSource: threshold.source,
        fundId: threshold.fundId,
        policyVersion: threshold.policyVersion,
        outstandingPrincipal: formatMoney(position.outstandingPrincipal),
        principalDue: formatMoney(position.principalDue),
        interestDue: formatMoney(position.interestDue),
      },
    },
  ];
}
