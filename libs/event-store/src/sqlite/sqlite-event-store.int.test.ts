import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { SubscriptionReader, newEvents, newStreamId } from '../conformance/conformance-support';
import { describeEventStoreConformance } from '../conformance/event-store.conformance';
import { ConcurrencyError, InvalidAppendError } from '../errors';
import type { AppendResult } from '../event-store';
import { START, formatPosition } from '../position';
import { MIGRATIONS, runMigrations } from './migrations';
import { SqliteEventStore } from './sqlite-event-store';

function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ledger-sqlite-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describeEventStoreConformance('sqlite (temp file)', async () => {
  const temp = tempDir();
  const store = await SqliteEventStore.open(path.join(temp.dir, 'events.sqlite'), { pollMs: 50 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      temp.remove();
    },
  };
});

describeEventStoreConformance('sqlite (:memory:)', async () => {
  const store = await SqliteEventStore.open(':memory:');
  return { store, cleanup: () => store.close() };
});

describe('SqliteEventStore', () => {
  let temp: ReturnType<typeof tempDir>;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = async (options?: Parameters<typeof SqliteEventStore.open>[1]): Promise<SqliteEventStore> => {
    const store = await SqliteEventStore.open(file, options);
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    temp = tempDir();
    file = path.join(temp.dir, 'nested', 'dir', 'events.sqlite');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    temp.remove();
  });

  it('creates the parent directory and opens the file in WAL mode with synchronous=FULL', async () => {
    const store = await open();

    // synchronous is per connection, so it is read from the store's own connection.
    const db = store['db'];
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
  });

  it('records its migrations, and re-opening the file does not run them again', async () => {
    const first = await open();
    await first.append(newStreamId('kept'), newEvents(2, 'kept'), 'no-stream');
    await first.close();
    const read = (): { version: number; name: string; applied_at: string }[] => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as never;
      } finally {
        db.close();
      }
    };
    const recorded = read();
    expect(recorded.map((row) => [row.version, row.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));

    const reopened = await open();
    expect(read()).toEqual(recorded);
    expect(runMigrations(reopened['db'])).toEqual([]);
    expect(await reopened.readAll({ after: START, maxCount: 10 })).toHaveLength(2);
  });

  it('refuses a file migrated by a newer build', async () => {
    await (await open()).close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'now')").run();
    db.close();

    await expect(SqliteEventStore.open(file)).rejects.toThrow(/schema version\(s\) 999/);
  });

  it('checks each append of a batch against the earlier appends of the same batch, in one transaction', async () => {
    const store = await open();
    const write = jest.spyOn(store['writer'], 'write');
    const stream = newStreamId('same-batch');

    const outcomes = await Promise.allSettled([
      store.append(stream, newEvents(1, 'a'), 'no-stream'),
      store.append(stream, newEvents(2, 'b'), 0),
      store.append(stream, newEvents(1, 'stale'), 0),
      store.append(stream, newEvents(1, 'c'), 2),
      store.append(stream, newEvents(1, 'again'), 'no-stream'),
    ]);

    expect(write).toHaveBeenCalledTimes(1);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    expect(outcomes[2]).toMatchObject({ reason: { streamId: stream, expected: 0, actual: 2 } });
    expect(outcomes[4]).toMatchObject({ reason: { expected: 'no-stream', actual: 3 } });
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    const positions = outcomes.flatMap((outcome) =>
      outcome.status === 'fulfilled' ? [formatPosition(outcome.value.position)] : [],
    );
    expect(positions).toEqual(['1', '3', '4']);
    expect((await store.readStream(stream)).map((event) => [event.revision, event.data.tag])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'b'],
      [3, 'c'],
    ]);
  });

  it('fails only the append whose payload is not JSON, not its neighbours', async () => {
    const store = await open();
    const [good, bad] = [newStreamId('good'), newStreamId('bad')];
    const unserialisable = { ...newEvents(1, 'bad')[0], data: { amount: 1n } as never };

    const outcomes = await Promise.allSettled([
      store.append(good, newEvents(1, 'good'), 'no-stream'),
      store.append(bad, [unserialisable], 'no-stream'),
    ]);

    expect(outcomes[0].status).toBe('fulfilled');
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(InvalidAppendError);
    expect(await store.streamRevision(bad)).toBeNull();
  });

  it('positions are 1-based and dense: an append of n events takes the next n', async () => {
    const store = await open();
    const results: AppendResult[] = [];
    for (let round = 0; round < 5; round++) {
      results.push(await store.append(newStreamId(`dense-${round}`), newEvents(round + 1, 'x'), 'no-stream'));
    }
    expect(results.map((result) => formatPosition(result.position))).toEqual(['1', '3', '6', '10', '15']);
    expect(formatPosition(await store.headPosition())).toBe('15');
  });

  it('two instances on one file appending concurrently keep positions dense and ordered; a subscriber on one sees every event of both once, in order', async () => {
    const [a, b] = [await open({ pollMs: 20 }), await open({ pollMs: 20 })];
    const reader = new SubscriptionReader(a.subscribeToAll({ after: START, batchSize: 50 }));
    const streams = new Set<string>();
    const results: AppendResult[] = [];
    try {
      for (let round = 0; round < 20; round++) {
        const appends = Array.from({ length: 10 }, (_, index) => {
          const stream = newStreamId(`two-${round}-${index}`);
          streams.add(stream);
          return (index % 2 === 0 ? a : b).append(stream, newEvents(1 + (index % 3), stream), 'no-stream');
        });
        results.push(...(await Promise.all(appends)));
      }
      const total = results.reduce((sum, result) => sum + result.nextRevision + 1, 0);

      const all = await b.readAll({ after: START, maxCount: total + 10 });
      expect(all.map((event) => formatPosition(event.position))).toEqual(
        Array.from({ length: total }, (_, index) => String(index + 1)),
      );
      const delivered = await reader.take(total, streams);
      expect(delivered.map((event) => event.metadata.eventId)).toEqual(all.map((event) => event.metadata.eventId));

      // Exactly once: a marker written by the other instance is the next thing delivered.
      const marker = newStreamId('marker');
      streams.add(marker);
      await b.append(marker, newEvents(1, 'marker'), 'no-stream');
      const [next] = await reader.take(1, streams);
      expect(next.streamId).toBe(marker);
      expect(reader.delivered).toHaveLength(total + 1);
    } finally {
      await reader.subscription.close();
    }
  });

  it('a subscriber busy with an event when the next append commits still gets it at once, not at the next poll', async () => {
    const store = await open({ pollMs: 10_000 });
    const stream = newStreamId('busy');
    const streams = new Set([stream]);
    await store.append(stream, newEvents(1, 'first'), 'no-stream');
    const reader = new SubscriptionReader(store.subscribeToAll({ after: START }));
    try {
      await reader.take(1, streams);
      // The subscription is parked on the event it just delivered when this append commits.
      await store.append(stream, newEvents(1, 'second'), 0);
      const started = Date.now();
      await reader.take(1, streams);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await reader.subscription.close();
    }
  });

  it('close waits for queued appends and ends open subscriptions', async () => {
    const store = await open();
    const reader = new SubscriptionReader(store.subscribeToAll({ after: START }));
    const pending = store.append(newStreamId('queued'), newEvents(1, 'queued'), 'no-stream');
    const ended = reader.expectEnded();

    await store.close();
    await expect(pending).resolves.toMatchObject({ nextRevision: 0 });
    await ended;
    await expect(store.append(newStreamId('late'), newEvents(1, 'late'), 'no-stream')).rejects.toThrow(/closed/);
    await expect(store.readAll({ after: START, maxCount: 1 })).rejects.toThrow(/closed/);
  });
});
