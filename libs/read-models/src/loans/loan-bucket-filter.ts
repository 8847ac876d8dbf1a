import { addDays, bucketFor, type DelinquencyBucket } from '@pledge-ledger/domain';
import { Brackets, type SelectQueryBuilder } from 'typeorm';

export const DELINQUENCY_BUCKETS: readonly DelinquencyBucket[] = ['current', '1-30', '31-60', '61-90', '90+'];

export interface DayRange {
  readonly min: number;
  /** Null for the open-ended last bucket. */
  readonly max: number | null;
}

/** Far beyond the last bucket's lower bound: a bucket still seen here has no upper bound. */
const PROBE_DAYS = 3650;

/**
 * The days past due each bucket spans, read off the domain's bucketFor rather than restated, so
 * the bucket boundaries keep living in one place.
 */
const DAY_RANGES: ReadonlyMap<DelinquencyBucket, DayRange> = (() => {
  const ranges = new Map<DelinquencyBucket, { min: number; max: number | null }>();
  for (let days = 0; days <= PROBE_DAYS; days++) {
    const bucket = bucketFor(days);
    const range = ranges.get(bucket);
    if (range) range.max = days;
    else ranges.set(bucket, { min: days, max: days });
  }
  const open = ranges.get(bucketFor(PROBE_DAYS));
  if (open) open.max = null;
  return ranges;
})();

/** The days past due `bucket` spans, as bucketFor draws them. */
export function bucketDayRange(bucket: DelinquencyBucket): DayRange {
  const range = DAY_RANGES.get(bucket);
  if (!range) throw new RangeError(`No such bucket: ${bucket}`);
  return range;
}

/**
 * Narrows `builder` (loan_view as `l`) to the loans that may be in `bucket` as of `asOf`: an exact
 * range of next_due_date for loans with no repayment after asOf (days past due = asOf -
 * next_due_date, 0 when it is not before asOf), plus every loan with a later repayment, which
 * the caller must check with positionAsOf. Loans not yet disbursed have no bucket.
 *
 * A defaulted loan keeps counting days past due from the same oldest unpaid instalment (the
 * domain's loanPositionAsOf), so next_due_date serves for it as for an active one. A written-off
 * loan has 0 days past due and bucket `current` from its write-off date on: every written-off
 * loan is a candidate for `current` (the caller's positionAsOf check keeps those written off on
 * or before asOf), and for the other buckets next_due_date still gives its days past due before
 * the write-off, which that check drops on and after it.
 */
export function whereMayBeInBucket(builder: SelectQueryBuilder<object>, bucket: DelinquencyBucket, asOf: string): void {
  const range = bucketDayRange(bucket);
  builder.andWhere('l.disbursementDate IS NOT NULL');
  builder.andWhere(
    new Brackets((outer) => {
      outer.where('l.lastRepaymentDate > :bucketAsOf', { bucketAsOf: asOf });
      if (range.min === 0) outer.orWhere('l.status = :writtenOff', { writtenOff: 'written-off' });
      outer.orWhere(
        new Brackets((inner) => {
          const conditions: string[] = [];
          const parameters: Record<string, string> = {};
          if (range.min > 0) {
            conditions.push('l.nextDueDate <= :dueOnOrBefore');
            parameters.dueOnOrBefore = addDays(asOf, -range.min);
          }
          if (range.max !== null) {
            conditions.push('l.nextDueDate >= :dueOnOrAfter');
            parameters.dueOnOrAfter = addDays(asOf, -range.max);
          }
          const inRange = conditions.length > 0 ? conditions.join(' AND ') : '1 = 1';
          // Nothing left to pay: 0 days past due.
          inner.where(range.min === 0 ? `(l.nextDueDate IS NULL OR (${inRange}))` : `(${inRange})`, parameters);
        }),
      );
    }),
  );
}
