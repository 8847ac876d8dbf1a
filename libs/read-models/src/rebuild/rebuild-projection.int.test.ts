import type { RecordedEvent } from '@pledge-ledger/event-store';
import { Projector } from '../projections/projector';
import type { Projection, ProjectionContext } from '../projections/projection';
import type { ReadStore } from '../read-store/read-store';
import { listStreams } from '../stream-catalog/stream-catalog.query';
import { streamCatalogProjection } from '../stream-catalog/stream-catalog.projection';
import { catalogRows, countedEvents, streamsWithGapsOrDuplicates } from '../testing/catalog-rows';
import { DIALECTS, ReadModelFixture, appendConcurrently } from '../testing/read-model-fixture';
import { schemaNames } from '../testing/schema-names';
import { rebuildProjection } from './rebuild-projection';

const TIMEOUT = 60_000;
const auditor = { sub: 'audit-1', role: 'auditor' };

/** The stream catalog, slowed down, or failing after `failAfterBatches` batches. */
function instrumented(options: { delayMs?: number; failAfterBatches?: number }): Projection<'streams'> {
  let batches = 0;
  return {
    ...streamCatalogProjection,
    async apply(events: readonly RecordedEvent[], context: ProjectionContext<'streams'>) {
      await streamCatalogProjection.apply(events, context);
      batches += 1;
      if (options.failAfterBatches !== undefined && batches > options.failAfterBatches) {
        throw new Error('rebuild interrupted');
      }
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    },
  };
}

describe.each(DIALECTS)('rebuild on %s', (dialect) => {
  let fixture: ReadModelFixture;
  let readStore: ReadStore;
  let projector: Projector;

  beforeEach(async () => {
    fixture = await ReadModelFixture.create(dialect);
    readStore = await fixture.openReadStore();
    projector = new Projector(fixture.events, readStore, [streamCatalogProjection], { batchSize: 100 });
    await projector.start();
  });

  afterEach(async () => {
    await projector.stop();
    await fixture.close();
  });

  it(
    'yields exactly the rows the live projection built, with writers appending during the rebuild',
    async () => {
      let total = await appendConcurrently(fixture.events, { writers: 8, appendsPerWriter: 30, streams: 30 });
      const [, appendedDuring] = await Promise.all([
        projector.rebuild('stream-catalog'),
        appendConcurrently(fixture.events, { writers: 4, appendsPerWriter: 20, streams: 40 }),
      ]);
      total += appendedDuring;
      await projector.waitFor(await fixture.events.headPosition(), 20_000);
      const live = await catalogRows(readStore);

      const [result] = await projector.rebuild('stream-catalog');

      expect(result.events).toBe(total);
      expect(await catalogRows(readStore)).toEqual(live);
      expect(countedEvents(live)).toBe(total);
      expect(streamsWithGapsOrDuplicates(live)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'keeps answering queries from the live tables until the rebuilt ones are swapped in',
    async () => {
      const total = await appendConcurrently(fixture.events, { writers: 4, appendsPerWriter: 50, streams: 25 });
      await projector.waitFor(await fixture.events.headPosition(), 20_000);
      const before = await listStreams(readStore, auditor, { limit: 500 });

      let rebuilt = false;
      const rebuild = rebuildProjection(fixture.events, readStore, instrumented({ delayMs: 30 }), {
        batchSize: 20,
        runner: projector.runner('stream-catalog'),
      }).finally(() => (rebuilt = true));
      const copyCounts: number[] = [];
      let queries = 0;
      while (!rebuilt) {
        expect(await listStreams(readStore, auditor, { limit: 500 })).toEqual(before);
        queries += 1;
        const [{ count }] = await readStore.queries
          .query(`SELECT COUNT(*) AS count FROM stream_catalog__rebuild`)
          .catch(() => [{ count: -1 }]);
        copyCounts.push(Number(count));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const result = await rebuild;

      expect(queries).toBeGreaterThan(5);
      // The copy was seen part-filled while the live table answered in full.
      expect(copyCounts.some((count) => count > 0 && count < before.items.length)).toBe(true);
      expect(result.events).toBe(total);
      expect(await listStreams(readStore, auditor, { limit: 500 })).toEqual(before);
    },
    TIMEOUT,
  );

  it(
    'leaves the live tables and index names as migrations made them, rebuild after rebuild',
    async () => {
      await appendConcurrently(fixture.events, { writers: 2, appendsPerWriter: 10, streams: 5 });
      const names = await schemaNames(readStore, 'stream_catalog');

      await projector.rebuild();
      await projector.rebuild('stream-catalog');

      expect(await schemaNames(readStore, 'stream_catalog')).toEqual(names);
      expect(names.tables.filter((table) => table.endsWith('__rebuild'))).toEqual([]);
      expect(names.indexes).toContain('stream_catalog_by_aggregate_type');
    },
    TIMEOUT,
  );

  it(
    'an interrupted rebuild changes nothing live, and the next one starts over',
    async () => {
      const total = await appendConcurrently(fixture.events, { writers: 4, appendsPerWriter: 25, streams: 10 });
      await projector.waitFor(await fixture.events.headPosition(), 20_000);
      const live = await catalogRows(readStore);

      await expect(
        rebuildProjection(fixture.events, readStore, instrumented({ failAfterBatches: 2 }), { batchSize: 10 }),
      ).rejects.toThrow('rebuild interrupted');
      expect(await catalogRows(readStore)).toEqual(live);

      const result = await rebuildProjection(fixture.events, readStore, streamCatalogProjection, { batchSize: 10 });
      expect(result.events).toBe(total);
      expect(await catalogRows(readStore)).toEqual(live);
    },
    TIMEOUT,
  );
});
