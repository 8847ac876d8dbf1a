import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startLedger, type LedgerProcess } from '../support/ledger-process';
import { LEDGER_TEST_PG_URL } from '../support/postgres';

const PROJECTOR = path.resolve(__dirname, '../../apps/projector/dist/main.js');
const SECRET = 'a-secret-of-thirty-two-characters!';

interface Probe {
  readonly status: number;
  readonly body: { status: string; checks?: Record<string, { status: string; error?: string }> };
}

async function probe(url: string): Promise<Probe> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Probe['body'] };
}

/** Polls until `accept` holds (a database taken away is noticed at the next query, not at once). */
async function until(url: string, accept: (answer: Probe) => boolean, timeoutMs = 20_000): Promise<Probe> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe(url);
    if (accept(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: LEDGER_TEST_PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Every connection to the database refused from now on, and the open ones cut: the read store is gone. */
async function takeAway(database: string): Promise<void> {
  await admin(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`);
  await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}'`);
}

async function startProjector(env: Record<string, string>): Promise<{ child: ChildProcess; healthUrl: string }> {
  const child = spawn(process.execPath, [PROJECTOR], {
    env: { ...process.env, LOG_LEVEL: 'warn', LEDGER_PROJECTOR_HEALTH_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = /health at (http:\/\/\S+)\/health\/ready/.exec(output);
    if (found) return { child, healthUrl: found[1] };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The projector did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('health probes: liveness and readiness', () => {
  it('on the embedded default, live and ready answer 200; /health is readiness', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'health-e2e-'));
    const api = await startLedger({ LEDGER_DATA_DIR: dataDir });
    try {
      expect(await probe(`${api.baseUrl}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
      const ready = await probe(`${api.baseUrl}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({
        status: 'ok',
        checks: { eventStore: { status: 'up' }, readStore: { status: 'up' }, projections: { status: 'up' } },
      });
      expect((await probe(`${api.baseUrl}/health`)).body).toMatchObject({ status: 'ok' });

      const docs = (await (await fetch(`${api.baseUrl}/docs-json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/health']));
    } finally {
      await api.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe('with the read store on a PostgreSQL database taken away mid-run', () => {
    const database = `health_${process.pid}_${Date.now().toString(36)}`;
    const readStoreUrl = LEDGER_TEST_PG_URL.replace(/\/[^/?]+(\?.*)?$/, `/${database}`);
    let dataDir: string;
    let api: LedgerProcess | undefined;
    let projector: ChildProcess | undefined;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'health-pg-e2e-'));
      await admin(`CREATE DATABASE "${database}"`);
    });

    afterAll(async () => {
      projector?.kill('SIGKILL');
      await api?.stop('SIGKILL');
      await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('ready turns 503 naming the read store while live stays 200, in the API and the projector, and recovers', async () => {
      const env = {
        LEDGER_DATA_DIR: dataDir,
        LEDGER_READ_STORE: readStoreUrl,
        LEDGER_JWT_SECRET: SECRET,
        LEDGER_PROJECTIONS: 'off',
      };
      api = await startLedger(env);
      const started = await startProjector(env);
      projector = started.child;
      const apiReady = `${api.baseUrl}/health/ready`;
      const projectorReady = `${started.healthUrl}/health/ready`;
      expect((await probe(apiReady)).status).toBe(200);
      expect(await probe(projectorReady)).toMatchObject({
        status: 200,
        body: { checks: { readStore: { status: 'up' }, projections: { status: 'up' } } },
      });

      await takeAway(database);
      for (const url of [apiReady, projectorReady]) {
        const down = await until(url, (answer) => answer.status === 503);
        expect(down.status).toBe(503);
        expect(down.body.status).toBe('unavailable');
        expect(down.body.checks?.readStore).toEqual({ status: 'down', error: expect.any(String) });
        expect(down.body.checks?.eventStore.status).toBe('up');
      }
      expect((await probe(`${api.baseUrl}/health`)).status).toBe(503);
      expect(await probe(`${api.baseUrl}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await probe(`${started.healthUrl}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });

      await admin(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`);
      for (const url of [apiReady, projectorReady]) {
        expect((await until(url, (answer) => answer.status === 200, 30_000)).status).toBe(200);
      }
    });
  });
});
