import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from '../support/ledger-process';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of the test's own, in a temporary directory on a free port: R1 stops it
 * with `pg_ctl -m immediate` (a crash: no checkpoint, recovery from the WAL at the next start),
 * which must never be done to the machine's shared cluster that other suites use at the same time.
 * PostgreSQL refuses to run as root, so as root every command runs as the `postgres` user
 * (`runuser -u postgres`).
 */
export interface PrivateCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  /** Stops it like a power cut. */
  crash(): Promise<void>;
  start(): Promise<void>;
  /** Stops it if running and deletes its directory; never throws. */
  destroy(): Promise<void>;
}

/** Where initdb and pg_ctl are, or why there is no way to run a private cluster here. */
export function privateClusterSupport(): { bin: string; asPostgres: boolean } | { unavailable: string } {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const version = versions.find((v) => fs.existsSync(path.join(root, v, 'bin/initdb')));
  if (!version) return { unavailable: `no initdb under ${root}/*/bin (install the postgresql server package)` };
  const asPostgres = process.getuid?.() === 0;
  if (asPostgres && !fs.existsSync('/usr/sbin/runuser') && !fs.existsSync('/sbin/runuser')) {
    return { unavailable: 'running as root without runuser: PostgreSQL refuses to run as root' };
  }
  return { bin: path.join(root, version, 'bin'), asPostgres };
}

export async function startPrivateCluster(): Promise<PrivateCluster> {
  const support = privateClusterSupport();
  if ('unavailable' in support) throw new Error(`No private PostgreSQL cluster: ${support.unavailable}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-pg-'));
  const data = path.join(dir, 'data');
  const pg = async (tool: string, args: string[]): Promise<void> => {
    const command = path.join(support.bin, tool);
    if (support.asPostgres) await run('runuser', ['-u', 'postgres', '--', command, ...args]);
    else await run(command, args);
  };
  if (support.asPostgres) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    fs.chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  const start = () =>
    pg('pg_ctl', [
      '-D',
      data,
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100`,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      'start',
    ]);
  let running = false;
  const cluster: PrivateCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash: async () => {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      running = false;
    },
    start: async () => {
      await start();
      running = true;
    },
    destroy: async () => {
      if (running) await pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
      running = false;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await cluster.start();
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  return cluster;
}

/** Creates the schemas the stores are given (`?schema=`), as the test support does on the shared cluster. */
export async function createSchemas(url: string, schemas: readonly string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
}
