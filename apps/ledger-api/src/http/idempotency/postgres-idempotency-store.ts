import { createSchemaIfMissing } from '@pledge-ledger/event-store';
import { Pool } from 'pg';
import {
  IDEMPOTENCY_MIGRATIONS,
  recordOf,
  type ClaimOutcome,
  type IdempotencyRecord,
  type IdempotencyRow,
  type IdempotencyStore,
  type StoredResponse,
} from './idempotency-store';

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The claim and the completion, on every command, are named (prepared once per connection of this
 * store's own pool, so the name always means this store's table). Each stays its own autocommit:
 * the claim must be durable before the command appends, the answer before it is sent.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  private constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  static async open(connectionString: string, schema = 'public'): Promise<PostgresIdempotencyStore> {
    const pool = new Pool({ connectionString, max: 4 });
    pool.on('error', () => undefined);
    const qualified = (name: string) => `${quoteIdent(schema)}.${name}`;
    const client = await pool.connect();
    try {
      // Before BEGIN: the read store and the event store may be creating this schema right now.
      await createSchemaIfMissing(client, quoteIdent(schema));
      await client.query('BEGIN');
      // Several processes may start at once on one schema: one migrates, the others wait and find nothing to do.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`idempotency:${schema}`]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${qualified('idempotency_migrations')} (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`,
      );
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM ${qualified('idempotency_migrations')}`);
      const applied = new Set(rows.map((row) => row.id));
      for (const migration of IDEMPOTENCY_MIGRATIONS) {
        if (applied.has(migration.id)) continue;
        await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${qualified('idempotency_migrations')} (id, applied_at) VALUES ($1, $2)`, [
          migration.id,
          new Date().toISOString(),
        ]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      await pool.end();
      throw error;
    }
    client.release();
    return new PostgresIdempotencyStore(pool, qualified('idempotency_keys'));
  }

  async claim(caller: string, key: string, requestHash: string, now: number): Promise<ClaimOutcome> {
    const inserted = await this.pool.query({
      name: 'idempotency-claim',
      text: `INSERT INTO ${this.table} (caller, key, request_hash, state, claimed_at, created_at)
       VALUES ($1, $2, $3, 'in-progress', $4, $5) ON CONFLICT (caller, key) DO NOTHING`,
      values: [caller, key, requestHash, now, new Date(now).toISOString()],
    });
    if (inserted.rowCount === 1) return { claimed: true };
    const record = await this.find(caller, key);
    return record ? { claimed: false, record } : this.claim(caller, key, requestHash, now);
  }

  async takeOver(caller: string, key: string, staleClaimedAt: number, now: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE ${this.table} SET claimed_at = $1
       WHERE caller = $2 AND key = $3 AND state = 'in-progress' AND claimed_at = $4`,
      [now, caller, key, staleClaimedAt],
    );
    return result.rowCount === 1;
  }

  async complete(caller: string, key: string, response: StoredResponse): Promise<void> {
    await this.pool.query({
      name: 'idempotency-complete',
      text: `UPDATE ${this.table} SET state = 'done', response_status = $1, response_headers = $2, response_body = $3
       WHERE caller = $4 AND key = $5`,
      values: [
        response.status,
        JSON.stringify(response.headers),
        response.body === undefined ? null : JSON.stringify(response.body),
        caller,
        key,
      ],
    });
  }

  async release(caller: string, key: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE caller = $1 AND key = $2 AND state = 'in-progress'`, [
      caller,
      key,
    ]);
  }

  async abandon(caller: string, key: string): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.table} SET claimed_at = 0 WHERE caller = $1 AND key = $2 AND state = 'in-progress'`,
      [caller, key],
    );
  }

  async find(caller: string, key: string): Promise<IdempotencyRecord | undefined> {
    const { rows } = await this.pool.query<IdempotencyRow>(
      `SELECT request_hash, state, claimed_at, response_status, response_headers, response_body
       FROM ${this.table} WHERE caller = $1 AND key = $2`,
      [caller, key],
    );
    return rows.length > 0 ? recordOf(rows[0]) : undefined;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
