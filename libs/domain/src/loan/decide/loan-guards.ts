import type { BusinessDate } from '../../shared/business-date';
import { compareDates } from '../../shared/business-date';
import type { Actor } from '../../shared/decider';
import { formatMoney } from '../../shared/money';
import {
  DateBeforeDisbursementError,
  DateBeforeLastRepaymentError,
  LoanAlreadyDefaultedError,
  LoanAlreadyRepaidError,
  LoanAlreadyWrittenOffError,
  LoanNotDefaultedError,
  LoanNotDisbursedError,
  LoanNotFoundError,
} from '../loan.errors';
import type { ExistingLoanState, LoanState } from '../loan.state';
import { repaymentLogOf } from '../loan.state';

type Active = Extract<LoanState, { status: 'active' }>;
type Defaulted = Extract<LoanState, { status: 'defaulted' }>;

/**
 * The loan exists and the actor may see it. A bank asking about another bank's loan is told it
 * does not exist, exactly as for a missing loan, so ids cannot be probed.
 */
export function requireLoan(state: LoanState, loanId: string, actor: Actor): ExistingLoanState {
  const visible =
    state.status !== 'none' &&
    state.terms.loanId === loanId &&
    (actor.role !== 'bank' || actor.bankId === state.terms.bankId);
  if (!visible) throw new LoanNotFoundError(`Loan ${loanId} not found`, { loanId });
  return state;
}

/** Disbursed and still being repaid: not yet repaid, defaulted or written off. */
export function requireActive(state: ExistingLoanState, action: string): Active {
  const { loanId } = state.terms;
  switch (state.status) {
    case 'active':
      return state;
    case 'originated':
    case 'pledges-refused':
    case 'pledges-secured':
      throw new LoanNotDisbursedError(`Cannot ${action}: loan ${loanId} has not been disbursed (${state.status})`, {
        loanId,
        status: state.status,
      });
    case 'repaid':
      throw new LoanAlreadyRepaidError(`Cannot ${action}: loan ${loanId} was repaid in full on ${state.repaidOn}`, {
        loanId,
      });
    case 'defaulted':
      throw new LoanAlreadyDefaultedError(`Cannot ${action}: loan ${loanId} defaulted as of ${state.default.asOf}`, {
        loanId,
      });
    case 'written-off':
      throw new LoanAlreadyWrittenOffError(
        `Cannot ${action}: loan ${loanId} was written off on ${state.writeOff.valueDate}`,
        { loanId },
      );
  }
}

/** Defaulted and not yet written off. */
export function requireDefaulted(state: ExistingLoanState, action: string): Defaulted {
  const { loanId } = state.terms;
  if (state.status === 'defaulted') return state;
  if (state.status === 'written-off') {
    throw new LoanAlreadyWrittenOffError(
      `Cannot ${action}: loan ${loanId} was written off on ${state.writeOff.valueDate} (${formatMoney(state.writeOff.amount)})`,
      { loanId },
    );
  }
  throw new LoanNotDefaultedError(`Cannot ${action}: loan ${loanId} has not defaulted (it is ${state.status})`, {
    loanId,
    status: state.status,
  });
}

/**
 * Business dates on an active loan run forwards: nothing before the disbursement, and nothing
 * before the last repayment (a backdated entry would change allocations already made; a
 * correction is a reversal, never an edit).
 */
export function requireOnOrAfterServicing(state: Active, date: BusinessDate, field: string): void {
  const { loanId } = state.terms;
  const disbursedOn = state.disbursement.valueDate;
  if (compareDates(date, disbursedOn) < 0) {
    throw new DateBeforeDisbursementError(`${field} ${date} is before loan ${loanId} was disbursed on ${disbursedOn}`, {
      loanId,
      field,
      date,
      disbursedOn,
    });
  }
  const { last } = repaymentLogOf(state.servicing);
  if (last !== null && compareDates(date, last.valueDate) < 0) {
    throw new DateBeforeLastRepaymentError(
      `${field} ${date} is before the last repayment on loan ${loanId}, value date ${last.valueDate}`,
      { loanId, field, date, lastRepaymentDate: last.valueDate },
    );
  }
}
