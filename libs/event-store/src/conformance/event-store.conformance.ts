import { randomUUID } from 'node:crypto';
import { ConcurrencyError, InvalidAppendError } from '../errors';
import type { EventData, NewEvent, RecordedEvent } from '../event';
import type { AppendResult, EventStore } from '../event-store';
import { canonicalJson } from '../hash-chain';
import { START, comparePositions, formatPosition, parsePosition } from '../position';
import {
  SubscriptionReader,
  eventIds,
  expectConcurrencyError,
  expectRejection,
  expectStrictlyIncreasing,
  metadata,
  newEvent,
  newEvents,
  newStreamId,
  readAllOf,
} from './conformance-support';
import { describeHashChains } from './hash-chain.conformance';

export interface ConformanceFixture {
  readonly store: EventStore;
  cleanup(): Promise<void>;
}

/**
 * The one behaviour every EventStore adapter must show (DESIGN.md section 3), the same test code
 * run against each adapter. `factory` is called before every test and `cleanup` after it; it
 * may hand out a fresh store or one shared store, so every test uses its own fresh stream ids and
 * never assumes the store is empty, that nobody else writes meanwhile, or that positions are
 * dense (EventStoreDB's are not): positions are only compared, formatted and parsed.
 */
export function describeEventStoreConformance(adapterName: string, factory: () => Promise<ConformanceFixture>): void {
  describe(`EventStore conformance: ${adapterName}`, () => {
    let fixture: ConformanceFixture | undefined;
    let store: EventStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    }, TIMEOUT_MS);

    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    }, TIMEOUT_MS);

    describe('append with an expected revision', () => {
      check('no-stream on a new stream creates it at revisions 0..n-1', async () => {
        const stream = newStreamId('new');
        const written = newEvents(3, 'first');
        const result = await store.append(stream, written, 'no-stream');

        expect(result.nextRevision).toBe(2);
        const read = await store.readStream(stream);
        expect(read.map((event) => event.revision)).toEqual([0, 1, 2]);
        expect(eventIds(read)).toEqual(eventIds(written));
        expect(comparePositions(result.position, read[2].position)).toBe(0);
        expect(await store.streamRevision(stream)).toBe(2);
      });

      check('no-stream on an existing stream is refused with its actual revision, writing nothing', async () => {
        const stream = newStreamId('existing');
        await store.append(stream, newEvents(2, 'first'), 'no-stream');

        await expectConcurrencyError(store.append(stream, newEvents(1, 'second'), 'no-stream'), stream, 'no-stream', 1);
        expect(await store.streamRevision(stream)).toBe(1);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      check('any on a new stream creates it', async () => {
        const stream = newStreamId('any-new');
        const result = await store.append(stream, newEvents(2, 'first'), 'any');

        expect(result.nextRevision).toBe(1);
        expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0, 1]);
      });

      check('any on an existing stream appends after its last event', async () => {
        const stream = newStreamId('any-existing');
        await store.append(stream, newEvents(2, 'first'), 'no-stream');
        const result = await store.append(stream, newEvents(2, 'second'), 'any');

        expect(result.nextRevision).toBe(3);
        const read = await store.readStream(stream);
        expect(read.map((event) => [event.revision, event.data.tag])).toEqual([
          [0, 'first'],
          [1, 'first'],
          [2, 'second'],
          [3, 'second'],
        ]);
      });

      check('the exact current revision appends', async () => {
        const stream = newStreamId('exact');
        await store.append(stream, newEvents(1, 'first'), 'no-stream');
        const second = await store.append(stream, newEvents(2, 'second'), 0);
        const third = await store.append(stream, newEvents(1, 'third'), 2);

        expect(second.nextRevision).toBe(2);
        expect(third.nextRevision).toBe(3);
        expect(comparePositions(second.position, third.position)).toBe(-1);
        expect(await store.streamRevision(stream)).toBe(3);
      });

      check('a stale or future exact revision is refused with the actual revision, writing nothing', async () => {
        const stream = newStreamId('exact-wrong');
        await store.append(stream, newEvents(3, 'first'), 'no-stream');

        await expectConcurrencyError(store.append(stream, newEvents(1, 'stale'), 1), stream, 1, 2);
        await expectConcurrencyError(store.append(stream, newEvents(1, 'future'), 7), stream, 7, 2);
        const read = await store.readStream(stream);
        expect(read.map((event) => event.data.tag)).toEqual(['first', 'first', 'first']);
      });

      check('an exact revision on a missing stream is refused with actual no-stream, creating nothing', async () => {
        const stream = newStreamId('exact-missing');

        await expectConcurrencyError(store.append(stream, newEvents(1, 'x'), 0), stream, 0, 'no-stream');
        expect(await store.streamRevision(stream)).toBeNull();
        expect(await store.readStream(stream)).toEqual([]);
      });

      check('a refusal is one ConcurrencyError naming the stream, the expected and the actual revision', async () => {
        const stream = newStreamId('error-shape');
        await store.append(stream, newEvents(1, 'first'), 'no-stream');

        const error = await store.append(stream, newEvents(1, 'second'), 5).catch((refusal: unknown) => refusal);
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toBeInstanceOf(Error);
        expect((error as ConcurrencyError).message).toContain(stream);
        expect(error).toMatchObject({ streamId: stream, expected: 5, actual: 0 });
      });
    });

    describe('concurrent appends', () => {
      check(
        'two appends racing to create one stream: exactly one wins, the other gets a ConcurrencyError',
        async () => {
          const stream = newStreamId('race-create');
          const [a, b] = await Promise.allSettled([
            store.append(stream, newEvents(2, 'a'), 'no-stream'),
            store.append(stream, newEvents(2, 'b'), 'no-stream'),
          ]);

          const outcomes = [a, b];
          const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
          const losers = outcomes.filter((outcome) => outcome.status === 'rejected');
          expect(winners).toHaveLength(1);
          expect(losers).toHaveLength(1);
          await expectConcurrencyError(Promise.reject(losers[0].reason), stream, 'no-stream', 1);
          const winnerTag = a.status === 'fulfilled' ? 'a' : 'b';
          const read = await store.readStream(stream);
          expect(read.map((event) => event.data.tag)).toEqual([winnerTag, winnerTag]);
        },
      );

      check('appends racing on one exact revision: exactly one wins, each loser sees the winner', async () => {
        const stream = newStreamId('race-exact');
        await store.append(stream, newEvents(1, 'start'), 'no-stream');
        const contenders = Array.from({ length: 8 }, (_, index) => `c${index}`);
        const outcomes = await Promise.allSettled(contenders.map((tag) => store.append(stream, newEvents(1, tag), 0)));

        const winners = outcomes.flatMap((outcome, index) =>
          outcome.status === 'fulfilled' ? [contenders[index]] : [],
        );
        expect(winners).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') {
            await expectConcurrencyError(Promise.reject(outcome.reason), stream, 0, 1);
          } else {
            expect(outcome.value.nextRevision).toBe(1);
          }
        }
        expect((await store.readStream(stream)).map((event) => event.data.tag)).toEqual(['start', winners[0]]);
      });

      check('many concurrent appends to distinct streams all succeed at distinct positions', async () => {
        const before = await store.headPosition();
        const streams = Array.from({ length: 50 }, (_, index) => newStreamId(`many-${index}`));
        const results = await Promise.all(
          streams.map((stream) => store.append(stream, newEvents(2, stream), 'no-stream')),
        );

        expect(new Set(results.map((result) => formatPosition(result.position))).size).toBe(streams.length);
        const all = await readAllOf(store, before, new Set(streams));
        expect(all).toHaveLength(streams.length * 2);
        expectStrictlyIncreasing(all);
        expect(new Set(all.map((event) => formatPosition(event.position))).size).toBe(all.length);
        for (const [index, stream] of streams.entries()) {
          const read = await store.readStream(stream);
          expect(read.map((event) => event.revision)).toEqual([0, 1]);
          expect(comparePositions(read[1].position, results[index].position)).toBe(0);
        }
      });

      check('in one burst some appends conflict and others do not: each caller gets its own outcome', async () => {
        const existing = newStreamId('burst-existing');
        const other = newStreamId('burst-other');
        const fresh = newStreamId('burst-fresh');
        const missing = newStreamId('burst-missing');
        const anyNew = newStreamId('burst-any');
        await store.append(existing, newEvents(1, 'setup'), 'no-stream');
        await store.append(other, newEvents(2, 'setup'), 'no-stream');

        const [right, stale, created, exactOnMissing, anyOnNew, duplicateCreate] = await Promise.allSettled([
          store.append(existing, newEvents(1, 'right'), 0),
          store.append(other, newEvents(1, 'stale'), 0),
          store.append(fresh, newEvents(2, 'created'), 'no-stream'),
          store.append(missing, newEvents(1, 'missing'), 3),
          store.append(anyNew, newEvents(1, 'any'), 'any'),
          store.append(other, newEvents(1, 'duplicate'), 'no-stream'),
        ]);

        expect(right).toMatchObject({ status: 'fulfilled', value: { nextRevision: 1 } });
        expect(created).toMatchObject({ status: 'fulfilled', value: { nextRevision: 1 } });
        expect(anyOnNew).toMatchObject({ status: 'fulfilled', value: { nextRevision: 0 } });
        await expectConcurrencyError(settledAsPromise(stale), other, 0, 1);
        await expectConcurrencyError(settledAsPromise(exactOnMissing), missing, 3, 'no-stream');
        await expectConcurrencyError(settledAsPromise(duplicateCreate), other, 'no-stream', 1);

        expect((await store.readStream(existing)).map((event) => event.data.tag)).toEqual(['setup', 'right']);
        expect((await store.readStream(other)).map((event) => event.data.tag)).toEqual(['setup', 'setup']);
        expect((await store.readStream(fresh)).map((event) => event.data.tag)).toEqual(['created', 'created']);
        expect(await store.readStream(missing)).toEqual([]);
        expect(await store.streamRevision(anyNew)).toBe(0);
      });
    });

    describe('reading a stream', () => {
      async function tenEvents(): Promise<{ stream: string; written: NewEvent[] }> {
        const stream = newStreamId('read');
        const written = [...newEvents(3, 'a'), ...newEvents(3, 'b'), ...newEvents(4, 'c')];
        await store.append(stream, written.slice(0, 3), 'no-stream');
        await store.append(stream, written.slice(3, 6), 2);
        await store.append(stream, written.slice(6), 5);
        return { stream, written };
      }

      check('reads forwards in revision and position order, and backwards in reverse', async () => {
        const { stream, written } = await tenEvents();

        const forwards = await store.readStream(stream);
        expect(forwards.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(eventIds(forwards)).toEqual(eventIds(written));
        expect(forwards.map((event) => [event.type, event.data])).toEqual(
          written.map((event) => [event.type, event.data]),
        );
        expect(forwards.every((event) => event.streamId === stream)).toBe(true);
        expectStrictlyIncreasing(forwards);

        const backwards = await store.readStream(stream, { direction: 'backwards' });
        expect(eventIds(backwards)).toEqual(eventIds(written).reverse());
        expect(backwards.map((event) => event.revision)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      });

      check('starts at fromRevision (inclusive) and stops after maxCount, in both directions', async () => {
        const { stream } = await tenEvents();
        const revisions = async (options: Parameters<EventStore['readStream']>[1]): Promise<number[]> =>
          (await store.readStream(stream, options)).map((event) => event.revision);

        expect(await revisions({ fromRevision: 3 })).toEqual([3, 4, 5, 6, 7, 8, 9]);
        expect(await revisions({ fromRevision: 3, maxCount: 4 })).toEqual([3, 4, 5, 6]);
        expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
        expect(await revisions({ fromRevision: 8, maxCount: 5 })).toEqual([8, 9]);
        expect(await revisions({ fromRevision: 10 })).toEqual([]);
        expect(await revisions({ direction: 'backwards', fromRevision: 6, maxCount: 3 })).toEqual([6, 5, 4]);
        expect(await revisions({ direction: 'backwards', maxCount: 2 })).toEqual([9, 8]);
        expect(await revisions({ direction: 'backwards', fromRevision: 1 })).toEqual([1, 0]);
        expect(await revisions({ direction: 'backwards', fromRevision: 0, maxCount: 5 })).toEqual([0]);
        expect(await revisions({ direction: 'backwards', fromRevision: 40, maxCount: 2 })).toEqual([9, 8]);
        expect(await revisions({ direction: 'forwards', fromRevision: 9, maxCount: 100 })).toEqual([9]);
      });

      check('a missing stream reads as no events in both directions and has no revision', async () => {
        const stream = newStreamId('missing');

        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.readStream(stream, { direction: 'backwards' })).toEqual([]);
        expect(await store.readStream(stream, { fromRevision: 3, maxCount: 2 })).toEqual([]);
        expect(await store.streamRevision(stream)).toBeNull();
      });
    });

    describe('reading all', () => {
      check('pages strictly after a position, in global order, never more than maxCount', async () => {
        const before = await store.headPosition();
        const [s1, s2, s3] = [newStreamId('all-1'), newStreamId('all-2'), newStreamId('all-3')];
        const streams = new Set([s1, s2, s3]);
        const appended: NewEvent[] = [];
        for (const [stream, count, expected] of [
          [s1, 2, 'no-stream'],
          [s2, 1, 'no-stream'],
          [s1, 3, 1],
          [s3, 1, 'any'],
        ] as const) {
          const written = newEvents(count, stream);
          await store.append(stream, written, expected);
          appended.push(...written);
        }

        const pages: RecordedEvent[][] = [];
        let cursor = before;
        for (let guard = 0; guard < 10_000; guard++) {
          const page = await store.readAll({ after: cursor, maxCount: 3 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(3);
          expect(comparePositions(page[0].position, cursor)).toBe(1);
          pages.push(page);
          cursor = page[page.length - 1].position;
        }
        const all = pages.flat();
        expectStrictlyIncreasing(all);
        const ours = all.filter((event) => streams.has(event.streamId));
        expect(eventIds(ours)).toEqual(eventIds(appended));
        expect(ours.filter((event) => event.streamId === s1).map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);

        const afterOurLast = await store.readAll({ after: ours[ours.length - 1].position, maxCount: 100 });
        expect(afterOurLast.filter((event) => streams.has(event.streamId))).toEqual([]);
        const afterOurFirst = await store.readAll({ after: ours[0].position, maxCount: 1 });
        expect(afterOurFirst).toHaveLength(1);
        expect(comparePositions(afterOurFirst[0].position, ours[0].position)).toBe(1);
      });

      check('from START reads the oldest events first, in order', async () => {
        await store.append(newStreamId('from-start'), newEvents(3, 'start'), 'no-stream');

        const page = await store.readAll({ after: START, maxCount: 2 });
        expect(page).toHaveLength(2);
        expectStrictlyIncreasing(page);
        const next = await store.readAll({ after: page[1].position, maxCount: 1 });
        expect(next).toHaveLength(1);
        expect(comparePositions(next[0].position, page[1].position)).toBe(1);
      });

      check('resumes from a checkpoint persisted with formatPosition and parsePosition', async () => {
        const stream = newStreamId('checkpoint');
        await store.append(stream, newEvents(2, 'first'), 'no-stream');
        const [firstEvent] = await store.readStream(stream);
        await store.append(stream, newEvents(2, 'second'), 1);

        const checkpoint = formatPosition(firstEvent.position);
        const restored = parsePosition(checkpoint);
        expect(comparePositions(restored, firstEvent.position)).toBe(0);
        const resumed = (await store.readAll({ after: restored, maxCount: 50 })).filter(
          (event) => event.streamId === stream,
        );
        expect(resumed.map((event) => event.revision)).toEqual([1, 2, 3]);
      });
    });

    describe('subscribing to all', () => {
      check('catches up from START, then delivers live events in order, exactly once', async () => {
        const [s1, s2] = [newStreamId('sub-1'), newStreamId('sub-2')];
        const streams = new Set([s1, s2]);
        const history = newEvents(5, 'history');
        await store.append(s1, history.slice(0, 3), 'no-stream');
        await store.append(s2, history.slice(3), 'no-stream');

        const reader = new SubscriptionReader(store.subscribeToAll({ after: START, batchSize: 2 }));
        try {
          expect(eventIds(await reader.take(5, streams))).toEqual(eventIds(history));

          const live = [newEvents(1, 'live-1'), newEvents(2, 'live-2'), newEvents(1, 'live-3')];
          await store.append(s1, live[0], 2);
          const concurrent = await Promise.all([store.append(s2, live[1], 1), store.append(s1, live[2], 3)]);
          expect(concurrent).toHaveLength(2);
          const delivered = await reader.take(4, streams);
          const expectedLive = [...live[0], ...sortByPosition(live.slice(1), concurrent)];
          expect(eventIds(delivered)).toEqual(eventIds(expectedLive));

          // Exactly once: a marker appended last arrives next, with nothing repeated before it.
          const marker = newEvents(1, 'marker');
          await store.append(s1, marker, 'any');
          await reader.take(1, streams);
          expect(eventIds(reader.of(streams))).toEqual(eventIds([...history, ...expectedLive, ...marker]));
          expectStrictlyIncreasing(reader.delivered);
        } finally {
          await reader.subscription.close();
        }
      });

      check('starting from a checkpoint in the middle delivers only what follows it', async () => {
        const stream = newStreamId('sub-middle');
        const streams = new Set([stream]);
        await store.append(stream, newEvents(5, 'history'), 'no-stream');
        const [, second] = await store.readStream(stream, { maxCount: 2 });

        const reader = new SubscriptionReader(store.subscribeToAll({ after: second.position, batchSize: 2 }));
        try {
          const caughtUp = await reader.take(3, streams);
          expect(caughtUp.map((event) => event.revision)).toEqual([2, 3, 4]);
          expect(comparePositions(reader.delivered[0].position, second.position)).toBe(1);

          await store.append(stream, newEvents(2, 'live'), 4);
          const live = await reader.take(2, streams);
          expect(live.map((event) => [event.revision, event.data.tag])).toEqual([
            [5, 'live'],
            [6, 'live'],
          ]);
          expect(reader.of(streams).map((event) => event.revision)).toEqual([2, 3, 4, 5, 6]);
          expectStrictlyIncreasing(reader.delivered);
        } finally {
          await reader.subscription.close();
        }
      });

      check('close() ends the subscription, even while it waits for live events', async () => {
        const stream = newStreamId('sub-close');
        const streams = new Set([stream]);
        const before = await store.headPosition();
        await store.append(stream, newEvents(1, 'before'), 'no-stream');

        const reader = new SubscriptionReader(store.subscribeToAll({ after: before }));
        await reader.take(1, streams);
        const waiting = reader.expectEnded();
        await reader.subscription.close();
        await store.append(stream, newEvents(1, 'after-close'), 0);
        await waiting;
        expect(reader.of(streams).map((event) => event.data.tag)).toEqual(['before']);
      });

      check('breaking out of for await ends the subscription', async () => {
        const stream = newStreamId('sub-break');
        const before = await store.headPosition();
        await store.append(stream, newEvents(3, 'x'), 'no-stream');

        const subscription = store.subscribeToAll({ after: before });
        const seen: number[] = [];
        for await (const event of subscription) {
          if (event.streamId !== stream) continue;
          seen.push(event.revision);
          if (seen.length === 2) break;
        }
        expect(seen).toEqual([0, 1]);
        await subscription.close();
      });
    });

    describe('payloads', () => {
      check('a payload of more than 1 MB round-trips exactly', async () => {
        const stream = newStreamId('large');
        const chunk = 'pledge 质押 ✓ "quoted" \\ back\\slash\n';
        const text = chunk.repeat(Math.ceil(1_200_000 / chunk.length));
        const data: EventData = {
          text,
          numbers: Array.from({ length: 20_000 }, (_, index) => index * 7 - 50_000),
          nested: { list: Array.from({ length: 500 }, (_, index) => ({ index, ok: index % 2 === 0, none: null })) },
        };
        expect(Buffer.byteLength(JSON.stringify(data))).toBeGreaterThan(1_000_000);
        const before = await store.headPosition();
        await store.append(stream, [newEvent('Large', data)], 'no-stream');

        // Every adapter stores the canonical JSON of a payload (appended-digest.ts): the same
        // values, with keys in canonical order, which is what "exactly" means for JSON here.
        const [read] = await store.readStream(stream);
        expect(JSON.stringify(read.data)).toBe(canonicalJson(data));
        expect(read.data).toEqual(data);
        const [fromAll] = await readAllOf(store, before, new Set([stream]), 10);
        expect(JSON.stringify(fromAll.data)).toBe(canonicalJson(data));
      });

      check('unicode, quotes, backslashes and control characters round-trip exactly', async () => {
        const stream = newStreamId('unicode');
        const data: EventData = {
          emoji: '🏦💴 👩‍👩‍👧‍👦 🇨🇳 🏳️‍🌈 👍🏽',
          cjk: '知识产权质押融资 風險補償基金 특허 담보',
          rtl: 'مرحبا بالعالم',
          combining: 'e\u0301 a\u0308 \u1100\u1161',
          quotes: `"double" 'single' \`back\` “curly” «angle»`,
          backslashes: '\\ \\\\ \\n \\u0041 C:\\ledger\\data',
          whitespace: 'line\nbreak\r\ntab\there \u2028 \u2029 \u00a0',
          control: '\u0001\u001f\u007f',
          json: '{"looks":"like json"}',
          '键 with "quotes" and \\': ['值', { '🔑': '🗝️' }],
          numbers: [0, -1, 1.5, 0.1, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER],
          flags: [true, false, null],
          empty: { object: {}, array: [], string: '' },
        };
        await store.append(
          stream,
          [newEvent('Unicode', data, { actor: { sub: '张伟 🧑‍💼', role: 'bank-officer' } })],
          'no-stream',
        );

        const [read] = await store.readStream(stream);
        expect(read.data).toEqual(data);
        expect(JSON.stringify(read.data)).toBe(canonicalJson(data));
        expect(read.metadata.actor.sub).toBe('张伟 🧑‍💼');
      });

      check('every metadata field round-trips: actor with bank or enterprise, causation null or an id', async () => {
        const stream = newStreamId('metadata');
        const correlationId = randomUUID();
        const first = metadata({
          actor: { sub: 'officer-7', role: 'bank-officer', bankId: 'bank-icbc-001' },
          correlationId,
          causationId: null,
          recordedAt: '2026-11-25T08:30:15.123Z',
          schemaVersion: 1,
        });
        const second = metadata({
          actor: { sub: 'cfo-3', role: 'enterprise-finance', enterpriseId: 'ent-42' },
          correlationId,
          causationId: first.eventId,
          recordedAt: '2026-11-25T08:30:16.000Z',
          schemaVersion: 3,
        });
        const written: NewEvent[] = [
          { type: 'LoanApplied', data: { amountFen: 1_000_000 }, metadata: first },
          { type: 'LoanReviewed', data: {}, metadata: second },
        ];
        const before = await store.headPosition();
        await store.append(stream, written, 'no-stream');

        const read = await store.readStream(stream);
        expect(read.map((event) => event.metadata)).toStrictEqual([first, second]);
        expect(read[0].metadata.causationId).toBeNull();
        expect(read[1].metadata.causationId).toBe(first.eventId);
        expect('enterpriseId' in read[0].metadata.actor).toBe(false);
        expect('bankId' in read[1].metadata.actor).toBe(false);
        expect(read.map((event) => event.type)).toEqual(['LoanApplied', 'LoanReviewed']);

        const fromAll = await readAllOf(store, before, new Set([stream]));
        expect(fromAll.map((event) => event.metadata)).toStrictEqual([first, second]);
        const reader = new SubscriptionReader(store.subscribeToAll({ after: before }));
        try {
          expect((await reader.take(2, new Set([stream]))).map((event) => event.metadata)).toStrictEqual([
            first,
            second,
          ]);
        } finally {
          await reader.subscription.close();
        }
      });
    });

    describe('stream revision and head position', () => {
      check('streamRevision follows the stream: null, then the revision of its last event', async () => {
        const stream = newStreamId('revision');
        expect(await store.streamRevision(stream)).toBeNull();
        await store.append(stream, newEvents(1, 'a'), 'no-stream');
        expect(await store.streamRevision(stream)).toBe(0);
        await store.append(stream, newEvents(4, 'b'), 0);
        expect(await store.streamRevision(stream)).toBe(4);
      });

      check('headPosition moves past every appended event', async () => {
        const before = await store.headPosition();
        const first = await store.append(newStreamId('head-1'), newEvents(2, 'a'), 'no-stream');
        const afterFirst = await store.headPosition();
        const second = await store.append(newStreamId('head-2'), newEvents(1, 'b'), 'no-stream');
        const afterSecond = await store.headPosition();

        expect(comparePositions(first.position, before)).toBe(1);
        expect(comparePositions(afterFirst, first.position)).toBeGreaterThanOrEqual(0);
        expect(comparePositions(second.position, first.position)).toBe(1);
        expect(comparePositions(afterSecond, second.position)).toBeGreaterThanOrEqual(0);
        expect(comparePositions(afterSecond, afterFirst)).toBe(1);
      });
    });

    describe('invalid appends', () => {
      check('are rejected with InvalidAppendError and write nothing', async () => {
        const before = await store.headPosition();
        const stream = newStreamId('invalid');
        const attempted: NewEvent[] = [];
        const attempt = (streamId: string, events: NewEvent[], expected: Parameters<EventStore['append']>[2]) => {
          attempted.push(...events);
          return () => store.append(streamId, events, expected);
        };

        await expectRejection(attempt('', newEvents(1, 'empty-id'), 'any'), InvalidAppendError);
        await expectRejection(attempt('', newEvents(1, 'empty-id'), 'no-stream'), InvalidAppendError);
        await expectRejection(attempt(stream, [], 'no-stream'), InvalidAppendError);
        await expectRejection(attempt(stream, [], 'any'), InvalidAppendError);
        await expectRejection(attempt(`$${stream}`, newEvents(1, 'system'), 'any'), InvalidAppendError);
        await expectRejection(attempt(stream, newEvents(1, 'negative'), -1), InvalidAppendError);
        await expectRejection(attempt(stream, newEvents(1, 'fraction'), 1.5), InvalidAppendError);
        // A lone surrogate has no UTF-8 form: stored, it would turn into U+FFFD and break the event's hash.
        await expectRejection(attempt(`${stream}\uD800`, newEvents(1, 'surrogate-id'), 'any'), InvalidAppendError);
        const loneSurrogateType = newEvents(1, 'surrogate-type').map((event) => ({ ...event, type: 'Lone\uDC00Type' }));
        await expectRejection(attempt(stream, loneSurrogateType, 'any'), InvalidAppendError);

        expect(await store.streamRevision(stream)).toBeNull();
        expect(await store.readStream(stream)).toEqual([]);
        const attemptedIds = new Set(eventIds(attempted));
        const written: RecordedEvent[] = [];
        let cursor = before;
        for (let page = await store.readAll({ after: cursor, maxCount: 500 }); page.length > 0;) {
          written.push(...page.filter((event) => attemptedIds.has(event.metadata.eventId)));
          cursor = page[page.length - 1].position;
          page = await store.readAll({ after: cursor, maxCount: 500 });
        }
        expect(written).toEqual([]);
      });
    });

    describeHashChains(() => store, TIMEOUT_MS);
  });
}

/**
 * Each test's own timeout, whatever the jest configuration: adapters behind a network (or a
 * 1 MB payload through gRPC) need more than jest's default 5 s, and waits inside the tests
 * (15 s for a subscription) should fail with their own message first.
 */
const TIMEOUT_MS = 60_000;

function check(name: string, test: () => Promise<void>): void {
  it(name, test, TIMEOUT_MS);
}

function settledAsPromise(outcome: PromiseSettledResult<AppendResult>): Promise<AppendResult> {
  return outcome.status === 'fulfilled' ? Promise.resolve(outcome.value) : Promise.reject(outcome.reason);
}

/** The appended groups of events, ordered by where the store put each group. */
function sortByPosition(groups: NewEvent[][], results: AppendResult[]): NewEvent[] {
  return groups
    .map((events, index) => ({ events, position: results[index].position }))
    .sort((a, b) => comparePositions(a.position, b.position))
    .flatMap((group) => group.events);
}
