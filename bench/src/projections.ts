/**
 * B4 projections (issue 7): rebuilds every read model into PostgreSQL from a history of
 * LEDGER_BENCH_EVENTS events (default 1,000,000) with the code `npm run rebuild -- all` runs
 * (Projector.rebuild over readModelProjections), and reports events/s per projection and for the
 * whole rebuild, with the peak RSS and heap sampled every 100 ms and the RSS at 10, 50 and 100 % of
 * the events read (flat memory: it stays bounded as the events grow).
 *
 *   npm run bench:projections
 *   LEDGER_BENCH_EVENTS=1000000   size of the history (cached between runs, see projection-history.ts)
 *   LEDGER_BENCH_FRESH=1          generate the history again even when it is cached
 *   LEDGER_BENCH_ONLY=loan-view,journal   rebuild only these projections
 *   LEDGER_BENCH_ONLY=journal,emmett-journal,ceiling-journal   the journal, its peer and its ceiling
 *
 * After ours, in the same process and on the same database, one after the other, the journal's
 * peer and ceiling, each into a fresh schema of its own: `emmett-journal`, Emmett's projection
 * machinery rebuilding the same journal with our posting rules from an Emmett copy of the history
 * (projections-peer.ts, emmett-history.ts), and `ceiling-journal`, PostgreSQL reading the same
 * pages and writing the same rows with no projection logic (projections-ceiling.ts). Their events/s
 * and peak memory are printed next to ours with the ratios, and their books are checked to be
 * ours once they are done (projections-journal-compare.ts).
 *
 * The projection lag while commands run is measured by B2 (npm run bench:http), against the API.
 */
import * as os from 'node:os';
import { formatPosition, openEventStore, type EventStore } from '@pledge-ledger/event-store';
import {
  openReadStore,
  Projector,
  readModelEntities,
  readModelMigrations,
  readModelProjections,
} from '@pledge-ledger/read-models';
import { Client } from 'pg';
import {
  PG_URL,
  describeMachine,
  dropSchema,
  freshSchemaName,
  machineInfo,
  numberSetting,
  selected,
  writeResults,
} from './environment';
import { ratio, round, table } from './measure';
import { MemorySampler } from './memory-sampler';
import { cachedEmmettHistory, type EmmettHistory } from './emmett-history';
import { cachedHistory } from './projection-history';
import { createCeilingTables, discardPrecomputed, precomputeJournalRows, runCeiling } from './projections-ceiling';
import { compareJournals, describeComparison, type JournalComparison } from './projections-journal-compare';
import { rebuildJournalWithEmmett } from './projections-peer';
import { restoringPgTypeParsers } from './projections-pg-types';

const log = (line: string): void => console.log(line);

interface ProjectionFigures {
  readonly projection: string;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly position: string;
  readonly peakRssMiB: number;
  readonly peakHeapMiB: number;
}

/** A contender for the journal next to ours: the peer (Emmett) or the ceiling (PostgreSQL alone). */
interface JournalContender {
  readonly contender: string;
  readonly description: string;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly peakRssMiB: number;
  readonly peakHeapMiB: number;
  /** Untimed preparation: the Emmett copy of the history (null when cached) or the ceiling's precomputed rows. */
  readonly preparedSeconds: number | null;
}

const EMMETT_JOURNAL = 'emmett-journal';
const CEILING_JOURNAL = 'ceiling-journal';

async function createSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await client.end();
  }
}

/** Times `work` with the memory peaks reset before it. */
async function timed(memory: MemorySampler, work: () => Promise<number>) {
  memory.resetPeaks();
  const began = Date.now();
  const events = await work();
  const seconds = (Date.now() - began) / 1000;
  memory.sample();
  return {
    events,
    seconds: round(seconds, 1),
    eventsPerSecond: Math.round(events / seconds),
    peakRssMiB: round(memory.peakRssMiB, 0),
    peakHeapMiB: round(memory.peakHeapMiB, 0),
  };
}

/** The store, counting the events every readAll returns: how far the rebuild has read. */
function countingReads(store: EventStore, onRead: (count: number) => void): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readAll')
        return async (...args: Parameters<EventStore['readAll']>) => {
          const events = await target.readAll(...args);
          onRead(events.length);
          return events;
        };
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function main(): Promise<void> {
  const events = Math.round(numberSetting('LEDGER_BENCH_EVENTS', 1_000_000));
  const machine = await machineInfo();
  log(`B4 projections: rebuild every read model from ${events} events into PostgreSQL`);
  log(describeMachine(machine));
  const history = await cachedHistory(events, log);

  const names = readModelProjections.map((p) => p.name).filter((name) => selected(name));
  const totalReads = history.events * names.length;
  const marks = [0.1, 0.5, 1].map((fraction) => ({
    fraction,
    at: Math.ceil(totalReads * fraction),
    rssMiB: 0,
    heapMiB: 0,
  }));
  const memory = new MemorySampler();
  let read = 0;
  const store = countingReads(await openEventStore(`${PG_URL}?schema=${history.schema}`), (count) => {
    read += count;
    for (const mark of marks)
      if (mark.rssMiB === 0 && read >= mark.at) {
        const { rssMiB, heapMiB } = memory.sample();
        mark.rssMiB = round(rssMiB, 0);
        mark.heapMiB = round(heapMiB, 0);
      }
  });
  const readSchema = freshSchemaName('bench_proj_reads');
  await createSchema(readSchema);
  const schemas = [readSchema];
  const figures: ProjectionFigures[] = [];
  const contenders: JournalContender[] = [];
  const checks: Record<string, JournalComparison> = {};
  let overall = { peakRssMiB: 0, peakHeapMiB: 0 };
  let wholeSeconds = 0;
  memory.start(100);
  try {
    const started = Date.now();
    try {
      const readStore = await openReadStore(`${PG_URL}?schema=${readSchema}`, {
        entities: readModelEntities,
        migrations: readModelMigrations,
      });
      try {
        const projector = new Projector(store, readStore, readModelProjections);
        for (const name of names) {
          memory.resetPeaks();
          const began = Date.now();
          const [result] = await projector.rebuild(name);
          const seconds = (Date.now() - began) / 1000;
          const row: ProjectionFigures = {
            projection: name,
            events: result.events,
            seconds: round(seconds, 1),
            eventsPerSecond: Math.round(result.events / seconds),
            position: formatPosition(result.position),
            peakRssMiB: round(memory.peakRssMiB, 0),
            peakHeapMiB: round(memory.peakHeapMiB, 0),
          };
          overall = {
            peakRssMiB: Math.max(overall.peakRssMiB, row.peakRssMiB),
            peakHeapMiB: Math.max(overall.peakHeapMiB, row.peakHeapMiB),
          };
          figures.push(row);
          log(
            `  ${name}: ${row.events} events in ${row.seconds} s, ${row.eventsPerSecond} events/s, peak RSS ${row.peakRssMiB} MiB`,
          );
        }
      } finally {
        await readStore.close();
      }
    } finally {
      await store.close();
    }
    wholeSeconds = (Date.now() - started) / 1000;

    if (selected(EMMETT_JOURNAL)) {
      // Every Emmett call of the run inside one restore: its pg type parsers must not outlive it.
      await restoringPgTypeParsers(async () => {
        const emmettHistory: EmmettHistory = await cachedEmmettHistory(history, log);
        const peerSchema = freshSchemaName('bench_proj_emmett');
        await createSchema(peerSchema);
        schemas.push(peerSchema);
        const figure = await timed(memory, async () => {
          await rebuildJournalWithEmmett(emmettHistory, peerSchema);
          return emmettHistory.events;
        });
        contenders.push({
          contender: EMMETT_JOURNAL,
          description:
            'Emmett 0.42 rebuildPostgreSQLProjections, postgreSQLProjection with our posting rules, pages of 2,000',
          ...figure,
          preparedSeconds: emmettHistory.copiedSeconds,
        });
        log(
          `  ${EMMETT_JOURNAL}: ${figure.events} events in ${figure.seconds} s, ${figure.eventsPerSecond} events/s, peak RSS ${figure.peakRssMiB} MiB`,
        );
        if (names.includes('journal')) checks[EMMETT_JOURNAL] = await compareJournals(readSchema, peerSchema);
      });
    }

    if (selected(CEILING_JOURNAL)) {
      log(`  ${CEILING_JOURNAL}: computing the journal's rows before the clock`);
      const data = await precomputeJournalRows(history);
      try {
        const ceilingSchema = freshSchemaName('bench_proj_ceiling');
        await createSchema(ceilingSchema);
        schemas.push(ceilingSchema);
        await createCeilingTables(ceilingSchema);
        const figure = await timed(memory, () => runCeiling(history, data, ceilingSchema));
        contenders.push({
          contender: CEILING_JOURNAL,
          description:
            'the same pages read and the same rows written (precomputed), multi-row INSERTs, one transaction per 2,000 events',
          ...figure,
          preparedSeconds: data.precomputeSeconds,
        });
        log(
          `  ${CEILING_JOURNAL}: ${figure.events} events in ${figure.seconds} s, ${figure.eventsPerSecond} events/s, peak RSS ${figure.peakRssMiB} MiB ` +
            `(${data.entries} entries, ${data.lines} lines computed in ${data.precomputeSeconds} s before)`,
        );
        if (names.includes('journal')) checks[CEILING_JOURNAL] = await compareJournals(readSchema, ceilingSchema);
      } finally {
        discardPrecomputed(data);
      }
    }
  } finally {
    memory.stop();
    for (const schema of schemas) await dropSchema(schema);
  }
  const seconds = wholeSeconds;
  const whole = {
    seconds: round(seconds, 1),
    /** Events of the history rebuilt into every read model per second of the whole run (what `rebuild all` takes). */
    historyEventsPerSecond: Math.round(history.events / seconds),
    /** Events applied per second summed over the projections (each projection reads the whole history). */
    projectedEventsPerSecond: Math.round(read / seconds),
    ...overall,
  };
  log(
    '\n' +
      table(
        ['projection', 'events', 'seconds', 'events/s', 'peak RSS MiB', 'peak heap MiB'],
        figures.map((f) => [f.projection, f.events, f.seconds, f.eventsPerSecond, f.peakRssMiB, f.peakHeapMiB]),
      ),
  );
  log(
    `all ${figures.length} projections: ${whole.seconds} s, ${whole.historyEventsPerSecond} history events/s, ` +
      `${whole.projectedEventsPerSecond} projected events/s; peak RSS ${whole.peakRssMiB} MiB, heap ${whole.peakHeapMiB} MiB`,
  );
  log(`RSS at ${marks.map((m) => `${m.fraction * 100} %: ${m.rssMiB} MiB (heap ${m.heapMiB})`).join(', ')}`);
  const ours = figures.find((f) => f.projection === 'journal');
  const journal = [
    ...(ours
      ? [
          {
            contender: 'journal (ours)',
            events: ours.events,
            seconds: ours.seconds,
            eventsPerSecond: ours.eventsPerSecond,
            peakRssMiB: ours.peakRssMiB,
            peakHeapMiB: ours.peakHeapMiB,
          },
        ]
      : []),
    ...contenders,
  ];
  const ratios = {
    oursPerPeer: ratio(ours?.eventsPerSecond, contenders.find((c) => c.contender === EMMETT_JOURNAL)?.eventsPerSecond),
    oursPerCeiling: ratio(
      ours?.eventsPerSecond,
      contenders.find((c) => c.contender === CEILING_JOURNAL)?.eventsPerSecond,
    ),
  };
  if (contenders.length > 0) {
    log(
      '\njournal next to its peer and ceiling\n' +
        table(
          ['contender', 'events', 'seconds', 'events/s', 'peak RSS MiB', 'peak heap MiB', 'ours / this'],
          journal.map((c) => [
            c.contender,
            c.events,
            c.seconds,
            c.eventsPerSecond,
            c.peakRssMiB,
            c.peakHeapMiB,
            ratio(ours?.eventsPerSecond, c.eventsPerSecond) ?? '-',
          ]),
        ),
    );
    log(`ours/peer ${ratios.oursPerPeer ?? '-'}, ours/ceiling ${ratios.oursPerCeiling ?? '-'}`);
    for (const [name, check] of Object.entries(checks)) log(describeComparison(name, check));
  }
  const loadAverageAtEnd = os.loadavg().map((load) => round(load, 2));
  log(`load average at end: ${loadAverageAtEnd.join(' ')}`);
  const report = {
    benchmark: 'B4 projections',
    events,
    machine,
    history,
    figures,
    whole,
    memoryAtProgress: marks.map(({ fraction, rssMiB, heapMiB }) => ({ fraction, rssMiB, heapMiB })),
    memorySamples: memory.samples,
    journal: { contenders: journal, ratios, checks },
    target: { eventsPerSecond: 20000 },
    loadAverageAtEnd,
  };
  log(`\nwrote ${writeResults('projections', report)}`);
  if (Object.values(checks).some((check) => !check.same)) {
    console.error('a journal contender does not hold the same books as ours');
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
