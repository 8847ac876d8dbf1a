import 'reflect-metadata';
import { withUpcasting } from '@pledge-ledger/application';
import type { EventStore } from '@pledge-ledger/event-store';
import { formatPosition } from '@pledge-ledger/event-store';
import {
  openReadStore,
  Projector,
  readModelEntities,
  readModelMigrations,
  readModelProjections,
} from '@pledge-ledger/read-models';
import { CliError, EXIT } from '../cli-error';
import type { CommandOutput } from '../command-output';
import { toJson } from '../json-output';

export const PROJECTION_NAMES = readModelProjections.map((p) => p.name);

/** `all` or one projection's name; anything else is a usage error, found before any store is opened. */
export function parseProjectionTarget(target: string | undefined): string {
  const name = target ?? 'all';
  if (name !== 'all' && !PROJECTION_NAMES.includes(name)) {
    throw new CliError(`no projection named "${name}": use all or one of ${PROJECTION_NAMES.join(', ')}`, EXIT.usage);
  }
  return name;
}

/**
 * `ledger rebuild-projections [name|all]`: the read-models library's rebuild (what
 * `npm run rebuild` runs in apps/projector): each projection from position 0 into fresh tables,
 * swapped in while queries keep answering from the old ones.
 */
export async function rebuildProjectionsCommand(
  store: EventStore,
  readStoreUrl: string,
  target: string,
  json: boolean,
): Promise<CommandOutput> {
  const readStore = await openReadStore(readStoreUrl, { entities: readModelEntities, migrations: readModelMigrations });
  try {
    // The same upcast events the live projections read, so rebuilt rows equal live ones.
    const projector = new Projector(withUpcasting(store), readStore, readModelProjections);
    const rebuilt = [];
    for (const name of target === 'all' ? PROJECTION_NAMES : [target]) {
      const [result] = await projector.rebuild(name);
      rebuilt.push({ projection: result.projection, events: result.events, position: formatPosition(result.position) });
    }
    return {
      exitCode: EXIT.ok,
      text: json
        ? toJson({ rebuilt })
        : rebuilt
            .map((r) => `${r.projection}: rebuilt from ${r.events} events up to position ${r.position}`)
            .join('\n'),
    };
  } finally {
    await readStore.close();
  }
}
