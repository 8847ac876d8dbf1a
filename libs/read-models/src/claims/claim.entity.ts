import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '../columns/bigint-column';

/**
 * One row per claim (the claim id is the loan id: one claim stream per loan). Money columns hold
 * integer fen in BIGINT (`bigint` through `bigintColumn` in this entity; the queries read them with
 * CAST AS TEXT, exact on both drivers: see fund-dashboard/view-sql.ts). The history columns are JSON text holding the
 * events' own figures (two-decimal strings), in the order they happened.
 */
@Entity({ name: 'claims' })
export class ClaimRow {
  @PrimaryColumn({ name: 'claim_id', type: 'varchar' })
  claimId!: string;

  @Column({ name: 'loan_id', type: 'varchar' })
  loanId!: string;

  @Column({ name: 'bank_id', type: 'varchar' })
  bankId!: string;

  @Column({ name: 'fund_id', type: 'varchar' })
  fundId!: string;

  /** filed | approving | approved | rejected | paid */
  @Column({ name: 'status', type: 'varchar' })
  status!: string;

  @Column({ name: 'principal_loss', type: 'bigint', transformer: bigintColumn })
  principalLoss!: bigint;

  @Column({ name: 'outstanding_principal_at_default', type: 'bigint', transformer: bigintColumn })
  outstandingPrincipalAtDefault!: bigint;

  @Column({ name: 'recoveries_so_far', type: 'bigint', transformer: bigintColumn })
  recoveriesSoFar!: bigint;

  /** JSON: ClaimFiled's `cover` (policy version, ratio, tier, per-loan cap, covered principal). */
  @Column({ name: 'cover', type: 'text' })
  cover!: string;

  @Column({ name: 'filed_by', type: 'varchar' })
  filedBy!: string;

  @Column({ name: 'filed_on', type: 'varchar' })
  filedOn!: string;

  /** How many times the claim was filed (a rejected claim may be filed again). */
  @Column({ name: 'filings', type: 'integer' })
  filings!: number;

  /** JSON array: the current round's approvers. */
  @Column({ name: 'approvers', type: 'text' })
  approvers!: string;

  /** JSON array: every ClaimApproved, with its `calculation` trace and the filing it belongs to. */
  @Column({ name: 'approvals', type: 'text' })
  approvals!: string;

  /** JSON array: every ClaimRejected. */
  @Column({ name: 'rejections', type: 'text' })
  rejections!: string;

  @Column({ name: 'paid_amount', type: 'bigint', nullable: true, transformer: bigintColumn })
  paidAmount!: bigint | null;

  @Column({ name: 'paid_on', type: 'varchar', nullable: true })
  paidOn!: string | null;

  /** JSON array: every ClaimPaymentRefused. */
  @Column({ name: 'payment_refusals', type: 'text' })
  paymentRefusals!: string;

  /** JSON array: every RecoveryShared. */
  @Column({ name: 'recovery_shares', type: 'text' })
  recoveryShares!: string;

  @Column({ name: 'cumulative_shared', type: 'bigint', transformer: bigintColumn })
  cumulativeShared!: bigint;

  /** formatPosition of the last event applied to this claim. */
  @Column({ name: 'last_position', type: 'varchar' })
  lastPosition!: string;
}
