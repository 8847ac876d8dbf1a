import type { BatchWrites, ProjectionContext } from '../projections/projection';
import type { Dialect } from '../read-store/read-store';
import { copyOf, copyRows } from './copy-rows';
import { insertStatements, runRowStatements, type SqlValue } from './upsert-rows';

/**
 * Inserts rows known to be new: a row whose key is already stored fails the statement (and so the
 * batch) instead of being skipped. Cheaper than `upsertRows` on PostgreSQL, which checks every row
 * for a conflict before inserting it (1.7 times as long for the journal's lines).
 */
export async function insertRows<Row extends Record<keyof Row, SqlValue>>(
  context: ProjectionContext,
  table: string,
  rows: readonly Row[],
): Promise<void> {
  await runRowStatements(context, insertStatements(context.dialect, table, rows));
}

/**
 * `insertRows` for bulk writes (a rebuild's batches of thousands of rows), the rows serialised now
 * and written when the returned function runs. On PostgreSQL a COPY, which neither checks each row
 * for a conflict nor parses a JSON parameter: the journal's lines went in 2.2 times as fast as by
 * an INSERT from JSON. The live projections' batches are small and keep `insertRows`: a COPY there
 * showed no gain in B2's projection lag, within its run-to-run spread (docs/benchmarks.md, B4).
 */
export function prepareBulkInsert<Row extends Record<keyof Row, SqlValue>>(
  dialect: Dialect,
  table: string,
  rows: readonly Row[],
): BatchWrites {
  if (dialect === 'postgres') {
    const copy = copyOf(table, rows);
    return (context) => copyRows(context.manager, copy);
  }
  const statements = insertStatements(dialect, table, rows);
  return async (context) => {
    await runRowStatements(context, statements);
  };
}
