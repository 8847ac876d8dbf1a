import type { ClientBase, Pool } from 'pg';
import { GENESIS_HASH } from '../hash-chain';
import { createSchemaIfMissing } from './create-schema';
import { backfillHashChains } from './postgres-hash-backfill';
import type { PostgresTables } from './postgres-tables';

export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: (t: PostgresTables) => string;
  /** A step SQL cannot express (hashing in Node), run after `sql` in the same transaction. */
  readonly backfill?: (client: ClientBase, t: PostgresTables) => Promise<void>;
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
 *
 * Version 2 adds tamper evidence (hash-chain.ts): each event's `hash`, each stream's `last_hash`,
 * and `chain_hashes`, the SQL half of the chain: Node computes each event's digest before the
 * append is queued, and the batch statement links the digests to the stream's last hash under the
 * append lock, so the chain follows commit order without a round trip. Rows written before it get
 * their chains computed in Node (the same code the reads use), then both columns become NOT NULL.
 */
export const MIGRATIONS: readonly PostgresMigration[] = [
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
  {
    version: 2,
    name: 'hash chains',
    sql: (t) => `
      ALTER TABLE ${t.events} ADD COLUMN hash text;
      ALTER TABLE ${t.streams} ADD COLUMN last_hash text;
      -- The hashes of a batch's events, one row per event of an accepted append: n is the event's
      -- 1-based place in the batch (as in digests), and each hash is
      -- sha256hex(previous hash || newline || revision || newline || digest), chainHash in hash-chain.ts.
      -- previous[a] is append a's stream's last hash (GENESIS for a new stream), or NULL when the
      -- append was refused; first_revisions[a] its first event's revision; counts[a] its event count.
      CREATE FUNCTION ${t.chainHashes}(previous text[], first_revisions bigint[], counts int[], digests text[])
      RETURNS TABLE (n int, hash text) LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE
        link text;
      BEGIN
        n := 0;
        FOR a IN 1 .. cardinality(counts) LOOP
          link := previous[a];
          IF link IS NULL THEN
            n := n + counts[a];
            CONTINUE;
          END IF;
          FOR k IN 0 .. counts[a] - 1 LOOP
            n := n + 1;
            link := encode(sha256(convert_to(
              link || chr(10) || (first_revisions[a] + k)::text || chr(10) || digests[n], 'UTF8')), 'hex');
            hash := link;
            RETURN NEXT;
          END LOOP;
        END LOOP;
      END
      $$;
    `,
    backfill: backfillHashChains,
  },
];

/** Where a chain starts, as the batch statement writes it. */
export const SQL_GENESIS_HASH = `'${GENESIS_HASH}'`;

/**
 * Creates the schema if missing and applies pending migrations in one transaction. A transaction
 * advisory lock keyed by the schema makes concurrent openers (several processes starting at once)
 * take turns: the second finds everything applied and does nothing.
 */
export async function migrate(
  pool: Pool,
  tables: PostgresTables,
  migrations: readonly PostgresMigration[] = MIGRATIONS,
): Promise<void> {
  const latest = migrations[migrations.length - 1].version;
  const client = await pool.connect();
  try {
    // Before BEGIN: other stores may be creating the same schema right now (see createSchemaIfMissing).
    await createSchemaIfMissing(client, tables.schema);
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pledge-ledger.migrate.${tables.schema}`]);
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
    if (newest > latest) {
      throw new Error(
        `Schema ${tables.schema} is at migration ${newest}, newer than this code knows (${latest}): upgrade the ledger`,
      );
    }
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql(tables));
      await migration.backfill?.(client, tables);
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
