import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '../columns/bigint-column';

/** One journal entry per money-moving event (the event id is its key, so it is written once). */
@Entity({ name: 'journal_entries' })
export class JournalEntryRow {
  @PrimaryColumn({ name: 'event_id', type: 'varchar' })
  eventId!: string;

  /** formatPosition of the event. */
  @Column({ name: 'position', type: 'varchar' })
  position!: string;

  @Column({ name: 'position_commit', type: 'bigint', transformer: bigintColumn })
  positionCommit!: bigint;

  @Column({ name: 'position_prepare', type: 'bigint', transformer: bigintColumn })
  positionPrepare!: bigint;

  @Column({ name: 'stream_id', type: 'varchar' })
  streamId!: string;

  @Column({ name: 'revision', type: 'integer' })
  revision!: number;

  @Column({ name: 'event_type', type: 'varchar' })
  eventType!: string;

  @Column({ name: 'value_date', type: 'varchar' })
  valueDate!: string;

  @Column({ name: 'recorded_at', type: 'varchar' })
  recordedAt!: string;

  @Column({ name: 'description', type: 'varchar' })
  description!: string;

  /** Sum of the entry's debits (= sum of its credits), in fen. */
  @Column({ name: 'total', type: 'bigint', transformer: bigintColumn })
  total!: bigint;
}

@Entity({ name: 'journal_lines' })
export class JournalLineRow {
  @PrimaryColumn({ name: 'event_id', type: 'varchar' })
  eventId!: string;

  @PrimaryColumn({ name: 'line_no', type: 'integer' })
  lineNo!: number;

  @Column({ name: 'account', type: 'varchar' })
  account!: string;

  @Column({ name: 'owner_kind', type: 'varchar' })
  ownerKind!: string;

  @Column({ name: 'owner_id', type: 'varchar' })
  ownerId!: string;

  @Column({ name: 'account_key', type: 'varchar' })
  accountKey!: string;

  @Column({ name: 'debit', type: 'bigint', transformer: bigintColumn })
  debit!: bigint;

  @Column({ name: 'credit', type: 'bigint', transformer: bigintColumn })
  credit!: bigint;

  @Column({ name: 'position_commit', type: 'bigint', transformer: bigintColumn })
  positionCommit!: bigint;

  @Column({ name: 'position_prepare', type: 'bigint', transformer: bigintColumn })
  positionPrepare!: bigint;
}

/** Running totals per account, kept by the projection so the trial balance reads one small table. */
@Entity({ name: 'journal_account_balances' })
export class JournalAccountBalanceRow {
  @PrimaryColumn({ name: 'account', type: 'varchar' })
  account!: string;

  @Column({ name: 'owner_kind', type: 'varchar' })
  ownerKind!: string;

  @Column({ name: 'owner_id', type: 'varchar' })
  ownerId!: string;

  @Column({ name: 'account_key', type: 'varchar' })
  accountKey!: string;

  @Column({ name: 'debit_total', type: 'bigint', transformer: bigintColumn })
  debitTotal!: bigint;

  @Column({ name: 'credit_total', type: 'bigint', transformer: bigintColumn })
  creditTotal!: bigint;
}

/** Which enterprise borrowed each loan: repayments and recoveries post to its books too. */
@Entity({ name: 'journal_loans' })
export class JournalLoanRow {
  @PrimaryColumn({ name: 'loan_id', type: 'varchar' })
  loanId!: string;

  @Column({ name: 'bank_id', type: 'varchar' })
  bankId!: string;

  @Column({ name: 'enterprise_id', type: 'varchar' })
  enterpriseId!: string;
}
