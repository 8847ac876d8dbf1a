import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '../columns/bigint-column';

/*
 * The fund dashboard's tables. Money: integer fen in BIGINT (`bigint` here through bigintColumn;
 * the queries read it with CAST AS TEXT, exact on both drivers: see view-sql.ts). JSON columns are
 * text. Dates are ISO business dates from the events, never the clock.
 */

/** One row per fund: its totals and current policy. */
@Entity({ name: 'fund_dashboard_funds' })
export class FundDashboardFundRow {
  @PrimaryColumn({ name: 'fund_id', type: 'varchar' })
  fundId!: string;

  @Column({ name: 'name', type: 'varchar' })
  name!: string;

  @Column({ name: 'established_on', type: 'varchar' })
  establishedOn!: string;

  @Column({ name: 'contributed', type: 'bigint', transformer: bigintColumn })
  contributed!: bigint;

  @Column({ name: 'paid', type: 'bigint', transformer: bigintColumn })
  paid!: bigint;

  @Column({ name: 'recovered', type: 'bigint', transformer: bigintColumn })
  recovered!: bigint;

  /** JSON: the latest FundPolicyPublished's policy (FundPolicyData), null before the first. */
  @Column({ name: 'policy', type: 'text', nullable: true })
  policy!: string | null;

  /** The latest business date on the fund's and its claims' events: "now" for this view. */
  @Column({ name: 'latest_business_date', type: 'varchar' })
  latestBusinessDate!: string;
}

/** One row per bank admitted to a fund: standing and what the fund paid it and got back. */
@Entity({ name: 'fund_dashboard_banks' })
export class FundDashboardBankRow {
  @PrimaryColumn({ name: 'fund_id', type: 'varchar' })
  fundId!: string;

  @PrimaryColumn({ name: 'bank_id', type: 'varchar' })
  bankId!: string;

  /** admitted | suspended */
  @Column({ name: 'standing', type: 'varchar' })
  standing!: string;

  @Column({ name: 'standing_since', type: 'varchar' })
  standingSince!: string;

  /** The last suspension's or reinstatement's reason; null after admission. */
  @Column({ name: 'standing_reason', type: 'text', nullable: true })
  standingReason!: string | null;

  @Column({ name: 'paid', type: 'bigint', transformer: bigintColumn })
  paid!: bigint;

  @Column({ name: 'recovered', type: 'bigint', transformer: bigintColumn })
  recovered!: bigint;

  /** JSON object: calendar year -> fen paid that year (integer text), for the per-bank annual cap. */
  @Column({ name: 'paid_by_year', type: 'text' })
  paidByYear!: string;
}

/**
 * One row per loan the fund knows of: its enrolment (cover terms and status) and whether the loan
 * is in default (from the loan's own LoanDefaulted, which may arrive before the enrolment).
 */
@Entity({ name: 'fund_dashboard_loans' })
export class FundDashboardLoanRow {
  @PrimaryColumn({ name: 'loan_id', type: 'varchar' })
  loanId!: string;

  /** Null while only the default is known. */
  @Column({ name: 'fund_id', type: 'varchar', nullable: true })
  fundId!: string | null;

  @Column({ name: 'bank_id', type: 'varchar' })
  bankId!: string;

  @Column({ name: 'enterprise_id', type: 'varchar' })
  enterpriseId!: string;

  @Column({ name: 'principal', type: 'bigint', transformer: bigintColumn })
  principal!: bigint;

  @Column({ name: 'covered_principal', type: 'bigint', transformer: bigintColumn })
  coveredPrincipal!: bigint;

  @Column({ name: 'coverage_ratio_bps', type: 'integer' })
  coverageRatioBps!: number;

  @Column({ name: 'tier', type: 'integer' })
  tier!: number;

  @Column({ name: 'per_loan_cap', type: 'bigint', transformer: bigintColumn })
  perLoanCap!: bigint;

  @Column({ name: 'max_compensation', type: 'bigint', transformer: bigintColumn })
  maxCompensation!: bigint;

  @Column({ name: 'policy_version', type: 'integer' })
  policyVersion!: number;

  @Column({ name: 'enrolled_on', type: 'varchar' })
  enrolledOn!: string;

  /** covered | compensated | released (the fund's Enrolment status); null while not enrolled. */
  @Column({ name: 'cover_status', type: 'varchar', nullable: true })
  coverStatus!: string | null;

  /** 1 once the loan defaulted (a written-off loan stays in default). */
  @Column({ name: 'in_default', type: 'integer' })
  inDefault!: number;
}

/** One row per claim on a fund: what the claim queue needs. */
@Entity({ name: 'fund_dashboard_claims' })
export class FundDashboardClaimRow {
  @PrimaryColumn({ name: 'claim_id', type: 'varchar' })
  claimId!: string;

  @Column({ name: 'fund_id', type: 'varchar' })
  fundId!: string;

  @Column({ name: 'loan_id', type: 'varchar' })
  loanId!: string;

  @Column({ name: 'bank_id', type: 'varchar' })
  bankId!: string;

  @Column({ name: 'status', type: 'varchar' })
  status!: string;

  @Column({ name: 'principal_loss', type: 'bigint', transformer: bigintColumn })
  principalLoss!: bigint;

  @Column({ name: 'coverage_ratio_bps', type: 'integer' })
  coverageRatioBps!: number;

  @Column({ name: 'per_loan_cap', type: 'bigint', transformer: bigintColumn })
  perLoanCap!: bigint;

  @Column({ name: 'filed_on', type: 'varchar' })
  filedOn!: string;

  /** JSON array: the current round's approvers. */
  @Column({ name: 'approvers', type: 'text' })
  approvers!: string;

  /** The current round's payout and required approvals; null before the first approval of a round. */
  @Column({ name: 'round_payout', type: 'bigint', nullable: true, transformer: bigintColumn })
  roundPayout!: bigint | null;

  @Column({ name: 'approvals_required', type: 'integer', nullable: true })
  approvalsRequired!: number | null;
}

export const fundDashboardEntities = [
  FundDashboardFundRow,
  FundDashboardBankRow,
  FundDashboardLoanRow,
  FundDashboardClaimRow,
];
