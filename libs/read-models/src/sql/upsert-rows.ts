import type { ProjectionContext } from '../projections/projection';
import type { Dialect } from '../read-store/read-store';
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
 * Resolves to the rows that were inserted or updated, as PostgreSQL and SQLite `RETURNING` give
 * them back (with `DO NOTHING`, only the inserted ones), with the columns named in `returning`.
 *
 * On PostgreSQL the rows travel as one JSON parameter that `json_populate_recordset` turns into
 * rows of the table's own type: a `VALUES` list of thousands of placeholders made PostgreSQL spend
 * three times as long parsing and planning as inserting (docs/benchmarks.md, B4). SQLite binds
 * each value to a `VALUES` placeholder.
 */
export async function upsertRows<Row extends Record<keyof Row, SqlValue>>(
  context: ProjectionContext,
  table: string,
  rows: readonly Row[],
  options: UpsertOptions<Row>,
  returning: readonly (keyof Row & string)[] = [],
): Promise<Array<Record<string, unknown>>> {
  return runRowStatements(context, upsertStatements(context.dialect, table, rows, options, returning));
}

/** One statement of `upsertRows` or `insertRows`, built ahead of its transaction. */
export interface RowStatement {
  readonly sql: string;
  readonly parameters: readonly SqlValue[];
  /** It has a `RETURNING` clause. */
  readonly returnsRows: boolean;
}

/** The statements of `upsertRows`, built now (rows serialised) to run later with `runRowStatements`. */
export function upsertStatements<Row extends Record<keyof Row, SqlValue>>(
  dialect: Dialect,
  table: string,
  rows: readonly Row[],
  options: UpsertOptions<Row>,
  returning: readonly (keyof Row & string)[] = [],
): RowStatement[] {
  const onConflict =
    options.update.length > 0
      ? `DO UPDATE SET ${options.update.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`
      : 'DO NOTHING';
  return rowStatements(dialect, table, rows, `ON CONFLICT (${options.key.map(q).join(', ')}) ${onConflict}`, returning);
}

/** Plain INSERT statements of rows known to be new (`insertRows`; `prepareBulkInsert` on SQLite). */
export function insertStatements<Row extends Record<keyof Row, SqlValue>>(
  dialect: Dialect,
  table: string,
  rows: readonly Row[],
): RowStatement[] {
  return rowStatements(dialect, table, rows, '', []);
}

/** Runs statements in order; resolves to the rows they returned (`RETURNING`), all together. */
export async function runRowStatements(
  context: ProjectionContext,
  statements: readonly RowStatement[],
): Promise<Array<Record<string, unknown>>> {
  const result: Array<Record<string, unknown>> = [];
  for (const statement of statements) {
    // Both drivers answer an INSERT ... RETURNING with the array of returned rows.
    const answer: unknown = await context.manager.query(statement.sql, [...statement.parameters]);
    if (statement.returnsRows && Array.isArray(answer)) result.push(...(answer as Array<Record<string, unknown>>));
  }
  return result;
}

function rowStatements<Row extends Record<keyof Row, SqlValue>>(
  dialect: Dialect,
  table: string,
  rows: readonly Row[],
  conflict: string,
  returning: readonly string[],
): RowStatement[] {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]) as (keyof Row & string)[];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const returned = returning.length > 0 ? ` RETURNING ${returning.map(q).join(', ')}` : '';
  const names = columns.map(q).join(', ');
  const statements: RowStatement[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const [source, parameters] = dialect === 'postgres' ? jsonRows(table, names, chunk) : valuesList(columns, chunk);
    statements.push({
      sql: `INSERT INTO ${q(table)} (${names}) ${source} ${conflict}${returned}`,
      parameters,
      returnsRows: returned !== '',
    });
  }
  return statements;
}

/** `SELECT` of the rows from one JSON array; bigints as strings, which PostgreSQL reads exactly. */
function jsonRows<Row extends Record<keyof Row, SqlValue>>(
  table: string,
  names: string,
  rows: readonly Row[],
): [string, SqlValue[]] {
  return [`SELECT ${names} FROM json_populate_recordset(NULL::${q(table)}, $1)`, [rowsJson(rows)]];
}

/**
 * The rows as JSON, bigints as decimal strings. Without a replacer first: most rows hold their
 * money as strings already, and a replacer called for every value doubles the time (the journal's
 * lines: 7 against 14 ms a 2,000-event batch); a bigint makes that attempt throw a TypeError.
 */
function rowsJson(rows: readonly object[]): string {
  try {
    return JSON.stringify(rows);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  }
}

function valuesList<Row extends Record<keyof Row, SqlValue>>(
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
): [string, SqlValue[]] {
  const parameters: SqlValue[] = [];
  const tuples = rows.map((row) => {
    const marks = columns.map((column) => {
      parameters.push(row[column]);
      return '?';
    });
    return `(${marks.join(', ')})`;
  });
  return [`VALUES ${tuples.join(', ')}`, parameters];
}
