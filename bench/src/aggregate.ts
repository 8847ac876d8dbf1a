/**
 * B3 aggregate load (issue 7): p99 of load-and-decide (loadAggregate, then decide one
 * ReceiveRepayment) on loans of 10, 1,000 and 10,000 events, on PostgreSQL and SQLite, three ways:
 * `full` folds the whole stream; `snapshots` loads as the application does with snapshots on, from
 * the loan's snapshot (written by Snapshots.write, as after an append) plus the events after it, in
 * the process that wrote it (which keeps it in memory); `snapshots-stored` the same in a process
 * that did not (another one, or after a restart): the snapshot read from the store and decoded.
 *
 *   npm run bench:aggregate
 *   LEDGER_BENCH_ITERATIONS=200    timed load-and-decides per loan size and store (10,000 events: a quarter)
 *   LEDGER_BENCH_ONLY=postgres,sqlite
 *   LEDGER_BENCH_LOADS=full,snapshots,snapshots-stored
 *   LEDGER_BENCH_SIZES=10,1000,10000
 *   LEDGER_SNAPSHOT_EVERY=200       the application's setting: the snapshot is this many events - 1 behind
 *   LEDGER_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  loadAggregate,
  PostgresSnapshotStore,
  readSnapshotEvery,
  Snapshots,
  SqliteSnapshotStore,
} from '@pledge-ledger/application';
import { loanDecider } from '@pledge-ledger/domain';
import type { LoanEvent, LoanState } from '@pledge-ledger/domain';
import { PostgresEventStore, SqliteEventStore } from '@pledge-ledger/event-store';
import type { EventStore } from '@pledge-ledger/event-store';
import {
  PG_URL,
  describeMachine,
  dropSchema,
  freshSchemaName,
  machineInfo,
  numberSetting,
  selected,
  writeResults,
  RESULTS_DIR,
} from './environment';
import { cachedLoanHistory, repaymentCommand, writeLoan } from './loan-history';
import { Latencies, nowMs, round, table } from './measure';

const TARGET_P99_MS = 20;

interface StoreUnderTest {
  readonly name: string;
  readonly store: EventStore;
  /** Snapshots on the same backend (PostgreSQL: the same schema; SQLite: a file beside the events, as the read store is). */
  readonly snapshots: Snapshots;
  /** The same snapshot store, nothing kept in memory: every load reads and decodes the snapshot. */
  readonly storedSnapshots: Snapshots;
  close(): Promise<void>;
}

async function openPostgres(every: number): Promise<StoreUnderTest> {
  const schema = freshSchemaName('bench_aggregate');
  const store = await PostgresEventStore.open({ connectionString: PG_URL, schema, listen: false });
  const snapshotStore = await PostgresSnapshotStore.open(PG_URL, schema);
  const snapshots = new Snapshots(snapshotStore, { every });
  return {
    name: 'postgres',
    store,
    snapshots,
    storedSnapshots: new Snapshots(snapshotStore, { every, keptEvents: 0 }),
    close: async () => {
      await snapshots.close();
      await store.close();
      await dropSchema(schema);
    },
  };
}

async function openSqlite(every: number): Promise<StoreUnderTest> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
  const store = await SqliteEventStore.open(path.join(dir, 'events.db'));
  const snapshotStore = SqliteSnapshotStore.open(path.join(dir, 'read-models.db'));
  const snapshots = new Snapshots(snapshotStore, { every });
  return {
    name: 'sqlite',
    store,
    snapshots,
    storedSnapshots: new Snapshots(snapshotStore, { every, keptEvents: 0 }),
    close: async () => {
      await snapshots.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const LOADS = ['full', 'snapshots', 'snapshots-stored'] as const;
type Load = (typeof LOADS)[number];

interface Figures {
  readonly store: string;
  readonly load: Load;
  readonly events: number;
  /** Revision of the snapshot loaded from (snapshots), or null (full fold, or no snapshot yet). */
  readonly snapshotRevision: number | null;
  readonly iterations: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Where the time goes, at the median: restoring the snapshot (read, check, decode), reading the events after it, folding them, deciding. */
  readonly snapshotP50Ms: number | null;
  readonly readP50Ms: number;
  readonly foldP50Ms: number;
  readonly decideP50Ms: number;
  readonly meetsTarget: boolean | null;
}

async function measure(
  subject: StoreUnderTest,
  load: Load,
  loanId: string,
  streamId: string,
  size: number,
  iterations: number,
): Promise<Figures> {
  const command = repaymentCommand(loanId, size);
  const snapshots = load === 'full' ? null : load === 'snapshots' ? subject.snapshots : subject.storedSnapshots;
  const loadAndDecide = async (): Promise<void> => {
    const { state } = await loadAggregate(subject.store, loanDecider, streamId, snapshots);
    const decided = loanDecider.decide(command, state);
    if (decided.length === 0) throw new Error('The repayment decided nothing');
  };
  for (let i = 0; i < Math.min(10, iterations); i++) await loadAndDecide();
  // Each cell starts from a collected heap, so one cell's garbage (a full fold of 10,000 events
  // leaves megabytes) is not collected during the next one's timings. `npm run bench:aggregate`
  // runs node with --expose-gc; without it, the cells run one after the other as they are.
  (globalThis as { gc?: () => void }).gc?.();

  const latencies = new Latencies();
  for (let i = 0; i < iterations; i++) {
    const began = nowMs();
    await loadAndDecide();
    latencies.add(nowMs() - began);
  }

  // The same work split in its phases, to say where the time goes (loadAggregate's own steps).
  const restore = new Latencies();
  const read = new Latencies();
  const fold = new Latencies();
  const decide = new Latencies();
  let snapshotRevision: number | null = null;
  for (let i = 0; i < Math.max(5, Math.floor(iterations / 4)); i++) {
    const t0 = nowMs();
    const base = snapshots ? await snapshots.restore<LoanState>(loanDecider, streamId) : null;
    const t1 = nowMs();
    const events = await subject.store.readStream(streamId, base ? { fromRevision: base.revision } : undefined);
    const t2 = nowMs();
    let state = base ? base.state : loanDecider.initialState;
    for (const event of base ? events.slice(1) : events) {
      state = loanDecider.evolve(state, { type: event.type, data: event.data } as unknown as LoanEvent);
    }
    const t3 = nowMs();
    loanDecider.decide(command, state);
    const t4 = nowMs();
    snapshotRevision = base?.revision ?? null;
    restore.add(t1 - t0);
    read.add(t2 - t1);
    fold.add(t3 - t2);
    decide.add(t4 - t3);
  }
  const p99 = latencies.percentile(99);
  return {
    store: subject.name,
    load,
    events: size,
    snapshotRevision,
    iterations,
    p50Ms: round(latencies.percentile(50), 2),
    p99Ms: round(p99, 2),
    maxMs: round(latencies.percentile(100), 2),
    snapshotP50Ms: snapshots ? round(restore.percentile(50), 2) : null,
    readP50Ms: round(read.percentile(50), 2),
    foldP50Ms: round(fold.percentile(50), 2),
    decideP50Ms: round(decide.percentile(50), 2),
    meetsTarget: size === 10_000 ? p99 <= TARGET_P99_MS : null,
  };
}

/**
 * The loan's snapshot as the application leaves it at its worst: written by Snapshots.write (the
 * code afterAppend runs) `every - 1` events before the end, the most a load can find after one
 * (one more and the append would have written a new snapshot). None when the stream is shorter
 * than `every`: the application writes none either.
 */
async function takeSnapshot(
  subject: StoreUnderTest,
  streamId: string,
  history: readonly LoanEvent[],
): Promise<{ revision: number; bytes: number; writeMs: number } | null> {
  const revision = history.length - subject.snapshots.every;
  if (revision < 0) return null;
  let state = loanDecider.initialState;
  for (const event of history.slice(0, revision + 1)) state = loanDecider.evolve(state, event);
  const [atRevision] = await subject.store.readStream(streamId, { fromRevision: revision, maxCount: 1 });
  const began = nowMs();
  await subject.snapshots.write(loanDecider, streamId, state, revision, atRevision.metadata.eventId);
  const writeMs = nowMs() - began;
  const kept = await subject.snapshots.store.get(streamId);
  return { revision, bytes: kept?.state.length ?? 0, writeMs };
}

async function main(): Promise<void> {
  const iterations = numberSetting('LEDGER_BENCH_ITERATIONS', 200);
  const setting = readSnapshotEvery(process.env);
  if ('problem' in setting || setting.every === 0) {
    throw new Error(
      'problem' in setting ? setting.problem : 'LEDGER_SNAPSHOT_EVERY=0: nothing to compare the full fold with',
    );
  }
  const every = setting.every;
  const loads = (process.env.LEDGER_BENCH_LOADS ?? LOADS.join(','))
    .split(',')
    .map((load) => load.trim())
    .filter((load): load is Load => (LOADS as readonly string[]).includes(load));
  const sizes = (process.env.LEDGER_BENCH_SIZES ?? '10,1000,10000').split(',').map((s) => Number(s.trim()));
  const machine = await machineInfo();
  console.log(
    `B3 aggregate load: load-and-decide of one ReceiveRepayment, ${iterations} iterations per cell, ` +
      `loads ${loads.join(' and ')}, snapshot every ${every} events`,
  );
  console.log(describeMachine(machine));

  const histories = new Map<number, LoanEvent[]>();
  for (const size of sizes) {
    const began = nowMs();
    histories.set(size, cachedLoanHistory(`bench-${size}`, size, RESULTS_DIR));
    console.log(
      `  built a loan of ${size} events with the Loan decider (or read it from the cache) in ${round(nowMs() - began, 0)} ms`,
    );
  }

  const figures: Figures[] = [];
  for (const [name, open] of [
    ['postgres', openPostgres],
    ['sqlite', openSqlite],
  ] as const) {
    if (!selected(name)) continue;
    const subject = await open(every);
    try {
      for (const size of sizes) {
        const loanId = `bench-${size}`;
        const history = histories.get(size) ?? [];
        const streamId = await writeLoan(subject.store, loanId, history);
        // A full fold of 10,000 events takes about 200 ms: a quarter of the iterations for it. Loads
        // from a snapshot are cheap, and a p99 needs at least 100 samples to mean anything.
        const cellIterations = (load: Load): number =>
          size >= 10_000 && load === 'full' ? Math.ceil(iterations / 4) : iterations;
        if (loads.some((load) => load !== 'full')) {
          const taken = await takeSnapshot(subject, streamId, history);
          console.log(
            taken
              ? `  ${name}, ${size} events: snapshot at revision ${taken.revision}, ${round(taken.bytes / 1024, 0)} KB, written in ${round(taken.writeMs, 1)} ms`
              : `  ${name}, ${size} events: shorter than ${every} events, no snapshot (the full fold, after a snapshot lookup)`,
          );
        }
        // Every load on the same stream, one after the other.
        for (const load of loads) {
          const cell = await measure(subject, load, loanId, streamId, size, cellIterations(load));
          figures.push(cell);
          console.log(`  ${name}, ${size} events, ${load}: p50 ${cell.p50Ms} ms, p99 ${cell.p99Ms} ms`);
        }
      }
    } finally {
      await subject.close();
    }
  }

  console.log(
    '\n' +
      table(
        [
          'store',
          'load',
          'events',
          'iterations',
          'p50 ms',
          'p99 ms',
          'max ms',
          'snapshot p50',
          'read p50',
          'fold p50',
          'decide p50',
          'p99<=20ms',
        ],
        figures.map((f) => [
          f.store,
          f.load,
          f.events,
          f.iterations,
          f.p50Ms,
          f.p99Ms,
          f.maxMs,
          f.snapshotP50Ms ?? '',
          f.readP50Ms,
          f.foldP50Ms,
          f.decideP50Ms,
          f.meetsTarget === null ? '' : f.meetsTarget ? 'yes' : 'NO',
        ]),
      ),
  );
  const report = {
    benchmark: 'B3 aggregate load',
    targetP99Ms: TARGET_P99_MS,
    snapshotEvery: every,
    machine,
    figures,
    loadAverageAtEnd: os.loadavg().map((load) => round(load, 2)),
  };
  console.log(`\nwrote ${writeResults('aggregate', report)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
