import type { BusinessDate } from '../shared/business-date';
import type { LoanPosition } from './arithmetic';
import { positionAsOf } from './arithmetic';
import type { ExistingLoanState, LoanState } from './loan.state';

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
  return positionAsOf(state.disbursement.schedule, state.servicing.repayments, asOf);
}
