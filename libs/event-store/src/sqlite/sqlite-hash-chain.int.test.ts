import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { expectBackfilledChainsContinue, preChainHistory } from '../conformance/pre-chain-history';
import { describeTamperEvidence } from '../conformance/tamper-evidence';
import { MIGRATIONS, runMigrations } from './migrations';
import { SqliteEventStore } from './sqlite-event-store';

function tempFile(): { file: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ledger-sqlite-hash-'));
  return { file: path.join(dir, 'events.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describeTamperEvidence('sqlite', async () => {
  const temp = tempFile();
  const store = await SqliteEventStore.open(temp.file);
  // A second connection to the file, as anyone with access to it has: the store never sees these writes coming.
  const raw = new Database(temp.file);
  return {
    store,
    setData: async (streamId, revision, data) => {
      raw.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = ?').run(data, streamId, revision);
    },
    setDataAndHash: async (streamId, revision, data, hash) => {
      raw
        .prepare('UPDATE events SET data = ?, hash = ? WHERE stream_id = ? AND revision = ?')
        .run(data, hash, streamId, revision);
    },
    deleteEvent: async (streamId, revision) => {
      raw.prepare('DELETE FROM events WHERE stream_id = ? AND revision = ?').run(streamId, revision);
    },
    cleanup: async () => {
      raw.close();
      await store.close();
      temp.remove();
    },
  };
});

describe('a SQLite file written before hash chains', () => {
  let temp: ReturnType<typeof tempFile>;
  beforeEach(() => (temp = tempFile()));
  afterEach(() => temp.remove());

  it('gets every chain computed when opened, and new appends continue them', async () => {
    // The file as the previous build left it: schema version 1, events without hashes.
    const old = new Database(temp.file);
    runMigrations(old, MIGRATIONS.slice(0, 1));
    const history = preChainHistory();
    const { loan, fund, rows } = history;
    const insert = old.prepare(
      'INSERT INTO events (position, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    rows.forEach(({ stream, revision, event }, index) =>
      // Spaces and key order as another writer might have left them: the digest covers the parsed value.
      insert.run(
        index + 1,
        stream,
        revision,
        event.type,
        JSON.stringify(event.data, null, 1),
        JSON.stringify(event.metadata),
      ),
    );
    old.prepare('INSERT INTO streams (stream_id, revision) VALUES (?, ?), (?, ?)').run(loan, 1, fund, 0);
    old.close();

    const store = await SqliteEventStore.open(temp.file);
    try {
      await expectBackfilledChainsContinue(store, history);
    } finally {
      await store.close();
    }
  });
});
