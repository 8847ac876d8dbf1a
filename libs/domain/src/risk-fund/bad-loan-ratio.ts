import type { BasisPoints } from '../shared/basis-points';
import { FULL_BPS } from '../shared/basis-points';
import type { Fen } from '../shared/money';

/**
 * A bank's bad-loan ratio in whole basis points, rounded down: defaulted / enrolled principal.
 * No enrolled principal means no bad loans (0), never a division by zero.
 */
export function badLoanRatioBps(enrolledPrincipal: Fen, defaultedPrincipal: Fen): BasisPoints {
  if (enrolledPrincipal === 0n) return 0;
  return Number((defaultedPrincipal * BigInt(FULL_BPS)) / enrolledPrincipal);
}

/** Suspension when the ratio passes the threshold: strictly above it (at the threshold the bank stays). */
export function breachesSuspensionThreshold(ratioBps: BasisPoints, thresholdBps: BasisPoints): boolean {
  return ratioBps > thresholdBps;
}
