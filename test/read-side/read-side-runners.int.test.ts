import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  EVENT_STORE,
  openCheckpointStore,
  ProcessManagers,
  RegisterBankCommand,
  type RequestContext,
} from '@pledge-ledger/application';
import { comparePositions, START, type After, type EventStore } from '@pledge-ledger/event-store';
import {
  loadCheckpoint,
  openReadStore,
  readModelEntities,
  readModelMigrations,
  readModelProjections,
  type Projector,
} from '@pledge-ledger/read-models';
import { createLedgerApp } from '../../apps/ledger-api/src/bootstrap';
import { loadConfig } from '../../apps/ledger-api/src/config/ledger-config';
import { PROJECTOR } from '../../apps/ledger-api/src/read-side/read-side.tokens';
import { createTestSchema, type TestSchema } from '../support/postgres';

const SECRET = 'a-secret-of-thirty-two-characters!';
const admin: RequestContext = { actor: { sub: 'olga', role: 'admin' }, correlationId: 'c-1', causationId: null };
const PROJECTIONS = readModelProjections.map((p) => p.name);
const MANAGERS = ['pledging', 'fund-coverage', 'claim-payment', 'recovery-sharing', 'pledge-enforcement'];

interface Stores {
  readonly env: NodeJS.ProcessEnv;
  readonly readStoreUrl: string;
  cleanUp(): Promise<void>;
}

async function sqliteStores(): Promise<Stores> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-side-int-'));
  return {
    env: { LEDGER_DATA_DIR: dir },
    readStoreUrl: `sqlite:${path.join(dir, 'read-models.sqlite')}`,
    cleanUp: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresStores(): Promise<Stores> {
  const events: TestSchema = await createTestSchema();
  const reads: TestSchema = await createTestSchema();
  const readStoreUrl = `${reads.url}?schema=${reads.schema}`;
  return {
    env: {
      LEDGER_EVENT_STORE: `${events.url}?schema=${events.schema}`,
      LEDGER_READ_STORE: readStoreUrl,
      LEDGER_JWT_SECRET: SECRET,
    },
    readStoreUrl,
    cleanUp: async () => {
      await events.drop();
      await reads.drop();
    },
  };
}

function atOrPast(position: After, head: After): boolean {
  return comparePositions(position, head) >= 0;
}

describe.each([
  ['SQLite', sqliteStores],
  ['PostgreSQL', postgresStores],
])('the read side in the API process on %s', (_, open) => {
  let stores: Stores;
  let app: NestFastifyApplication | undefined;

  beforeEach(async () => {
    stores = await open();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await stores.cleanUp();
  });

  it('starts every projection and process manager with the app, and stops them with their checkpoints stored', async () => {
    app = await createLedgerApp(loadConfig({ ...stores.env, LOG_LEVEL: 'silent' }));
    await app.init();
    const projector = app.get<Projector>(PROJECTOR);
    const managers = app.get(ProcessManagers, { strict: false });
    expect(projector.names.sort()).toEqual([...PROJECTIONS].sort());
    expect(managers.runners.map((runner) => runner.manager.name).sort()).toEqual([...MANAGERS].sort());
    expect(managers.runners.every((runner) => runner.running)).toBe(true);

    const commands = app.get(CommandBus);
    for (const [bankId, creditCode] of [
      ['bank-a', '91440300708461136T'],
      ['bank-b', '91310000607216596U'],
    ]) {
      await commands.execute(new RegisterBankCommand({ bankId, name: `Bank ${bankId}`, creditCode }, admin));
    }
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    await projector.waitFor(head, 10_000);
    await managers.waitForAll(head, 10_000);

    await app.close();
    app = undefined;
    expect(managers.runners.some((runner) => runner.running)).toBe(false);

    // Reopened after the stop: every projection's checkpoint committed with its rows, every manager's saved.
    const readStore = await openReadStore(stores.readStoreUrl, {
      entities: readModelEntities,
      migrations: readModelMigrations,
    });
    const checkpoints = await openCheckpointStore(stores.readStoreUrl);
    try {
      for (const name of PROJECTIONS) expect(atOrPast(await loadCheckpoint(readStore.queries, name), head)).toBe(true);
      for (const name of MANAGERS) expect(atOrPast(await checkpoints.load(name), head)).toBe(true);
    } finally {
      await checkpoints.close();
      await readStore.close();
    }
  });

  it('runs neither with LEDGER_PROJECTIONS=off: the feed is left to apps/projector', async () => {
    app = await createLedgerApp(loadConfig({ ...stores.env, LOG_LEVEL: 'silent', LEDGER_PROJECTIONS: 'off' }));
    await app.init();
    expect(app.get(PROJECTOR)).toBeNull();
    await app
      .get(CommandBus)
      .execute(new RegisterBankCommand({ bankId: 'bank-a', name: 'Bank A', creditCode: '91440300708461136T' }, admin));
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Nothing followed the feed here: apps/projector would.
    const readStore = await openReadStore(stores.readStoreUrl, {
      entities: readModelEntities,
      migrations: readModelMigrations,
    });
    const checkpoints = await openCheckpointStore(stores.readStoreUrl);
    try {
      for (const name of PROJECTIONS) expect(await loadCheckpoint(readStore.queries, name)).toBe(START);
      for (const name of MANAGERS) expect(await checkpoints.load(name)).toBe(START);
    } finally {
      await checkpoints.close();
      await readStore.close();
    }
    await app.close();
    app = undefined;
  });
});
