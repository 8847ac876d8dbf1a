/**
 * The journal's four tables as libs/read-models' migration makes them (1795564803000-journal.ts:
 * same columns, types, NOT NULLs and primary keys), for the peer and the ceiling, which write them
 * without our read store: `keysOnly` has the primary keys alone, `withIndexes` adds the journal's
 * secondary indexes (the unique one on the entries' positions, and the lookups by type, value date,
 * account and position). Unqualified: created in the connection's current schema.
 */
const TABLES = `
CREATE TABLE IF NOT EXISTS journal_entries (
  event_id varchar(100) NOT NULL PRIMARY KEY,
  position varchar(64) NOT NULL,
  position_commit bigint NOT NULL,
  position_prepare bigint NOT NULL,
  stream_id varchar(300) NOT NULL,
  revision integer NOT NULL,
  event_type varchar(200) NOT NULL,
  value_date varchar(10) NOT NULL,
  recorded_at varchar(40) NOT NULL,
  description varchar(1000) NOT NULL,
  total bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS journal_lines (
  event_id varchar(100) NOT NULL,
  line_no integer NOT NULL,
  account varchar(400) NOT NULL,
  owner_kind varchar(20) NOT NULL,
  owner_id varchar(300) NOT NULL,
  account_key varchar(60) NOT NULL,
  debit bigint NOT NULL,
  credit bigint NOT NULL,
  position_commit bigint NOT NULL,
  position_prepare bigint NOT NULL,
  PRIMARY KEY (event_id, line_no)
);
CREATE TABLE IF NOT EXISTS journal_account_balances (
  account varchar(400) NOT NULL PRIMARY KEY,
  owner_kind varchar(20) NOT NULL,
  owner_id varchar(300) NOT NULL,
  account_key varchar(60) NOT NULL,
  debit_total bigint NOT NULL,
  credit_total bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS journal_loans (
  loan_id varchar(200) NOT NULL PRIMARY KEY,
  bank_id varchar(200) NOT NULL,
  enterprise_id varchar(200) NOT NULL
);`;

const INDEXES = `
CREATE UNIQUE INDEX IF NOT EXISTS journal_entries_by_position ON journal_entries (position_commit, position_prepare);
CREATE INDEX IF NOT EXISTS journal_entries_by_type ON journal_entries (event_type, position_commit, position_prepare);
CREATE INDEX IF NOT EXISTS journal_entries_by_value_date ON journal_entries (value_date);
CREATE INDEX IF NOT EXISTS journal_lines_by_account ON journal_lines (account, position_commit, position_prepare);
CREATE INDEX IF NOT EXISTS journal_lines_by_position ON journal_lines (position_commit, position_prepare);`;

export const JOURNAL_TABLES_DDL = {
  keysOnly: TABLES,
  withIndexes: TABLES + INDEXES,
} as const;
