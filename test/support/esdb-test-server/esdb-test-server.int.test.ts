import { randomUUID } from 'node:crypto';
import {
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  jsonEvent,
  streamNameFilter,
  type Position,
  type ResolvedEvent,
  type StreamSubscription,
} from '@eventstore/db-client';
import { startEsdbTestServer, type EsdbTestServer } from './esdb-test-server';

/** The test server as the real client sees it: what it answers must be what a real server answers. */
describe('EventStoreDB test server, through the real client', () => {
  let server: EsdbTestServer;
  let client: EventStoreDBClient;

  beforeEach(async () => {
    server = await startEsdbTestServer();
    client = EventStoreDBClient.connectionString(server.url);
  });

  afterEach(async () => {
    await client.dispose();
    await server.stop();
  });

  const events = (count: number, type = 'Tested') =>
    Array.from({ length: count }, (_, index) => jsonEvent({ type, data: { index } }));

  async function readAll(): Promise<ResolvedEvent[]> {
    const read: ResolvedEvent[] = [];
    for await (const resolved of client.readAll({ fromPosition: START, direction: FORWARDS })) read.push(resolved);
    return read;
  }

  /** Collects `count` events from a subscription, then unsubscribes. */
  async function take(subscription: StreamSubscription, count: number): Promise<ResolvedEvent[]> {
    const taken: ResolvedEvent[] = [];
    for await (const resolved of subscription as AsyncIterable<ResolvedEvent>) {
      taken.push(resolved);
      if (taken.length === count) break;
    }
    await subscription.unsubscribe();
    return taken;
  }

  it('refuses a wrong expected revision the way the client turns into WrongExpectedVersionError', async () => {
    await client.appendToStream('orders-1', events(2), { expectedRevision: 'no_stream' });

    const stale = client.appendToStream('orders-1', events(1), { expectedRevision: 0n });
    await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(stale).rejects.toMatchObject({ expectedVersion: 0n, actualVersion: 1n });
    const missing = client.appendToStream('orders-2', events(1), { expectedRevision: 3n });
    await expect(missing).rejects.toMatchObject({ expectedVersion: 3n, actualVersion: 'no_stream' });
    const exists = client.appendToStream('orders-1', events(1), { expectedRevision: 'no_stream' });
    await expect(exists).rejects.toMatchObject({ expectedVersion: 'no_stream', actualVersion: 1n });
  });

  it('answers a read of a missing stream with stream-not-found', async () => {
    const read = async () => {
      for await (const _ of client.readStream('nobody-here')) throw new Error('read an event');
    };
    await expect(read()).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('orders $all by sparse (commit, prepare) positions, apart within a multi-event append', async () => {
    const single = await client.appendToStream('a', events(1));
    const several = await client.appendToStream('b', events(3));

    const all = await readAll();
    const positions = all.map((resolved) => resolved.event!.position!);
    for (let i = 1; i < positions.length; i++) {
      const [previous, current] = [positions[i - 1], positions[i]];
      expect(
        current.commit > previous.commit || (current.commit === previous.commit && current.prepare > previous.prepare),
      ).toBe(true);
      expect(current.prepare - previous.prepare).toBeGreaterThan(1n);
    }
    const [ofA, ...ofB] = all.filter((resolved) => !resolved.event!.streamId.startsWith('$'));
    expect(ofA.event!.position).toEqual(single.position);
    expect(single.position!.commit).toBe(single.position!.prepare);
    expect(ofB.map((resolved) => resolved.event!.position!.commit)).toEqual(Array(3).fill(several.position!.commit));
    expect(ofB.every((resolved) => resolved.event!.position!.commit !== resolved.event!.position!.prepare)).toBe(true);
    expect(ofB[2].event!.position).toEqual(several.position);
  });

  it('starts $all with the system events a fresh node writes', async () => {
    const [first] = await readAll();
    expect(first.event!.streamId.startsWith('$')).toBe(true);
    expect(first.event!.type.startsWith('$')).toBe(true);
  });

  it('reads $all forwards from a position inclusively and backwards strictly before it', async () => {
    await client.appendToStream('c', events(4));
    const ours = (await readAll()).filter((resolved) => resolved.event!.streamId === 'c');
    const third = ours[2].event!.position!;

    const forwards: number[] = [];
    for await (const resolved of client.readAll({ fromPosition: third, maxCount: 10 })) {
      forwards.push(Number(resolved.event!.revision));
    }
    const backwards: number[] = [];
    for await (const resolved of client.readAll({ fromPosition: third, direction: 'backwards', maxCount: 2 })) {
      backwards.push(Number(resolved.event!.revision));
    }
    expect(forwards).toEqual([2, 3]);
    expect(backwards).toEqual([1, 0]);
  });

  it('subscribes to $all from a position exclusively, reports catching up, then delivers live appends', async () => {
    await client.appendToStream('d', events(3));
    const [, second] = (await readAll()).filter((resolved) => resolved.event!.streamId === 'd');

    const subscription = client.subscribeToAll({ fromPosition: second.event!.position! });
    const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    const taken = take(subscription, 3);
    await caughtUp;
    await client.appendToStream('d', events(2));

    expect((await taken).map((resolved) => Number(resolved.event!.revision))).toEqual([2, 3, 4]);
  });

  it('from END delivers only what is appended after subscribing', async () => {
    await client.appendToStream('e', events(2));
    const subscription = client.subscribeToAll({ fromPosition: END });
    await new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    await client.appendToStream('e', events(1, 'Later'));

    expect((await take(subscription, 1)).map((resolved) => resolved.event!.type)).toEqual(['Later']);
  });

  it('filters a subscription by stream prefix or event-type regex, with checkpoints along the way', async () => {
    const checkpoints: Position[] = [];
    const byStream = client.subscribeToAll({
      fromPosition: START,
      filter: streamNameFilter({
        prefixes: ['loan-'],
        checkpointInterval: 1,
        checkpointReached: (_subscription, position) => void checkpoints.push(position),
      }),
    });
    const byType = client.subscribeToAll({
      fromPosition: START,
      filter: eventTypeFilter({ regex: '^Loan(Granted|Repaid)$' }),
    });
    await client.appendToStream('other-1', events(40));
    await client.appendToStream('loan-1', [...events(1, 'LoanGranted'), ...events(1, 'LoanReviewed')]);
    await client.appendToStream('other-2', events(1, 'LoanRepaid'));

    const streams = (await take(byStream, 2)).map((resolved) => resolved.event!.streamId);
    const types = (await take(byType, 2)).map((resolved) => resolved.event!.type);
    expect(streams).toEqual(['loan-1', 'loan-1']);
    expect(types).toEqual(['LoanGranted', 'LoanRepaid']);
    // A checkpoint every 32 considered events (the server's default window), matching or not.
    const all = await readAll();
    expect(checkpoints).toEqual([all[31].event!.position]);
  });

  it('holds a live subscription back for a slow reader without losing or reordering events', async () => {
    const subscription = client.subscribeToAll({ fromPosition: END });
    await new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    const stream = `slow-${randomUUID()}`;
    const writing = (async () => {
      for (let batch = 0; batch < 5; batch++) await client.appendToStream(stream, events(40));
    })();

    const received: number[] = [];
    for await (const resolved of subscription as AsyncIterable<ResolvedEvent>) {
      received.push(Number(resolved.event!.revision));
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (received.length === 200) break;
    }
    await subscription.unsubscribe();
    await writing;
    expect(received).toEqual(Array.from({ length: 200 }, (_, index) => index));
  });

  it('refuses appends larger than its maximum append size, as the real server does', async () => {
    const large = jsonEvent({ type: 'Large', data: { text: 'x'.repeat(1_100_000) } });
    await expect(client.appendToStream('f', large)).rejects.toMatchObject({ maxAppendSize: 1024 * 1024 });
    const read = async () => {
      for await (const _ of client.readStream('f')) throw new Error('read an event');
    };
    await expect(read()).rejects.toBeInstanceOf(StreamNotFoundError);
  });
});
