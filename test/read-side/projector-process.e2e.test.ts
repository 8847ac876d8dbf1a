import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../apps/ledger-api/src/config/ledger-config';
import { resolveJwtKey } from '../../apps/ledger-api/src/http/auth/jwt-key';
import { mintToken } from '../../apps/ledger-api/src/http/auth/mint-token';
import { startLedger, type LedgerProcess } from '../support/ledger-process';

const ROOT = path.resolve(__dirname, '../..');
const PROJECTOR = path.join(ROOT, 'apps/projector/dist/main.js');
const REBUILD = path.join(ROOT, 'apps/projector/dist/rebuild.js');

interface ProjectorProcess {
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

async function startProjector(dataDir: string): Promise<ProjectorProcess> {
  const child = spawn(process.execPath, [PROJECTOR], {
    env: { ...process.env, LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 20_000;
  while (!output.includes('projector running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The projector did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

function runRebuild(dataDir: string, args: string[]): { code: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [REBUILD, ...args], {
      env: { ...process.env, LEDGER_DATA_DIR: dataDir },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

/** An API with LEDGER_PROJECTIONS=off and apps/projector beside it, on one embedded data dir. */
describe('apps/projector as a process', () => {
  let dataDir: string;
  let api: LedgerProcess | undefined;
  let projector: ProjectorProcess | undefined;

  beforeAll(() => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'apps/projector'], { cwd: ROOT });
  });

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'projector-e2e-'));
  });

  afterEach(async () => {
    await projector?.stop();
    await api?.stop();
    projector = undefined;
    api = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('projects what the API writes, stops on SIGTERM, and resumes from its checkpoints', async () => {
    api = await startLedger({ LEDGER_DATA_DIR: dataDir, LEDGER_PROJECTIONS: 'off', LEDGER_READ_WAIT_MS: '500' });
    projector = await startProjector(dataDir);
    const key = resolveJwtKey(loadConfig({ LEDGER_DATA_DIR: dataDir }).jwt.key);
    const admin = mintToken({ sub: 'olga', role: 'admin', expiresIn: '1h' }, key);
    const auditor = mintToken({ sub: 'audrey', role: 'auditor', expiresIn: '1h' }, key);
    const register = async (bankId: string, creditCode: string): Promise<string> => {
      const response = await fetch(`${api!.baseUrl}/v1/banks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ bankId, name: `Bank ${bankId}`, creditCode }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { position: string }).position;
    };
    const portfolio = (bankId: string, position: string) =>
      fetch(`${api!.baseUrl}/v1/banks/${bankId}/portfolio?minPosition=${position}`, {
        headers: { authorization: `Bearer ${auditor}` },
      });

    const first = await register('bank-a', '91440300708461136T');
    expect((await portfolio('bank-a', first)).status).toBe(200);

    expect(await projector.stop()).toBe(0);
    expect(projector.output()).toContain('projector stopped');
    projector = undefined;

    const second = await register('bank-b', '91310000607216596U');
    const lagging = await portfolio('bank-b', second);
    expect(lagging.status).toBe(503);
    expect(((await lagging.json()) as { error: { code: string } }).error.code).toBe('PROJECTION.LAGGING');

    projector = await startProjector(dataDir);
    expect(projector.output()).toContain(`bank-portfolio@${first}`);
    expect((await portfolio('bank-b', second)).status).toBe(200);

    const rebuilt = runRebuild(dataDir, ['bank-portfolio']);
    expect(rebuilt).toEqual({ code: 0, output: expect.stringContaining('bank-portfolio: rebuilt from 2 events') });
    expect((await portfolio('bank-a', second)).status).toBe(200);
    expect(runRebuild(dataDir, ['no-such-view']).code).toBe(64);
  });
});
