import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '../columns/bigint-column';

/**
 * One row per loan: the columns queries filter on, and the loan's domain state as JSON (see
 * state-json.ts), from which the query computes every figure as of the date it is asked for.
 *
 * Money: BIGINT fen, read and written as `bigint` through `bigintColumn` (PostgreSQL returns a
 * string, SQLite a number). Dates: ISO "YYYY-MM-DD" text, which sorts like the date.
 *
 * The delinquency bucket depends on the date asked for, so it is not stored. What is stored is
 * what makes a bucket filter one indexed range: `next_due_date`, the due date of the oldest
 * instalment not covered by all the repayments recorded so far. As of any date on or after
 * `last_repayment_date`, days past due = max(0, asOf - next_due_date) (positionAsOf's rule), so
 * a bucket is a range of `next_due_date`. Rows with a repayment after the date asked for are
 * checked one by one with the domain's positionAsOf (see loan-bucket-filter.ts).
 */
@Entity({ name: 'loan_view' })
export class LoanViewRow {
  @PrimaryColumn({ name: 'loan_id', type: 'varchar' })
  loanId!: string;

  @Column({ name: 'bank_id', type: 'varchar' })
  bankId!: string;

  @Column({ name: 'enterprise_id', type: 'varchar' })
  enterpriseId!: string;

  /** LoanStatus: originated, pledges-secured, pledges-refused, active, repaid, defaulted, written-off. */
  @Column({ name: 'status', type: 'varchar' })
  status!: string;

  @Column({ name: 'principal', type: 'bigint', transformer: bigintColumn })
  principal!: bigint;

  @Column({ name: 'origination_date', type: 'varchar' })
  originationDate!: string;

  /** Null until disbursed (no schedule, no position, no bucket). */
  @Column({ name: 'disbursement_date', type: 'varchar', nullable: true })
  disbursementDate!: string | null;

  @Column({ name: 'last_repayment_date', type: 'varchar', nullable: true })
  lastRepaymentDate!: string | null;

  /** Oldest instalment not covered by all repayments so far; null when all is paid or not disbursed. */
  @Column({ name: 'next_due_date', type: 'varchar', nullable: true })
  nextDueDate!: string | null;

  /** The fund the loan is enrolled in (LoanEnrolled or LoanFundCoverageRecorded); null if none. */
  @Column({ name: 'fund_id', type: 'varchar', nullable: true })
  fundId!: string | null;

  /** The domain's LoanState (state-json.ts). */
  @Column({ name: 'state', type: 'text' })
  state!: string;

  /** JSON AssetPledge[]: each pledged asset's pledge as the IP register recorded it. */
  @Column({ name: 'asset_pledges', type: 'text' })
  assetPledges!: string;

  /** JSON Enrolment from LoanEnrolled / LoanCoverReleased; null if not enrolled. */
  @Column({ name: 'enrolment', type: 'text', nullable: true })
  enrolment!: string | null;
}
