import Database from 'better-sqlite3';
import { canonicalJson } from '@pledge-ledger/event-store';

/**
 * The read models an auditor compares across stores (DESIGN.md: the fund dashboard, loans,
 * claims, the trial balance) and the journal behind the trial balance.
 */
export const COMPARED_TABLES = [
  'fund_dashboard_funds',
  'fund_dashboard_banks',
  'fund_dashboard_loans',
  'fund_dashboard_claims',
  'loan_view',
  'claims',
  'journal_account_balances',
  'journal_entries',
  'journal_lines',
] as const;

/**
 * Every row of the compared tables of a SQLite read store, in a stable order, without the
 * columns that record store positions (they differ between adapters by design; DESIGN.md section 3).
 * JSON text columns are read as JSON values: PostgreSQL's jsonb hands an event's data back with
 * its keys in its own order (and import writes the export's canonical order), so projections
 * store the same value with its keys in another order; what a row says is compared, not its spelling.
 */
export function readModelRows(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const rows: Record<string, unknown[]> = {};
    for (const table of COMPARED_TABLES) {
      const all = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
      rows[table] = all
        .map((row) =>
          Object.fromEntries(
            Object.entries(row)
              .filter(([column]) => !/position/.test(column))
              .map(([column, value]) => [column, jsonValue(value)]),
          ),
        )
        .map((row) => ({ key: canonicalJson(row), row }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map(({ row }) => row);
    }
    return rows;
  } finally {
    db.close();
  }
}

function jsonValue(value: unknown): unknown {
  if (typeof value !== 'string' || !/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
