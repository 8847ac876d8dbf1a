/**
 * B3 aggregate load (issue 7): p99 of load-and-decide (loadAggregate, then decide one
 * ReceiveRepayment) on loans of 10, 1,000 and 10,000 events, on PostgreSQL and SQLite, three ways:
 * `full` folds the whole stream; `snapshots` loads as the application does with snapshots on, from
 * the loan's snapshot (written by Snapshots.write, as after an append) plus the events after it, in
 * the process that wrote it (which keeps it in memory); `snapshots-stored` the same in a process
 * that did not (another one, or after a restart): the snapshot read from the store and decoded.
 *
 * Beside the PostgreSQL store, in the same process and on the same PostgreSQL server, on the same
 * histories (the very events our store recorded: types, data, metadata, stream ids), taking turns
 * with our loads: `emmett`, the peer: Emmett's PostgreSQL event store (in a database of its own,
 * aggregate-peer.ts says why), `aggregateStream` with the Loan decider's evolve and initial state,
 * then the same decide, checked once per loan to fold to the same state as ours (Emmett has no
 * snapshots, so this is always the full fold); `ceiling` and `ceiling-tail`, the least work a
 * load must do: one indexed SELECT of the rows from an equivalent plain table in the same database
 * as ours, parsed by node-postgres, no fold and no decide, of all N rows and of the rows after the
 * snapshot (aggregate-ceiling.ts says exactly; its rows are checked once per loan to be ours).
 * The comparison table puts them next to ours per size: ours/peer is p99 peer / p99 ours and
 * ours/ceiling is p99 ceiling / p99 ours (above 1: ours is faster; like B1's ratios of speeds).
 *
 *   npm run bench:aggregate
 *   LEDGER_BENCH_ITERATIONS=200    timed load-and-decides per cell (full fold, emmett and ceiling at 10,000 events: a quarter)
 *   LEDGER_BENCH_ONLY=postgres,sqlite   (emmett, ceiling and ceiling-tail run with postgres)
 *   LEDGER_BENCH_LOADS=full,snapshots,snapshots-stored,emmett,ceiling,ceiling-tail
 *   LEDGER_BENCH_SIZES=10,1000,10000
 *   LEDGER_BENCH_ROUNDS=4           each size's loads take turns in this many rounds of their iterations (timeRounds)
 *   LEDGER_BENCH_ANALYZE=0          no ANALYZE of the PostgreSQL tables after writing (aggregate-analyze.ts)
 *   LEDGER_SNAPSHOT_EVERY=200       the application's setting: the snapshot is this many events - 1 behind
 *   LEDGER_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test
 */
import { deepStrictEqual } from 'node:assert/strict';
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
import type { LoanEvent, LoanState, ReceiveRepayment } from '@pledge-ledger/domain';
import { PostgresEventStore, SqliteEventStore } from '@pledge-ledger/event-store';
import type { EventStore, RecordedEvent } from '@pledge-ledger/event-store';
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
import { analyzeEnabled, analyzeTables } from './aggregate-analyze';
import { openCeilingTable } from './aggregate-ceiling';
import type { CeilingTable } from './aggregate-ceiling';
import { openEmmettLoans } from './aggregate-peer';
import type { EmmettLoans } from './aggregate-peer';
import { cachedLoanHistory, repaymentCommand, writeLoan } from './loan-history';
import { Latencies, nowMs, ratio, round, table } from './measure';

const TARGET_P99_MS = 20;

interface StoreUnderTest {
  readonly name: string;
  readonly store: EventStore;
  /** Snapshots on the same backend (PostgreSQL: the same schema; SQLite: a file beside the events, as the read store is). */
  readonly snapshots: Snapshots;
  /** The same snapshot store, nothing kept in memory: every load reads and decodes the snapshot. */
  readonly storedSnapshots: Snapshots;
  /** Planner statistics for the events table (aggregate-analyze.ts); SQLite: nothing (it reads a stream by its index without them). */
  analyze(): Promise<void>;
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
    analyze: () => analyzeTables([`"${schema}".events`]),
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
    analyze: async () => undefined,
    close: async () => {
      await snapshots.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Our three loads, then the peer's and the ceiling's (PostgreSQL only, beside our PostgreSQL store). */
const LOADS = ['full', 'snapshots', 'snapshots-stored', 'emmett', 'ceiling', 'ceiling-tail'] as const;
type Load = (typeof LOADS)[number];
const OURS: readonly Load[] = ['full', 'snapshots', 'snapshots-stored'];
const POSTGRES_ONLY: readonly Load[] = ['emmett', 'ceiling', 'ceiling-tail'];

function contenderOf(load: Load): 'ours' | 'peer' | 'ceiling' {
  return load === 'emmett' ? 'peer' : load === 'ceiling' || load === 'ceiling-tail' ? 'ceiling' : 'ours';
}

interface Figures {
  readonly store: string;
  readonly load: Load;
  /** ours (our event store), peer (Emmett) or ceiling (a plain SELECT). */
  readonly contender: 'ours' | 'peer' | 'ceiling';
  readonly events: number;
  /** Revision of the snapshot loaded from (snapshots), or null (full fold, or no snapshot yet). */
  readonly snapshotRevision: number | null;
  /** Rows each load reads from the store (ours after a snapshot: its own event, to check its id, and the ones after it). */
  readonly rowsRead: number;
  readonly iterations: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Where the time goes, at the median: restoring the snapshot (read, check, decode), reading the events after it, folding them, deciding. */
  readonly snapshotP50Ms: number | null;
  readonly readP50Ms: number;
  /** Null for the ceiling, which neither folds nor decides. */
  readonly foldP50Ms: number | null;
  readonly decideP50Ms: number | null;
  /** Ours only: p99 <= 20 ms at 10,000 events. */
  readonly meetsTarget: boolean | null;
}

/** One pass of a load, split in its phases (ms; null where the load has no such phase). */
interface Split {
  readonly snapshotMs: number | null;
  readonly readMs: number;
  readonly foldMs: number | null;
  readonly decideMs: number | null;
  readonly snapshotRevision: number | null;
  readonly rows: number;
}

/** A load under measure: the timed iteration, and the same work timed phase by phase. */
interface Cell {
  run(): Promise<void>;
  split(): Promise<Split>;
}

/** The peer and the ceiling, opened beside our PostgreSQL store when a selected load needs them. */
interface Neighbours {
  readonly emmett: EmmettLoans | null;
  readonly ceiling: CeilingTable | null;
}

function ourCell(subject: StoreUnderTest, load: Load, streamId: string, command: ReceiveRepayment): Cell {
  const snapshots = load === 'full' ? null : load === 'snapshots' ? subject.snapshots : subject.storedSnapshots;
  return {
    run: async () => {
      const { state } = await loadAggregate(subject.store, loanDecider, streamId, snapshots);
      const decided = loanDecider.decide(command, state);
      if (decided.length === 0) throw new Error('The repayment decided nothing');
    },
    // loadAggregate's own steps, one by one.
    split: async () => {
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
      return {
        snapshotMs: snapshots ? t1 - t0 : null,
        readMs: t2 - t1,
        foldMs: t3 - t2,
        decideMs: t4 - t3,
        snapshotRevision: base?.revision ?? null,
        rows: events.length,
      };
    },
  };
}

/** Emmett's way: aggregateStream with our evolve and initial state, then our decide. */
function peerCell(emmett: EmmettLoans, streamId: string, command: ReceiveRepayment): Cell {
  return {
    run: async () => {
      const state = await emmett.load(streamId);
      const decided = loanDecider.decide(command, state);
      if (decided.length === 0) throw new Error('The repayment decided nothing');
    },
    split: async () => {
      const t0 = nowMs();
      const events = await emmett.readStream(streamId);
      const t1 = nowMs();
      const state = emmett.fold(events);
      const t2 = nowMs();
      loanDecider.decide(command, state);
      const t3 = nowMs();
      return {
        snapshotMs: null,
        readMs: t1 - t0,
        foldMs: t2 - t1,
        decideMs: t3 - t2,
        snapshotRevision: null,
        rows: events.length,
      };
    },
  };
}

/** The rows from `fromRevision` on, and nothing else (the count is checked so a wrong read cannot pass for a fast one). */
function ceilingCell(ceiling: CeilingTable, streamId: string, fromRevision: number, rows: number): Cell {
  const read = async (): Promise<number> => {
    const read = await ceiling.read(streamId, fromRevision);
    if (read.length !== rows) throw new Error(`The ceiling read ${read.length} rows, wanted ${rows}`);
    return read.length;
  };
  return {
    run: async () => {
      await read();
    },
    split: async () => {
      const t0 = nowMs();
      const count = await read();
      return {
        snapshotMs: null,
        readMs: nowMs() - t0,
        foldMs: null,
        decideMs: null,
        snapshotRevision: null,
        rows: count,
      };
    },
  };
}

/** A load of one size under measure: its cell, how many timed iterations it gets, and their timings. */
interface Entry {
  readonly load: Load;
  readonly cell: Cell;
  readonly iterations: number;
  readonly latencies: Latencies;
}

const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * Times every load of one size in `rounds` rounds: each round runs a block of each load's
 * iterations (its share of them), one load after the other, in the opposite order every other
 * round (ours, the peer, the ceiling, then back). So a minute of a busier machine falls on every
 * contender rather than on whichever ran then, and the ratios hold better on a shared machine.
 * Each block starts from a collected heap, so one load's garbage (a full fold of 10,000 events
 * leaves megabytes) is not collected during another's timings. `npm run bench:aggregate` runs node
 * with --expose-gc; without it, the blocks run one after the other as they are.
 */
async function timeRounds(entries: readonly Entry[], rounds: number): Promise<void> {
  for (const entry of entries) for (let i = 0; i < Math.min(10, entry.iterations); i++) await entry.cell.run();
  for (let turn = 0; turn < rounds; turn++) {
    const order = turn % 2 === 0 ? entries : [...entries].reverse();
    for (const entry of order) {
      // This round's share: iterations spread as evenly as whole numbers allow.
      const block =
        Math.floor(((turn + 1) * entry.iterations) / rounds) - Math.floor((turn * entry.iterations) / rounds);
      if (block === 0) continue;
      collectGarbage();
      for (let i = 0; i < block; i++) {
        const began = nowMs();
        await entry.cell.run();
        entry.latencies.add(nowMs() - began);
      }
    }
  }
}

/** The figures of one load: its timings, and the same work split in its phases to say where the time goes. */
async function figuresOf(entry: Entry, subject: StoreUnderTest, size: number): Promise<Figures> {
  const { cell, load, iterations, latencies } = entry;
  collectGarbage();
  const snapshot = new Latencies();
  const read = new Latencies();
  const fold = new Latencies();
  const decide = new Latencies();
  let last: Split | null = null;
  for (let i = 0; i < Math.max(5, Math.floor(iterations / 4)); i++) {
    last = await cell.split();
    if (last.snapshotMs !== null) snapshot.add(last.snapshotMs);
    read.add(last.readMs);
    if (last.foldMs !== null) fold.add(last.foldMs);
    if (last.decideMs !== null) decide.add(last.decideMs);
  }
  const median = (samples: Latencies): number | null => (samples.size === 0 ? null : round(samples.percentile(50), 2));
  const p99 = latencies.percentile(99);
  const contender = contenderOf(load);
  return {
    store: subject.name,
    load,
    contender,
    events: size,
    snapshotRevision: last?.snapshotRevision ?? null,
    rowsRead: last?.rows ?? 0,
    iterations,
    p50Ms: round(latencies.percentile(50), 2),
    p99Ms: round(p99, 2),
    maxMs: round(latencies.percentile(100), 2),
    snapshotP50Ms: median(snapshot),
    readP50Ms: round(read.percentile(50), 2),
    foldP50Ms: median(fold),
    decideP50Ms: median(decide),
    meetsTarget: contender === 'ours' && size === 10_000 ? p99 <= TARGET_P99_MS : null,
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

/**
 * Once per loan, outside the timings: Emmett's load must fold the same events into the same state
 * as ours (the full fold) and so decide the same repayment, or the comparison means nothing.
 */
async function checkPeerAgrees(
  subject: StoreUnderTest,
  emmett: EmmettLoans,
  streamId: string,
  command: ReceiveRepayment,
): Promise<void> {
  const ours = (await loadAggregate(subject.store, loanDecider, streamId, null)).state;
  const peer = await emmett.load(streamId);
  deepStrictEqual(peer, ours, `Emmett folded ${streamId} into another state than ours`);
  deepStrictEqual(
    loanDecider.decide(command, peer),
    loanDecider.decide(command, ours),
    `Emmett's state decided another repayment than ours on ${streamId}`,
  );
}

/** Once per loan: the ceiling's rows are our recorded events (same revisions, types, data and metadata). */
async function checkCeilingRows(
  ceiling: CeilingTable,
  streamId: string,
  recorded: readonly RecordedEvent[],
): Promise<void> {
  const rows = await ceiling.read(streamId, 0);
  deepStrictEqual(
    rows.map((row) => [Number(row.revision), row.type, row.data, row.metadata]),
    recorded.map((event) => [event.revision, event.type, event.data, event.metadata]),
    `The ceiling's rows of ${streamId} are not our events`,
  );
}

/** Ours next to the peer and the ceiling, per size and load of ours (PostgreSQL). */
interface Comparison {
  readonly events: number;
  readonly load: Load;
  readonly oursP50Ms: number;
  readonly oursP99Ms: number;
  /** Emmett's full fold (it has no snapshots), the same for every load of ours. */
  readonly peerP50Ms: number | null;
  readonly peerP99Ms: number | null;
  /** p99 peer / p99 ours: above 1, ours is faster. */
  readonly oursOverPeerP99: number | null;
  readonly oursOverPeerP50: number | null;
  /** `ceiling` for the full fold, `ceiling-tail` for the loads from a snapshot. */
  readonly ceilingLoad: Load;
  readonly ceilingP50Ms: number | null;
  readonly ceilingP99Ms: number | null;
  /** p99 ceiling / p99 ours: the share of the ceiling's speed ours reaches (1: as fast as the bare SELECT). */
  readonly oursOverCeilingP99: number | null;
  readonly oursOverCeilingP50: number | null;
}

function compare(figures: readonly Figures[]): Comparison[] {
  const find = (load: Load, events: number): Figures | undefined =>
    figures.find((f) => f.store === 'postgres' && f.load === load && f.events === events);
  const comparisons: Comparison[] = [];
  for (const ours of figures) {
    if (ours.store !== 'postgres' || ours.contender !== 'ours') continue;
    const peer = find('emmett', ours.events);
    const ceilingLoad: Load = ours.load === 'full' ? 'ceiling' : 'ceiling-tail';
    const ceiling = find(ceilingLoad, ours.events);
    if (!peer && !ceiling) continue;
    comparisons.push({
      events: ours.events,
      load: ours.load,
      oursP50Ms: ours.p50Ms,
      oursP99Ms: ours.p99Ms,
      peerP50Ms: peer?.p50Ms ?? null,
      peerP99Ms: peer?.p99Ms ?? null,
      oursOverPeerP99: ratio(peer?.p99Ms, ours.p99Ms),
      oursOverPeerP50: ratio(peer?.p50Ms, ours.p50Ms),
      ceilingLoad,
      ceilingP50Ms: ceiling?.p50Ms ?? null,
      ceilingP99Ms: ceiling?.p99Ms ?? null,
      oursOverCeilingP99: ratio(ceiling?.p99Ms, ours.p99Ms),
      oursOverCeilingP50: ratio(ceiling?.p50Ms, ours.p50Ms),
    });
  }
  return comparisons;
}

async function openNeighbours(loads: readonly Load[]): Promise<Neighbours> {
  const emmett = loads.includes('emmett') ? await openEmmettLoans() : null;
  const ceiling = loads.some((load) => load === 'ceiling' || load === 'ceiling-tail') ? await openCeilingTable() : null;
  return { emmett, ceiling };
}

async function main(): Promise<void> {
  const iterations = numberSetting('LEDGER_BENCH_ITERATIONS', 200);
  const rounds = Math.floor(numberSetting('LEDGER_BENCH_ROUNDS', 4));
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
  const analyze = analyzeEnabled();
  const machine = await machineInfo();
  console.log(
    `B3 aggregate load: load-and-decide of one ReceiveRepayment, ${iterations} iterations per cell in ${rounds} rounds, ` +
      `loads ${loads.join(', ')}, snapshot every ${every} events, ` +
      (analyze ? 'PostgreSQL tables analysed after each loan is written' : 'no ANALYZE (LEDGER_BENCH_ANALYZE=0)'),
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
    // The peer and the ceiling are PostgreSQL's: they run beside our PostgreSQL store, in its database.
    const storeLoads = name === 'postgres' ? loads : loads.filter((load) => !POSTGRES_ONLY.includes(load));
    if (storeLoads.length === 0) continue;
    const subject = await open(every);
    const neighbours: Neighbours =
      name === 'postgres' ? await openNeighbours(storeLoads) : { emmett: null, ceiling: null };
    try {
      for (const size of sizes) {
        const loanId = `bench-${size}`;
        const history = histories.get(size) ?? [];
        const command = repaymentCommand(loanId, size);
        const streamId = await writeLoan(subject.store, loanId, history);
        if (neighbours.emmett || neighbours.ceiling) {
          // The very events our store recorded (types, data, metadata), into the same stream ids.
          const recorded = await subject.store.readStream(streamId);
          if (neighbours.emmett) {
            const began = nowMs();
            await neighbours.emmett.write(streamId, recorded);
            await checkPeerAgrees(subject, neighbours.emmett, streamId, command);
            console.log(
              `  emmett, ${size} events: written in ${round(nowMs() - began, 0)} ms, folds to the same state and decides the same repayment as ours`,
            );
          }
          if (neighbours.ceiling) {
            await neighbours.ceiling.write(streamId, recorded);
            await checkCeilingRows(neighbours.ceiling, streamId, recorded);
          }
        }
        if (analyze) {
          await subject.analyze();
          await neighbours.emmett?.analyze();
          await neighbours.ceiling?.analyze();
        }
        // A full fold of 10,000 events takes about 200 ms: a quarter of the iterations for it (and
        // for the peer's and the ceiling's reads of all 10,000 rows). Loads from a snapshot are
        // cheap, and a p99 needs at least 100 samples to mean anything.
        const cellIterations = (load: Load): number =>
          size >= 10_000 && (load === 'full' || load === 'emmett' || load === 'ceiling')
            ? Math.ceil(iterations / 4)
            : iterations;
        if (storeLoads.some((load) => load === 'snapshots' || load === 'snapshots-stored')) {
          const taken = await takeSnapshot(subject, streamId, history);
          console.log(
            taken
              ? `  ${name}, ${size} events: snapshot at revision ${taken.revision}, ${round(taken.bytes / 1024, 0)} KB, written in ${round(taken.writeMs, 1)} ms`
              : `  ${name}, ${size} events: shorter than ${every} events, no snapshot (the full fold, after a snapshot lookup)`,
          );
        }
        // The ceiling's tail: the events after the snapshot a snapshot load starts from (at size -
        // every, as takeSnapshot writes it), or all of them when the loan has none.
        const tailFrom = Math.max(0, size - every + 1);
        const cellFor = (load: Load): Cell | null => {
          if (OURS.includes(load)) return ourCell(subject, load, streamId, command);
          if (load === 'emmett') return neighbours.emmett && peerCell(neighbours.emmett, streamId, command);
          if (load === 'ceiling') return neighbours.ceiling && ceilingCell(neighbours.ceiling, streamId, 0, size);
          return neighbours.ceiling && ceilingCell(neighbours.ceiling, streamId, tailFrom, size - tailFrom);
        };
        // Every load on the same stream, in turns (timeRounds).
        const entries: Entry[] = [];
        for (const load of storeLoads) {
          const cell = cellFor(load);
          if (cell) entries.push({ load, cell, iterations: cellIterations(load), latencies: new Latencies() });
        }
        await timeRounds(entries, rounds);
        for (const entry of entries) {
          const cellFigures = await figuresOf(entry, subject, size);
          figures.push(cellFigures);
          console.log(
            `  ${name}, ${size} events, ${entry.load}: p50 ${cellFigures.p50Ms} ms, p99 ${cellFigures.p99Ms} ms`,
          );
        }
      }
    } finally {
      await neighbours.emmett?.close();
      await neighbours.ceiling?.close();
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
          'rows read',
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
          f.rowsRead,
          f.iterations,
          f.p50Ms,
          f.p99Ms,
          f.maxMs,
          f.snapshotP50Ms ?? '',
          f.readP50Ms,
          f.foldP50Ms ?? '',
          f.decideP50Ms ?? '',
          f.meetsTarget === null ? '' : f.meetsTarget ? 'yes' : 'NO',
        ]),
      ),
  );
  const comparisons = compare(figures);
  if (comparisons.length > 0) {
    console.log(
      '\nPostgreSQL, ours next to the peer (emmett: always the full fold) and the ceiling; ' +
        'ours/peer = p99 peer / p99 ours, ours/ceiling = p99 ceiling / p99 ours (above 1: ours is faster)\n' +
        table(
          [
            'events',
            'ours load',
            'ours p99',
            'emmett p99',
            'ours/peer',
            'ours/peer p50',
            'ceiling',
            'ceiling p99',
            'ours/ceiling',
            'ours/ceiling p50',
          ],
          comparisons.map((c) => [
            c.events,
            c.load,
            c.oursP99Ms,
            c.peerP99Ms ?? '',
            c.oursOverPeerP99 ?? '',
            c.oursOverPeerP50 ?? '',
            c.ceilingLoad,
            c.ceilingP99Ms ?? '',
            c.oursOverCeilingP99 ?? '',
            c.oursOverCeilingP50 ?? '',
          ]),
        ),
    );
  }
  const report = {
    benchmark: 'B3 aggregate load',
    targetP99Ms: TARGET_P99_MS,
    snapshotEvery: every,
    rounds,
    analyzed: analyze,
    machine,
    figures,
    comparisons,
    loadAverageAtEnd: os.loadavg().map((load) => round(load, 2)),
  };
  console.log(`\nwrote ${writeResults('aggregate', report)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
