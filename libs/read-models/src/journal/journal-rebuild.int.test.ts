import fc from 'fast-check';
import { START } from '@pledge-ledger/event-store';
import { ProjectionRunner } from '../projections/projection-runner';
import type { Projection } from '../projections/projection';
import type { ReadStore } from '../read-store/read-store';
import { rebuildProjection } from '../rebuild/rebuild-projection';
import { DIALECTS, ReadModelFixture } from '../testing/read-model-fixture';
import { journalProjection, type JournalTables } from './journal.projection';
import { getTrialBalance } from './journal.query';
import { newEvent } from './testing/journal-of';
import { LedgerModel, type ModelEvent } from './testing/ledger-model';
import { step } from './testing/steps';
import { storedJournal } from './testing/stored-journal';

const TIMEOUT = 120_000;
const auditor = { sub: 'audit-1', role: 'auditor' };

/** A random history of accepted commands: loans, repayments, defaults, claims and recoveries. */
function randomHistory(seed: number, steps: number): ModelEvent[] {
  const model = new LedgerModel('50000000.00');
  const [sample] = fc.sample(fc.array(step, { minLength: steps, maxLength: steps }), { seed, numRuns: 1 });
  for (const s of sample) model.apply(s);
  return model.events;
}

/** The journal with its rebuild fold's writes failing from the `failFrom`-th batch on. */
function failingFold(failFrom: number): Projection<JournalTables> {
  let batches = 0;
  return {
    ...journalProjection,
    startRebuild(target) {
      const fold = journalProjection.startRebuild!(target);
      return {
        add: (event) => fold.add(event),
        take() {
          const writes = fold.take();
          return async (context) => {
            batches += 1;
            if (batches >= failFrom) throw new Error('rebuild interrupted');
            await writes(context);
          };
        },
      };
    },
  };
}

/**
 * The journal's rebuild folds events in memory (journal-rebuild.ts) instead of reading its tables
 * back as `apply` does; these check it leaves exactly what the live projection leaves.
 */
describe.each(DIALECTS)('journal rebuild on %s', (dialect) => {
  let fixture: ReadModelFixture;
  let readStore: ReadStore;
  let runner: ProjectionRunner;

  async function append(events: readonly ModelEvent[]): Promise<void> {
    for (const event of events) await fixture.events.append(event.streamId, [newEvent(event)], 'any');
  }

  const rows = () => storedJournal(readStore);

  beforeEach(async () => {
    fixture = await ReadModelFixture.create(dialect);
    readStore = await fixture.openReadStore();
    runner = new ProjectionRunner(fixture.events, readStore, journalProjection, { batchSize: 7 });
    await runner.start();
  }, TIMEOUT);

  afterEach(async () => {
    await runner.stop();
    await fixture.close();
  }, TIMEOUT);

  it(
    'rebuilt while the history is still being appended, it ends with the rows the live projection wrote',
    async () => {
      const history = randomHistory(7, 600);
      const half = Math.floor(history.length / 2);
      await append(history.slice(0, half));

      // Batches of 5: repayments fall in later batches than their loans' origination, accounts
      // are touched batch after batch, and the last stretch runs after the live runner paused.
      const [result] = await Promise.all([
        rebuildProjection(fixture.events, readStore, journalProjection, { batchSize: 5, runner }),
        append(history.slice(half)),
      ]);
      const rebuilt = await rows();
      const head = await fixture.events.headPosition();
      await runner.waitFor(head, 20_000);
      const afterRebuild = await rows();

      // The live projection, on its own from position 0, over the same history.
      await runner.stop();
      await readStore.transaction(async (manager) => {
        for (const table of Object.values(journalProjection.tables)) await manager.query(`DELETE FROM ${table}`);
        await manager.query(`DELETE FROM projection_checkpoints WHERE name = 'journal'`);
      });
      runner = new ProjectionRunner(fixture.events, readStore, journalProjection, { batchSize: 7 });
      await runner.start();
      await runner.waitFor(head, 20_000);
      const live = await rows();

      expect(result.events).toBeGreaterThanOrEqual(half);
      expect(live.entries.length).toBeGreaterThan(150);
      expect(afterRebuild).toEqual(live);
      // What the rebuild swapped in was a prefix of that: nothing in it differs from the live rows.
      const liveEntries = new Map(live.entries.map((entry) => [entry.eventId, entry]));
      for (const entry of rebuilt.entries) expect(entry).toEqual(liveEntries.get(entry.eventId));
      expect((await getTrialBalance(readStore, auditor)).totals.balance).toBe('0.00');
    },
    TIMEOUT,
  );

  it(
    'a rebuild failing part way changes nothing live, and the next one starts over',
    async () => {
      await append(randomHistory(11, 120));
      await runner.waitFor(await fixture.events.headPosition(), 20_000);
      const live = await rows();

      await expect(rebuildProjection(fixture.events, readStore, failingFold(4), { batchSize: 10 })).rejects.toThrow(
        'rebuild interrupted',
      );
      expect(await rows()).toEqual(live);

      const result = await rebuildProjection(fixture.events, readStore, journalProjection, { batchSize: 10 });
      expect(result.position).not.toBe(START);
      expect(await rows()).toEqual(live);
    },
    TIMEOUT,
  );

  it(
    'an event id recorded twice in the history fails the rebuild on the entries key, and changes nothing live',
    async () => {
      const history = randomHistory(5, 60);
      await append(history);
      const repeated = newEvent(history.find((event) => event.type === 'FundCapitalContributed')!);
      await fixture.events.append('fund-copy', [repeated], 'any');
      await fixture.events.append('fund-copy', [repeated], 'any');
      await runner.waitFor(await fixture.events.headPosition(), 20_000);
      const live = await rows();

      // `apply` counts the second copy once, as an entry already stored; the rebuild refuses.
      expect(live.entries.filter((entry) => entry.eventId === repeated.metadata.eventId)).toHaveLength(1);
      await expect(rebuildProjection(fixture.events, readStore, journalProjection)).rejects.toThrow(
        /unique|duplicate/i,
      );
      expect(await rows()).toEqual(live);
    },
    TIMEOUT,
  );
});
