import { randomBytes, randomUUID } from 'node:crypto';
import { createSchemaIfMissing } from '@pledge-ledger/event-store';
import { Pool } from 'pg';
import { personalDataErased, type DataKey, type DataKeyStore } from './data-key-store';

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

interface KeyRow {
  key_id: string;
  data_key: Buffer | null;
}

export class PostgresDataKeyStore implements DataKeyStore {
  private constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  static async open(connectionString: string, schema = 'public'): Promise<PostgresDataKeyStore> {
    const pool = new Pool({ connectionString, max: 2 });
    pool.on('error', () => undefined);
    const table = `${quoteIdent(schema)}.personal_data_keys`;
    try {
      await createSchemaIfMissing(pool, quoteIdent(schema));
      await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (
        key_id TEXT PRIMARY KEY,
        subject TEXT NOT NULL UNIQUE,
        data_key BYTEA,
        created_at TIMESTAMPTZ NOT NULL,
        destroyed_at TIMESTAMPTZ
      )`);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresDataKeyStore(pool, table);
  }

  async keyFor(subject: string): Promise<DataKey> {
    await this.pool.query(
      `INSERT INTO ${this.table} (key_id, subject, data_key, created_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (subject) DO NOTHING`,
      [randomUUID(), subject, randomBytes(32)],
    );
    const { rows } = await this.pool.query<KeyRow>(`SELECT key_id, data_key FROM ${this.table} WHERE subject = $1`, [
      subject,
    ]);
    if (rows[0].data_key === null) throw personalDataErased(subject);
    return { keyId: rows[0].key_id, key: rows[0].data_key };
  }

  async find(keyId: string): Promise<Buffer | null> {
    const { rows } = await this.pool.query<KeyRow>(`SELECT key_id, data_key FROM ${this.table} WHERE key_id = $1`, [
      keyId,
    ]);
    return rows[0]?.data_key ?? null;
  }

  async destroy(subject: string, at: string): Promise<boolean> {
    // One statement: a tombstone for a subject never seen, or the key dropped from a live one.
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${this.table} (key_id, subject, data_key, created_at, destroyed_at) VALUES ($1, $2, NULL, $3, $3)
       ON CONFLICT (subject) DO UPDATE SET data_key = NULL, destroyed_at = EXCLUDED.destroyed_at
       WHERE ${this.table}.data_key IS NOT NULL`,
      [randomUUID(), subject, at],
    );
    // The old row version stays in the table's pages until vacuumed: reclaim it now (best effort;
    // WAL archives and base backups still hold it, see docs/personal-data.md).
    if (rowCount) await this.pool.query(`VACUUM ${this.table}`).catch(() => undefined);
    return (rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
