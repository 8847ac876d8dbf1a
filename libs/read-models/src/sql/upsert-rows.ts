import type { ProjectionContext } from '../projections/projection';
import { quoteIdentifier as q } from '../rebuild/table-copies';

export type SqlValue = string | number | bigint | boolean | null;

export interface UpsertOptions<Row> {
  /** The primary key or unique columns a row is matched on. */
  readonly key: readonly (keyof Row & string)[];
  /** Columns an existing row takes from the new one; the others keep their stored value. */
  readonly update: readonly (keyof Row & string)[];
}

/** Bound parameters per statement: well below SQLite's 32766 and PostgreSQL's 65535. */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts rows, or updates the matching ones, in as few statements as the parameter limits allow.
 * `table` is a name from `context.tables` (live or rebuild); every row must have the same columns.
 * One SQL text for both databases: only the placeholders differ.
 */
export async function upsertRows<Row extends Record<keyof Row, SqlValue>>(
  context: ProjectionContext,
  table: string,
  rows: readonly Row[],
  options: UpsertOptions<Row>,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]) as (keyof Row & string)[];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const onConflict =
    options.update.length > 0
      ? `DO UPDATE SET ${options.update.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`
      : 'DO NOTHING';
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: SqlValue[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((column) => {
        parameters.push(row[column]);
        return context.dialect === 'postgres' ? `$${parameters.length}` : '?';
      });
      return `(${marks.join(', ')})`;
    });
    await context.manager.query(
      `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (${options.key.map(q).join(', ')}) ${onConflict}`,
      parameters,
    );
  }
}
