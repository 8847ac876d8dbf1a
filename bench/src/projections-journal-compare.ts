import { Client } from 'pg';
import { PG_URL } from './environment';

/**
 * Whether two rebuilt journals (ours and the peer's, or ours and the ceiling's) hold the same
 * books: as many entries and lines, the same accounts with the same debit and credit totals.
 * Positions differ between stores (Emmett numbers its copy itself), so rows are not compared one
 * by one. Counts and totals are read as text, whatever node-postgres' type parsers are.
 */
export interface JournalComparison {
  readonly entries: readonly [string, string];
  readonly lines: readonly [string, string];
  readonly accounts: readonly [string, string];
  readonly loans: readonly [string, string];
  /** Accounts missing on one side or with other totals. */
  readonly accountsDiffering: number;
  readonly same: boolean;
}

export async function compareJournals(ours: string, other: string): Promise<JournalComparison> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const count = async (table: string): Promise<[string, string]> => {
      const { rows } = await client.query<{ a: string; b: string }>(
        `SELECT (SELECT count(*) FROM "${ours}".${table})::text AS a, (SELECT count(*) FROM "${other}".${table})::text AS b`,
      );
      return [rows[0].a, rows[0].b];
    };
    const entries = await count('journal_entries');
    const lines = await count('journal_lines');
    const accounts = await count('journal_account_balances');
    const loans = await count('journal_loans');
    const { rows } = await client.query<{ differing: string }>(
      `SELECT count(*)::text AS differing
       FROM "${ours}".journal_account_balances a FULL JOIN "${other}".journal_account_balances b USING (account)
       WHERE a.debit_total IS DISTINCT FROM b.debit_total OR a.credit_total IS DISTINCT FROM b.credit_total`,
    );
    const accountsDiffering = Number(rows[0].differing);
    const same =
      [entries, lines, accounts, loans].every(([a, b]) => a === b) && accountsDiffering === 0 && entries[0] !== '0';
    return { entries, lines, accounts, loans, accountsDiffering, same };
  } finally {
    await client.end();
  }
}

export function describeComparison(name: string, result: JournalComparison): string {
  const pair = ([a, b]: readonly [string, string]) => (a === b ? a : `${a} vs ${b}`);
  return (
    `${name} ${result.same ? 'equals' : 'DIFFERS FROM'} ours: entries ${pair(result.entries)}, lines ${pair(result.lines)}, ` +
    `accounts ${pair(result.accounts)}, loans ${pair(result.loans)}, accounts with other totals ${result.accountsDiffering}`
  );
}
