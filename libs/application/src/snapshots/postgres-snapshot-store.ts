import { createSchemaIfMissing } from '@pledge-ledger/event-store';
import { Pool } from 'pg';
import type { Snapshot, SnapshotStore } from './snapshot-store';

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

interface Row {
  revision: string;
  state_version: number;
  event_id: string;
  state: string;
  digest: string;
}

export class PostgresSnapshotStore implements SnapshotStore {
  private constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  static async open(connectionString: string, schema = 'public'): Promise<PostgresSnapshotStore> {
    const pool = new Pool({ connectionString, max: 2 });
    pool.on('error', () => undefined);
    const table = `${quoteIdent(schema)}.aggregate_snapshots`;
    try {
      await createSchemaIfMissing(pool, quoteIdent(schema));
      // state is TEXT, not JSONB: it is read back as the text it was written as (the digest covers
      // that text), and the server never needs to look inside it.
      await pool.query(
        `CREATE TABLE IF NOT EXISTS ${table} (stream_id TEXT PRIMARY KEY, revision BIGINT NOT NULL,
          state_version INTEGER NOT NULL, event_id TEXT NOT NULL, state TEXT NOT NULL, digest TEXT NOT NULL)`,
      );
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresSnapshotStore(pool, table);
  }

  async get(streamId: string): Promise<Snapshot | null> {
    const { rows } = await this.pool.query<Row>(
      `SELECT revision, state_version, event_id, state, digest FROM ${this.table} WHERE stream_id = $1`,
      [streamId],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      revision: Number(row.revision),
      stateVersion: row.state_version,
      eventId: row.event_id,
      state: row.state,
      digest: row.digest,
    };
  }

  async put(streamId: string, snapshot: Snapshot): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} AS kept (stream_id, revision, state_version, event_id, state, digest)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision, state_version = EXCLUDED.state_version,
         event_id = EXCLUDED.event_id, state = EXCLUDED.state, digest = EXCLUDED.digest
       WHERE kept.state_version <> EXCLUDED.state_version OR kept.revision < EXCLUDED.revision`,
      [streamId, snapshot.revision, snapshot.stateVersion, snapshot.eventId, snapshot.state, snapshot.digest],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
