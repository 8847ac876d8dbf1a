import { Client } from 'pg';
import { PG_URL } from './environment';

/**
 * Whether a peer's or a ceiling's rebuilt read model holds what ours holds, once every contender
 * is done. Positions differ between stores (Emmett numbers its copy itself), so the journal is
 * compared by its books: as many entries, lines, accounts and loans, and every account with the
 * same debit and credit totals. The loan view holds no position: every row is compared whole,
 * every column (the state's text included). Counts are read as text, whatever node-postgres' type
 * parsers are.
 */
export interface Comparison {
  /** Rows per table: ours, theirs. */
  readonly counts: Readonly<Record<string, readonly [string, string]>>;
  /** Rows (accounts, loans) missing on one side or not the same. */
  readonly differing: number;
  readonly same: boolean;
}

interface ComparedModel {
  readonly tables: readonly string[];
  /** The table whose rows are compared one by one, by key, and the SQL telling two rows `a` and `b` apart. */
  readonly rows: { readonly table: string; readonly key: string; readonly differ: string };
}

export const JOURNAL_COMPARED: ComparedModel = {
  tables: ['journal_entries', 'journal_lines', 'journal_account_balances', 'journal_loans'],
  rows: {
    table: 'journal_account_balances',
    key: 'account',
    differ: '(a.debit_total, a.credit_total) IS DISTINCT FROM (b.debit_total, b.credit_total)',
  },
};

export const LOAN_VIEW_COMPARED: ComparedModel = {
  tables: ['loan_view'],
  rows: { table: 'loan_view', key: 'loan_id', differ: 'a::text IS DISTINCT FROM b::text' },
};

export async function compareReadModels(model: ComparedModel, ours: string, other: string): Promise<Comparison> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const counts: Record<string, readonly [string, string]> = {};
    for (const table of model.tables) {
      const { rows } = await client.query<{ a: string; b: string }>(
        `SELECT (SELECT count(*) FROM "${ours}".${table})::text AS a, (SELECT count(*) FROM "${other}".${table})::text AS b`,
      );
      counts[table] = [rows[0].a, rows[0].b];
    }
    const { table, key, differ } = model.rows;
    const { rows } = await client.query<{ differing: string }>(
      `SELECT count(*)::text AS differing
       FROM "${ours}".${table} a FULL JOIN "${other}".${table} b USING (${key})
       WHERE ${differ}`,
    );
    const differing = Number(rows[0].differing);
    const same =
      Object.values(counts).every(([a, b]) => a === b) && differing === 0 && counts[model.tables[0]][0] !== '0';
    return { counts, differing, same };
  } finally {
    await client.end();
  }
}

export function describeComparison(name: string, result: Comparison): string {
  const counts = Object.entries(result.counts)
    .map(([table, [a, b]]) => `${table} ${a === b ? a : `${a} vs ${b}`}`)
    .join(', ');
  return `${name} ${result.same ? 'equals' : 'DIFFERS FROM'} ours: ${counts}; rows differing ${result.differing}`;
}
