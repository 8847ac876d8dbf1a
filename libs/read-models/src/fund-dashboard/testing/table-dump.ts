import { quoteIdentifier as q } from '../../rebuild/table-copies';
import type { ReadStore } from '../../read-store/read-store';

/** Every row of each table, in primary-key order, as the driver returns them: for "rebuild equals live". */
export async function dumpTables(
  readStore: ReadStore,
  tables: Readonly<Record<string, readonly string[]>>,
): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const [table, key] of Object.entries(tables)) {
    dump[table] = await readStore.queries.query(`SELECT * FROM ${q(table)} ORDER BY ${key.map(q).join(', ')}`);
  }
  return dump;
}
