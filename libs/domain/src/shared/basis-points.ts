import type { Fen } from './money';
import { domainError } from './domain-error';

/** Rates and ratios in basis points (1 bp = 0.01 %, 10000 bp = 100 %), always integers. */
export type BasisPoints = number;

export class InvalidRateError extends domainError('RATE.INVALID', 'invalid') {}

export const FULL_BPS = 10_000;

export function assertBasisPoints(value: number, max = FULL_BPS, label = 'rate'): BasisPoints {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new InvalidRateError(`${label} must be a whole number of basis points between 0 and ${max}, got ${value}`);
  }
  return value;
}

/** amount x bps / 10000, rounded down to the fen (the fund never pays or claims a fraction in its favour). */
export function applyBasisPointsDown(amount: Fen, bps: BasisPoints): Fen {
  return (amount * BigInt(bps)) / BigInt(FULL_BPS);
}
