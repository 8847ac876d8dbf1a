import { LOAN_VIEW_UPDATED_COLUMNS, loanViewRecord, type FoldedLoan } from '@pledge-ledger/read-models';

/**
 * The loan view's row for the peer and the ceiling, made by our own code (libs/read-models'
 * loan-view.projection.ts: the loan folded with the domain's evolveLoan, the enrolment and the
 * pledges, then the row's columns), as text for plain SQL. The comparison after the runs checks
 * every column, the state's text included, against ours.
 */
export type { FoldedLoan };

export type LoanViewRow = Record<(typeof LOAN_VIEW_COLUMNS)[number], string | null>;

export const LOAN_VIEW_COLUMNS = ['loan_id', ...LOAN_VIEW_UPDATED_COLUMNS] as const;

export function loanViewRow(folded: FoldedLoan): LoanViewRow | null {
  const record = loanViewRecord(folded);
  return record && { ...record, principal: record.principal.toString() };
}

/** libs/read-models' migration 1795564801100-loan-view.ts: keys only, or with its secondary indexes. */
const TABLE = `
CREATE TABLE IF NOT EXISTS loan_view (
  loan_id varchar(200) NOT NULL PRIMARY KEY,
  bank_id varchar(200) NOT NULL,
  enterprise_id varchar(200) NOT NULL,
  status varchar(30) NOT NULL,
  principal bigint NOT NULL,
  origination_date varchar(10) NOT NULL,
  disbursement_date varchar(10),
  last_repayment_date varchar(10),
  next_due_date varchar(10),
  fund_id varchar(200),
  state text NOT NULL,
  asset_pledges text NOT NULL,
  enrolment text
);`;

const INDEXES = `
CREATE INDEX IF NOT EXISTS loan_view_by_bank ON loan_view (bank_id, loan_id);
CREATE INDEX IF NOT EXISTS loan_view_by_enterprise ON loan_view (enterprise_id, loan_id);
CREATE INDEX IF NOT EXISTS loan_view_by_fund ON loan_view (fund_id, loan_id);
CREATE INDEX IF NOT EXISTS loan_view_by_next_due_date ON loan_view (next_due_date);`;

export const LOAN_VIEW_DDL = { keysOnly: TABLE, withIndexes: TABLE + INDEXES } as const;

/** `INSERT ... ON CONFLICT (loan_id) DO UPDATE` every other column, as ours upserts. */
export const LOAN_VIEW_UPSERT_SET = LOAN_VIEW_UPDATED_COLUMNS.map((column) => `${column} = excluded.${column}`).join(
  ', ',
);
