import { formatPosition, type RecordedEvent } from '@pledge-ledger/event-store';
import type { ReadStore } from '../read-store/read-store';
import { streamCatalogProjection } from '../stream-catalog/stream-catalog.projection';
import { catalogRows, countedEvents, streamsWithGapsOrDuplicates } from '../testing/catalog-rows';
import { sessionKiller } from '../testing/kill-session';
import { DIALECTS, ReadModelFixture, appendConcurrently, event } from '../testing/read-model-fixture';
import { loadCheckpoint } from './projection-checkpoints';
import type { Projection, ProjectionContext } from './projection';
import { ProjectionRunner } from './projection-runner';
import { Projector } from './projector';
import { ProjectionLagError } from './wait-for-position';

const TIMEOUT = 60_000;

/** The stream catalog, with `hook` run after each batch's rows are written, before its commit. */
function withHook(
  hook: (batch: number, context: ProjectionContext<'streams'>, events: readonly RecordedEvent[]) => Promise<void>,
): Projection<'streams'> {
  let batches = 0;
  return {
    ...streamCatalogProjection,
    async apply(events, context) {
      await streamCatalogProjection.apply(events, context);
      await hook(++batches, context, events);
    },
  };
}

async function storedCheckpoint(readStore: ReadStore, name = 'stream-catalog'): Promise<string> {
  return formatPosition(await loadCheckpoint(readStore.queries, name));
}

describe.each(DIALECTS)('projection runner on %s', (dialect) => {
  let fixture: ReadModelFixture;
  const runners: ProjectionRunner[] = [];
  const run = async (readStore: ReadStore, projection: Projection, options = {}) => {
    const runner = new ProjectionRunner(fixture.events, readStore, projection, { batchSize: 50, ...options });
    runners.push(runner);
    await runner.start();
    return runner;
  };

  beforeEach(async () => {
    fixture = await ReadModelFixture.create(dialect);
  }, TIMEOUT);

  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    await fixture.close();
  }, TIMEOUT);

  it(
    'applies every event once, catching up and then following concurrent writers live',
    async () => {
      const readStore = await fixture.openReadStore();
      const before = await appendConcurrently(fixture.events, { writers: 4, appendsPerWriter: 25, streams: 20 });
      const runner = await run(readStore, streamCatalogProjection);
      const live = await appendConcurrently(fixture.events, { writers: 8, appendsPerWriter: 25, streams: 40 });
      const head = await fixture.events.headPosition();

      await runner.waitFor(head, 20_000);

      const rows = await catalogRows(readStore);
      expect(countedEvents(rows)).toBe(before + live);
      expect(streamsWithGapsOrDuplicates(rows)).toEqual([]);
      expect(await storedCheckpoint(readStore)).toBe(formatPosition(head));
    },
    TIMEOUT,
  );

  it(
    'a kill between the rows and the commit loses both rows and checkpoint; a restart resumes with no duplicate and no gap',
    async () => {
      const total = await appendConcurrently(fixture.events, { writers: 4, appendsPerWriter: 60, streams: 30 });
      const head = await fixture.events.headPosition();
      const crashedStore = await fixture.openReadStore();
      let kill: () => Promise<void> = async () => undefined;
      let holding: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (holding = resolve));
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      const terminate = async (pid: number) => {
        await crashedStore.queries.query('SELECT pg_terminate_backend($1)', [pid]);
      };
      const crashing = withHook(async (batch, context) => {
        if (batch !== 3) return;
        kill = await sessionKiller(context, terminate);
        holding();
        await released;
      });
      const crashed = await run(crashedStore, crashing, { retryDelayMs: 20 });

      await held;
      // Batch 3's rows are written but not committed: nobody sees them, the checkpoint is at batch 2.
      expect(countedEvents(await catalogRows(crashedStore))).toBe(100);
      expect(await storedCheckpoint(crashedStore)).toBe('100');
      await kill();
      expect(countedEvents(await catalogRows(crashedStore))).toBe(100);
      expect(await storedCheckpoint(crashedStore)).toBe('100');
      release();
      await crashed.stop();
      await crashedStore.close().catch(() => undefined);

      const restartedStore = await fixture.openReadStore();
      const restarted = await run(restartedStore, streamCatalogProjection);
      await restarted.waitFor(head, 20_000);

      const rows = await catalogRows(restartedStore);
      expect(countedEvents(rows)).toBe(total);
      expect(streamsWithGapsOrDuplicates(rows)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a failure half-way through a batch rolls it back and retries it with backoff, without skipping or repeating',
    async () => {
      const readStore = await fixture.openReadStore();
      const total = await appendConcurrently(fixture.events, { writers: 2, appendsPerWriter: 50, streams: 10 });
      let failures = 0;
      const errors: unknown[] = [];
      let batches = 0;
      // Fails three times in the middle of the second batch: half its rows written, half not.
      const flaky: Projection<'streams'> = {
        ...streamCatalogProjection,
        async apply(events, context) {
          batches += 1;
          if (batches < 2 || failures >= 3) return streamCatalogProjection.apply(events, context);
          await streamCatalogProjection.apply(events.slice(0, Math.floor(events.length / 2)), context);
          failures += 1;
          throw new Error('read store hiccup');
        },
      };
      const runner = await run(readStore, flaky, { retryDelayMs: 10, onError: (error: unknown) => errors.push(error) });

      await runner.waitFor(await fixture.events.headPosition(), 20_000);

      expect(errors.map((error) => (error as Error).message)).toEqual(Array(3).fill('read store hiccup'));
      const rows = await catalogRows(readStore);
      expect(countedEvents(rows)).toBe(total);
      expect(streamsWithGapsOrDuplicates(rows)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'waitFor resolves once the position is reached, so a query then sees the write',
    async () => {
      const readStore = await fixture.openReadStore();
      const runner = await run(readStore, streamCatalogProjection);
      await fixture.events.append('loan-1', [event('LoanOriginated')], 'no-stream');
      const written = await fixture.events.append('loan-1', [event('LoanDisbursed')], 0);

      await runner.waitFor(written.position, 5_000);

      const [row] = await catalogRows(readStore);
      expect(row).toMatchObject({ streamId: 'loan-1', eventCount: 2, lastEventType: 'LoanDisbursed' });
    },
    TIMEOUT,
  );

  it(
    "the projector's waitFor waits for every projection and names the ones still behind after its bound",
    async () => {
      const readStore = await fixture.openReadStore();
      let open: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const slow: Projection = { name: 'slow', handles: 'all', tables: {}, apply: () => gate };
      const projector = new Projector(fixture.events, readStore, [streamCatalogProjection, slow]);
      await projector.start();
      const written = await fixture.events.append('ip-9', [event('IpAssetRegistered')], 'no-stream');
      await projector.runner('stream-catalog').waitFor(written.position, 5_000);

      const started = Date.now();
      const lag = await projector.waitFor(written.position, 300).catch((error: unknown) => error);
      const waited = Date.now() - started;

      expect(lag).toBeInstanceOf(ProjectionLagError);
      expect((lag as ProjectionLagError).projections).toEqual(['slow']);
      expect(waited).toBeGreaterThanOrEqual(290);
      expect(waited).toBeLessThan(2_000);
      const reached = projector.waitFor(written.position, 5_000);
      open();
      await expect(reached).resolves.toBeUndefined();
      await projector.stop();
    },
    TIMEOUT,
  );
});

describe('two runners of one projection on postgres (two projector processes)', () => {
  let fixture: ReadModelFixture;

  beforeEach(async () => {
    fixture = await ReadModelFixture.create('postgres');
  }, TIMEOUT);

  afterEach(async () => fixture.close(), TIMEOUT);

  // On SQLite the file's write lock serializes processes; two runners in one process cannot show it,
  // since better-sqlite3 waits for that lock synchronously and would stall the other runner.
  it(
    'never apply a batch twice: the second one finds the checkpoint moved and reloads it',
    async () => {
      const first = await fixture.openReadStore();
      const second = await fixture.openReadStore();
      const runners = [
        new ProjectionRunner(fixture.events, first, streamCatalogProjection, { batchSize: 20 }),
        new ProjectionRunner(fixture.events, second, streamCatalogProjection, { batchSize: 20 }),
      ];
      await Promise.all(runners.map((runner) => runner.start()));
      const total = await appendConcurrently(fixture.events, { writers: 8, appendsPerWriter: 30, streams: 30 });
      const head = await fixture.events.headPosition();

      await Promise.all(runners.map((runner) => runner.waitFor(head, 20_000)));
      await Promise.all(runners.map((runner) => runner.stop()));

      const rows = await catalogRows(first);
      expect(countedEvents(rows)).toBe(total);
      expect(streamsWithGapsOrDuplicates(rows)).toEqual([]);
    },
    TIMEOUT,
  );
});
