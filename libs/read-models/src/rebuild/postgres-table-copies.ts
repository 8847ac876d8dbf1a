import type { EntityManager } from 'typeorm';
import { liveName, quoteIdentifier as q, rebuildName, type TableCopies } from './table-copies';

interface IndexRow {
  readonly name: string;
  readonly definition: string;
  /** Set when the index backs a primary key, unique or exclusion constraint. */
  readonly constraint: string | null;
}

/** The table's indexes in the current schema (the read store's search_path). */
async function indexesOf(manager: EntityManager, table: string): Promise<IndexRow[]> {
  return manager.query(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition, pg_get_constraintdef(c.oid) AS constraint
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = t.oid AND c.contype IN ('p', 'u', 'x')
     WHERE n.nspname = current_schema() AND t.relname = $1
     ORDER BY i.relname`,
    [table],
  );
}

const INDEX_DEFINITION =
  /^(CREATE (?:UNIQUE )?INDEX )("(?:[^"]|"")+"|\S+)( ON (?:ONLY )?)("(?:[^"]|"")+"|\S+)( USING [\s\S]*)$/;

/** An index that enforces nothing and that no `ON CONFLICT` can name: it can wait until the copy is filled. */
function lookupOnly(index: IndexRow): boolean {
  return index.constraint === null && !index.definition.startsWith('CREATE UNIQUE ');
}

async function copyIndex(manager: EntityManager, index: IndexRow, copy: string): Promise<void> {
  const name = rebuildName(index.name);
  if (index.constraint !== null) {
    await manager.query(`ALTER TABLE ${q(copy)} ADD CONSTRAINT ${q(name)} ${index.constraint}`);
    return;
  }
  const match = INDEX_DEFINITION.exec(index.definition);
  if (!match) throw new Error(`Cannot copy index ${index.name}: unexpected definition ${index.definition}`);
  await manager.query(`${match[1]}${q(name)}${match[3]}${q(copy)}${match[5]}`);
}

/**
 * PostgreSQL copies columns, defaults and checks with `LIKE`, then each index and key under the
 * live name plus a suffix (LIKE would invent names of its own). The swap renames them back, so a
 * later migration finds every index and constraint under the name it was created with.
 *
 * Keys and unique indexes come with the table (upserts match rows on them); the lookup-only
 * indexes are built once the copy is filled: one sorted build instead of an insertion per row
 * (about a quarter of the journal's rebuild, docs/benchmarks.md B4).
 */
export const postgresTableCopies: TableCopies = {
  async create(manager, live, copy) {
    const indexes = await indexesOf(manager, live);
    await manager.query(`CREATE TABLE ${q(copy)} (LIKE ${q(live)} INCLUDING ALL EXCLUDING INDEXES)`);
    for (const index of indexes.filter((index) => !lookupOnly(index))) await copyIndex(manager, index, copy);
  },

  async addIndexes(manager, live, copy) {
    const present = new Set((await indexesOf(manager, copy)).map((index) => index.name));
    for (const index of (await indexesOf(manager, live)).filter(lookupOnly)) {
      if (!present.has(rebuildName(index.name))) await copyIndex(manager, index, copy);
    }
  },

  async swap(manager, live, copy) {
    const indexes = await indexesOf(manager, copy);
    await manager.query(`DROP TABLE ${q(live)}`);
    await manager.query(`ALTER TABLE ${q(copy)} RENAME TO ${q(live)}`);
    for (const index of indexes) {
      const original = q(liveName(index.name));
      // Renaming a key's constraint renames its index too; a plain index is renamed directly.
      await manager.query(
        index.constraint !== null
          ? `ALTER TABLE ${q(live)} RENAME CONSTRAINT ${q(index.name)} TO ${original}`
          : `ALTER INDEX ${q(index.name)} RENAME TO ${original}`,
      );
    }
  },

  async drop(manager, table) {
    await manager.query(`DROP TABLE IF EXISTS ${q(table)}`);
  },
};
