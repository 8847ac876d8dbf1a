import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { formatPosition, parsePosition, START, type After } from '@pledge-ledger/event-store';
import type { CheckpointStore } from './checkpoint-store';

export class SqliteCheckpointStore implements CheckpointStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): SqliteCheckpointStore {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec('CREATE TABLE IF NOT EXISTS consumer_checkpoints (consumer TEXT PRIMARY KEY, position TEXT NOT NULL)');
    return new SqliteCheckpointStore(db);
  }

  async load(consumer: string): Promise<After> {
    const row = this.db.prepare('SELECT position FROM consumer_checkpoints WHERE consumer = ?').get(consumer) as
      { position: string } | undefined;
    return row ? parsePosition(row.position) : START;
  }

  async save(consumer: string, position: After): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO consumer_checkpoints (consumer, position) VALUES (?, ?) ON CONFLICT (consumer) DO UPDATE SET position = excluded.position',
      )
      .run(consumer, formatPosition(position));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
