import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PostgresEventStore, START, type After, type RecordedEvent } from '@pledge-ledger/event-store';
import {
  REBUILD_BATCH_SIZE,
  JournalRebuild,
  journalProjection,
  loanViewProjection,
  projectionHandles,
  foldLoanEvent,
  foldedLoanFromRow,
  copyOf,
  copyRowsOn,
} from '@pledge-ledger/read-models';
import { Client } from 'pg';
import { PG_URL, withSearchPath } from './environment';
import type { History } from './projection-history';
import { JOURNAL_TABLES_DDL } from './projections-journal-tables';
import {
  LOAN_VIEW_DDL,
  LOAN_VIEW_UPSERT_SET,
  loanViewRow,
  type FoldedLoan,
  type LoanViewRow,
} from './projections-loan-view-rows';

/**
 * B4's ceilings for the journal and the loan view: what PostgreSQL itself takes to move a
 * rebuild's data, with no projection logic at all. The most any rebuild of that read model can do
 * on this machine and database.
 *
 * Exactly, for the journal (the loan view: below):
 *  - Before the clock: the whole history is read (our store, pages of REBUILD_BATCH_SIZE = 2,000
 *    events, the pages our rebuild reads) and, per page, the rows our journal writes for it are
 *    computed by our rebuild's own fold (`JournalRebuild.takeRows`) and serialised as our rebuild
 *    sends them: the entries, their lines, the loans originated, and the running totals of the
 *    accounts the page touches as they stand after it. They go to a temporary file (one page's worth is read back at a time, so
 *    memory stays flat), with the page's last position; the tables (`JOURNAL_TABLES_DDL.keysOnly`:
 *    the journal's columns and primary keys, no secondary index, never built) are created in a
 *    fresh schema.
 *  - Timed: every page of the history is read again through node-postgres with our store's own
 *    statement (`SELECT position, stream_id, revision, type, data, metadata, hash FROM events
 *    WHERE position > $1 ORDER BY position LIMIT 2000`, rows as the driver parses them, not
 *    mapped), the next page read on a second connection while the current one is written; per
 *    page, one transaction: a COPY each of its loans, entries and lines (PostgreSQL's bulk load,
 *    the rows serialised before the clock in its text format), and one multi-row upsert of the
 *    accounts' totals (`ON CONFLICT (account) DO UPDATE SET` the new totals: no read) taking its
 *    rows as one JSON parameter through `json_populate_recordset`. No checkpoint, no lookup, no
 *    posting rule, no conflict check on entries or lines.
 * The file's read-back (from the page cache) is the only work inside the clock that a rebuild
 * would not do.
 *
 * The loan view the same way, with one part: per page, the rows of the loans the page touches, as
 * ours writes them after the page (folded with our `foldLoanView`), upserted by one multi-row
 * `INSERT ... ON CONFLICT (loan_id) DO UPDATE` into `loan_view` with its primary key only. No read
 * of the stored rows, no decoding or encoding of the loans' states inside the clock.
 */
const BATCH = REBUILD_BATCH_SIZE;
const READ_SQL = (schema: string) =>
  `SELECT position, stream_id, revision, type, data, metadata, hash FROM "${schema}".events
   WHERE position > $1 ORDER BY position LIMIT $2`;

/** How a part's rows are written: a COPY into a table, or a statement taking them as one JSON parameter ($1). */
export type CeilingWrite = { readonly copy: string } | { readonly sql: string };

/** What a ceiling writes: its tables, and per page the rows of each of its statements (in order). */
export interface CeilingTarget {
  readonly name: string;
  readonly ddl: string;
  /** How each part is written, in order. */
  readonly writes: Readonly<Record<string, CeilingWrite>>;
  /** The rows a page makes the projection write, per part; called on every page in order. */
  rowsOf(page: readonly RecordedEvent[]): Record<string, readonly object[]>;
  /** Rows written per part, for the log. */
  readonly counts: Record<string, number>;
  /** Forgets what `rowsOf` kept between pages, once every page is computed. */
  release(): void;
}

interface PrecomputedPage {
  readonly last: string;
  readonly events: number;
  readonly offset: number;
  readonly lengths: Record<string, number>;
  /** The columns of each COPY part, in the order of its text. */
  readonly columns: Record<string, readonly string[]>;
}

export interface CeilingData {
  readonly target: CeilingTarget;
  readonly pages: readonly PrecomputedPage[];
  readonly file: string;
  readonly directory: string;
  readonly events: number;
  readonly precomputeSeconds: number;
}

/**
 * The journal: entries, lines, loans originated, and the totals of the accounts a page touches as
 * they stand after it: the rows our rebuild's fold computes (`JournalRebuild.takeRows`).
 */
export function journalCeiling(): CeilingTarget {
  const newFold = () => new JournalRebuild({ tables: journalProjection.tables, dialect: 'postgres' });
  let fold = newFold();
  const counts = { loans: 0, entries: 0, lines: 0, balances: 0 };
  return {
    name: 'journal',
    ddl: JOURNAL_TABLES_DDL.keysOnly,
    writes: {
      loans: { copy: 'journal_loans' },
      entries: { copy: 'journal_entries' },
      lines: { copy: 'journal_lines' },
      balances: {
        sql: `INSERT INTO journal_account_balances
              SELECT * FROM json_populate_recordset(NULL::journal_account_balances, $1)
              ON CONFLICT (account) DO UPDATE SET debit_total = excluded.debit_total, credit_total = excluded.credit_total`,
      },
    },
    counts,
    release() {
      fold = newFold();
    },
    rowsOf(page) {
      for (const event of page) if (projectionHandles(journalProjection, event.type)) fold.add(event);
      const rows = fold.takeRows();
      for (const part of Object.keys(counts) as (keyof typeof counts)[]) counts[part] += rows[part].length;
      return rows;
    },
  };
}

/**
 * The loan view: the rows of the loans a page touches as they stand after it, folded as ours
 * folds them. Precomputing keeps every loan's row (its state as text) in memory until the end.
 */
export function loanViewCeiling(): CeilingTarget {
  const loans = new Map<string, LoanViewRow>();
  const counts = { loans: 0 };
  return {
    name: 'loan-view',
    ddl: LOAN_VIEW_DDL.keysOnly,
    writes: {
      loans: {
        sql: `INSERT INTO loan_view SELECT * FROM json_populate_recordset(NULL::loan_view, $1)
              ON CONFLICT (loan_id) DO UPDATE SET ${LOAN_VIEW_UPSERT_SET}`,
      },
    },
    counts,
    release() {
      loans.clear();
    },
    rowsOf(page) {
      const folded = new Map<string, FoldedLoan | null>();
      for (const event of page) {
        if (!projectionHandles(loanViewProjection, event.type)) continue;
        const id = String(event.data.loanId);
        let loan = folded.get(id);
        if (loan === undefined) {
          const stored = loans.get(id);
          loan = stored
            ? foldedLoanFromRow({ ...stored, state: stored.state!, asset_pledges: stored.asset_pledges! })
            : null;
        }
        folded.set(id, foldLoanEvent(loan, event));
      }
      const rows: LoanViewRow[] = [];
      for (const loan of folded.values()) {
        const row = loan && loanViewRow(loan);
        if (!row) continue;
        loans.set(row.loan_id!, row);
        rows.push(row);
      }
      counts.loans += rows.length;
      return { loans: rows };
    },
  };
}

/** The rows each page of the history makes `target` write, as COPY text or JSON, in a temporary file. */
export async function precomputeRows(history: History, target: CeilingTarget): Promise<CeilingData> {
  const started = Date.now();
  const directory = mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-ceiling-'));
  const file = path.join(directory, `${target.name}-rows`);
  const fd = openSync(file, 'w');
  const store = await PostgresEventStore.open({ connectionString: PG_URL, schema: history.schema });
  const parts = Object.keys(target.writes);
  const pages: PrecomputedPage[] = [];
  let offset = 0;
  let events = 0;
  try {
    let after: After = START;
    for (;;) {
      const page = await store.readAll({ after, maxCount: BATCH });
      if (page.length === 0) break;
      after = page[page.length - 1].position;
      const rows = target.rowsOf(page);
      const lengths: Record<string, number> = {};
      const columns: Record<string, readonly string[]> = {};
      const start = offset;
      for (const part of parts) {
        const write = target.writes[part];
        let payload: string;
        if ('copy' in write) {
          const copy = copyOf(write.copy, (rows[part] ?? []) as Array<Record<string, string | number>>);
          payload = copy.text;
          columns[part] = copy.columns;
        } else {
          payload = JSON.stringify(rows[part] ?? []);
        }
        const bytes = Buffer.from(payload);
        writeSync(fd, bytes);
        lengths[part] = bytes.length;
        offset += bytes.length;
      }
      pages.push({
        last: page[page.length - 1].position.commit.toString(),
        events: page.length,
        offset: start,
        lengths,
        columns,
      });
      events += page.length;
    }
  } finally {
    target.release();
    closeSync(fd);
    await store.close();
  }
  const precomputeSeconds = Math.round((Date.now() - started) / 100) / 10;
  return { target, pages, file, directory, events, precomputeSeconds };
}

export function discardPrecomputed(data: CeilingData): void {
  rmSync(data.directory, { recursive: true, force: true });
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Creates the ceiling's tables in `schema` (untimed). */
export async function createCeilingTables(schema: string, target: CeilingTarget): Promise<void> {
  const client = await connect(withSearchPath(PG_URL, schema));
  try {
    await client.query(target.ddl);
  } finally {
    await client.end();
  }
}

/** The timed part: reads every page of the history and writes its precomputed rows into `schema`. Returns events read. */
export async function runCeiling(history: History, data: CeilingData, schema: string): Promise<number> {
  const reader = await connect(PG_URL);
  const writer = await connect(withSearchPath(PG_URL, schema));
  const fd = openSync(data.file, 'r');
  const read = (after: string) =>
    reader.query<{ position: string }>(READ_SQL(history.schema), [after, BATCH]).then((result) => result.rows);
  let events = 0;
  try {
    let page = await read('0');
    for (const precomputed of data.pages) {
      if (page.length !== precomputed.events || page[page.length - 1].position !== precomputed.last)
        throw new Error(`ceiling: page ending at ${precomputed.last} read back differently`);
      const next = read(precomputed.last);
      next.catch(() => undefined);
      const parts = Object.keys(precomputed.lengths);
      const size = parts.reduce((sum, part) => sum + precomputed.lengths[part], 0);
      const buffer = Buffer.allocUnsafe(size);
      readSync(fd, buffer, 0, size, precomputed.offset);
      await writer.query('BEGIN');
      let at = 0;
      for (const part of parts) {
        const payload = buffer.toString('utf8', at, at + precomputed.lengths[part]);
        at += precomputed.lengths[part];
        const write = data.target.writes[part];
        if ('copy' in write) {
          await copyRowsOn(writer, { table: write.copy, columns: precomputed.columns[part] ?? [], text: payload });
        } else if (payload !== '[]') {
          await writer.query(write.sql, [payload]);
        }
      }
      await writer.query('COMMIT');
      events += page.length;
      page = await next;
    }
    if (page.length !== 0) throw new Error('ceiling: the history grew after it was precomputed');
  } finally {
    closeSync(fd);
    await reader.end();
    await writer.end();
  }
  return events;
}
