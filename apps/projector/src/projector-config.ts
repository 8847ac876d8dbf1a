import * as path from 'node:path';
import { readSnapshotEvery } from '@pledge-ledger/application';
import { parseReadStoreUrl } from '@pledge-ledger/read-models';

/** What the projector reads: the same store settings as the API (README "Settings"). */
export interface ProjectorConfig {
  readonly eventStoreUrl: string;
  readonly readStoreUrl: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** LEDGER_PROJECTOR_HEALTH_PORT: where /health/live and /health/ready answer; unset, no listener. */
  readonly healthPort?: number;
  /** HOST: the interface of that listener (default 127.0.0.1, `0.0.0.0` in containers). */
  readonly healthHost?: string;
  /** LEDGER_SNAPSHOT_EVERY, as the API reads it: the process managers' commands write snapshots too. */
  readonly snapshotEvery: number;
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

/**
 * LEDGER_EVENT_STORE, LEDGER_READ_STORE (defaults under LEDGER_DATA_DIR, as the API's), LOG_LEVEL,
 * and LEDGER_PROJECTOR_HEALTH_PORT with HOST for its probes.
 */
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
  let health: Pick<ProjectorConfig, 'healthPort' | 'healthHost'> = {};
  const portSetting = env.LEDGER_PROJECTOR_HEALTH_PORT;
  if (portSetting !== undefined && portSetting !== '') {
    const healthPort = Number(portSetting);
    // 0 asks the system for a free port (tests); the port taken is printed at start.
    if (!Number.isInteger(healthPort) || healthPort < 0 || healthPort > 65535) {
      problems.push(`LEDGER_PROJECTOR_HEALTH_PORT="${portSetting}" must be a port number (0-65535)`);
    } else {
      health = { healthPort, healthHost: env.HOST ?? '127.0.0.1' };
    }
  }
  const snapshots = readSnapshotEvery(env);
  if ('problem' in snapshots) problems.push(snapshots.problem);
  if (problems.length > 0) throw new ProjectorConfigError(problems);
  return {
    eventStoreUrl,
    readStoreUrl,
    logLevel,
    ...health,
    snapshotEvery: 'every' in snapshots ? snapshots.every : 0,
  };
}
