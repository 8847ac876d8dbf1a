import 'reflect-metadata';
import { withUpcasting } from '@pledge-ledger/application';
import { openEventStore, formatPosition } from '@pledge-ledger/event-store';
import {
  openReadStore,
  Projector,
  readModelEntities,
  readModelMigrations,
  readModelProjections,
} from '@pledge-ledger/read-models';
import { loadProjectorConfig, ProjectorConfigError } from './projector-config';

const USAGE = `Usage: npm run rebuild -- <projection|all>\n  projections: ${readModelProjections.map((p) => p.name).join(', ')}`;

/**
 * Rebuilds one projection, or all, from position 0 into fresh tables and swaps them in; queries
 * keep answering from the old tables meanwhile. A projector or API running the projection live
 * (another process) finds its checkpoint moved at the swap and carries on from the new one.
 */
async function main(argv: readonly string[]): Promise<number> {
  const target = argv[0];
  const names = readModelProjections.map((p) => p.name);
  if (argv.length !== 1 || target === undefined || (target !== 'all' && !names.includes(target))) {
    console.error(USAGE);
    return 64; // EX_USAGE
  }
  let config;
  try {
    config = loadProjectorConfig();
  } catch (error) {
    if (error instanceof ProjectorConfigError) {
      console.error(error.message);
      return 78;
    }
    throw error;
  }
  // Rebuilt rows must equal live ones: the same upcast events the running projections read.
  const store = withUpcasting(await openEventStore(config.eventStoreUrl));
  try {
    const readStore = await openReadStore(config.readStoreUrl, {
      entities: readModelEntities,
      migrations: readModelMigrations,
    });
    try {
      const projector = new Projector(store, readStore, readModelProjections);
      for (const name of target === 'all' ? names : [target]) {
        const started = Date.now();
        const [result] = await projector.rebuild(name);
        console.log(
          `${result.projection}: rebuilt from ${result.events} events up to position ${formatPosition(result.position)} ` +
            `in ${Date.now() - started} ms`,
        );
      }
      return 0;
    } finally {
      await readStore.close();
    }
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Rebuild failed:', error);
    process.exit(1);
  },
);
