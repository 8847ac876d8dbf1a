import type { Pool } from 'pg';
import type { PostgresTables } from './postgres-tables';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: (t: PostgresTables) => string;
}

/**
 * Append-only: a released migration is never edited, a change is a new version.
 *
 * `data` and `metadata` are `json`, not `jsonb`: `json` keeps the exact text written (key order,
 * number spelling), which hash chaining over an event needs, while still refusing invalid JSON
 * and allowing `->>` in ad-hoc queries. `jsonb` would reorder keys.
 *
 * `global_position` is a single row: every append transaction locks it until commit, which makes
 * commit order equal position order (docs/global-order.md).
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, streams and the global position',
    sql: (t) => `
      CREATE TABLE ${t.events} (
        position    bigint      PRIMARY KEY,
        stream_id   text        NOT NULL,
        revision    bigint      NOT NULL,
        type        text        NOT NULL,
        data        json        NOT NULL,
        metadata    json        NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, revision)
      );
      CREATE TABLE ${t.streams} (
        stream_id text   PRIMARY KEY,
        revision  bigint NOT NULL
      );
      CREATE TABLE ${t.globalPosition} (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        last      bigint  NOT NULL
      );
      INSERT INTO ${t.globalPosition} (last) VALUES (0);
    `,
  },
];

const LATEST_MIGRATION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * Creates the schema if missing and applies pending migrations in one transaction. A transaction
 * advisory lock keyed by the schema makes concurrent openers (several processes starting at once)
 * take turns: the second finds everything applied and does nothing.
 */
export async function migrate(pool: Pool, tables: PostgresTables): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pledge-ledger.migrate.${tables.schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${tables.schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${tables.migrations} (
         version    integer     PRIMARY KEY,
         name       text        NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${tables.migrations}`);
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    if (newest > LATEST_MIGRATION) {
      throw new Error(
        `Schema ${tables.schema} is at migration ${newest}, newer than this code knows (${LATEST_MIGRATION}): upgrade the ledger`,
      );
    }
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql(tables));
      await client.query(`INSERT INTO ${tables.migrations} (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
