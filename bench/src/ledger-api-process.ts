import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';

/** The built API (`npm run bench:http` builds it first). */
const MAIN = path.resolve(__dirname, '../../apps/ledger-api/dist/main.js');

export interface ApiProcess {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the ledger API as its own process, as it runs in production (`node apps/ledger-api/dist/main.js`),
 * so the load generator and the server do not share an event loop. The same approach as
 * test/support/ledger-process.ts (which bench cannot import: it is outside bench's rootDir);
 * `nodeArgs` lets a run add `--cpu-prof`; `script` serves B2's peer and ceiling the same way.
 */
export async function startApi(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
  script: string = MAIN,
): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API exited with ${child.exitCode} before answering:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API did not answer /health within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    child,
    output: () => output,
    // SIGTERM: the API closes cleanly, which is also when --cpu-prof writes its profile.
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
