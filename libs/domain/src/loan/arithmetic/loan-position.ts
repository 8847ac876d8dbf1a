import type { BusinessDate } from '../../shared/business-date';
import { compareDates, daysBetween, parseBusinessDate } from '../../shared/business-date';
import type { Fen } from '../../shared/money';
import { maxMoney, sumMoney } from '../../shared/money';
import type { Instalment } from './repayment-schedule';

export type DelinquencyBucket = 'current' | '1-30' | '31-60' | '61-90' | '90+';

export interface Repayment {
  readonly valueDate: BusinessDate;
  readonly principal: Fen;
  readonly interest: Fen;
}

export interface LoanPosition {
  /** Principal minus all principal repaid. */
  readonly outstandingPrincipal: Fen;
  /** Scheduled principal due on or before asOf, not yet repaid (the overdue part). */
  readonly principalDue: Fen;
  /** Scheduled interest due on or before asOf, not yet repaid. */
  readonly interestDue: Fen;
  /** Days since the oldest instalment not fully covered by repayments fell due (0 if none is overdue). */
  readonly daysPastDue: number;
  readonly bucket: DelinquencyBucket;
  /** The oldest instalment not fully covered: overdue, due on asOf, or the first due after it. Null once all is paid. */
  readonly nextInstalment: Instalment | null;
}

/**
 * What the repayments counted in a position add up to: the repayments with a value date on or
 * before its as-of date.
 */
export interface RepaidTotals {
  readonly principalRepaid: Fen;
  readonly interestRepaid: Fen;
  /**
   * Value date of the repayment that brought the principal repaid up to the loan's principal (in
   * value-date order); null while some principal is outstanding.
   */
  readonly paidOffOn: BusinessDate | null;
}

/**
 * Where a loan stands on `asOf`, from its schedule and the repayments with a value date on or
 * before `asOf` (later ones have not happened yet as of that date).
 *
 * Days past due: repayments, in value-date order, cover the instalments oldest first, each
 * instalment's interest then its principal, cumulatively; the oldest instalment whose scheduled
 * total is not covered and whose due date is before `asOf` gives daysBetween(dueDate, asOf).
 *
 * A loan prepaid in full ends its schedule: an instalment falling due after the day the whole
 * principal was repaid carries no interest (no interest is charged for the broken period).
 */
export function positionAsOf(
  schedule: readonly Instalment[],
  repayments: readonly Repayment[],
  asOf: BusinessDate,
): LoanPosition {
  parseBusinessDate(asOf, 'as-of date');
  const applied = repayments
    .filter((repayment) => compareDates(repayment.valueDate, asOf) <= 0)
    .sort((a, b) => compareDates(a.valueDate, b.valueDate));
  return positionFromTotals(
    schedule,
    {
      principalRepaid: sumMoney(applied.map((repayment) => repayment.principal)),
      interestRepaid: sumMoney(applied.map((repayment) => repayment.interest)),
      paidOffOn: payoffDate(applied, loanPrincipalOf(schedule)),
    },
    asOf,
  );
}

/**
 * `positionAsOf` from the totals of the repayments it counts, without walking them: for a caller
 * that keeps running totals and knows every repayment it holds is on or before `asOf`.
 */
export function positionFromTotals(
  schedule: readonly Instalment[],
  repaid: RepaidTotals,
  asOf: BusinessDate,
): LoanPosition {
  parseBusinessDate(asOf, 'as-of date');
  const { principalRepaid, interestRepaid, paidOffOn } = repaid;
  const loanPrincipal = loanPrincipalOf(schedule);
  const owedInterest = (instalment: Instalment): Fen =>
    paidOffOn !== null && compareDates(paidOffOn, instalment.dueDate) < 0 ? 0n : instalment.interest;

  const fallenDue = schedule.filter((instalment) => compareDates(instalment.dueDate, asOf) <= 0);
  const principalDue = maxMoney(0n, sumMoney(fallenDue.map((i) => i.principal)) - principalRepaid);
  const interestDue = maxMoney(0n, sumMoney(fallenDue.map(owedInterest)) - interestRepaid);

  const totalRepaid = principalRepaid + interestRepaid;
  let covered = 0n;
  let nextInstalment: Instalment | null = null;
  for (const instalment of schedule) {
    covered += owedInterest(instalment) + instalment.principal;
    if (covered > totalRepaid) {
      nextInstalment = instalment;
      break;
    }
  }
  const daysPastDue =
    nextInstalment !== null && compareDates(nextInstalment.dueDate, asOf) < 0
      ? daysBetween(nextInstalment.dueDate, asOf)
      : 0;

  return {
    outstandingPrincipal: loanPrincipal - principalRepaid,
    principalDue,
    interestDue,
    daysPastDue,
    bucket: bucketFor(daysPastDue),
    nextInstalment,
  };
}

/** The loan's principal: what its schedule repays. */
export function loanPrincipalOf(schedule: readonly Instalment[]): Fen {
  return sumMoney(schedule.map((instalment) => instalment.principal));
}

/** 0 -> current, 1-30, 31-60, 61-90, more than 90 -> 90+. */
export function bucketFor(daysPastDue: number): DelinquencyBucket {
  if (!Number.isSafeInteger(daysPastDue) || daysPastDue < 0) {
    throw new RangeError(`Days past due must be a whole number of days, 0 or more, got ${daysPastDue}`);
  }
  if (daysPastDue === 0) return 'current';
  if (daysPastDue <= 30) return '1-30';
  if (daysPastDue <= 60) return '31-60';
  if (daysPastDue <= 90) return '61-90';
  return '90+';
}

/**
 * The value date of the repayment that brought the principal repaid up to the loan's principal,
 * `applied` in value-date order; null while some is outstanding.
 */
export function payoffDate(applied: readonly Repayment[], loanPrincipal: Fen): BusinessDate | null {
  let repaid = 0n;
  for (const repayment of applied) {
    repaid += repayment.principal;
    if (repaid >= loanPrincipal) return repayment.valueDate;
  }
  return null;
}
