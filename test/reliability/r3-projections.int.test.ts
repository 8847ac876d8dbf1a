import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import {
  formatPosition,
  openEventStore,
  parsePosition,
  PostgresEventStore,
  type NewEvent,
  type RecordedEvent,
} from '@pledge-ledger/event-store';
// The adapter's own way to hold an append transaction open, as its ordering test does.
import { beginAppendBatch, prepareAppend } from '../../libs/event-store/src/postgres/postgres-append-batch';
import { postgresTables } from '../../libs/event-store/src/postgres/postgres-tables';
import {
  loadCheckpoint,
  openReadStore,
  ProjectionRunner,
  Projector,
  readModelEntities,
  readModelMigrations,
  readModelProjections,
  type Projection,
} from '@pledge-ledger/read-models';
import { createLedgerApp } from '../../apps/ledger-api/src/bootstrap';
import { loadConfig } from '../../apps/ledger-api/src/config/ledger-config';
import { createTestSchema, type TestSchema } from '../support/postgres';
import { snapshotReadModels } from './r1-checks';
import { R1_JWT_SECRET, r1Queues, sendQueues, setUpR1World } from './r1-load';

const CHILD = path.join(__dirname, 'r3-projector-child.js');

interface Stores {
  /** The event store the history is written to and projected from. */
  readonly eventStoreUrl: string;
  /** The API's own read store while it writes the history (the projections under test start empty). */
  readonly apiReadStoreUrl: string;
  /** The read store the projections under test write. */
  readonly readStoreUrl: string;
  cleanUp(): Promise<void>;
}

async function sqliteStores(): Promise<Stores> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'r3-'));
  return {
    eventStoreUrl: `sqlite:${path.join(dir, 'events.sqlite')}`,
    apiReadStoreUrl: `sqlite:${path.join(dir, 'api-reads.sqlite')}`,
    readStoreUrl: `sqlite:${path.join(dir, 'reads.sqlite')}`,
    cleanUp: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresStores(): Promise<Stores> {
  const schemas: TestSchema[] = [await createTestSchema(), await createTestSchema(), await createTestSchema()];
  const [events, apiReads, reads] = schemas.map((s) => `${s.url}?schema=${s.schema}`);
  return {
    eventStoreUrl: events,
    apiReadStoreUrl: apiReads,
    readStoreUrl: reads,
    cleanUp: async () => {
      for (const schema of schemas) await schema.drop();
    },
  };
}

/** A real history through the API: a bank, an enterprise, two disbursed loans, repayments and registrations. */
async function writeHistory(stores: Stores): Promise<void> {
  const app = await createLedgerApp(
    loadConfig({
      LEDGER_EVENT_STORE: stores.eventStoreUrl,
      LEDGER_READ_STORE: stores.apiReadStoreUrl,
      LEDGER_JWT_SECRET: R1_JWT_SECRET,
      LOG_LEVEL: 'silent',
    }),
  );
  try {
    await app.listen(0, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const queues = r1Queues(await setUpR1World(baseUrl, 2), 6);
    await sendQueues(baseUrl, queues);
    expect(queues.flat().every((command) => command.state === 'acknowledged')).toBe(true);
  } finally {
    await app.close();
  }
}

interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

async function runChild(stores: Stores, hook: Record<string, string> = {}): Promise<ChildRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CHILD], {
      env: { ...process.env, R3_EVENT_STORE: stores.eventStoreUrl, R3_READ_STORE: stores.readStoreUrl, ...hook },
    });
    return { code: 0, signal: null, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };
    return { code: failed.code, signal: failed.signal, output: `${failed.stdout}${failed.stderr}` };
  }
}

async function storedCheckpoint(readStoreUrl: string, projection: string): Promise<string> {
  const readStore = await openReadStore(readStoreUrl, { entities: readModelEntities, migrations: readModelMigrations });
  try {
    return formatPosition(await loadCheckpoint(readStore.queries, projection));
  } finally {
    await readStore.close();
  }
}

/**
 * R3: a projection killed (SIGKILL, its own process) between writing a batch's rows and committing
 * them with its checkpoint, and killed again between two batches, then restarted: nothing skipped,
 * nothing applied twice, i.e. its tables equal a rebuild from position 0.
 */
describe.each([
  ['SQLite', sqliteStores],
  ['PostgreSQL', postgresStores],
])('R3: projections killed mid-batch on %s', (_, open) => {
  let stores: Stores;

  beforeAll(async () => {
    stores = await open();
    await writeHistory(stores);
  });

  afterAll(async () => {
    await stores?.cleanUp();
  });

  it('resume after SIGKILL with no effect skipped or doubled: the tables equal a rebuild', async () => {
    for (const [projection, moment, at] of [
      ['journal', 'after-rows', '3'],
      ['loan-view', 'after-rows', '2'],
      ['bank-portfolio', 'before-rows', '2'],
    ] as const) {
      const killed = await runChild(stores, {
        R3_KILL_PROJECTION: projection,
        R3_KILL_MOMENT: moment,
        R3_KILL_AT: at,
        R3_BATCH_SIZE: '5',
      });
      expect(killed.signal).toBe('SIGKILL');
      const said = new RegExp(`KILL ${projection} ${moment} (\\d+) from (\\w+)`).exec(killed.output);
      expect(said).not.toBeNull();
      // The killed batch's rows went with its checkpoint: the stored one is where that batch began.
      expect(await storedCheckpoint(stores.readStoreUrl, projection)).toBe(said![2]);
    }

    const resumed = await runChild(stores);
    expect(resumed).toMatchObject({ code: 0, output: expect.stringContaining('CAUGHT UP') });
    const live = await snapshotReadModels(stores.readStoreUrl);
    expect(live.loan_view).toHaveLength(2);
    expect(live.journal_entries.length).toBeGreaterThan(0);

    const store = await openEventStore(stores.eventStoreUrl);
    const readStore = await openReadStore(stores.readStoreUrl, {
      entities: readModelEntities,
      migrations: readModelMigrations,
    });
    try {
      await new Projector(store, readStore, readModelProjections).rebuild();
    } finally {
      await readStore.close();
      await store.close();
    }
    expect(await snapshotReadModels(stores.readStoreUrl)).toEqual(live);
  });
});

function newEvent(type: string, n: number): NewEvent {
  const eventId = `r3-${type}-${n}-${Math.random().toString(36).slice(2)}`;
  return {
    type,
    data: { n },
    metadata: {
      eventId,
      actor: { sub: 'r3', role: 'admin' },
      correlationId: eventId,
      causationId: null,
      recordedAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  };
}

/**
 * R3 on PostgreSQL: an append transaction held open while later appends wait to commit. The
 * event-store level of this (a subscriber never skips or reorders) is
 * libs/event-store/src/postgres/postgres-event-store.int.test.ts ("global order"); here it is the
 * projection runner, checkpoints and all, that must see every event once and in order. This
 * adapter serialises appends (docs/global-order.md), so the later appends wait behind the held one
 * instead of committing first; a reader that followed positions naively would still be exposed
 * if that ever changed, and this test would say so.
 */
describe('R3: a projection behind an append transaction held open (PostgreSQL)', () => {
  const schemas: TestSchema[] = [];

  afterAll(async () => {
    for (const schema of schemas) await schema.drop();
  });

  it('applies every event exactly once, in global order, the held one included', async () => {
    const [events, reads] = [await createTestSchema(), await createTestSchema()];
    schemas.push(events, reads);
    const writer = await PostgresEventStore.open({ connectionString: events.url, schema: events.schema });
    const feed = await PostgresEventStore.open({ connectionString: events.url, schema: events.schema });
    const readStore = await openReadStore(`${reads.url}?schema=${reads.schema}`, {
      entities: readModelEntities,
      migrations: readModelMigrations,
    });
    const seen: RecordedEvent[] = [];
    const recorder: Projection = {
      name: 'r3-recorder',
      handles: 'all',
      tables: {},
      apply: async (batch) => {
        seen.push(...batch);
      },
    };
    const runner = new ProjectionRunner(feed, readStore, recorder, { batchSize: 7 });
    const until = async (done: () => boolean): Promise<void> => {
      const deadline = Date.now() + 20_000;
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const held = new Client({ connectionString: events.url });
    try {
      await runner.start();
      const written: string[] = [];
      const append = (streamId: string, n: number) => {
        const event = newEvent('Appended', n);
        written.push(event.metadata.eventId);
        return writer.append(streamId, [event], 'any');
      };
      await Promise.all(Array.from({ length: 20 }, (_, n) => append(`before-${n % 4}`, n)));
      await until(() => seen.length === 20);
      expect(seen).toHaveLength(20);

      await held.connect();
      const heldEvent = newEvent('Held', 20);
      written.push(heldEvent.metadata.eventId);
      await beginAppendBatch(held, postgresTables(events.schema), [prepareAppend('held', [heldEvent], 'no-stream')]);
      const later = Array.from({ length: 20 }, (_, n) => append(`after-${n % 4}`, 21 + n));
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Nothing after the held transaction may be applied, or stored as the checkpoint, before it commits.
      expect(seen).toHaveLength(20);
      expect(formatPosition(runner.checkpoint)).toBe('20');

      await held.query('COMMIT');
      await Promise.all(later);
      await until(() => seen.length >= 41);
      await new Promise((resolve) => setTimeout(resolve, 200)); // anything delivered twice would show now
      expect(seen.map((event) => formatPosition(event.position))).toEqual(
        Array.from({ length: 41 }, (_, i) => String(i + 1)),
      );
      expect(new Set(seen.map((event) => event.metadata.eventId))).toEqual(new Set(written));
      expect(seen[20].type).toBe('Held');
      expect(formatPosition(await loadCheckpoint(readStore.queries, 'r3-recorder'))).toBe('41');
      expect(parsePosition('41')).toEqual(runner.checkpoint);
    } finally {
      await held.end().catch(() => undefined);
      await runner.stop();
      await readStore.close();
      await feed.close();
      await writer.close();
    }
  });
});
