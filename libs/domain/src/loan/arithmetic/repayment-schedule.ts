/**
 * Repayment schedules, in fen, with integer (bigint) arithmetic only.
 *
 * Rounding rule (see docs/loan-arithmetic.md):
 * - The monthly rate is annualRateBps / 120000 (annual rate / 12), kept as an exact fraction.
 * - Equal instalments (annuity): payment = P x r x (1+r)^n / ((1+r)^n - 1), computed as one exact
 *   bigint fraction and rounded half-up to the fen once. With a zero rate it degenerates to P / n.
 * - Each month's interest = outstanding x annualRateBps / 120000, rounded half-up to the fen.
 *   Principal part = payment - interest, kept within [0, outstanding].
 * - The last instalment absorbs the remainder: its principal is whatever is still outstanding,
 *   so the principal parts sum exactly to the loan principal and none is negative.
 * - Bullet: interest every month on the full principal (same rounding), all principal in the last.
 * - Instalment k (1-based) is due addMonths(startDate, k), clamped to the month's last day.
 */
import type { BasisPoints } from '../../shared/basis-points';
import { assertBasisPoints } from '../../shared/basis-points';
import type { BusinessDate } from '../../shared/business-date';
import { addMonths, parseBusinessDate } from '../../shared/business-date';
import type { Fen } from '../../shared/money';
import { formatMoney, MAX_MONEY_FEN, minMoney } from '../../shared/money';
import { InvalidScheduleError } from './loan-arithmetic.errors';
import { divideHalfUp } from './rounding';

export type RepaymentMethod = 'equal-instalments' | 'bullet';

export interface Instalment {
  /** 1-based. */
  readonly number: number;
  readonly dueDate: BusinessDate;
  readonly principal: Fen;
  readonly interest: Fen;
}

export interface ScheduleInput {
  readonly principal: Fen;
  readonly annualRateBps: BasisPoints;
  readonly termMonths: number;
  readonly method: RepaymentMethod;
  /** Instalment k is due addMonths(startDate, k). */
  readonly startDate: BusinessDate;
}

/** 50 %: a rate above it is a typing error, not a loan. */
export const MAX_ANNUAL_RATE_BPS = 5_000;
/** 30 years. */
export const MAX_TERM_MONTHS = 360;
/** annual basis points -> monthly fraction: 10000 bp x 12 months. */
const MONTHLY_RATE_DENOMINATOR = 120_000n;

export function buildSchedule(input: ScheduleInput): Instalment[] {
  const { principal, annualRateBps, termMonths, method, startDate } = validate(input);
  const payment = method === 'equal-instalments' ? annuityPayment(principal, annualRateBps, termMonths) : 0n;
  const instalments: Instalment[] = [];
  let outstanding = principal;
  for (let number = 1; number <= termMonths; number++) {
    const interest = monthlyInterest(outstanding, annualRateBps);
    let principalPart: Fen;
    if (number === termMonths) principalPart = outstanding;
    else if (method === 'bullet') principalPart = 0n;
    else principalPart = clamp(payment - interest, 0n, outstanding);
    instalments.push({ number, dueDate: addMonths(startDate, number), principal: principalPart, interest });
    outstanding -= principalPart;
  }
  return instalments;
}

/** One month's interest on `outstanding`, rounded half-up to the fen. */
export function monthlyInterest(outstanding: Fen, annualRateBps: BasisPoints): Fen {
  return divideHalfUp(outstanding * BigInt(annualRateBps), MONTHLY_RATE_DENOMINATOR);
}

/**
 * The level monthly payment, rounded half-up once. With r = b / D (b = annual bps, D = 120000):
 * P x r x (1+r)^n / ((1+r)^n - 1) = P x b x (D+b)^n / (D x ((D+b)^n - D^n)), all integers.
 */
export function annuityPayment(principal: Fen, annualRateBps: BasisPoints, termMonths: number): Fen {
  if (annualRateBps === 0) return divideHalfUp(principal, BigInt(termMonths));
  const b = BigInt(annualRateBps);
  const n = BigInt(termMonths);
  const growth = (MONTHLY_RATE_DENOMINATOR + b) ** n;
  const base = MONTHLY_RATE_DENOMINATOR ** n;
  return divideHalfUp(principal * b * growth, MONTHLY_RATE_DENOMINATOR * (growth - base));
}

function clamp(value: Fen, low: Fen, high: Fen): Fen {
  return value < low ? low : minMoney(value, high);
}

function validate(input: ScheduleInput): ScheduleInput {
  const { principal, annualRateBps, termMonths, method, startDate } = input;
  if (typeof principal !== 'bigint' || principal <= 0n || principal > MAX_MONEY_FEN) {
    throw new InvalidScheduleError(
      `Principal must be more than 0 and at most ${formatMoney(MAX_MONEY_FEN)}, got ${String(principal)} fen`,
      { field: 'principal' },
    );
  }
  if (!Number.isSafeInteger(termMonths) || termMonths < 1 || termMonths > MAX_TERM_MONTHS) {
    throw new InvalidScheduleError(
      `Term must be a whole number of months from 1 to ${MAX_TERM_MONTHS}, got ${termMonths}`,
      {
        field: 'termMonths',
      },
    );
  }
  if (method !== 'equal-instalments' && method !== 'bullet') {
    throw new InvalidScheduleError(`Repayment method must be equal-instalments or bullet, got ${String(method)}`, {
      field: 'method',
    });
  }
  assertBasisPoints(annualRateBps, MAX_ANNUAL_RATE_BPS, 'annual rate');
  parseBusinessDate(startDate, 'start date');
  return input;
}
