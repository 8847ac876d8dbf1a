import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { newEvent, newStreamId } from '../conformance/conformance-support';
import { describeTamperEvidence } from '../conformance/tamper-evidence';
import { GENESIS_HASH, eventHash } from '../hash-chain';
import { START } from '../position';
import { verifyChains } from '../verify-chains';
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
    const [loan, fund] = [newStreamId('old-loan'), newStreamId('old-fund')];
    const rows = [
      { stream: loan, revision: 0, event: newEvent('LoanOriginated', { amountFen: '100000', at: '2026-01-02' }) },
      { stream: fund, revision: 0, event: newEvent('FundOpened', { capitalFen: '9000000' }) },
      { stream: loan, revision: 1, event: newEvent('LoanRepaid', { amountFen: '2500' }) },
    ];
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
      const all = await store.readAll({ after: START, maxCount: 10 });
      const loan0 = eventHash(GENESIS_HASH, 0, { ...rows[0].event, streamId: loan });
      const fund0 = eventHash(GENESIS_HASH, 0, { ...rows[1].event, streamId: fund });
      const loan1 = eventHash(loan0, 1, { ...rows[2].event, streamId: loan });
      expect(all.map((event) => event.hash)).toEqual([loan0, fund0, loan1]);

      const repaid = newEvent('LoanRepaid', { amountFen: '97500' });
      await store.append(loan, [repaid], 1);
      const [appended] = await store.readStream(loan, { fromRevision: 2 });
      expect(appended.hash).toBe(eventHash(loan1, 2, { ...repaid, streamId: loan }));
      expect(await verifyChains(await store.readAll({ after: START, maxCount: 10 }))).toMatchObject({
        ok: true,
        eventsChecked: 4,
        streamsChecked: 2,
      });
    } finally {
      await store.close();
    }
  });
});
