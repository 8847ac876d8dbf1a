import type { ReadStore } from '../read-store/read-store';

/** Tables and the indexes of `table` in the read store, by name, sorted. */
export async function schemaNames(
  readStore: ReadStore,
  table: string,
): Promise<{ tables: string[]; indexes: string[] }> {
  if (readStore.dialect === 'sqlite') {
    const rows: Array<{ type: string; name: string }> = await readStore.queries.query(
      `SELECT type, name FROM sqlite_master WHERE (type = 'table' OR (type = 'index' AND tbl_name = ?))
       AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      [table],
    );
    return {
      tables: rows.filter((r) => r.type === 'table').map((r) => r.name),
      indexes: rows.filter((r) => r.type === 'index').map((r) => r.name),
    };
  }
  const tables: Array<{ name: string }> = await readStore.queries.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
  );
  const indexes: Array<{ name: string }> = await readStore.queries.query(
    `SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 ORDER BY indexname`,
    [table],
  );
  return { tables: tables.map((r) => r.name), indexes: indexes.map((r) => r.name) };
}
