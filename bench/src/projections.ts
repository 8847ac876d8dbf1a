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
 *   LEDGER_BENCH_ONLY=loan-view,emmett-loan-view,ceiling-loan-view   the same for the loan view
 *
 * After ours, in the same process and on the same database, one after the other, the journal's
 * and the loan view's peers and ceilings, each into a fresh schema of its own: `emmett-<name>`,
 * Emmett's projection machinery rebuilding the same read model with our code (posting rules,
 * loan fold) from an Emmett copy of the history (projections-peer.ts, emmett-history.ts), and
 * `ceiling-<name>`, PostgreSQL reading the same pages and writing the same rows with no projection
 * logic (projections-ceiling.ts). Their events/s and peak memory are printed next to ours with the
 * ratios, and what they wrote is checked to be what ours wrote (projections-compare.ts).
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
import {
  createCeilingTables,
  discardPrecomputed,
  journalCeiling,
  loanViewCeiling,
  precomputeRows,
  runCeiling,
} from './projections-ceiling';
import {
  JOURNAL_COMPARED,
  LOAN_VIEW_COMPARED,
  compareReadModels,
  describeComparison,
  type Comparison,
} from './projections-compare';
import { emmettJournalProjection, emmettLoanViewProjection, rebuildWithEmmett } from './projections-peer';
import { collectGarbage } from './projections-gc';
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

/** A contender next to one of our projections: its peer (Emmett) or its ceiling (PostgreSQL alone). */
interface Contender {
  readonly contender: string;
  /** Our projection it is set against. */
  readonly projection: string;
  readonly description: string;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly peakRssMiB: number;
  readonly peakHeapMiB: number;
  /** Untimed preparation: the Emmett copy of the history (null when cached) or the ceiling's precomputed rows. */
  readonly preparedSeconds: number | null;
}

/** The projections that have a peer and a ceiling, and what makes and checks them. */
const COMPARED = [
  {
    projection: 'journal',
    peer: 'emmett-journal',
    ceiling: 'ceiling-journal',
    emmett: emmettJournalProjection,
    ceilingTarget: journalCeiling,
    compared: JOURNAL_COMPARED,
  },
  {
    projection: 'loan-view',
    peer: 'emmett-loan-view',
    ceiling: 'ceiling-loan-view',
    emmett: emmettLoanViewProjection,
    ceilingTarget: loanViewCeiling,
    compared: LOAN_VIEW_COMPARED,
  },
] as const;

async function createSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await client.end();
  }
}

/** Times `work`, its memory peaks from a collected heap. */
async function timed(memory: MemorySampler, work: () => Promise<number>) {
  collectGarbage();
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
  const contenders: Contender[] = [];
  const checks: Record<string, Comparison> = {};
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
          collectGarbage();
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

    const peers = COMPARED.filter((c) => selected(c.peer));
    if (peers.length > 0) {
      // Every Emmett call of the run inside one restore: its pg type parsers must not outlive it.
      await restoringPgTypeParsers(async () => {
        const emmettHistory: EmmettHistory = await cachedEmmettHistory(history, log);
        for (const compared of peers) {
          const peerSchema = freshSchemaName('bench_proj_emmett');
          await createSchema(peerSchema);
          schemas.push(peerSchema);
          const figure = await timed(memory, async () => {
            await rebuildWithEmmett(emmettHistory, peerSchema, compared.emmett());
            return emmettHistory.events;
          });
          contenders.push({
            contender: compared.peer,
            projection: compared.projection,
            description: `Emmett 0.42 rebuildPostgreSQLProjections, a postgreSQLProjection with our ${compared.projection} code, pages of 2,000`,
            ...figure,
            preparedSeconds: emmettHistory.copiedSeconds,
          });
          log(
            `  ${compared.peer}: ${figure.events} events in ${figure.seconds} s, ${figure.eventsPerSecond} events/s, peak RSS ${figure.peakRssMiB} MiB`,
          );
          if (names.includes(compared.projection))
            checks[compared.peer] = await compareReadModels(compared.compared, readSchema, peerSchema);
        }
      });
    }

    for (const compared of COMPARED.filter((c) => selected(c.ceiling))) {
      log(`  ${compared.ceiling}: computing the rows before the clock`);
      const target = compared.ceilingTarget();
      const data = await precomputeRows(history, target);
      try {
        const ceilingSchema = freshSchemaName('bench_proj_ceiling');
        await createSchema(ceilingSchema);
        schemas.push(ceilingSchema);
        await createCeilingTables(ceilingSchema, target);
        const figure = await timed(memory, () => runCeiling(history, data, ceilingSchema));
        contenders.push({
          contender: compared.ceiling,
          projection: compared.projection,
          description: `the same pages read and the same ${compared.projection} rows written (precomputed), one transaction per 2,000 events`,
          ...figure,
          preparedSeconds: data.precomputeSeconds,
        });
        const rows = Object.entries(target.counts)
          .map(([part, count]) => `${count} ${part}`)
          .join(', ');
        log(
          `  ${compared.ceiling}: ${figure.events} events in ${figure.seconds} s, ${figure.eventsPerSecond} events/s, peak RSS ${figure.peakRssMiB} MiB ` +
            `(rows written: ${rows}; computed in ${data.precomputeSeconds} s before)`,
        );
        if (names.includes(compared.projection))
          checks[compared.ceiling] = await compareReadModels(compared.compared, readSchema, ceilingSchema);
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
  // Each projection with a peer or a ceiling: ours first, then them, with ours / theirs.
  const comparisons = COMPARED.map((compared) => {
    const ours = figures.find((f) => f.projection === compared.projection);
    const theirs = contenders.filter((c) => c.projection === compared.projection);
    return {
      projection: compared.projection,
      contenders: [
        ...(ours
          ? [
              {
                contender: `${compared.projection} (ours)`,
                events: ours.events,
                seconds: ours.seconds,
                eventsPerSecond: ours.eventsPerSecond,
                peakRssMiB: ours.peakRssMiB,
                peakHeapMiB: ours.peakHeapMiB,
              },
            ]
          : []),
        ...theirs,
      ],
      oursPerPeer: ratio(ours?.eventsPerSecond, theirs.find((c) => c.contender === compared.peer)?.eventsPerSecond),
      oursPerCeiling: ratio(
        ours?.eventsPerSecond,
        theirs.find((c) => c.contender === compared.ceiling)?.eventsPerSecond,
      ),
    };
  }).filter((comparison) => comparison.contenders.some((c) => !c.contender.endsWith('(ours)')));
  for (const comparison of comparisons) {
    const ours = figures.find((f) => f.projection === comparison.projection);
    log(
      `\n${comparison.projection} next to its peer and ceiling\n` +
        table(
          ['contender', 'events', 'seconds', 'events/s', 'peak RSS MiB', 'peak heap MiB', 'ours / this'],
          comparison.contenders.map((c) => [
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
    log(`ours/peer ${comparison.oursPerPeer ?? '-'}, ours/ceiling ${comparison.oursPerCeiling ?? '-'}`);
  }
  for (const [name, check] of Object.entries(checks)) log(describeComparison(name, check));
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
    peersAndCeilings: { comparisons, checks },
    target: { eventsPerSecond: 20000 },
    loadAverageAtEnd,
  };
  log(`\nwrote ${writeResults('projections', report)}`);
  if (Object.values(checks).some((check) => !check.same)) {
    console.error('a peer or a ceiling does not hold the same read model as ours');
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
