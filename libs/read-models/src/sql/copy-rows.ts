import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { quoteIdentifier as q } from '../rebuild/table-copies';
import type { SqlValue } from './upsert-rows';

/** A `COPY ... FROM STDIN` of rows, serialised ahead of its transaction. */
export interface CopyRows {
  readonly table: string;
  readonly columns: readonly string[];
  /** The rows in COPY's text format. */
  readonly text: string;
}

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: `\N` for null, backslash escapes for the four special characters. */
function copyValue(value: SqlValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = typeof value === 'string' ? value : value.toString();
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (special) => ESCAPES[special]) : text;
}

/**
 * Serialises rows (all with the columns of the first, in its order) for `copyRows`. Strings go in
 * as they are; PostgreSQL parses each value with its column's type, exactly as it does a literal.
 */
export function copyOf<Row extends Record<keyof Row, SqlValue>>(table: string, rows: readonly Row[]): CopyRows {
  const columns = rows.length > 0 ? (Object.keys(rows[0]) as (keyof Row & string)[]) : [];
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      text += (i === 0 ? '' : '\t') + copyValue(row[columns[i]]);
    }
    text += '\n';
  }
  return { table, columns, text };
}

/**
 * Runs a COPY on the connection of `manager`'s transaction (PostgreSQL only): it commits or rolls
 * back with the rest of the batch. A row whose key is stored already fails it, as an INSERT would.
 * COPY is PostgreSQL's bulk path: the journal's lines went in about twice as fast as by an INSERT
 * from `json_populate_recordset` (docs/benchmarks.md, B4).
 */
export async function copyRows(manager: EntityManager, copy: CopyRows): Promise<void> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('copyRows needs the manager of a transaction');
  await copyRowsOn((await runner.connect()) as ClientBase, copy);
}

/** `copyRows` on a node-postgres connection of one's own (B4's ceiling writes with one). */
export async function copyRowsOn(client: ClientBase, copy: CopyRows): Promise<void> {
  if (copy.text === '') return;
  const columns = copy.columns.map(q).join(', ');
  await pipeline(Readable.from([copy.text]), client.query(copyFrom(`COPY ${q(copy.table)} (${columns}) FROM STDIN`)));
}
