import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { personalDataErased, type DataKey, type DataKeyStore } from './data-key-store';

interface KeyRow {
  key_id: string;
  data_key: Buffer | null;
}

export class SqliteDataKeyStore implements DataKeyStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): SqliteDataKeyStore {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    // A destroyed key's bytes are overwritten with zeros, not left on a free page.
    db.pragma('secure_delete = ON');
    db.exec(`CREATE TABLE IF NOT EXISTS personal_data_keys (
      key_id TEXT PRIMARY KEY,
      subject TEXT NOT NULL UNIQUE,
      data_key BLOB,
      created_at TEXT NOT NULL,
      destroyed_at TEXT
    )`);
    return new SqliteDataKeyStore(db);
  }

  async keyFor(subject: string): Promise<DataKey> {
    this.db
      .prepare(
        'INSERT INTO personal_data_keys (key_id, subject, data_key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (subject) DO NOTHING',
      )
      .run(randomUUID(), subject, randomBytes(32), new Date().toISOString());
    const row = this.db
      .prepare('SELECT key_id, data_key FROM personal_data_keys WHERE subject = ?')
      .get(subject) as KeyRow;
    if (row.data_key === null) throw personalDataErased(subject);
    return { keyId: row.key_id, key: row.data_key };
  }

  async find(keyId: string): Promise<Buffer | null> {
    const row = this.db.prepare('SELECT key_id, data_key FROM personal_data_keys WHERE key_id = ?').get(keyId) as
      KeyRow | undefined;
    return row?.data_key ?? null;
  }

  async destroy(subject: string, at: string): Promise<boolean> {
    const destroy = this.db.transaction((): boolean => {
      const row = this.db.prepare('SELECT key_id, data_key FROM personal_data_keys WHERE subject = ?').get(subject) as
        KeyRow | undefined;
      if (row === undefined) {
        this.db
          .prepare(
            'INSERT INTO personal_data_keys (key_id, subject, data_key, created_at, destroyed_at) VALUES (?, ?, NULL, ?, ?)',
          )
          .run(randomUUID(), subject, at, at);
        return true;
      }
      if (row.data_key === null) return false;
      this.db
        .prepare('UPDATE personal_data_keys SET data_key = NULL, destroyed_at = ? WHERE key_id = ?')
        .run(at, row.key_id);
      return true;
    });
    const destroyed = destroy();
    // Move the change out of the write-ahead log (which still holds the old page) into the zeroed file.
    if (destroyed) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return destroyed;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
