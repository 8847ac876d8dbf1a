import type { BusinessDate } from '../shared/business-date';
import { compareDates } from '../shared/business-date';
import { maxMoney, sumMoney } from '../shared/money';
import type { LoanPosition, Repayment } from './arithmetic';
import { positionAsOf, positionFromTotals } from './arithmetic';
import { bucketFor, loanPrincipalOf, payoffDate } from './arithmetic/loan-position';
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
 *
 * A defaulted or written-off loan is read as `disbursedLoanPositionAsOf` says: from the default
 * on, recoveries reduce the outstanding principal, interest stops accruing, and from the
 * write-off on nothing is owed.
 */
export function loanPositionAsOf(state: LoanState, asOf: BusinessDate): LoanPosition | null {
  if (!('disbursement' in state)) return null;
  return disbursedLoanPositionAsOf(state, asOf);
}

/**
 * Where a disbursed loan stands on `asOf`. Before its default (or while it is active or repaid):
 * the schedule and the repayments on or before `asOf` (`servicingPositionAsOf`). Once defaulted
 * (`asOf` on or after the default's as-of date), the loan is read as the journal books it:
 *
 * - outstanding principal = the principal outstanding at default - the recoveries (gross, costs
 *   included) with a value date on or before `asOf`;
 * - non-accrual: interest stops accruing at default, so interest due stays at what was due on
 *   the default's as-of date (no repayment is accepted after default, so nothing reduces it);
 * - principal due = the scheduled principal fallen due by `asOf` and not repaid, less those
 *   recoveries (they settle the overdue principal first), never below 0;
 * - days past due (and bucket, next instalment) keep counting from the same oldest unpaid
 *   instalment: a recovery settles principal out of the collateral or a guarantor, it does not
 *   cure the borrower's arrears.
 *
 * Once written off (`asOf` on or after the write-off's value date): nothing is outstanding or
 * due (outstanding principal, principal due and interest due 0.00), 0 days past due, bucket
 * `current` (the only bucket with nothing past due: DelinquencyBucket has no "none"; read it
 * with the loan's status) and no next instalment.
 */
export function disbursedLoanPositionAsOf(state: DisbursedLoanState, asOf: BusinessDate): LoanPosition {
  const position = servicingPositionAsOf(state, asOf);
  if (!('default' in state) || compareDates(asOf, state.default.asOf) < 0) return position;
  if (state.status === 'written-off' && compareDates(asOf, state.writeOff.valueDate) >= 0) {
    return {
      outstandingPrincipal: 0n,
      principalDue: 0n,
      interestDue: 0n,
      daysPastDue: 0,
      bucket: bucketFor(0),
      nextInstalment: null,
    };
  }
  const recovered = sumMoney(
    state.recoveries.items
      .filter((recovery) => compareDates(recovery.valueDate, asOf) <= 0)
      .map((recovery) => recovery.amount),
  );
  const atDefault = servicingPositionAsOf(state, state.default.asOf);
  return {
    ...position,
    outstandingPrincipal: maxMoney(0n, state.default.outstandingPrincipal - recovered),
    principalDue: maxMoney(0n, position.principalDue - recovered),
    interestDue: atDefault.interestDue,
  };
}

/**
 * `positionAsOf(schedule, repayments, asOf)` for a disbursed loan, the same figures, without
 * walking the repayments when `asOf` is on or after every one of them (the decider's case:
 * repayments, assessments and defaults are never dated before the last repayment). Then the
 * running totals of the state's RepaymentLog are the totals of the repayments counted; only a
 * loan whose principal is repaid in full is walked, to find the day it was.
 */
function servicingPositionAsOf(state: DisbursedLoanState, asOf: BusinessDate): LoanPosition {
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
