import * as path from 'node:path';
import { parseReadStoreUrl } from '@pledge-ledger/read-models';
import { CliError, EXIT } from './cli-error';

/**
 * Which stores a command works on: the API's settings (README "Settings"), LEDGER_EVENT_STORE and
 * LEDGER_READ_STORE with their defaults under LEDGER_DATA_DIR, overridden by `--store` /
 * `--read-store`. The URL itself is parsed where the stores are opened (openEventStore,
 * openReadStore), so there is one parser per store; only the defaults are spelled here, as in
 * apps/projector's config.
 */
export function eventStoreUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = flag ?? env.LEDGER_EVENT_STORE ?? `sqlite:${path.join(dataDir(env), 'events.sqlite')}`;
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+|esdb(\+discover)?:\/\/.+|kurrentdb:\/\/.+)$/.test(url)) {
    throw new CliError(
      `Event store "${url}" is not a store URL: use sqlite:<file>, postgres://... or esdb://...`,
      EXIT.config,
    );
  }
  return url;
}

export function readStoreUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = flag ?? env.LEDGER_READ_STORE ?? `sqlite:${path.join(dataDir(env), 'read-models.sqlite')}`;
  try {
    parseReadStoreUrl(url);
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.config);
  }
  return url;
}

/** The adapter a URL names, as the export header writes it. */
export function storeKind(url: string): 'sqlite' | 'postgres' | 'esdb' {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres')) return 'postgres';
  return 'esdb';
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

function dataDir(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.LEDGER_DATA_DIR ?? './data');
}
