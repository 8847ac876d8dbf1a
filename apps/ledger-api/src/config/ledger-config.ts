import * as path from 'node:path';

/**
 * Every setting the ledger reads, validated once at start. A wrong value stops the process
 * with a message naming the setting (see README "Settings").
 */
export interface LedgerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly eventStoreUrl: string;
  readonly readStoreUrl: string;
  readonly logLevel: LogLevel;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const EVENT_STORE_SCHEMES = ['sqlite:', 'postgres:', 'postgresql:', 'esdb:', 'esdb+discover:', 'kurrentdb:'];
const READ_STORE_SCHEMES = ['sqlite:', 'postgres:', 'postgresql:'];

function checkStoreUrl(name: string, value: string, schemes: readonly string[], problems: string[]): void {
  const scheme = /^[a-z+]+:/.exec(value)?.[0];
  if (!scheme || !schemes.includes(scheme)) {
    problems.push(`${name}="${value}" must start with one of ${schemes.join(', ')} (e.g. sqlite:./data/events.sqlite)`);
    return;
  }
  if (scheme === 'sqlite:' && value.length === 'sqlite:'.length) problems.push(`${name}="${value}" names no file`);
  if (scheme !== 'sqlite:') {
    try {
      new URL(value);
    } catch {
      problems.push(`${name}="${value}" is not a valid URL`);
    }
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const problems: string[] = [];

  const portText = env.PORT ?? '3000';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) problems.push(`PORT="${portText}" must be a whole number from 1 to 65535`);

  const host = env.HOST ?? '127.0.0.1';
  if (host.trim() === '') problems.push('HOST must not be empty');

  const dataDir = path.resolve(env.LEDGER_DATA_DIR ?? './data');
  if ((env.LEDGER_DATA_DIR ?? 'x').trim() === '') problems.push('LEDGER_DATA_DIR must not be empty');

  const eventStoreUrl = env.LEDGER_EVENT_STORE ?? `sqlite:${path.join(dataDir, 'events.sqlite')}`;
  checkStoreUrl('LEDGER_EVENT_STORE', eventStoreUrl, EVENT_STORE_SCHEMES, problems);

  const readStoreUrl = env.LEDGER_READ_STORE ?? `sqlite:${path.join(dataDir, 'read-models.sqlite')}`;
  checkStoreUrl('LEDGER_READ_STORE', readStoreUrl, READ_STORE_SCHEMES, problems);

  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL="${env.LOG_LEVEL}" must be one of ${LOG_LEVELS.join(', ')}`);

  if (problems.length > 0) throw new ConfigError(problems);
  return { port, host, dataDir, eventStoreUrl, readStoreUrl, logLevel };
}
