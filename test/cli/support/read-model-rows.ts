import Database from 'better-sqlite3';

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
 */
export function readModelRows(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const rows: Record<string, unknown[]> = {};
    for (const table of COMPARED_TABLES) {
      const all = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
      rows[table] = all
        .map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !/position/.test(column))))
        .map((row) => JSON.stringify(row))
        .sort()
        .map((text) => JSON.parse(text) as unknown);
    }
    return rows;
  } finally {
    db.close();
  }
}
