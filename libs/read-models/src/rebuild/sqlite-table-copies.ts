import type { EntityManager } from 'typeorm';
import { quoteIdentifier as q, rebuildName, type TableCopies } from './table-copies';

interface SchemaObject {
  readonly type: 'table' | 'index';
  readonly name: string;
  readonly sql: string;
}

const NAME = String.raw`("(?:[^"]|"")+"|\x60[^\x60]+\x60|\[[^\]]+\]|[^\s(]+)`;
const CREATE_TABLE = new RegExp(String.raw`^(CREATE\s+TABLE\s+)(?:IF\s+NOT\s+EXISTS\s+)?${NAME}`, 'i');
const CREATE_INDEX = new RegExp(
  String.raw`^(CREATE\s+(?:UNIQUE\s+)?INDEX\s+)(?:IF\s+NOT\s+EXISTS\s+)?${NAME}(\s+ON\s+)${NAME}`,
  'i',
);

/** The table's own CREATE statements as SQLite stored them (automatic indexes have none). */
async function schemaObjects(manager: EntityManager, table: string): Promise<SchemaObject[]> {
  return manager.query(
    `SELECT type, name, sql FROM sqlite_master
     WHERE tbl_name = ? AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type DESC, name`,
    [table],
  );
}

function rewrite(sql: string, pattern: RegExp, replacement: (...groups: string[]) => string, what: string): string {
  if (!pattern.test(sql)) throw new Error(`Cannot copy ${what}: unexpected SQL ${sql}`);
  return sql.replace(pattern, (_match, ...groups: string[]) => replacement(...groups));
}

/**
 * SQLite copies a table by replaying its stored CREATE statements under the new names. Index
 * names are global in SQLite and it cannot rename an index, so the swap drops the copy's indexes
 * and recreates the live ones from their original statements: a later migration finds them by name.
 */
export const sqliteTableCopies: TableCopies = {
  async create(manager, live, copy) {
    const objects = await schemaObjects(manager, live);
    const table = objects.find((object) => object.type === 'table');
    if (!table) throw new Error(`Cannot rebuild "${live}": no such table`);
    await manager.query(rewrite(table.sql, CREATE_TABLE, (create) => `${create}${q(copy)}`, live));
    for (const index of objects.filter((object) => object.type === 'index')) {
      const sql = rewrite(
        index.sql,
        CREATE_INDEX,
        (create, _name, on) => `${create}${q(rebuildName(index.name))}${on}${q(copy)}`,
        index.name,
      );
      await manager.query(sql);
    }
  },

  /** `create` made every index already: SQLite is not what B4 measures, so it keeps the simple way. */
  async addIndexes() {},

  async swap(manager, live, copy) {
    const liveIndexes = (await schemaObjects(manager, live)).filter((object) => object.type === 'index');
    const copyIndexes = (await schemaObjects(manager, copy)).filter((object) => object.type === 'index');
    await manager.query(`DROP TABLE ${q(live)}`);
    await manager.query(`ALTER TABLE ${q(copy)} RENAME TO ${q(live)}`);
    for (const index of copyIndexes) await manager.query(`DROP INDEX ${q(index.name)}`);
    for (const index of liveIndexes) await manager.query(index.sql);
  },

  async drop(manager, table) {
    await manager.query(`DROP TABLE IF EXISTS ${q(table)}`);
  },
};
