import type { BusinessDate } from '../shared/business-date';
import { compareDates } from '../shared/business-date';
import type { LoanPosition, Repayment } from './arithmetic';
import { positionAsOf, positionFromTotals } from './arithmetic';
import { loanPrincipalOf, payoffDate } from './arithmetic/loan-position';
import type { DisbursedLoanState, ExistingLoanState, LoanState } from './loan.state';
import { repaymentLogOf } from './loan.state';

/** Default threshold when no fund policy covers the loan: default only at more than 90 days past due. */
export const STANDARD_DEFAULT_THRESHOLD_DAYS = 90;

export interface DefaultThreshold {
  readonly thresholdDays: number;
  readonly source: 'standard' | 'fund-policy';
  readonly fundId: string | null;
  readonly policyVersion: number | null;
}

/** The threshold of the fund policy the loan is enrolled under, else the standard 90 days. */
export function defaultThresholdOf(state: ExistingLoanState): DefaultThreshold {
  const { coverage } = state;
  return coverage === null
    ? { thresholdDays: STANDARD_DEFAULT_THRESHOLD_DAYS, source: 'standard', fundId: null, policyVersion: null }
    : {
        thresholdDays: coverage.defaultThresholdDays,
        source: 'fund-policy',
        fundId: coverage.fundId,
        policyVersion: coverage.policyVersion,
      };
}

/**
 * Outstanding principal, what is due, days past due and bucket on `asOf`, counting the
 * repayments with a value date on or before it. Null before disbursement (there is no
 * schedule yet). For read models and for the decider alike.
 */
export function loanPositionAsOf(state: LoanState, asOf: BusinessDate): LoanPosition | null {
  if (!('disbursement' in state)) return null;
  return disbursedLoanPositionAsOf(state, asOf);
}

/**
 * `positionAsOf(schedule, repayments, asOf)` for a disbursed loan, the same figures, without
 * walking the repayments when `asOf` is on or after every one of them (the decider's case:
 * repayments, assessments and defaults are never dated before the last repayment). Then the
 * running totals of the state's RepaymentLog are the totals of the repayments counted; only a
 * loan whose principal is repaid in full is walked, to find the day it was.
 */
export function disbursedLoanPositionAsOf(state: DisbursedLoanState, asOf: BusinessDate): LoanPosition {
  const { schedule } = state.disbursement;
  const log = repaymentLogOf(state.servicing);
  if (log.latestValueDate !== null && compareDates(log.latestValueDate, asOf) > 0) {
    return positionAsOf(schedule, log.toArray(), asOf);
  }
  const { principalRepaid, interestRepaid } = log;
  const loanPrincipal = loanPrincipalOf(schedule);
  const inValueDateOrder = (): Repayment[] => [...log.toArray()].sort((a, b) => compareDates(a.valueDate, b.valueDate));
  const paidOffOn = principalRepaid < loanPrincipal ? null : payoffDate(inValueDateOrder(), loanPrincipal);
  return positionFromTotals(schedule, { principalRepaid, interestRepaid, paidOffOn }, asOf);
}
