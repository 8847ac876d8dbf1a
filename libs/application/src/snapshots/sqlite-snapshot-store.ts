import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { Snapshot, SnapshotStore } from './snapshot-store';

interface Row {
  revision: number;
  state_version: number;
  event_id: string;
  state: string;
  digest: string;
}

export class SqliteSnapshotStore implements SnapshotStore {
  private readonly select: Database.Statement<[string], Row>;
  private readonly upsert: Database.Statement<[string, number, number, string, string, string]>;

  private constructor(private readonly db: Database.Database) {
    this.select = db.prepare(
      'SELECT revision, state_version, event_id, state, digest FROM aggregate_snapshots WHERE stream_id = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO aggregate_snapshots (stream_id, revision, state_version, event_id, state, digest) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, state_version = excluded.state_version,
         event_id = excluded.event_id, state = excluded.state, digest = excluded.digest
       WHERE aggregate_snapshots.state_version <> excluded.state_version OR aggregate_snapshots.revision < excluded.revision`,
    );
  }

  static open(file: string): SqliteSnapshotStore {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    // A cache: a snapshot lost with the last transactions before a power cut costs one full fold,
    // while an fsync per put would hold the event loop (better-sqlite3 is synchronous) every time.
    db.pragma('synchronous = NORMAL');
    db.exec(
      `CREATE TABLE IF NOT EXISTS aggregate_snapshots (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL,
        state_version INTEGER NOT NULL, event_id TEXT NOT NULL, state TEXT NOT NULL, digest TEXT NOT NULL)`,
    );
    return new SqliteSnapshotStore(db);
  }

  async get(streamId: string): Promise<Snapshot | null> {
    const row = this.select.get(streamId);
    return row
      ? {
          revision: row.revision,
          stateVersion: row.state_version,
          eventId: row.event_id,
          state: row.state,
          digest: row.digest,
        }
      : null;
  }

  async put(streamId: string, snapshot: Snapshot): Promise<void> {
    this.upsert.run(
      streamId,
      snapshot.revision,
      snapshot.stateVersion,
      snapshot.eventId,
      snapshot.state,
      snapshot.digest,
    );
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
