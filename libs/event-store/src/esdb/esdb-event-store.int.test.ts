import { EventStoreDBClient, jsonEvent, type ResolvedEvent } from '@eventstore/db-client';
import { startEsdbTestServer } from '../../../../test/support/esdb-test-server';
import {
  SubscriptionReader,
  eventIds,
  expectConcurrencyError,
  newEvent,
  newEvents,
  newStreamId,
} from '../conformance/conformance-support';
import { describeEventStoreConformance } from '../conformance/event-store.conformance';
import { InvalidAppendError } from '../errors';
import type { RecordedEvent } from '../event';
import { START, comparePositions } from '../position';
import { eventHash } from '../hash-chain';
import { verifyChains } from '../verify-chains';
import { EsdbEventStore } from './esdb-event-store';

/**
 * The conformance suite and the EventStoreDB specifics run against the in-process test server
 * always, and against a real server too when LEDGER_TEST_ESDB_URL names one (see README).
 * Without that variable the real-server runs are not registered: there is no server to run them
 * against, and nothing is skipped.
 */
interface Target {
  readonly name: string;
  start(): Promise<{ url: string; stop(): Promise<void> }>;
}

// A real server refuses appends over its MaxAppendSize (1 MiB by default); the suite's large
// payload needs it raised, and the test server is given the same limit the real one must have.
const MAX_APPEND_SIZE = 16 * 1024 * 1024;
const testServer: Target = {
  name: 'EventStoreDB test server',
  start: () => startEsdbTestServer({ maxAppendSize: MAX_APPEND_SIZE }),
};
const realServerUrl = process.env.LEDGER_TEST_ESDB_URL;
const targets: Target[] = realServerUrl
  ? [
      testServer,
      { name: `EventStoreDB at ${realServerUrl}`, start: async () => ({ url: realServerUrl, stop: async () => {} }) },
    ]
  : [testServer];

for (const target of targets) {
  describeEventStoreConformance(target.name, async () => {
    const server = await target.start();
    const store = await EsdbEventStore.open(server.url);
    return {
      store,
      cleanup: async () => {
        await store.close();
        await server.stop();
      },
    };
  });
}

describe.each(targets)('EsdbEventStore on $name', (target) => {
  let server: { url: string; stop(): Promise<void> };
  let store: EsdbEventStore;
  let raw: EventStoreDBClient;

  beforeAll(async () => {
    server = await target.start();
    store = await EsdbEventStore.open(server.url);
    raw = EventStoreDBClient.connectionString(server.url);
  });

  afterAll(async () => {
    await store?.close();
    await raw?.dispose();
    await server?.stop();
  });

  /** Writes the kinds of events EventStoreDB writes itself: `$` types, and any type in a `$` stream. */
  async function writeSystemEvents(streamId: string): Promise<void> {
    await raw.setStreamMetadata(streamId, { maxAge: 86_400 });
    await raw.appendToStream(newStreamId('notices'), jsonEvent({ type: '$notice', data: {} }));
    await raw.appendToStream(`$${newStreamId('notices')}`, jsonEvent({ type: 'Notice', data: {} }));
  }

  async function rawPositions(streamId: string): Promise<{ commit: bigint; prepare: bigint }[]> {
    const positions: { commit: bigint; prepare: bigint }[] = [];
    for await (const resolved of raw.readStream(streamId) as AsyncIterable<ResolvedEvent>) {
      const position = resolved.event?.position;
      if (position) positions.push({ commit: position.commit, prepare: position.prepare });
    }
    return positions;
  }

  it('gives each event the (commit, prepare) position EventStoreDB recorded, on append, on reads and in the feed', async () => {
    const streamId = newStreamId('positions');
    const before = await store.headPosition();
    await store.append(streamId, newEvents(1, 'single'), 'no-stream');
    const appended = await store.append(streamId, newEvents(3, 'several'), 0);

    const recorded = await rawPositions(streamId);
    const read = await store.readStream(streamId);
    expect(read.map((event) => event.position)).toEqual(recorded);
    expect(appended.position).toEqual(recorded[3]);
    const fed = (await store.readAll({ after: before, maxCount: 100 })).filter((e) => e.streamId === streamId);
    expect(fed.map((event) => event.position)).toEqual(recorded);
  });

  it('maps a wrong expected revision to ConcurrencyError with the actual revision or no-stream', async () => {
    const streamId = newStreamId('conflict');
    await expectConcurrencyError(store.append(streamId, [newEvent()], 0), streamId, 0, 'no-stream');
    await store.append(streamId, newEvents(2, 'first'), 'no-stream');
    await expectConcurrencyError(store.append(streamId, [newEvent()], 'no-stream'), streamId, 'no-stream', 1);
    await expectConcurrencyError(store.append(streamId, [newEvent()], 0), streamId, 0, 1);
  });

  it('keeps the hash in the ESDB metadata as $hash beside ours, and hands back our metadata without it', async () => {
    const streamId = newStreamId('hash');
    const written = newEvents(2, 'hashed');
    await store.append(streamId, written, 'no-stream');

    const read = await store.readStream(streamId);
    const stored: unknown[] = [];
    for await (const resolved of raw.readStream(streamId) as AsyncIterable<ResolvedEvent>) {
      stored.push(resolved.event?.metadata);
    }
    expect(stored).toEqual(written.map((event, i) => ({ ...event.metadata, $hash: read[i].hash })));
    expect(read.map((event) => event.metadata)).toStrictEqual(written.map((event) => event.metadata));
    expect(read[1].hash).toBe(eventHash(read[0].hash, 1, read[1]));
  });

  it('reads an event written without a hash (by another client) with hash "", which verifyChains reports', async () => {
    const streamId = newStreamId('unhashed');
    await raw.appendToStream(streamId, jsonEvent({ type: 'Foreign', data: {}, metadata: newEvent().metadata }));

    const [foreign] = await store.readStream(streamId);
    expect(foreign.hash).toBe('');
    expect((await verifyChains([foreign])).firstBrokenLink).toMatchObject({ streamId, revision: 0, reason: 'hash' });
  });

  it('reads a stream that does not exist as no events and no revision', async () => {
    const streamId = newStreamId('missing');
    await expect(store.readStream(streamId)).resolves.toEqual([]);
    await expect(store.readStream(streamId, { direction: 'backwards' })).resolves.toEqual([]);
    await expect(store.streamRevision(streamId)).resolves.toBeNull();
  });

  it('appends the same event id twice as two events: no EventStoreDB idempotency leaks through the port', async () => {
    const streamId = newStreamId('ids');
    const event = newEvent('Repeated');
    await store.append(streamId, [event], 'no-stream');
    await store.append(streamId, [event], 0);
    expect(eventIds(await store.readStream(streamId))).toEqual([event.metadata.eventId, event.metadata.eventId]);
  });

  it('keeps system events out of readAll, subscribeToAll and headPosition', async () => {
    const streamId = newStreamId('system');
    const before = await store.headPosition();
    const reader = new SubscriptionReader(store.subscribeToAll({ after: before }));
    try {
      const first = await store.append(streamId, [newEvent('First')], 'no-stream');
      await writeSystemEvents(streamId);
      await store.append(streamId, [newEvent('Second')], 'any');
      await writeSystemEvents(streamId);

      const all = await store.readAll({ after: before, maxCount: 1000 });
      expect(all.filter((e) => e.type.startsWith('$') || e.streamId.startsWith('$'))).toEqual([]);
      expect(all.filter((e) => e.streamId === streamId).map((e) => e.type)).toEqual(['First', 'Second']);
      expect((await store.readAll({ after: first.position, maxCount: 1 })).map((e) => e.type)).toEqual(['Second']);

      const fed = await reader.take(2, new Set([streamId]));
      expect(fed.map((e) => e.type)).toEqual(['First', 'Second']);
      expect(reader.delivered.filter((e) => e.type.startsWith('$') || e.streamId.startsWith('$'))).toEqual([]);

      const [second] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      expect(second.type).toBe('Second');
      expect(await store.headPosition()).toEqual(second.position);
    } finally {
      await reader.subscription.close();
    }
  });

  it('reads on past a run of system events longer than the page it asked for', async () => {
    const streamId = newStreamId('crowded');
    const before = await store.headPosition();
    await store.append(streamId, [newEvent('Before')], 'no-stream');
    const noise = Array.from({ length: 12 }, (_, i) => jsonEvent({ type: '$noise', data: { i } }));
    await raw.appendToStream(newStreamId('noise'), noise);
    await store.append(streamId, [newEvent('After')], 0);
    await raw.appendToStream(newStreamId('noise'), noise);

    const walked: RecordedEvent[] = [];
    let cursor = before;
    for (let page = await store.readAll({ after: cursor, maxCount: 1 }); page.length > 0;) {
      walked.push(...page);
      cursor = page[0].position;
      page = await store.readAll({ after: cursor, maxCount: 1 });
    }
    expect(walked.filter((e) => e.streamId === streamId).map((e) => e.type)).toEqual(['Before', 'After']);
    expect(await store.headPosition()).toEqual(walked[walked.length - 1].position);
  });

  it('delivers from a checkpoint exclusively, catches up, goes live, and ends on close()', async () => {
    const streamId = newStreamId('subscription');
    const streams = new Set([streamId]);
    const checkpoint = await store.append(streamId, [newEvent('AtCheckpoint')], 'no-stream');
    await store.append(streamId, newEvents(3, 'history'), 0);

    const reader = new SubscriptionReader(store.subscribeToAll({ after: checkpoint.position }));
    const history = await reader.take(3, streams);
    expect(history.map((e) => e.revision)).toEqual([1, 2, 3]);

    await store.append(streamId, newEvents(2, 'live'), 3);
    const live = await reader.take(2, streams);
    expect(live.map((e) => e.revision)).toEqual([4, 5]);
    expect(reader.of(streams).every((e) => comparePositions(e.position, checkpoint.position) > 0)).toBe(true);

    await reader.subscription.close();
    await reader.expectEnded();
  });

  it('reads the whole feed from START in the order of the server', async () => {
    const streamId = newStreamId('from-start');
    await store.append(streamId, newEvents(2, 'start'), 'no-stream');
    const all = await store.readAll({ after: START, maxCount: 100_000 });
    for (let i = 1; i < all.length; i++) expect(comparePositions(all[i - 1].position, all[i].position)).toBe(-1);
    expect(all.filter((e) => e.streamId === streamId)).toHaveLength(2);
  });
});

describe('EsdbEventStore on the EventStoreDB test server with its default limits', () => {
  it('fails to open, naming the URL, when no server answers there', async () => {
    const server = await startEsdbTestServer();
    await server.stop();
    const opening = EsdbEventStore.open(server.url);
    await expect(opening).rejects.toThrow(`Cannot reach the EventStoreDB server at ${server.url}`);
  });

  it("opens a kurrentdb:// URL, the same protocol under KurrentDB's name", async () => {
    const server = await startEsdbTestServer();
    const store = await EsdbEventStore.open(server.url.replace(/^esdb:/, 'kurrentdb:'));
    try {
      const streamId = newStreamId('kurrent');
      await store.append(streamId, [newEvent()], 'no-stream');
      expect(await store.streamRevision(streamId)).toBe(0);
    } finally {
      await store.close();
      await server.stop();
    }
  });

  it("refuses an append over the server's maximum append size with InvalidAppendError, writing nothing", async () => {
    const server = await startEsdbTestServer();
    const store = await EsdbEventStore.open(server.url);
    try {
      const streamId = newStreamId('too-large');
      const attempt = store.append(streamId, [newEvent('Large', { text: 'x'.repeat(1_100_000) })], 'no-stream');
      await expect(attempt).rejects.toThrow(InvalidAppendError);
      await expect(attempt).rejects.toThrow(/maximum append size of 1048576 bytes/);
      expect(await store.streamRevision(streamId)).toBeNull();
    } finally {
      await store.close();
      await server.stop();
    }
  });

  it('keeps commit and prepare apart where the server records them apart (several events in one append)', async () => {
    const server = await startEsdbTestServer();
    const store = await EsdbEventStore.open(server.url);
    try {
      const streamId = newStreamId('pair');
      await store.append(streamId, newEvents(3, 'pair'), 'no-stream');
      const read = await store.readStream(streamId);
      expect(read.every((event) => event.position.commit !== event.position.prepare)).toBe(true);
      expect(new Set(read.map((event) => event.position.commit)).size).toBe(1);
      expect(read.map((event) => event.position.prepare)).toEqual(
        [...read.map((event) => event.position.prepare)].sort((a, b) => (a < b ? -1 : 1)),
      );
    } finally {
      await store.close();
      await server.stop();
    }
  });
});
