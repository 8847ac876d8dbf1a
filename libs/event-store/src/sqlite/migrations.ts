import type { Database } from 'better-sqlite3';
import { backfillHashChains } from './sqlite-hash-backfill';

export interface SqliteMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** A step SQL cannot express (hashing), run after `sql` in the same transaction. */
  readonly backfill?: (db: Database) => void;
}

/**
 * The SQLite adapter's schema, in order. Append-only: a released migration is never edited,
 * a change is a new version.
 *
 * `position` is the rowid (INTEGER PRIMARY KEY) and is assigned by the append transaction as
 * max + 1 while it holds SQLite's single write lock, so positions are dense and in commit order
 * even with several processes on one file. `data` and `metadata` are the exact JSON text written.
 * `streams` holds each stream's current revision so an append checks it with one key lookup,
 * and lists every stream for audits without scanning the events.
 *
 * Version 2 adds tamper evidence (hash-chain.ts): each event's `hash`, and each stream's
 * `last_hash` so an append links to it with the same key lookup that checks the revision. Files
 * written before it get their chains computed from the stored rows, in the migration's transaction.
 */
export const MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'events and streams',
    sql: `
      CREATE TABLE events (
        position  INTEGER PRIMARY KEY,
        stream_id TEXT    NOT NULL,
        revision  INTEGER NOT NULL,
        type      TEXT    NOT NULL,
        data      TEXT    NOT NULL,
        metadata  TEXT    NOT NULL,
        UNIQUE (stream_id, revision)
      );
      CREATE TABLE streams (
        stream_id TEXT    PRIMARY KEY,
        revision  INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'hash chains',
    sql: `
      ALTER TABLE events ADD COLUMN hash TEXT;
      ALTER TABLE streams ADD COLUMN last_hash TEXT;
    `,
    backfill: backfillHashChains,
  },
];

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each with its record, inside
 * one write transaction, so two processes opening a new file at once apply them exactly once.
 * An up-to-date file is checked with a plain read: opening a store never waits for the write
 * lock another process holds. Refuses a file migrated by a newer build. Returns the versions it applied.
 */
export function runMigrations(db: Database, migrations: readonly SqliteMigration[] = MIGRATIONS): number[] {
  const pending = (): SqliteMigration[] => {
    const applied = appliedVersions(db);
    const known = new Set(migrations.map((migration) => migration.version));
    const unknown = [...applied].filter((version) => !known.has(version));
    if (unknown.length > 0) {
      throw new Error(
        `The event store file has schema version(s) ${unknown.join(', ')} that this build does not know: ` +
          'it was written by a newer version of the ledger',
      );
    }
    return migrations.filter((migration) => !applied.has(migration.version));
  };
  if (pending().length === 0) return [];

  const migrate = db.transaction((): number[] => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TEXT NOT NULL
      )
    `);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    // Checked again under the write lock: another process may have migrated meanwhile.
    return pending().map((migration) => {
      db.exec(migration.sql);
      migration.backfill?.(db);
      record.run(migration.version, migration.name, new Date().toISOString());
      return migration.version;
    });
  });
  return migrate.immediate();
}

function appliedVersions(db: Database): Set<number> {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (table === undefined) return new Set();
  return new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((version) => Number(version)),
  );
}
