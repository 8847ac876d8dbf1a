import type { RecordedEvent } from '@pledge-ledger/event-store';
import type { Fen, LoanOriginated } from '@pledge-ledger/domain';
import type { Projection, ProjectionContext } from '../projections/projection';
import { insertRows } from '../sql/insert-rows';
import { upsertRows } from '../sql/upsert-rows';
import { journalBalanceRow, journalEntryRow, journalLineRows } from './journal-rows';
import { journalEntryFor, POSTING_EVENT_TYPES, type JournalEntry } from './posting-rules';
import { JournalRebuild } from './journal-rebuild';

export type JournalTables = 'entries' | 'lines' | 'balances' | 'loans';

export const JOURNAL_PROJECTION = 'journal';

/** Ids per IN (...) lookup: keeps bound parameters far below SQLite's limit. */
const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

export interface BalanceTotals {
  debit: Fen;
  credit: Fen;
}

/**
 * Keeps the double-entry journal: for each money-moving event, its entry and lines (posting-rules.ts),
 * and each account's running debit and credit totals, all in the batch's transaction. An event
 * whose entry is already stored is skipped, so an entry and its totals are never counted twice.
 * A batch costs a fixed handful of statements however many events it holds: the loans, the
 * entries (which answer which of them are new), their lines, and one read and one write of the
 * totals of each account touched. A rebuild folds the events in memory instead (journal-rebuild.ts).
 */
export const journalProjection: Projection<JournalTables> = {
  name: JOURNAL_PROJECTION,
  handles: new Set([...POSTING_EVENT_TYPES, 'LoanOriginated']),
  tables: {
    entries: 'journal_entries',
    lines: 'journal_lines',
    balances: 'journal_account_balances',
    loans: 'journal_loans',
  },

  async apply(events: readonly RecordedEvent[], context: ProjectionContext<JournalTables>): Promise<void> {
    const enterprises = await loanEnterprises(events, context);
    const seen = new Set<string>();
    const entries: JournalEntry[] = [];
    for (const event of events) {
      if (seen.has(event.metadata.eventId)) continue;
      const entry = journalEntryFor(event, (loanId) => enterprises.get(loanId));
      if (entry) {
        entries.push(entry);
        seen.add(entry.eventId);
      }
    }
    const inserted = await insertEntries(entries, context);
    const fresh = entries.filter((entry) => inserted.has(entry.eventId));
    await writeLines(fresh, context);
    await addToBalances(fresh, context);
  },

  startRebuild: (target) => new JournalRebuild(target),
};

/** The enterprise of every loan the batch's events name: originated in this batch or stored before. */
async function loanEnterprises(
  events: readonly RecordedEvent[],
  context: ProjectionContext<JournalTables>,
): Promise<Map<string, string>> {
  const enterprises = new Map<string, string>();
  const originated = events
    .filter((event) => event.type === 'LoanOriginated')
    .map((event) => event.data as unknown as LoanOriginated['data']);
  for (const loan of originated) enterprises.set(loan.loanId, loan.enterpriseId);
  await upsertRows(
    context,
    context.tables.loans,
    originated.map((loan) => ({ loan_id: loan.loanId, bank_id: loan.bankId, enterprise_id: loan.enterpriseId })),
    { key: ['loan_id'], update: [] },
  );
  const missing = [
    ...new Set(
      events
        .filter((event) => event.type === 'RepaymentReceived' || event.type === 'RecoveryRecorded')
        .map((event) => String(event.data.loanId))
        .filter((loanId) => !enterprises.has(loanId)),
    ),
  ];
  for (const ids of chunks(missing)) {
    const rows: Array<{ loan_id: string; enterprise_id: string }> = await context.manager
      .createQueryBuilder()
      .select(['l.loan_id AS loan_id', 'l.enterprise_id AS enterprise_id'])
      .from(context.tables.loans, 'l')
      .where('l.loan_id IN (:...ids)', { ids })
      .getRawMany();
    for (const row of rows) enterprises.set(row.loan_id, row.enterprise_id);
  }
  return enterprises;
}

/**
 * Inserts the entries not stored yet and answers their event ids: an entry already stored (its
 * event seen before) keeps its row and adds no lines nor totals, so it is never counted twice.
 */
async function insertEntries(
  entries: readonly JournalEntry[],
  context: ProjectionContext<JournalTables>,
): Promise<Set<string>> {
  const inserted = await upsertRows(
    context,
    context.tables.entries,
    entries.map(journalEntryRow),
    { key: ['event_id'], update: [] },
    ['event_id'],
  );
  return new Set(inserted.map((row) => String(row.event_id)));
}

/** The lines of new entries only (`insertEntries`), so none can be stored already: a plain INSERT. */
async function writeLines(entries: readonly JournalEntry[], context: ProjectionContext<JournalTables>): Promise<void> {
  await insertRows(context, context.tables.lines, entries.flatMap(journalLineRows));
}

/** Reads the touched accounts' totals, adds the batch's lines in memory and writes each account once. */
async function addToBalances(
  entries: readonly JournalEntry[],
  context: ProjectionContext<JournalTables>,
): Promise<void> {
  const totals = new Map<string, BalanceTotals>();
  const accounts = [...new Set(entries.flatMap((entry) => entry.lines.map((line) => line.account)))];
  for (const chunk of chunks(accounts)) {
    const rows: Array<{ account: string; debit_total: string; credit_total: string }> = await context.manager
      .createQueryBuilder()
      .select('b.account', 'account')
      .addSelect('CAST(b.debit_total AS TEXT)', 'debit_total')
      .addSelect('CAST(b.credit_total AS TEXT)', 'credit_total')
      .from(context.tables.balances, 'b')
      .where('b.account IN (:...chunk)', { chunk })
      .getRawMany();
    for (const row of rows)
      totals.set(row.account, { debit: BigInt(row.debit_total), credit: BigInt(row.credit_total) });
  }
  for (const line of entries.flatMap((entry) => entry.lines)) {
    const total = totals.get(line.account) ?? { debit: 0n, credit: 0n };
    totals.set(line.account, { debit: total.debit + line.debit, credit: total.credit + line.credit });
  }
  await upsertRows(
    context,
    context.tables.balances,
    [...totals].map(([account, total]) => journalBalanceRow(account, total.debit, total.credit)),
    { key: ['account'], update: ['debit_total', 'credit_total'] },
  );
}
