import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

export const PG_URL = process.env.LEDGER_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A positive number from the environment, or the default. */
export function numberSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** Contenders named in LEDGER_BENCH_ONLY (comma-separated), or every one when unset. */
export function selected(name: string): boolean {
  const only = process.env.LEDGER_BENCH_ONLY;
  if (!only) return true;
  return only
    .split(',')
    .map((entry) => entry.trim())
    .includes(name);
}

export interface MachineInfo {
  readonly at: string;
  readonly hostname: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly loadAverage: readonly number[];
  readonly node: string;
  readonly platform: string;
  readonly postgres: Record<string, string> | { readonly error: string };
}

const SERVER_SETTINGS = [
  'server_version',
  'fsync',
  'synchronous_commit',
  'wal_sync_method',
  'full_page_writes',
  'commit_delay',
  'shared_buffers',
  'max_connections',
  'shared_preload_libraries',
];

/** The machine and the PostgreSQL server settings the figures depend on. */
export async function machineInfo(): Promise<MachineInfo> {
  let postgres: MachineInfo['postgres'];
  const client = new Client({ connectionString: PG_URL });
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM unnest($1::text[]) AS name`,
      [SERVER_SETTINGS],
    );
    postgres = Object.fromEntries(rows.map((row) => [row.name, row.setting]));
  } catch (error) {
    postgres = { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
  const cpus = os.cpus();
  return {
    at: new Date().toISOString(),
    hostname: os.hostname(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    postgres,
  };
}

export function describeMachine(machine: MachineInfo): string {
  const pg =
    'error' in machine.postgres
      ? `PostgreSQL unreachable (${machine.postgres.error})`
      : `PostgreSQL ${machine.postgres.server_version}, fsync=${machine.postgres.fsync}, ` +
        `synchronous_commit=${machine.postgres.synchronous_commit}, wal_sync_method=${machine.postgres.wal_sync_method}`;
  return (
    `${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}\n` +
    `${pg}\nload average at start: ${machine.loadAverage.join(' ')}`
  );
}

export const RESULTS_DIR = path.resolve(__dirname, '..', 'results');

/** Writes the figures as JSON under bench/results/, one file per run plus `<name>-latest.json`. */
export function writeResults(name: string, results: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = JSON.stringify(results, null, 2) + '\n';
  const file = path.join(RESULTS_DIR, `${name}-${stamp}.json`);
  writeFileSync(file, json);
  writeFileSync(path.join(RESULTS_DIR, `${name}-latest.json`), json);
  return file;
}

/** A schema name no other run uses. */
export function freshSchemaName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Drops a schema the benchmark made (the benchmark cleans up after itself). */
export async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '""')}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** The connection string with `search_path` set, for clients that only write to the current schema. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}
