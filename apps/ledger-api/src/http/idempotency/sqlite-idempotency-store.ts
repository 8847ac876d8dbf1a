import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import {
  IDEMPOTENCY_MIGRATIONS,
  recordOf,
  type ClaimOutcome,
  type IdempotencyRecord,
  type IdempotencyRow,
  type IdempotencyStore,
  type StoredResponse,
} from './idempotency-store';

/** The statements, prepared once per store (preparing compiles the SQL: it was done on every call). */
function prepareStatements(db: Database.Database) {
  return {
    claim: db.prepare(
      `INSERT INTO idempotency_keys (caller, key, request_hash, state, claimed_at, created_at)
       VALUES (?, ?, ?, 'in-progress', ?, ?) ON CONFLICT (caller, key) DO NOTHING`,
    ),
    takeOver: db.prepare(
      `UPDATE idempotency_keys SET claimed_at = ? WHERE caller = ? AND key = ? AND state = 'in-progress' AND claimed_at = ?`,
    ),
    complete: db.prepare(
      `UPDATE idempotency_keys SET state = 'done', response_status = ?, response_headers = ?, response_body = ?
       WHERE caller = ? AND key = ?`,
    ),
    release: db.prepare(`DELETE FROM idempotency_keys WHERE caller = ? AND key = ? AND state = 'in-progress'`),
    abandon: db.prepare(
      `UPDATE idempotency_keys SET claimed_at = 0 WHERE caller = ? AND key = ? AND state = 'in-progress'`,
    ),
    find: db.prepare(
      `SELECT request_hash, state, claimed_at, response_status, response_headers, response_body
       FROM idempotency_keys WHERE caller = ? AND key = ?`,
    ),
  };
}

/**
 * Its own connection to the read store's file, in WAL mode at SQLite's default synchronous = FULL
 * (not the read store's NORMAL, on purpose): a claim is on disk before the command appends, so a
 * claim lost in a power cut cannot let a retry run a command whose events were kept.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly statements: ReturnType<typeof prepareStatements>;

  private constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
  }

  static open(file: string): SqliteIdempotencyStore {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      // IMMEDIATE takes the write lock first, so two processes opening one file migrate one after the other.
      db.transaction(() => {
        db.exec('CREATE TABLE IF NOT EXISTS idempotency_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
        const applied = new Set(
          (db.prepare('SELECT id FROM idempotency_migrations').all() as { id: string }[]).map((row) => row.id),
        );
        for (const migration of IDEMPOTENCY_MIGRATIONS) {
          if (applied.has(migration.id)) continue;
          db.exec(migration.sql);
          db.prepare('INSERT INTO idempotency_migrations (id, applied_at) VALUES (?, ?)').run(
            migration.id,
            new Date().toISOString(),
          );
        }
      }).immediate();
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteIdempotencyStore(db);
  }

  async claim(caller: string, key: string, requestHash: string, now: number): Promise<ClaimOutcome> {
    const inserted = this.statements.claim.run(caller, key, requestHash, now, new Date(now).toISOString());
    if (inserted.changes === 1) return { claimed: true };
    const record = await this.find(caller, key);
    // Released between the insert and the read: claim again.
    return record ? { claimed: false, record } : this.claim(caller, key, requestHash, now);
  }

  async takeOver(caller: string, key: string, staleClaimedAt: number, now: number): Promise<boolean> {
    return this.statements.takeOver.run(now, caller, key, staleClaimedAt).changes === 1;
  }

  async complete(caller: string, key: string, response: StoredResponse): Promise<void> {
    this.statements.complete.run(
      response.status,
      JSON.stringify(response.headers),
      response.body === undefined ? null : JSON.stringify(response.body),
      caller,
      key,
    );
  }

  async release(caller: string, key: string): Promise<void> {
    this.statements.release.run(caller, key);
  }

  async abandon(caller: string, key: string): Promise<void> {
    this.statements.abandon.run(caller, key);
  }

  async find(caller: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = this.statements.find.get(caller, key) as IdempotencyRow | undefined;
    return row ? recordOf(row) : undefined;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
