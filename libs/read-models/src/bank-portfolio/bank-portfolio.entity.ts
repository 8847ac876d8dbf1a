import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '../columns/bigint-column';

/*
 * The bank portfolio's tables. Money: integer fen in BIGINT (`bigint` here through bigintColumn;
 * the query reads sums with CAST AS TEXT, exact on both drivers: see fund-dashboard/view-sql.ts).
 */

/** One row per registered bank. */
@Entity({ name: 'bank_portfolio_banks' })
export class BankPortfolioBankRow {
  @PrimaryColumn({ name: 'bank_id', type: 'varchar' })
  bankId!: string;

  @Column({ name: 'name', type: 'varchar' })
  name!: string;

  /** The latest business date on the bank's loans' and compensations' events; null before any. */
  @Column({ name: 'latest_business_date', type: 'varchar', nullable: true })
  latestBusinessDate!: string | null;
}

/**
 * One row per loan. `bucket` is the delinquency bucket as of `bucket_as_of`: the loan's latest
 * LoanDelinquencyAssessed, 'current' from disbursement until the first assessment, the bucket of
 * the days past due at default for a defaulted loan, and null for a loan not disbursed or closed
 * (repaid, written off). A repayment does not move it: only an assessment can tell whether
 * arrears remain, and the view has no clock of its own to age it.
 */
@Entity({ name: 'bank_portfolio_loans' })
export class BankPortfolioLoanRow {
  @PrimaryColumn({ name: 'loan_id', type: 'varchar' })
  loanId!: string;

  @Column({ name: 'bank_id', type: 'varchar' })
  bankId!: string;

  @Column({ name: 'enterprise_id', type: 'varchar' })
  enterpriseId!: string;

  /** The fund whose cover the loan recorded (LoanFundCoverageRecorded); null when not covered. */
  @Column({ name: 'fund_id', type: 'varchar', nullable: true })
  fundId!: string | null;

  /** The Loan aggregate's status: originated | pledges-secured | pledges-refused | active | repaid | defaulted | written-off */
  @Column({ name: 'status', type: 'varchar' })
  status!: string;

  @Column({ name: 'principal', type: 'bigint', transformer: bigintColumn })
  principal!: bigint;

  /** 0 before disbursement and once closed; after default, outstanding at default minus recoveries. */
  @Column({ name: 'outstanding_principal', type: 'bigint', transformer: bigintColumn })
  outstandingPrincipal!: bigint;

  @Column({ name: 'bucket', type: 'varchar', nullable: true })
  bucket!: string | null;

  @Column({ name: 'days_past_due', type: 'integer', nullable: true })
  daysPastDue!: number | null;

  @Column({ name: 'bucket_as_of', type: 'varchar', nullable: true })
  bucketAsOf!: string | null;
}

/** One row per fund: its current policy (for the per-bank annual cap). */
@Entity({ name: 'bank_portfolio_fund_policies' })
export class BankPortfolioFundPolicyRow {
  @PrimaryColumn({ name: 'fund_id', type: 'varchar' })
  fundId!: string;

  /** JSON: the latest FundPolicyPublished's policy (FundPolicyData). */
  @Column({ name: 'policy', type: 'text' })
  policy!: string;
}

/** One row per bank admitted to a fund: standing and compensation received per calendar year. */
@Entity({ name: 'bank_portfolio_fund_banks' })
export class BankPortfolioFundBankRow {
  @PrimaryColumn({ name: 'fund_id', type: 'varchar' })
  fundId!: string;

  @PrimaryColumn({ name: 'bank_id', type: 'varchar' })
  bankId!: string;

  /** admitted | suspended */
  @Column({ name: 'standing', type: 'varchar' })
  standing!: string;

  /** JSON object: calendar year -> fen paid that year (integer text), from CompensationPaid. */
  @Column({ name: 'paid_by_year', type: 'text' })
  paidByYear!: string;
}

export const bankPortfolioEntities = [
  BankPortfolioBankRow,
  BankPortfolioLoanRow,
  BankPortfolioFundPolicyRow,
  BankPortfolioFundBankRow,
];
