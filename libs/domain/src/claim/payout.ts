import type { BasisPoints } from '../shared/basis-points';
import { applyBasisPointsDown } from '../shared/basis-points';
import type { Fen } from '../shared/money';

/** Which of the four bounds set the payout (the first in this order when several are equal). */
export type PayoutBound = 'ratio' | 'per-loan-cap' | 'bank-annual-cap' | 'fund-balance';

export interface PayoutInputs {
  readonly principalLoss: Fen;
  readonly coverageRatioBps: BasisPoints;
  readonly perLoanCap: Fen;
  readonly bankAnnualCapRemaining: Fen;
  readonly fundAvailableBalance: Fen;
}

export interface PayoutResult {
  /** coverage ratio x principal loss, rounded down to the fen. */
  readonly ratioAmount: Fen;
  readonly payout: Fen;
  readonly boundApplied: PayoutBound;
}

/**
 * payout = min(ratio x principal loss (rounded down), per-loan cap, bank's remaining annual cap,
 * fund's available balance). Negative remaining figures count as zero: the payout is never negative.
 */
export function computePayout(inputs: PayoutInputs): PayoutResult {
  const ratioAmount = applyBasisPointsDown(inputs.principalLoss, inputs.coverageRatioBps);
  const bounds: readonly [PayoutBound, Fen][] = [
    ['ratio', ratioAmount],
    ['per-loan-cap', inputs.perLoanCap],
    ['bank-annual-cap', inputs.bankAnnualCapRemaining],
    ['fund-balance', inputs.fundAvailableBalance],
  ];
  const [boundApplied, lowest] = bounds.reduce((min, bound) => (bound[1] < min[1] ? bound : min));
  return { ratioAmount, payout: lowest < 0n ? 0n : lowest, boundApplied };
}
