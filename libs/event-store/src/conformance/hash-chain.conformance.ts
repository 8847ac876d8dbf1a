import type { RecordedEvent } from '../event';
import type { EventStore } from '../event-store';
import { GENESIS_HASH, eventHash } from '../hash-chain';
import { verifyChains } from '../verify-chains';
import { SubscriptionReader, eventIds, newEvent, newEvents, newStreamId, readAllOf } from './conformance-support';

/**
 * Tamper evidence (hash-chain.ts), part of the conformance suite: every adapter stores each
 * event's hash, chained over its stream, and every read returns the same one. `store` is read at
 * each test, since the suite may hand out a fresh store per test.
 */
export function describeHashChains(store: () => EventStore, timeoutMs: number): void {
  const check = (name: string, test: () => Promise<void>): void => it(name, test, timeoutMs);

  describe('hash chains', () => {
    check('each event hashes its content over the previous hash, across appends, from GENESIS', async () => {
      const stream = newStreamId('chain');
      await store().append(stream, newEvents(3, 'first'), 'no-stream');
      await store().append(stream, [newEvent('Dated', { at: '2026-11-25', amountFen: '1999' })], 2);
      await store().append(stream, newEvents(2, 'third'), 'any');

      const read = await store().readStream(stream);
      expect(read.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5]);
      expectChained(read);
      expect(new Set(read.map((event) => event.hash)).size).toBe(read.length);
      for (const event of read) expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    check('the chain holds when many appends to one stream and to others go in the same burst', async () => {
      const shared = newStreamId('burst-shared');
      const others = Array.from({ length: 6 }, (_, index) => newStreamId(`burst-${index}`));
      await store().append(shared, newEvents(1, 'start'), 'no-stream');

      await Promise.all([
        ...Array.from({ length: 8 }, (_, index) => store().append(shared, newEvents(2, `shared-${index}`), 'any')),
        ...others.map((stream) => store().append(stream, newEvents(3, stream), 'no-stream')),
      ]);

      const sharedEvents = await store().readStream(shared);
      expect(sharedEvents).toHaveLength(17);
      expectChained(sharedEvents);
      for (const stream of others) expectChained(await store().readStream(stream));
    });

    check('readStream both ways, readAll and subscribeToAll return the same hash for each event', async () => {
      const [s1, s2] = [newStreamId('same-1'), newStreamId('same-2')];
      const streams = new Set([s1, s2]);
      const before = await store().headPosition();
      await store().append(s1, newEvents(2, 'a'), 'no-stream');
      await store().append(s2, newEvents(2, 'b'), 'no-stream');
      await store().append(s1, newEvents(1, 'c'), 1);

      const forwards = [...(await store().readStream(s1)), ...(await store().readStream(s2))];
      const hashes = new Map(forwards.map((event) => [event.metadata.eventId, event.hash]));
      const backwards = [
        ...(await store().readStream(s1, { direction: 'backwards' })),
        ...(await store().readStream(s2, { direction: 'backwards' })),
      ];
      const all = await readAllOf(store(), before, streams, 2);
      const reader = new SubscriptionReader(store().subscribeToAll({ after: before, batchSize: 2 }));
      let delivered: RecordedEvent[];
      try {
        delivered = await reader.take(5, streams);
      } finally {
        await reader.subscription.close();
      }

      for (const events of [backwards, all, delivered]) {
        expect(events).toHaveLength(5);
        expect(events.map((event) => [event.metadata.eventId, event.hash])).toEqual(
          eventIds(events).map((id) => [id, hashes.get(id)]),
        );
      }
    });

    check('verifyChains over readAll finds every chain intact', async () => {
      const streams = [newStreamId('verify-1'), newStreamId('verify-2'), newStreamId('verify-3')];
      const before = await store().headPosition();
      for (const [index, stream] of streams.entries()) {
        await store().append(stream, newEvents(index + 1, 'one'), 'no-stream');
      }
      await Promise.all(streams.map((stream) => store().append(stream, newEvents(2, 'two'), 'any')));

      // Only this test's streams: a store shared with other tests (or a real EventStoreDB server)
      // may hold events this suite did not write.
      const all = await readAllOf(store(), before, new Set(streams), 3);
      const verification = await verifyChains(all);
      expect(verification).toMatchObject({ ok: true, eventsChecked: 12, streamsChecked: 3, firstBrokenLink: null });
    });
  });
}

/** Each event's hash is eventHash over the one before it, from GENESIS_HASH at revision 0. */
function expectChained(events: readonly RecordedEvent[]): void {
  let previous = GENESIS_HASH;
  for (const event of events) {
    expect({ revision: event.revision, hash: event.hash }).toEqual({
      revision: event.revision,
      hash: eventHash(previous, event.revision, event),
    });
    previous = event.hash;
  }
}
