import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createTestSchema } from '../../../../test/support/postgres';
import type { TestSchema } from '../../../../test/support/postgres';
import { describeEventStoreConformance } from '../conformance/event-store.conformance';
import { ConcurrencyError, InvalidAppendError } from '../errors';
import type { EventData, NewEvent, RecordedEvent } from '../event';
import type { AllSubscription } from '../event-store';
import { canonicalJson } from '../hash-chain';
import { START, sqlPosition } from '../position';
import { prepareAppend, beginAppendBatch } from './postgres-append-batch';
import { PostgresEventStore } from './postgres-event-store';
import { postgresTables } from './postgres-tables';

function event(type: string, data: EventData = {}): NewEvent {
  return {
    type,
    data,
    metadata: {
      eventId: randomUUID(),
      actor: { sub: 'user-1', role: 'clerk' },
      correlationId: randomUUID(),
      causationId: null,
      recordedAt: '2026-11-25T15:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

/** Reads a subscription in the background until `enough` says so or `timeoutMs` passes. */
function collect(subscription: AllSubscription, enough: (seen: RecordedEvent[]) => boolean, timeoutMs = 20000) {
  const seen: RecordedEvent[] = [];
  const done = (async () => {
    const timer = setTimeout(() => void subscription.close(), timeoutMs);
    for await (const recorded of subscription) {
      seen.push(recorded);
      if (enough(seen)) break;
    }
    clearTimeout(timer);
    return seen;
  })();
  return { seen, done };
}

async function until(condition: () => boolean, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every event exactly once, positions 1..n with no gap, in delivery order. */
function expectDenseExactlyOnce(seen: RecordedEvent[], expectedEventIds: Set<string>): void {
  expect(seen.map((e) => e.position.commit)).toEqual(seen.map((_, i) => BigInt(i + 1)));
  const ids = seen.map((e) => e.metadata.eventId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(ids)).toEqual(expectedEventIds);
}

// jest ignores `testTimeout` inside a `projects` entry, so the integration default of 60 s is set here.
jest.setTimeout(60_000);

const execFileAsync = promisify(execFile);

/**
 * Appends from a separate node process, through this adapter's own source: there is no ts-node
 * here, so the child compiles the .ts files on require with @swc/core (already used by jest).
 * Resolves to the event ids it wrote.
 */
async function runWriterProcess(schema: TestSchema, rounds: number): Promise<string[]> {
  const script = `
    const fs = require('node:fs');
    const swc = require('@swc/core');
    require.extensions['.ts'] = (module, filename) => {
      const options = { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
      module._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'), options).code, filename);
    };
    const { PostgresEventStore } = require(process.env.ADAPTER);
    (async () => {
      const store = await PostgresEventStore.open({ connectionString: process.env.URL, schema: process.env.SCHEMA, listen: false });
      const ids = [];
      for (let round = 0; round < Number(process.env.ROUNDS); round += 1) {
        await Promise.all(Array.from({ length: 20 }, (_, n) => {
          const events = [0, 1].map((k) => {
            const eventId = 'child-' + round + '-' + n + '-' + k;
            ids.push(eventId);
            const metadata = { eventId, actor: { sub: 'child', role: 'clerk' }, correlationId: eventId, causationId: null, recordedAt: new Date().toISOString(), schemaVersion: 1 };
            return { type: 'Pair', data: { name: 'child', round }, metadata };
          });
          return store.append('shared-' + (n % 7), events, 'any');
        }));
      }
      await store.close();
      process.stdout.write(JSON.stringify(ids));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const { stdout } = await execFileAsync(process.execPath, ['-e', script], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      ADAPTER: require.resolve('./postgres-event-store.ts'),
      URL: schema.url,
      SCHEMA: schema.schema,
      ROUNDS: String(rounds),
    },
  });
  return JSON.parse(stdout) as string[];
}

describe('on one schema shared by the whole suite, a fresh store per test', () => {
  let shared: TestSchema;
  beforeAll(async () => {
    shared = await createTestSchema();
  });
  afterAll(() => shared.drop());

  describeEventStoreConformance('PostgreSQL', async () => {
    const store = await PostgresEventStore.open({ connectionString: shared.url, schema: shared.schema });
    return { store, cleanup: () => store.close() };
  });
});

describe('PostgresEventStore', () => {
  let testSchema: TestSchema;
  const stores: PostgresEventStore[] = [];
  const open = async (options: { pollMs?: number; listen?: boolean } = {}) => {
    const store = await PostgresEventStore.open({
      connectionString: testSchema.url,
      schema: testSchema.schema,
      ...options,
    });
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    testSchema = await createTestSchema();
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await testSchema.drop();
  });

  describe('migrations', () => {
    it('creates a missing schema, and concurrent openers apply each migration once', async () => {
      const schema = `${testSchema.schema}_fresh`;
      const opening = Array.from({ length: 4 }, () =>
        PostgresEventStore.open({ connectionString: testSchema.url, schema, listen: false }),
      );
      const opened = await Promise.all(opening);
      stores.push(...opened);
      await opened[0].append('loan-1', [event('LoanRequested')], 'no-stream');
      stores.push(await PostgresEventStore.open({ connectionString: testSchema.url, schema, listen: false }));

      const client = new Client({ connectionString: testSchema.url });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
        expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
        expect(await stores[stores.length - 1].streamRevision('loan-1')).toBe(0);
      } finally {
        await Promise.all(stores.splice(0).map((store) => store.close()));
        await client.query(`DROP SCHEMA "${schema}" CASCADE`);
        await client.end();
      }
    });
  });

  describe('storage', () => {
    // Each payload is stored as the canonical JSON of its value (appended-digest.ts), so one
    // serialisation serves both the row and its hash: what comes back is the same values, with
    // keys in canonical order rather than the order written (key order carries no meaning in JSON).
    it('returns data and metadata with the values written, keys in canonical order', async () => {
      const store = await open();
      expect(await store.headPosition()).toBe(START);
      const written = event('PledgeRegistered', { zeta: 1, alpha: { y: 'é中🙂', x: [3, 1, 2] }, mid: null, big: 1e21 });
      await store.append('pledge-1', [written], 'no-stream');
      const [read] = await store.readStream('pledge-1');
      expect(read.data).toEqual(written.data);
      expect(read.metadata).toEqual(written.metadata);
      expect(JSON.stringify(read.data)).toBe('{"alpha":{"x":[3,1,2],"y":"é中🙂"},"big":1e+21,"mid":null,"zeta":1}');
      expect(JSON.stringify(read.metadata)).toBe(canonicalJson(written.metadata));
      expect(read.position).toEqual(sqlPosition(1));
      expect(await store.headPosition()).toEqual(sqlPosition(1));
    });

    it('reads a stream forwards and backwards from a revision with a limit', async () => {
      const store = await open();
      await store.append(
        'loan-1',
        [0, 1, 2, 3, 4].map((n) => event('Step', { n })),
        'no-stream',
      );
      const numbers = (events: RecordedEvent[]) => events.map((e) => e.data.n);
      expect(numbers(await store.readStream('loan-1', { fromRevision: 1, maxCount: 2 }))).toEqual([1, 2]);
      expect(numbers(await store.readStream('loan-1', { direction: 'backwards', maxCount: 2 }))).toEqual([4, 3]);
      expect(numbers(await store.readStream('loan-1', { direction: 'backwards', fromRevision: 1 }))).toEqual([1, 0]);
      expect(await store.readStream('missing')).toEqual([]);
      expect(await store.streamRevision('missing')).toBeNull();
    });
  });

  describe('closing', () => {
    it('writes every append already queued, ends open subscriptions, and refuses later appends', async () => {
      const store = await PostgresEventStore.open({ connectionString: testSchema.url, schema: testSchema.schema });
      const { done } = collect(store.subscribeToAll({ after: START }), () => false);
      const queued = Array.from({ length: 10 }, (_, n) => store.append(`loan-${n}`, [event('Queued')], 'no-stream'));
      await store.close();

      expect((await Promise.allSettled(queued)).map((r) => r.status)).toEqual(Array(10).fill('fulfilled'));
      await expect(done).resolves.toBeDefined();
      await expect(store.append('loan-late', [event('Late')], 'no-stream')).rejects.toThrow(/closed/);
      const reopened = await open();
      expect(await reopened.headPosition()).toEqual(sqlPosition(10));
    });
  });

  describe('group commit', () => {
    it('gives each concurrent caller its own result or its own ConcurrencyError', async () => {
      const store = await open();
      const racing = Array.from({ length: 20 }, (_, n) => store.append('loan-1', [event('Raced', { n })], 'no-stream'));
      const chained = [
        store.append('loan-2', [event('First')], 'no-stream'),
        store.append('loan-2', [event('Second'), event('Third')], 0),
        store.append('loan-2', [event('Stale')], 0),
      ];
      const results = await Promise.allSettled([...racing, ...chained]);

      const raceResults = results.slice(0, 20);
      expect(raceResults.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const lost of raceResults.filter((r) => r.status === 'rejected')) {
        expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
        expect((lost as PromiseRejectedResult).reason).toMatchObject({ expected: 'no-stream', actual: 0 });
      }
      const [first, second, stale] = results.slice(20);
      expect(first).toMatchObject({ status: 'fulfilled', value: { nextRevision: 0 } });
      expect(second).toMatchObject({ status: 'fulfilled', value: { nextRevision: 2 } });
      expect(stale).toMatchObject({ status: 'rejected', reason: { expected: 0, actual: 2 } });
      expect((await store.readStream('loan-2')).map((e) => e.type)).toEqual(['First', 'Second', 'Third']);
      expect(await store.headPosition()).toEqual(sqlPosition(4));
    });

    it('fails only the append PostgreSQL refuses, not its neighbours in the batch', async () => {
      const store = await open();
      // Stands for anything the database refuses that the adapter cannot foresee (a constraint, a trigger).
      const client = new Client({ connectionString: testSchema.url });
      await client.connect();
      await client.query(`ALTER TABLE "${testSchema.schema}".events ADD CHECK (type <> 'Refused')`);
      await client.end();
      const results = await Promise.allSettled([
        store.append('loan-1', [event('Fine')], 'no-stream'),
        store.append('loan-2', [event('Refused')], 'no-stream'),
        store.append('loan-3', [event('AlsoFine')], 'no-stream'),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: '23514' });
      expect(await store.streamRevision('loan-2')).toBeNull();
      const all = await store.readAll({ after: START, maxCount: 10 });
      expect(all.map((e) => [e.streamId, e.position.commit])).toEqual([
        ['loan-1', 1n],
        ['loan-3', 2n],
      ]);
    });

    it('refuses a NUL character in a stream id or event type before it reaches a batch', async () => {
      const store = await open();
      await expect(store.append('loan\u0000-1', [event('Fine')], 'no-stream')).rejects.toBeInstanceOf(
        InvalidAppendError,
      );
      await expect(store.append('loan-1', [event('Nul\u0000Type')], 'no-stream')).rejects.toBeInstanceOf(
        InvalidAppendError,
      );
      expect(await store.headPosition()).toBe(START);
    });

    it('sends the next batch only once the one before holds the lock, so batches take it in the order they formed', async () => {
      const store = await open();
      const held = new Client({ connectionString: testSchema.url });
      await held.connect();
      // Its own connection: inside a transaction, pg_stat_activity would show one frozen snapshot.
      const observer = new Client({ connectionString: testSchema.url });
      await observer.connect();
      const waitingForLock = async (): Promise<number> => {
        const { rows } = await observer.query<{ waiting: string }>(
          `SELECT count(*) AS waiting FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND query LIKE '%' || $1 || '%global_position%'`,
          [testSchema.schema],
        );
        return Number(rows[0].waiting);
      };
      try {
        await beginAppendBatch(held, postgresTables(testSchema.schema), [
          prepareAppend('held', [event('Held')], 'no-stream'),
        ]);
        const first = store.append('loan-1', [event('First')], 'any');
        for (let tries = 0; (await waitingForLock()) !== 1; tries++) {
          if (tries > 500) throw new Error('The first batch never reached the lock');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const second = store.append('loan-1', [event('Second')], 'any');
        const third = store.append('loan-2', [event('Third')], 'no-stream');
        // The second batch forms but waits in the process, not at the lock, while the first waits there.
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await waitingForLock()).toBe(1);

        await held.query('COMMIT');
        const results = await Promise.all([first, second, third]);
        expect(results.map((r) => r.position.commit)).toEqual([2n, 3n, 4n]);
        expect((await store.readStream('loan-1')).map((e) => e.type)).toEqual(['First', 'Second']);
      } finally {
        await held.end();
        await observer.end();
      }
    });

    it('splits a large batch into transactions without splitting an append', async () => {
      const store = await PostgresEventStore.open({
        connectionString: testSchema.url,
        schema: testSchema.schema,
        maxBatchEvents: 10,
      });
      stores.push(store);
      const appends = Array.from({ length: 30 }, (_, n) =>
        store.append(
          `loan-${n}`,
          Array.from({ length: 1 + (n % 4) }, () => event('Step')),
          'no-stream',
        ),
      );
      appends.push(
        store.append(
          'big',
          Array.from({ length: 25 }, () => event('Step')),
          'no-stream',
        ),
      );
      const results = await Promise.all(appends);
      expect(results[30].nextRevision).toBe(24);
      const all = await store.readAll({ after: START, maxCount: 1000 });
      expect(all.map((e) => e.position.commit)).toEqual(all.map((_, i) => BigInt(i + 1)));
      const big = all.filter((e) => e.streamId === 'big').map((e) => Number(e.position.commit));
      expect(big[big.length - 1] - big[0]).toBe(24);
    });
  });

  describe('global order', () => {
    it('never lets a subscriber skip or reorder past an append transaction held open', async () => {
      const subscriberStore = await open();
      const otherProcess = await open(); // its own pool: another writer, as a second process would be
      const expectedIds = new Set<string>();
      const append = (store: PostgresEventStore, streamId: string) => {
        const written = event('Appended');
        expectedIds.add(written.metadata.eventId);
        return store.append(streamId, [written], 'any');
      };
      const subscription = subscriberStore.subscribeToAll({ after: START, batchSize: 7 });
      const { seen, done } = collect(subscription, (seen) => seen.length === 101);

      await Promise.all(Array.from({ length: 50 }, (_, n) => append(otherProcess, `before-${n}`)));
      await until(() => seen.length === 50);

      const held = new Client({ connectionString: testSchema.url });
      await held.connect();
      try {
        const heldEvent = event('Held');
        expectedIds.add(heldEvent.metadata.eventId);
        const [heldOutcome] = await beginAppendBatch(held, postgresTables(testSchema.schema), [
          prepareAppend('held', [heldEvent], 'no-stream'),
        ]);
        expect(heldOutcome).toEqual({ nextRevision: 0, position: sqlPosition(51), lastHash: expect.any(String) });

        let committedWhileHeld = 0;
        const later = Array.from({ length: 50 }, (_, n) =>
          append(n % 2 ? otherProcess : subscriberStore, `after-${n}`).then((result) => {
            committedWhileHeld += 1;
            return result;
          }),
        );
        // Long enough for the later appends to reach the lock and the subscriber to poll twice.
        await new Promise((resolve) => setTimeout(resolve, 600));
        expect(committedWhileHeld).toBe(0);
        expect(seen).toHaveLength(50);

        await held.query('COMMIT');
        const laterResults = await Promise.all(later);
        expect(Math.min(...laterResults.map((r) => Number(r.position.commit)))).toBe(52);
      } finally {
        await held.end();
      }

      const delivered = await done;
      expectDenseExactlyOnce(delivered, expectedIds);
      expect(delivered[50].type).toBe('Held');
    });

    it('delivers appends from two pools and another OS process exactly once, in order, densely', async () => {
      const [first, second, reader] = [await open(), await open(), await open()];
      const expectedIds = new Set<string>();
      const finished = (seen: RecordedEvent[]) => seen[seen.length - 1].type === 'Finished';
      const { done } = collect(reader.subscribeToAll({ after: START, batchSize: 50 }), finished, 45000);
      let childRunning = true;
      const child = runWriterProcess(testSchema, 20).finally(() => (childRunning = false));
      // In-process writers keep going until the child is done, so its appends interleave with theirs.
      const writer = async (store: PostgresEventStore, name: string) => {
        for (let round = 0; round < 10 || childRunning; round += 1) {
          await Promise.all(
            Array.from({ length: 20 }, (_, n) => {
              const events = [event('Pair', { name, round }), event('Pair', { name, round })];
              for (const e of events) expectedIds.add(e.metadata.eventId);
              return store.append(`shared-${n % 7}`, events, 'any');
            }),
          );
        }
      };
      const [childIds] = await Promise.all([child, writer(first, 'first'), writer(second, 'second')]);
      for (const id of childIds) expectedIds.add(id);
      const last = event('Finished');
      expectedIds.add(last.metadata.eventId);
      await first.append('finish', [last], 'no-stream');

      const delivered = await done;
      expectDenseExactlyOnce(delivered, expectedIds);
      const byChild = delivered.flatMap((e, i) => (e.data.name === 'child' ? [i] : []));
      const interleaved = delivered
        .slice(byChild[0], byChild[byChild.length - 1])
        .filter((e) => e.data.name !== 'child');
      expect(interleaved.length).toBeGreaterThan(0);
      for (let n = 0; n < 7; n += 1) {
        const revisions = delivered.filter((e) => e.streamId === `shared-${n}`).map((e) => e.revision);
        expect(revisions).toEqual(revisions.map((_, i) => i));
      }
    });

    it('wakes a subscriber at once on an append committed through another pool (LISTEN/NOTIFY)', async () => {
      const reader = await open({ pollMs: 60000 });
      const writer = await open();
      const { done } = collect(reader.subscribeToAll({ after: START }), (seen) => seen.length === 1, 5000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const startedAt = Date.now();
      await writer.append('loan-1', [event('FromElsewhere')], 'no-stream');
      const [delivered] = await done;
      expect(delivered?.type).toBe('FromElsewhere');
      expect(Date.now() - startedAt).toBeLessThan(2000);
    });
  });
});

describe('test support: createTestSchema', () => {
  it('fails, naming LEDGER_TEST_PG_URL and how to start PostgreSQL, when the database cannot be reached', async () => {
    const unreachable = 'postgres://postgres:secret@127.0.0.1:1/test';
    const failure = createTestSchema(unreachable);
    await expect(failure).rejects.toThrow(/LEDGER_TEST_PG_URL/);
    await expect(failure).rejects.toThrow(/pg_ctlcluster .* start/);
    await expect(failure).rejects.not.toThrow(/secret/);
  });
});
