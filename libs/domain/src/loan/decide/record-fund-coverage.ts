import { assertBasisPoints } from '../../shared/basis-points';
import { requireRole } from '../../shared/authorization';
import { formatMoney } from '../../shared/money';
import type { RecordFundCoverage } from '../loan.commands';
import {
  CoveredPrincipalExceedsPrincipalError,
  LoanAlreadyCoveredError,
  LoanAlreadyDefaultedError,
  LoanAlreadyWrittenOffError,
} from '../loan.errors';
import type { LoanFundCoverageRecorded } from '../loan.events';
import type { LoanState } from '../loan.state';
import { parseAmount, requireId, requireWholeNumber } from '../loan.validation';
import { requireLoan } from './loan-guards';

/** Longest default threshold a policy may set: ten years. */
const MAX_DEFAULT_THRESHOLD_DAYS = 3650;

/**
 * After the fund enrolled the loan, the enrolment process manager records the coverage here,
 * so the loan defaults under the fund policy's threshold. Only before default (a threshold
 * cannot change after the decision it governs); once per loan, and a repeat for the same fund
 * changes nothing.
 */
export function recordFundCoverage(command: RecordFundCoverage, state: LoanState): LoanFundCoverageRecorded[] {
  const { actor } = command.metadata;
  requireRole(actor, 'system');
  const { data } = command;
  const loanId = requireId(data.loanId, 'loanId');
  const fundId = requireId(data.fundId, 'fundId');
  const coverageRatioBps = assertBasisPoints(data.coverageRatioBps, undefined, 'coverageRatioBps');
  const coveredPrincipal = parseAmount(data.coveredPrincipal, 'coveredPrincipal', { allowZero: true });
  const policyVersion = requireWholeNumber(data.policyVersion, 'policyVersion', 1, Number.MAX_SAFE_INTEGER);
  const defaultThresholdDays = requireWholeNumber(
    data.defaultThresholdDays,
    'defaultThresholdDays',
    1,
    MAX_DEFAULT_THRESHOLD_DAYS,
  );
  const loan = requireLoan(state, loanId, actor);

  if (loan.coverage !== null) {
    if (loan.coverage.fundId === fundId) return [];
    throw new LoanAlreadyCoveredError(`Loan ${loanId} is already covered by fund ${loan.coverage.fundId}`, {
      loanId,
      fundId: loan.coverage.fundId,
    });
  }
  if (loan.status === 'defaulted') {
    throw new LoanAlreadyDefaultedError(
      `Cannot record fund coverage: loan ${loanId} defaulted as of ${loan.default.asOf}`,
      { loanId },
    );
  }
  if (loan.status === 'written-off') {
    throw new LoanAlreadyWrittenOffError(
      `Cannot record fund coverage: loan ${loanId} was written off on ${loan.writeOff.valueDate}`,
      { loanId },
    );
  }
  if (coveredPrincipal > loan.terms.principal) {
    throw new CoveredPrincipalExceedsPrincipalError(
      `Covered principal ${formatMoney(coveredPrincipal)} exceeds loan ${loanId}'s principal ${formatMoney(loan.terms.principal)}`,
      { loanId },
    );
  }

  return [
    {
      type: 'LoanFundCoverageRecorded',
      data: {
        loanId,
        bankId: loan.terms.bankId,
        fundId,
        coverageRatioBps,
        coveredPrincipal: formatMoney(coveredPrincipal),
        policyVersion,
        defaultThresholdDays,
      },
    },
  ];
}
