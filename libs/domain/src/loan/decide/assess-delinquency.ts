import { requireRole } from '../../shared/authorization';
import { compareDates } from '../../shared/business-date';
import { formatMoney } from '../../shared/money';
import type { AssessDelinquency } from '../loan.commands';
import { DateBeforeLastAssessmentError } from '../loan.errors';
import type { LoanDelinquencyAssessed } from '../loan.events';
import { disbursedLoanPositionAsOf } from '../loan.position';
import type { LoanState } from '../loan.state';
import { parseDate, requireId } from '../loan.validation';
import { requireActive, requireLoan, requireOnOrAfterServicing } from './loan-guards';

/**
 * Records where an active loan stands on `asOf`: days past due, bucket, what is due.
 * Assessments move forwards (asOf on or after the previous one, the last repayment and the
 * disbursement), so the latest assessment is always the loan's current delinquency. The same
 * date may be assessed again, e.g. after a repayment with that value date.
 */
export function assessDelinquency(command: AssessDelinquency, state: LoanState): [LoanDelinquencyAssessed] {
  const { actor } = command.metadata;
  requireRole(actor, 'bank', 'system');
  const loanId = requireId(command.data.loanId, 'loanId');
  const asOf = parseDate(command.data.asOf, 'asOf');
  const loan = requireActive(requireLoan(state, loanId, actor), 'assess delinquency');
  requireOnOrAfterServicing(loan, asOf, 'Assessment date');
  const last = loan.servicing.lastAssessment;
  if (last !== null && compareDates(asOf, last.asOf) < 0) {
    throw new DateBeforeLastAssessmentError(
      `Assessment date ${asOf} is before loan ${loanId}'s last assessment as of ${last.asOf}`,
      { loanId, asOf, lastAssessedAsOf: last.asOf },
    );
  }

  const position = disbursedLoanPositionAsOf(loan, asOf);
  return [
    {
      type: 'LoanDelinquencyAssessed',
      data: {
        loanId,
        bankId: loan.terms.bankId,
        asOf,
        daysPastDue: position.daysPastDue,
        bucket: position.bucket,
        principalDue: formatMoney(position.principalDue),
        interestDue: formatMoney(position.interestDue),
        outstandingPrincipal: formatMoney(position.outstandingPrincipal),
      },
    },
  ];
}
