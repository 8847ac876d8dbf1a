/**
 * B3 aggregate load (issue 7): p99 of load-and-decide (loadAggregate, then decide one
 * ReceiveRepayment) on loans of 10, 1,000 and 10,000 events, on PostgreSQL and SQLite.
 *
 *   npm run bench:aggregate
 *   LEDGER_BENCH_ITERATIONS=200    timed load-and-decides per loan size and store (10,000 events: a quarter)
 *   LEDGER_BENCH_ONLY=postgres,sqlite
 *   LEDGER_BENCH_SIZES=10,1000,10000
 *   LEDGER_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadAggregate } from '@pledge-ledger/application';
import { loanDecider } from '@pledge-ledger/domain';
import type { LoanEvent } from '@pledge-ledger/domain';
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
  close(): Promise<void>;
}

async function openPostgres(): Promise<StoreUnderTest> {
  const schema = freshSchemaName('bench_aggregate');
  const store = await PostgresEventStore.open({ connectionString: PG_URL, schema, listen: false });
  return {
    name: 'postgres',
    store,
    close: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
}

async function openSqlite(): Promise<StoreUnderTest> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
  const store = await SqliteEventStore.open(path.join(dir, 'events.db'));
  return {
    name: 'sqlite',
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Figures {
  readonly store: string;
  readonly events: number;
  readonly iterations: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Where the time goes, at the median: reading the stream, folding it, deciding. */
  readonly readP50Ms: number;
  readonly foldP50Ms: number;
  readonly decideP50Ms: number;
  readonly meetsTarget: boolean | null;
}

async function measure(
  subject: StoreUnderTest,
  loanId: string,
  streamId: string,
  size: number,
  iterations: number,
): Promise<Figures> {
  const command = repaymentCommand(loanId, size);
  const loadAndDecide = async (): Promise<void> => {
    const { state } = await loadAggregate(subject.store, loanDecider, streamId);
    const decided = loanDecider.decide(command, state);
    if (decided.length === 0) throw new Error('The repayment decided nothing');
  };
  for (let i = 0; i < Math.min(10, iterations); i++) await loadAndDecide();

  const latencies = new Latencies();
  for (let i = 0; i < iterations; i++) {
    const began = nowMs();
    await loadAndDecide();
    latencies.add(nowMs() - began);
  }

  // The same work split in its three phases, to say where the time goes.
  const read = new Latencies();
  const fold = new Latencies();
  const decide = new Latencies();
  for (let i = 0; i < Math.max(5, Math.floor(iterations / 4)); i++) {
    const t0 = nowMs();
    const events = await subject.store.readStream(streamId);
    const t1 = nowMs();
    let state = loanDecider.initialState;
    for (const event of events) {
      state = loanDecider.evolve(state, { type: event.type, data: event.data } as unknown as LoanEvent);
    }
    const t2 = nowMs();
    loanDecider.decide(command, state);
    const t3 = nowMs();
    read.add(t1 - t0);
    fold.add(t2 - t1);
    decide.add(t3 - t2);
  }
  const p99 = latencies.percentile(99);
  return {
    store: subject.name,
    events: size,
    iterations,
    p50Ms: round(latencies.percentile(50), 2),
    p99Ms: round(p99, 2),
    maxMs: round(latencies.percentile(100), 2),
    readP50Ms: round(read.percentile(50), 2),
    foldP50Ms: round(fold.percentile(50), 2),
    decideP50Ms: round(decide.percentile(50), 2),
    meetsTarget: size === 10_000 ? p99 <= TARGET_P99_MS : null,
  };
}

async function main(): Promise<void> {
  const iterations = numberSetting('LEDGER_BENCH_ITERATIONS', 200);
  const sizes = (process.env.LEDGER_BENCH_SIZES ?? '10,1000,10000').split(',').map((s) => Number(s.trim()));
  const machine = await machineInfo();
  console.log(`B3 aggregate load: load-and-decide of one ReceiveRepayment, ${iterations} iterations per cell`);
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
    const subject = await open();
    try {
      for (const size of sizes) {
        const loanId = `bench-${size}`;
        const streamId = await writeLoan(subject.store, loanId, histories.get(size) ?? []);
        const cell = await measure(
          subject,
          loanId,
          streamId,
          size,
          size >= 10_000 ? Math.ceil(iterations / 4) : iterations,
        );
        figures.push(cell);
        console.log(`  ${name}, ${size} events: p50 ${cell.p50Ms} ms, p99 ${cell.p99Ms} ms`);
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
          'events',
          'iterations',
          'p50 ms',
          'p99 ms',
          'max ms',
          'read p50',
          'fold p50',
          'decide p50',
          'p99<=20ms',
        ],
        figures.map((f) => [
          f.store,
          f.events,
          f.iterations,
          f.p50Ms,
          f.p99Ms,
          f.maxMs,
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
