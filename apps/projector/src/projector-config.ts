import * as path from 'node:path';
import { parseReadStoreUrl } from '@pledge-ledger/read-models';

/** What the projector reads: the same store settings as the API (README "Settings"). */
export interface ProjectorConfig {
  readonly eventStoreUrl: string;
  readonly readStoreUrl: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

const LOG_LEVELS: readonly ProjectorConfig['logLevel'][] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];
const EVENT_STORE_SCHEMES = ['sqlite:', 'postgres:', 'postgresql:', 'esdb:', 'esdb+discover:', 'kurrentdb:'];

export class ProjectorConfigError extends Error {
  override readonly name = 'ProjectorConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** LEDGER_EVENT_STORE, LEDGER_READ_STORE (defaults under LEDGER_DATA_DIR, as the API's) and LOG_LEVEL. */
export function loadProjectorConfig(env: NodeJS.ProcessEnv = process.env): ProjectorConfig {
  const problems: string[] = [];
  const dataDir = path.resolve(env.LEDGER_DATA_DIR ?? './data');
  const eventStoreUrl = env.LEDGER_EVENT_STORE ?? `sqlite:${path.join(dataDir, 'events.sqlite')}`;
  const scheme = /^[a-z+]+:/.exec(eventStoreUrl)?.[0];
  if (!scheme || !EVENT_STORE_SCHEMES.includes(scheme) || eventStoreUrl === 'sqlite:') {
    problems.push(`LEDGER_EVENT_STORE="${eventStoreUrl}" must be sqlite:<file>, postgres://... or esdb://...`);
  }
  const readStoreUrl = env.LEDGER_READ_STORE ?? `sqlite:${path.join(dataDir, 'read-models.sqlite')}`;
  try {
    parseReadStoreUrl(readStoreUrl);
  } catch (error) {
    problems.push(`LEDGER_READ_STORE="${readStoreUrl}": ${(error as Error).message}`);
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as ProjectorConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL="${env.LOG_LEVEL}" must be one of ${LOG_LEVELS.join(', ')}`);
  if (problems.length > 0) throw new ProjectorConfigError(problems);
  return { eventStoreUrl, readStoreUrl, logLevel };
}
