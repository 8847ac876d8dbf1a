/**
 * B1 append (issue 7): single-event appends from 64 concurrent writers, and 100-event appends
 * from 16, through our PostgreSQL adapter, Emmett's (the peer), raw INSERTs (the ceiling) and our
 * SQLite adapter, one after the other in this process so the ratios hold on a noisy machine.
 *
 *   npm run bench:append
 *   LEDGER_BENCH_SECONDS=10        measured seconds per contender and scenario (after a warm-up)
 *   LEDGER_BENCH_ONLY=ours-postgres,emmett-postgres   run only these contenders
 *   LEDGER_BENCH_SCENARIOS=single,batch               run only these scenarios
 *   LEDGER_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test
 */
import { describeMachine, machineInfo, numberSetting, selected, writeResults } from './environment';
import type { AppendContender, ContenderFactory } from './append-contenders';
import { emmettPostgres, oursPostgres, oursSqlite, rawInsertCeiling, repaymentEvents } from './append-contenders';
import { Latencies, nowMs, ratio, round, table } from './measure';

interface Scenario {
  readonly key: string;
  readonly title: string;
  readonly writers: number;
  readonly eventsPerAppend: number;
}

const SCENARIOS: readonly Scenario[] = [
  { key: 'single', title: 'single-event appends, 64 writers', writers: 64, eventsPerAppend: 1 },
  { key: 'batch', title: '100-event appends, 16 writers', writers: 16, eventsPerAppend: 100 },
];

interface Figures {
  readonly contender: string;
  readonly description: string;
  readonly seconds: number;
  readonly appends: number;
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly appendsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Share of one core this process used while the contender ran (Node's side only). */
  readonly nodeCpuPercent: number;
  readonly errors: number;
  readonly firstError?: string;
}

async function measure(
  contender: AppendContender,
  scenario: Scenario,
  seconds: number,
  warmupSeconds: number,
): Promise<Figures> {
  const latencies = new Latencies();
  let appends = 0;
  let errors = 0;
  let firstError: string | undefined;
  const start = nowMs();
  const measureFrom = start + warmupSeconds * 1000;
  const end = measureFrom + seconds * 1000;
  let cpuAtStart: NodeJS.CpuUsage | null = null;
  const cpuTimer = setTimeout(() => (cpuAtStart = process.cpuUsage()), warmupSeconds * 1000);
  const run = `${Date.now().toString(36)}`;

  await Promise.all(
    Array.from({ length: scenario.writers }, async (_, writer) => {
      const streamId = `loan-${run}-${writer}`;
      let previous: unknown = undefined;
      while (nowMs() < end) {
        const events = repaymentEvents(scenario.eventsPerAppend, streamId);
        const began = nowMs();
        try {
          previous = await contender.append(streamId, events, previous);
        } catch (error) {
          errors += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
          return;
        }
        const ended = nowMs();
        if (began >= measureFrom && ended <= end) {
          latencies.add(ended - began);
          appends += 1;
        }
      }
    }),
  );
  clearTimeout(cpuTimer);
  const cpu = process.cpuUsage(cpuAtStart ?? undefined);
  const events = appends * scenario.eventsPerAppend;
  return {
    contender: contender.name,
    description: contender.description,
    seconds,
    appends,
    events,
    eventsPerSecond: Math.round(events / seconds),
    appendsPerSecond: Math.round(appends / seconds),
    p50Ms: round(latencies.percentile(50), 2),
    p99Ms: round(latencies.percentile(99), 2),
    maxMs: round(latencies.percentile(100), 2),
    nodeCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100),
    errors,
    ...(firstError === undefined ? {} : { firstError }),
  };
}

async function main(): Promise<void> {
  const seconds = numberSetting('LEDGER_BENCH_SECONDS', 10);
  const warmupSeconds = Math.min(2, seconds / 5);
  const wanted = process.env.LEDGER_BENCH_SCENARIOS?.split(',').map((s) => s.trim());
  const machine = await machineInfo();
  console.log(`B1 append: ${seconds} s per contender and scenario, after ${warmupSeconds} s of warm-up`);
  console.log(describeMachine(machine));

  const report: Record<string, unknown> = { benchmark: 'B1 append', seconds, warmupSeconds, machine, scenarios: {} };
  for (const scenario of SCENARIOS) {
    if (wanted && !wanted.includes(scenario.key)) continue;
    const contenders: [string, ContenderFactory][] = [
      ['ours-postgres', oursPostgres],
      ['emmett-postgres', emmettPostgres],
      ['ceiling-raw-insert', rawInsertCeiling(scenario.writers)],
      ['ours-sqlite', oursSqlite],
    ];
    const figures: Figures[] = [];
    console.log(`\n${scenario.title}`);
    for (const [name, open] of contenders) {
      if (!selected(name)) continue;
      const contender = await open();
      try {
        const result = await measure(contender, scenario, seconds, warmupSeconds);
        figures.push(result);
        console.log(
          `  ${name}: ${result.eventsPerSecond} events/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms` +
            (result.errors > 0 ? `, ${result.errors} errors (${result.firstError})` : ''),
        );
      } finally {
        await contender.close();
      }
    }
    const byName = new Map(figures.map((f) => [f.contender, f]));
    const ours = byName.get('ours-postgres')?.eventsPerSecond;
    const ratios = {
      oursOverPeer: ratio(ours, byName.get('emmett-postgres')?.eventsPerSecond),
      oursOverCeiling: ratio(ours, byName.get('ceiling-raw-insert')?.eventsPerSecond),
      sqliteOverPeer: ratio(byName.get('ours-sqlite')?.eventsPerSecond, byName.get('emmett-postgres')?.eventsPerSecond),
    };
    console.log(
      '\n' +
        table(
          ['contender', 'events/s', 'appends/s', 'p50 ms', 'p99 ms', 'max ms', 'node cpu %', 'errors'],
          figures.map((f) => [
            f.contender,
            f.eventsPerSecond,
            f.appendsPerSecond,
            f.p50Ms,
            f.p99Ms,
            f.maxMs,
            f.nodeCpuPercent,
            f.errors,
          ]),
        ),
    );
    console.log(`ours/peer ${ratios.oursOverPeer ?? '-'}   ours/ceiling ${ratios.oursOverCeiling ?? '-'}`);
    (report.scenarios as Record<string, unknown>)[scenario.key] = { ...scenario, figures, ratios };
  }
  report.loadAverageAtEnd = (await import('node:os')).loadavg().map((load) => round(load, 2));
  console.log(`\nwrote ${writeResults('append', report)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
