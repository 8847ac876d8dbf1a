import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PostgresEventStore, SqliteEventStore, type EventStore, type NewEvent } from '@pledge-ledger/event-store';
import { createTestSchema, type TestSchema } from '../../../../test/support/postgres';
import { readModelEntities, readModelMigrations } from '../read-model-catalog';
import { openReadStore } from '../read-store/open-read-store';
import type { Dialect, ReadStore } from '../read-store/read-store';

export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

/** An event store and a read store of one dialect, each in its own file or schema, dropped at the end. */
export class ReadModelFixture {
  private readonly readStores: ReadStore[] = [];

  private constructor(
    readonly dialect: Dialect,
    readonly events: EventStore,
    readonly readStoreUrl: string,
    private readonly cleanUp: () => Promise<void>,
  ) {}

  static async create(dialect: Dialect): Promise<ReadModelFixture> {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(path.join(tmpdir(), 'read-models-'));
      const events = await SqliteEventStore.open(path.join(dir, 'events.db'), { pollMs: 50 });
      return new ReadModelFixture(dialect, events, `sqlite:${path.join(dir, 'read.db')}`, async () =>
        rmSync(dir, { recursive: true, force: true }),
      );
    }
    const schemas: TestSchema[] = [await createTestSchema(), await createTestSchema()];
    const [eventSchema, readSchema] = schemas;
    const events = await PostgresEventStore.open({ connectionString: eventSchema.url, schema: eventSchema.schema });
    const url = new URL(readSchema.url);
    url.searchParams.set('schema', readSchema.schema);
    return new ReadModelFixture(dialect, events, url.toString(), async () => {
      for (const schema of schemas) await schema.drop();
    });
  }

  /** Opens (and migrates) another connection to the same read store, closed by `close()`. */
  async openReadStore(): Promise<ReadStore> {
    const store = await openReadStore(this.readStoreUrl, {
      entities: readModelEntities,
      migrations: readModelMigrations,
    });
    this.readStores.push(store);
    return store;
  }

  async close(): Promise<void> {
    for (const store of this.readStores) await store.close().catch(() => undefined);
    await this.events.close();
    await this.cleanUp();
  }
}

export function event(type: string, recordedAt = new Date().toISOString()): NewEvent {
  return {
    type,
    data: { note: type },
    metadata: {
      eventId: randomUUID(),
      actor: { sub: 'tester', role: 'admin' },
      correlationId: randomUUID(),
      causationId: null,
      recordedAt,
      schemaVersion: 1,
    },
  };
}

/**
 * `writers` concurrent writers each append `appendsPerWriter` appends of one to three events to
 * streams picked among `streams` (`loan-0`, `ip-1`, `bank-2`...). Returns how many events were appended.
 */
export async function appendConcurrently(
  store: EventStore,
  options: { writers: number; appendsPerWriter: number; streams: number },
): Promise<number> {
  const prefixes = ['loan', 'ip', 'bank', 'enterprise', 'claim'];
  let appended = 0;
  await Promise.all(
    Array.from({ length: options.writers }, async (_, writer) => {
      for (let i = 0; i < options.appendsPerWriter; i++) {
        const n = (writer * 7919 + i * 104729) % options.streams;
        const size = 1 + ((writer + i) % 3);
        const batch = Array.from({ length: size }, (_unused, k) => event(`Thing${(i + k) % 4}Happened`));
        await store.append(`${prefixes[n % prefixes.length]}-${n}`, batch, 'any');
        appended += batch.length;
      }
    }),
  );
  return appended;
}
