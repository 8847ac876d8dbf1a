/**
 * B2 HTTP commands (issue 7): repayments (POST /v1/loans/{id}/repayments, a bank JWT, an
 * Idempotency-Key each) from 64 keep-alive connections against the built API as its own process,
 * with projections in-process, on PostgreSQL and on SQLite; next to the same repayments decided
 * and appended in this process without HTTP (executeCommand) and the bare append of B1
 * (single-event appends, 64 writers), one after the other so the ratios hold on a noisy machine.
 * Next to them, through the same client: the peer (http-emmett: the same command on Fastify and
 * Emmett's PostgreSQL event store, deciding with our Loan decider, http-peer-server.ts) and the
 * ceiling (http-ceiling: a bare node:http server committing one row per request,
 * http-ceiling-server.ts), each its own process. While the API runs, the projection lag (command answered -> every projection's checkpoint past
 * its position) is measured by polling the read store's checkpoints.
 *
 *   npm run bench:http
 *   LEDGER_BENCH_SECONDS=10     measured seconds per contender (after a warm-up of a fifth, at most 2 s)
 *   LEDGER_BENCH_LOANS=1000     loans set up before each run; each worker repays its own loans in turn
 *   LEDGER_BENCH_ONLY=http-postgres,http-postgres-no-projections,http-sqlite,http-emmett,http-ceiling,
 *                     command-postgres,append-postgres
 *                               (no-projections: the same API restarted with LEDGER_PROJECTIONS=off after the set-up)
 *   LEDGER_BENCH_CPU_PROF=1     run the API, the peer and the ceiling under --cpu-prof (profiles in bench/results/profiles)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { executeCommand } from '@pledge-ledger/application';
import { Client } from 'pg';
import { loanDecider, loanStreamId } from '@pledge-ledger/domain';
import { PostgresEventStore } from '@pledge-ledger/event-store';
import { oursPostgres, repaymentEvents } from './append-contenders';
import { closedLoop, processCpuMs, type LoopFigures } from './closed-loop';
import {
  PG_URL,
  RESULTS_DIR,
  describeMachine,
  dropSchema,
  freshSchemaName,
  machineInfo,
  numberSetting,
  selected,
  writeResults,
} from './environment';
import { freshEmmettDatabase } from './emmett-database';
import { HttpClient } from './http-client';
import { PEER_BANK_ID, peerLoanId } from './http-peer-loans';
import { startApi, type ApiProcess } from './ledger-api-process';
import { benchSecret, mintTokens, repaymentBody, seedWorld } from './ledger-world';
import { loanHistory, repaymentCommand, writeLoan } from './loan-history';
import { round, ratio, table } from './measure';
import { ProjectionLagProbe, postgresCheckpoints, sqliteCheckpoints, type CheckpointSource } from './projection-lag';

const CONNECTIONS = 64;
const PEER_SETUP = path.join(__dirname, 'http-peer-setup.js');
const PEER_SERVER = path.join(__dirname, 'http-peer-server.js');
const CEILING_SERVER = path.join(__dirname, 'http-ceiling-server.js');
/** LEDGER_BENCH_PEER_POOL: the peer's pool size; unset, Emmett's default pool (node-postgres' default, 10). */
const PEER_POOL_SIZE = process.env.LEDGER_BENCH_PEER_POOL ? numberSetting('LEDGER_BENCH_PEER_POOL', 10) : null;

async function createSchemas(names: readonly string[]): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (const name of names) await client.query(`CREATE SCHEMA "${name}"`);
  } finally {
    await client.end();
  }
}

interface Figures extends LoopFigures {
  readonly contender: string;
  readonly description: string;
  readonly loans: number;
  readonly setupSeconds: number;
  /** Share of one core the API process used in the measured window. */
  readonly apiCpuPercent: number | null;
  /** The server process's CPU time in the measured window over the commands answered in it. */
  readonly apiCpuMsPerCommand: number | null;
  readonly lag?: {
    readonly samples: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
    readonly unresolved: number;
  };
  /** Peer and ceiling: the 2xx answers of the whole run against the rows their store holds after it. */
  readonly stored?: { readonly answered2xx: number; readonly rows: number };
}

/** `--cpu-prof` for a server process when LEDGER_BENCH_CPU_PROF=1 (written when it stops), else nothing. */
function cpuProfileArgs(name: string): string[] {
  if (process.env.LEDGER_BENCH_CPU_PROF !== '1') return [];
  return [
    '--cpu-prof',
    `--cpu-prof-dir=${path.join(RESULTS_DIR, 'profiles')}`,
    `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`,
  ];
}

interface Settings {
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly loans: number;
}

const log = (line: string): void => console.log(line);

/** The API on one store, set up with `loans` loans, then repayments from 64 connections. */
async function httpContender(
  name: string,
  settings: Settings,
  store: 'postgres' | 'sqlite',
  projections: 'in-process' | 'off' = 'in-process',
): Promise<Figures> {
  const secret = benchSecret();
  const schemas: string[] = [];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-http-'));
  const env: Record<string, string> = {
    LEDGER_JWT_SECRET: secret,
    LEDGER_DATA_DIR: dataDir,
    LEDGER_PROJECTIONS: 'in-process',
  };
  let checkpoints: () => Promise<CheckpointSource>;
  if (store === 'postgres') {
    const events = freshSchemaName('bench_http_events');
    const reads = freshSchemaName('bench_http_reads');
    schemas.push(events, reads);
    // Made here, not by the API: its stores each CREATE SCHEMA IF NOT EXISTS at start, concurrently,
    // and two of those racing on a new schema fail with a duplicate key (seen here; reported).
    await createSchemas([events, reads]);
    env.LEDGER_EVENT_STORE = `${PG_URL}?schema=${events}`;
    env.LEDGER_READ_STORE = `${PG_URL}?schema=${reads}`;
    checkpoints = () => postgresCheckpoints(PG_URL, reads);
  } else {
    checkpoints = () => Promise.resolve(sqliteCheckpoints(path.join(dataDir, 'read-models.sqlite')));
  }
  const profileArgs = cpuProfileArgs(name);
  // The set-up needs the process managers (pledges, cover): it always runs with projections in-process.
  let api = await startApi(env, projections === 'off' ? [] : profileArgs);
  let client = new HttpClient(api.baseUrl, CONNECTIONS);
  try {
    const setupStarted = Date.now();
    const world = await seedWorld(client, { loans: settings.loans, suffix: '', secret, concurrency: 16, log });
    const setupSeconds = round((Date.now() - setupStarted) / 1000, 1);
    log(`  set up in ${setupSeconds} s`);
    if (projections === 'off') {
      // The same stores, served by an API that runs no projection or process manager: the command path alone.
      client.close();
      await api.stop();
      api = await startApi({ ...env, LEDGER_PROJECTIONS: 'off' }, profileArgs);
      client = new HttpClient(api.baseUrl, CONNECTIONS);
    }

    const probe = projections === 'off' ? null : new ProjectionLagProbe(await checkpoints());
    probe?.start();
    const { figures, apiCpuPercent, apiCpuMsPerCommand } = await postRepayments(
      { client, server: api, loanIds: world.loanIds, token: world.tokens.bank, probe },
      settings,
    );
    await probe?.drain(30_000);
    return {
      contender: name,
      description: `POST /v1/loans/{id}/repayments over HTTP, API process on ${store}, projections ${projections}, ${CONNECTIONS} keep-alive connections`,
      loans: world.loanIds.length,
      setupSeconds,
      apiCpuPercent,
      apiCpuMsPerCommand,
      ...(probe && {
        lag: {
          samples: probe.lags.size,
          p50Ms: round(probe.lags.percentile(50), 1),
          p99Ms: round(probe.lags.percentile(99), 1),
          maxMs: round(probe.lags.percentile(100), 1),
          unresolved: probe.pending,
        },
      }),
      ...figures,
    };
  } finally {
    client.close();
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
    for (const schema of schemas) await dropSchema(schema);
  }
}

interface RepaymentTarget {
  readonly client: HttpClient;
  readonly server: ApiProcess;
  readonly loanIds: readonly string[];
  readonly token: string;
  /** Told of every successful answer's position, for the projection lag; null when nothing projects. */
  readonly probe: ProjectionLagProbe | null;
}

/**
 * 64 workers POST repayments (50.00) back to back, each with a bank JWT and a fresh Idempotency-Key;
 * worker w repays loans w, w + 64, w + 128, ... in turn, so no loan ever has two in flight. Also
 * the server process's share of a core in the measured window, and every 2xx answer of the run.
 */
async function postRepayments(
  target: RepaymentTarget,
  settings: Settings,
): Promise<{
  figures: LoopFigures;
  apiCpuPercent: number | null;
  apiCpuMsPerCommand: number | null;
  answered2xx: number;
}> {
  const { client, server, loanIds, token, probe } = target;
  const repaid = new Array<number>(loanIds.length).fill(0);
  const turn = new Array<number>(CONNECTIONS).fill(0);
  let cpuAtOpen: number | null = null;
  let cpuAtClose: number | null = null;
  let answered2xx = 0;
  const run = randomUUID().slice(0, 8);
  const figures = await closedLoop(
    {
      workers: CONNECTIONS,
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
      onWindow: (open) => {
        probe?.record(open);
        if (open) cpuAtOpen = processCpuMs(server.child.pid);
        else cpuAtClose ??= processCpuMs(server.child.pid);
      },
    },
    async (worker) => {
      const mine = Math.ceil((loanIds.length - worker) / CONNECTIONS);
      const loan = worker + CONNECTIONS * (turn[worker]++ % mine);
      const index = repaid[loan]++;
      const answer = await client.request(
        'POST',
        `/v1/loans/${loanIds[loan]}/repayments`,
        token,
        repaymentBody(index),
        `${run}-${loan}-${index}`,
      );
      const ok = answer.status === 200 || answer.status === 201;
      if (ok) answered2xx += 1;
      if (ok) probe?.acknowledged(Number((JSON.parse(answer.body) as { position: string }).position));
      return { ok, outcome: answer.status, ...(ok ? {} : { failure: `${answer.status} ${answer.body}` }) };
    },
  );
  const cpuMs = cpuAtOpen === null || cpuAtClose === null ? null : cpuAtClose - cpuAtOpen;
  return {
    figures,
    apiCpuPercent: cpuMs === null ? null : Math.round((cpuMs / (settings.seconds * 1000)) * 100),
    apiCpuMsPerCommand: cpuMs === null || figures.succeeded === 0 ? null : round(cpuMs / figures.succeeded, 2),
    answered2xx,
  };
}

/** Runs one of bench/dist's scripts as a process of its own to its end; its output is kept for the error. */
async function runScript(script: string, env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${path.basename(script)} exited with ${code}:\n${output}`);
}

async function countRows(sql: string, url = PG_URL): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(sql);
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
}

/**
 * The peer's or the ceiling's run: the same repayments, on the loans `peerLoanId` names, with a
 * bank token signed by `secret`; then the rows its store holds (`countStored`), for the check
 * that every 2xx answer left exactly one.
 */
async function repayPeerLoans(
  client: HttpClient,
  server: ApiProcess,
  secret: string,
  settings: Settings,
  countStored: () => Promise<number>,
): Promise<Pick<Figures, 'loans' | 'apiCpuPercent' | 'apiCpuMsPerCommand' | 'stored'> & LoopFigures> {
  const loanIds = Array.from({ length: settings.loans }, (_, i) => peerLoanId(i));
  const token = mintTokens(secret, PEER_BANK_ID).bank;
  const { figures, apiCpuPercent, apiCpuMsPerCommand, answered2xx } = await postRepayments(
    { client, server, loanIds, token, probe: null },
    settings,
  );
  return {
    loans: loanIds.length,
    apiCpuPercent,
    apiCpuMsPerCommand,
    stored: { answered2xx, rows: await countStored() },
    ...figures,
  };
}

/**
 * The peer: the same repayments against http-peer-server.ts (Fastify, jsonwebtoken, Emmett's
 * CommandHandler on its PostgreSQL store, our Loan decider) in a process of its own, its loans
 * written straight into Emmett's store, in a fresh database of its own, by http-peer-setup.ts.
 */
async function peerContender(settings: Settings): Promise<Figures> {
  const database = await freshEmmettDatabase('bench_http_emmett');
  const url = database.url;
  let server: ApiProcess | undefined;
  let client: HttpClient | undefined;
  try {
    const setupStarted = Date.now();
    await runScript(PEER_SETUP, { PEER_PG_URL: url, PEER_LOANS: String(settings.loans) });
    const setupSeconds = round((Date.now() - setupStarted) / 1000, 1);
    log(`  ${settings.loans} loans written into Emmett's store in ${setupSeconds} s`);
    const secret = benchSecret();
    server = await startApi(
      { PEER_PG_URL: url, PEER_JWT_SECRET: secret, PEER_POOL_SIZE: String(PEER_POOL_SIZE ?? 0) },
      cpuProfileArgs('http-emmett'),
      PEER_SERVER,
    );
    client = new HttpClient(server.baseUrl, CONNECTIONS);
    const measured = await repayPeerLoans(client, server, secret, settings, () =>
      countRows(`SELECT count(*) FROM public.emt_messages WHERE message_type = 'RepaymentReceived'`, url),
    );
    return {
      contender: 'http-emmett',
      description:
        `the peer: POST /v1/loans/{id}/repayments on Fastify in its own process, jsonwebtoken HS256, JSON-schema body ` +
        `validation, Emmett 0.42 CommandHandler on getPostgreSQLEventStore (${PEER_POOL_SIZE === null ? 'default pool, 10 connections' : `a pool of ${PEER_POOL_SIZE}`}) with our Loan decider; ` +
        `NO idempotency (Emmett has none: the Idempotency-Key header is ignored, so it does less work per command), ` +
        `${CONNECTIONS} keep-alive connections`,
      setupSeconds,
      ...measured,
    };
  } finally {
    client?.close();
    await server?.stop();
    await database.drop();
  }
}

/** The ceiling: the same requests against http-ceiling-server.ts, which commits one row per request. */
async function ceilingContender(settings: Settings): Promise<Figures> {
  const schema = freshSchemaName('bench_http_ceiling');
  await createSchemas([schema]);
  let server: ApiProcess | undefined;
  let client: HttpClient | undefined;
  try {
    server = await startApi(
      { CEILING_PG_URL: PG_URL, CEILING_SCHEMA: schema, CEILING_CONNECTIONS: String(CONNECTIONS) },
      cpuProfileArgs('http-ceiling'),
      CEILING_SERVER,
    );
    client = new HttpClient(server.baseUrl, CONNECTIONS);
    // A bank JWT and an Idempotency-Key are sent as to the others, never looked at.
    const measured = await repayPeerLoans(client, server, benchSecret(), settings, () =>
      countRows(`SELECT count(*) FROM "${schema}".events`),
    );
    return {
      contender: 'http-ceiling',
      description:
        `the ceiling: a bare node:http server in its own process, per POST JSON.parse of the body and one autocommit ` +
        `INSERT of the RepaymentReceived row (pg Pool of ${CONNECTIONS}), 201 with its position; no auth, no ` +
        `validation, no read, no decision, no idempotency; ${CONNECTIONS} keep-alive connections`,
      setupSeconds: 0,
      ...measured,
    };
  } finally {
    client?.close();
    await server?.stop();
    await dropSchema(schema);
  }
}

/** The same repayments decided and appended in this process: executeCommand on a PostgresEventStore, no HTTP. */
async function commandContender(settings: Settings): Promise<Figures> {
  const schema = freshSchemaName('bench_http_command');
  const store = await PostgresEventStore.open({ connectionString: PG_URL, schema });
  try {
    const setupStarted = Date.now();
    const { events } = loanHistory('template', 3);
    const loanIds = Array.from({ length: settings.loans }, (_, i) => `loan-${i}`);
    for (const loanId of loanIds)
      await writeLoan(
        store,
        loanId,
        events.map((event) => ({ ...event, data: { ...event.data, loanId } }) as typeof event),
      );
    const setupSeconds = round((Date.now() - setupStarted) / 1000, 1);
    const repaid = new Array<number>(loanIds.length).fill(0);
    const turn = new Array<number>(CONNECTIONS).fill(0);
    const figures = await closedLoop(
      { workers: CONNECTIONS, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds },
      async (worker) => {
        const mine = Math.ceil((loanIds.length - worker) / CONNECTIONS);
        const loan = worker + CONNECTIONS * (turn[worker]++ % mine);
        const command = repaymentCommand(loanIds[loan], repaid[loan]++);
        await executeCommand(store, loanDecider, loanStreamId(loanIds[loan]), command, {
          correlationId: randomUUID(),
          causationId: null,
        });
        return { ok: true, outcome: 'ok' };
      },
    );
    return {
      contender: 'command-postgres',
      description: `executeCommand(ReceiveRepayment) in this process on PostgresEventStore, ${CONNECTIONS} workers, no HTTP`,
      loans: loanIds.length,
      setupSeconds,
      apiCpuPercent: null,
      apiCpuMsPerCommand: null,
      ...figures,
    };
  } finally {
    await store.close();
    await dropSchema(schema);
  }
}

/** B1's ours-postgres single-event contender: a bare append of the same event, 64 writers. */
async function appendContender(settings: Settings): Promise<Figures> {
  const contender = await oursPostgres();
  try {
    const previous = new Array<unknown>(CONNECTIONS).fill(undefined);
    const run = Date.now().toString(36);
    const figures = await closedLoop(
      { workers: CONNECTIONS, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds },
      async (worker) => {
        const streamId = `loan-${run}-${worker}`;
        previous[worker] = await contender.append(streamId, repaymentEvents(1, streamId), previous[worker]);
        return { ok: true, outcome: 'ok' };
      },
    );
    return {
      contender: 'append-postgres',
      description: `B1 ours-postgres: PostgresEventStore.append of one RepaymentReceived, ${CONNECTIONS} writers`,
      loans: CONNECTIONS,
      setupSeconds: 0,
      apiCpuPercent: null,
      apiCpuMsPerCommand: null,
      ...figures,
    };
  } finally {
    await contender.close();
  }
}

async function main(): Promise<void> {
  const seconds = numberSetting('LEDGER_BENCH_SECONDS', 10);
  const settings: Settings = {
    seconds,
    warmupSeconds: Math.min(2, seconds / 5),
    loans: Math.max(CONNECTIONS, Math.round(numberSetting('LEDGER_BENCH_LOANS', 1000))),
  };
  const machine = await machineInfo();
  log(
    `B2 HTTP commands: ${seconds} s per contender after ${settings.warmupSeconds} s of warm-up, ${settings.loans} loans`,
  );
  log(describeMachine(machine));

  const contenders: [string, () => Promise<Figures>][] = [
    ['http-postgres', () => httpContender('http-postgres', settings, 'postgres')],
    ['http-postgres-no-projections', () => httpContender('http-postgres-no-projections', settings, 'postgres', 'off')],
    ['http-sqlite', () => httpContender('http-sqlite', settings, 'sqlite')],
    ['http-emmett', () => peerContender(settings)],
    ['http-ceiling', () => ceilingContender(settings)],
    ['command-postgres', () => commandContender(settings)],
    ['append-postgres', () => appendContender(settings)],
  ];
  const figures: Figures[] = [];
  for (const [name, run] of contenders) {
    if (!selected(name)) continue;
    log(`\n${name}`);
    const result = await run();
    figures.push(result);
    log(
      `  ${result.perSecond} commands/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, outcomes ${JSON.stringify(result.outcomes)}` +
        (result.lag ? `, projection lag p99 ${result.lag.p99Ms} ms` : '') +
        (result.stored
          ? `\n  rows stored after the run: ${result.stored.rows} for ${result.stored.answered2xx} 2xx answers` +
            (result.stored.rows === result.stored.answered2xx ? '' : '  MISMATCH')
          : '') +
        (result.firstFailure ? `\n  first failure: ${result.firstFailure.slice(0, 300)}` : ''),
    );
  }

  const byName = new Map(figures.map((f) => [f.contender, f]));
  const p50 = (name: string): number | undefined => byName.get(name)?.p50Ms;
  const difference = (a: number | undefined, b: number | undefined): number | null =>
    a === undefined || b === undefined ? null : round(a - b, 2);
  const overhead = {
    httpOverCommandRate: ratio(byName.get('http-postgres')?.perSecond, byName.get('command-postgres')?.perSecond),
    commandOverAppendRate: ratio(byName.get('command-postgres')?.perSecond, byName.get('append-postgres')?.perSecond),
    httpOverAppendRate: ratio(byName.get('http-postgres')?.perSecond, byName.get('append-postgres')?.perSecond),
    httpMinusCommandP50Ms: difference(p50('http-postgres'), p50('command-postgres')),
    commandMinusAppendP50Ms: difference(p50('command-postgres'), p50('append-postgres')),
  };
  // Commands/s of each of ours over the peer's and over the ceiling's (the peer runs no projections
  // and no idempotency: http-postgres-no-projections is the like-for-like row).
  const rate = (name: string): number | undefined => byName.get(name)?.perSecond;
  const versus = Object.fromEntries(
    ['http-postgres', 'http-postgres-no-projections', 'http-sqlite']
      .filter((name) => byName.has(name))
      .map((name) => [
        name,
        { overPeer: ratio(rate(name), rate('http-emmett')), overCeiling: ratio(rate(name), rate('http-ceiling')) },
      ]),
  );
  log(
    '\n' +
      table(
        [
          'contender',
          'commands/s',
          'ours/peer',
          'ours/ceiling',
          'p50 ms',
          'p99 ms',
          'max ms',
          'api cpu %',
          'cpu ms/cmd',
          'lag p50',
          'lag p99',
          'outcomes',
        ],
        figures.map((f) => [
          f.contender,
          f.perSecond,
          versus[f.contender]?.overPeer ?? '-',
          versus[f.contender]?.overCeiling ?? '-',
          f.p50Ms,
          f.p99Ms,
          f.maxMs,
          f.apiCpuPercent ?? '-',
          f.apiCpuMsPerCommand ?? '-',
          f.lag?.p50Ms ?? '-',
          f.lag?.p99Ms ?? '-',
          Object.entries(f.outcomes)
            .map(([outcome, count]) => `${outcome}:${count}`)
            .join(' '),
        ]),
      ),
  );
  log(
    `http/command ${overhead.httpOverCommandRate ?? '-'}   command/append ${overhead.commandOverAppendRate ?? '-'}   ` +
      `http/append ${overhead.httpOverAppendRate ?? '-'}   p50 http-command ${overhead.httpMinusCommandP50Ms ?? '-'} ms   ` +
      `p50 command-append ${overhead.commandMinusAppendP50Ms ?? '-'} ms`,
  );
  const loadAverageAtEnd = os.loadavg().map((load) => round(load, 2));
  log(`load average at end: ${loadAverageAtEnd.join(' ')}`);
  const report = {
    benchmark: 'B2 HTTP commands',
    ...settings,
    connections: CONNECTIONS,
    machine,
    figures,
    overhead,
    versus,
    targets: { commandsPerSecond: 5000, p99Ms: 50, projectionLagP99Ms: 250 },
    loadAverageAtEnd,
  };
  log(`\nwrote ${writeResults('http-commands', report)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
