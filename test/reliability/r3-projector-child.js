// The projections of the read-model catalog in a process of their own, as apps/projector runs
// them, with one hook for R3 (test code only, never in the product): in the projection named
// R3_KILL_PROJECTION, at its R3_KILL_AT-th batch, the process kills itself with SIGKILL either
// after the batch's rows are written but before its transaction commits (R3_KILL_MOMENT=after-rows)
// or before it writes anything, the batch before committed (before-rows). Without the hook it
// runs until every projection has reached the head, then stops gracefully.
// Uses the built libraries (npm run build, or `npm run test:r3`, which builds first).
const fs = require('node:fs');
const { openEventStore, formatPosition } = require('@pledge-ledger/event-store');
const {
  openReadStore,
  Projector,
  readModelEntities,
  readModelMigrations,
  readModelProjections,
} = require('@pledge-ledger/read-models');

const say = (line) => fs.writeSync(1, `${line}\n`); // synchronous: the line is out before SIGKILL

async function main() {
  const env = process.env;
  const killAt = Number(env.R3_KILL_AT ?? 0);
  let batches = 0;
  const projections = readModelProjections.map((projection) => ({
    name: projection.name,
    handles: projection.handles,
    tables: projection.tables,
    apply: async (events, context) => {
      const hooked = projection.name === env.R3_KILL_PROJECTION && ++batches === killAt;
      const last = formatPosition(events[events.length - 1].position);
      if (hooked && env.R3_KILL_MOMENT === 'before-rows') {
        say(`KILL ${projection.name} before-rows ${last} from ${formatPosition(runner().checkpoint)}`);
        process.kill(process.pid, 'SIGKILL');
      }
      await projection.apply(events, context);
      if (hooked) {
        say(`KILL ${projection.name} after-rows ${last} from ${formatPosition(runner().checkpoint)}`);
        process.kill(process.pid, 'SIGKILL');
        await new Promise(() => undefined);
      }
    },
  }));
  const store = await openEventStore(env.R3_EVENT_STORE);
  const readStore = await openReadStore(env.R3_READ_STORE, {
    entities: readModelEntities,
    migrations: readModelMigrations,
  });
  const projector = new Projector(store, readStore, projections, { batchSize: Number(env.R3_BATCH_SIZE ?? 5) });
  const runner = () => projector.runner(env.R3_KILL_PROJECTION);
  await projector.start();
  const head = await store.headPosition();
  await projector.waitFor(head, 30_000);
  await projector.stop();
  await readStore.close();
  await store.close();
  say(`CAUGHT UP ${formatPosition(head)}`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
