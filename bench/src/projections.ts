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
import { round, table } from './measure';
import { MemorySampler } from './memory-sampler';
import { cachedHistory } from './projection-history';

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
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA "${readSchema}"`);
  await client.end();
  const figures: ProjectionFigures[] = [];
  let overall = { peakRssMiB: 0, peakHeapMiB: 0 };
  const started = Date.now();
  try {
    const readStore = await openReadStore(`${PG_URL}?schema=${readSchema}`, {
      entities: readModelEntities,
      migrations: readModelMigrations,
    });
    try {
      const projector = new Projector(store, readStore, readModelProjections);
      memory.start(100);
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
      memory.stop();
    } finally {
      await readStore.close();
    }
  } finally {
    await store.close();
    await dropSchema(readSchema);
  }
  const seconds = (Date.now() - started) / 1000;
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
    target: { eventsPerSecond: 20000 },
    loadAverageAtEnd,
  };
  log(`\nwrote ${writeResults('projections', report)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
