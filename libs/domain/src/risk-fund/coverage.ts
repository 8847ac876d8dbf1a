import type { BasisPoints } from '../shared/basis-points';
import { applyBasisPointsDown } from '../shared/basis-points';
import type { Fen } from '../shared/money';
import { minMoney } from '../shared/money';
import type { FundPolicy } from './fund-policy';

/** The tier a principal falls in: `tier` is 1-based in the policy's order. */
export interface TierCoverage {
  readonly tier: number;
  readonly upToPrincipal: Fen;
  readonly ratioBps: BasisPoints;
}

/**
 * Coverage ratio by loan-size tier: the first tier whose `upToPrincipal` is at or above the
 * principal (bounds inclusive: exactly 5 m falls in "up to 5 m"). Null above the last tier.
 */
export function coverageRatioFor(policy: Pick<FundPolicy, 'coverageTiers'>, principal: Fen): TierCoverage | null {
  const index = policy.coverageTiers.findIndex((tier) => principal <= tier.upToPrincipal);
  if (index < 0) return null;
  const { upToPrincipal, ratioBps } = policy.coverageTiers[index];
  return { tier: index + 1, upToPrincipal, ratioBps };
}

/**
 * The most the fund can ever pay on one enrolled loan: its whole principal lost, times the
 * ratio (rounded down to the fen), within the per-loan cap. Summed, it is the fund's liability.
 */
export function maxCompensationFor(coveredPrincipal: Fen, ratioBps: BasisPoints, perLoanCap: Fen): Fen {
  return minMoney(applyBasisPointsDown(coveredPrincipal, ratioBps), perLoanCap);
}
