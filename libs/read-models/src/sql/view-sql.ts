import type { RecordedEvent } from '@pledge-ledger/event-store';
import { bigintFromColumn } from '../columns/bigint-column';
import { InvalidReadQueryError } from '../invalid-read-query.error';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * SQL helpers shared by the bank-portfolio, fund-dashboard and claims views.
 *
 * Money convention (both drivers): integer fen in BIGINT columns. Written as the integer's
 * decimal text (`fen.toString()`: SQLite's INTEGER affinity stores it as an integer, PostgreSQL
 * casts it). Read back with `CAST(column AS TEXT)`: node-postgres returns bigint as a string
 * anyway, and better-sqlite3 would return a JS number that is no longer exact above 2^53 fen;
 * the text is exact on both and `BigInt(text)` turns it into fen. Sums go through the same cast.
 * Entities map the same columns to `bigint` with columns/bigint-column.ts.
 */

/** A fen amount as the text written into a BIGINT column. */
export function fenText(fen: bigint): string {
  return fen.toString();
}

/** A BIGINT read through `CAST(... AS TEXT)` (or a count, which PostgreSQL returns as text). */
export function fen(value: string | number | bigint | null | undefined): bigint {
  if (value === null || value === undefined) return 0n;
  return bigintFromColumn(value);
}

/** Adds `column` to the select list, cast to text when it holds money, under its own name. */
export function selectColumns<Row extends ObjectLiteral>(
  builder: SelectQueryBuilder<Row>,
  alias: string,
  columns: readonly string[],
  money: ReadonlySet<string>,
): SelectQueryBuilder<Row> {
  columns.forEach((column, index) => {
    const expression = money.has(column) ? `CAST(${alias}.${column} AS TEXT)` : `${alias}.${column}`;
    if (index === 0) builder.select(expression, column);
    else builder.addSelect(expression, column);
  });
  return builder;
}

/** Key values per lookup: keeps bound parameters far below SQLite's limit of 32766. */
const CHUNK = 1000;

/** The rows of `table` whose `keyColumn` is one of `keys`, money columns as exact text. */
export async function loadRows<Row>(
  manager: EntityManager,
  table: string,
  columns: readonly (keyof Row & string)[],
  money: ReadonlySet<string>,
  keyColumn: keyof Row & string,
  keys: Iterable<string>,
): Promise<Row[]> {
  const all = [...new Set(keys)];
  const rows: Row[] = [];
  for (let start = 0; start < all.length; start += CHUNK) {
    const ids = all.slice(start, start + CHUNK);
    const builder = selectColumns(manager.createQueryBuilder().from(table, 't'), 't', columns, money);
    rows.push(...((await builder.where(`t.${keyColumn} IN (:...ids)`, { ids }).getRawMany()) as Row[]));
  }
  return rows;
}

/** A stored event as the domain event union it belongs to (the feed carries plain JSON). */
export function asDomainEvent<E extends { type: string; data: unknown }>(event: RecordedEvent): E {
  return { type: event.type, data: event.data } as unknown as E;
}

/** The later of two ISO dates (either may be null). */
export function laterDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

/** Page size for list queries: 1 to 500, default 50. */
export function pageSize(limit: number | undefined): number {
  const wanted = limit === undefined || !Number.isFinite(limit) ? 50 : Math.trunc(limit);
  return Math.min(Math.max(wanted, 1), 500);
}

/** A `year` query parameter: a calendar year, or InvalidReadQueryError. */
export function checkedYear(year: number | undefined): number | undefined {
  if (year !== undefined && (!Number.isSafeInteger(year) || year < 1 || year > 9999)) {
    throw new InvalidReadQueryError('year', `year must be a calendar year, got ${String(year)}`);
  }
  return year;
}
