import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import type { PostgresEventStore as EmmettEventStore } from '@event-driven-io/emmett-postgresql';
import { PostgresEventStore, SqliteEventStore } from '@pledge-ledger/event-store';
import type { NewEvent } from '@pledge-ledger/event-store';
import { Pool } from 'pg';
import { freshEmmettDatabase } from './emmett-database';
import { PG_URL, dropSchema, freshSchemaName } from './environment';
import { createRawEventsTableSql } from './raw-events-table';

/**
 * One way of appending events, opened on storage of its own (a fresh schema, a fresh file).
 * `append` takes what the previous append to the stream returned (undefined for a new stream)
 * and returns what the next one needs to state its expected version.
 */
export interface AppendContender {
  readonly name: string;
  readonly description: string;
  append(streamId: string, events: readonly NewEvent[], previous: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export type ContenderFactory = () => Promise<AppendContender>;

/** Our PostgreSQL adapter, in the way the application calls it: an exact expected revision. */
export const oursPostgres: ContenderFactory = async () => {
  const schema = freshSchemaName('bench_ours');
  const store = await PostgresEventStore.open({ connectionString: PG_URL, schema });
  return {
    name: 'ours-postgres',
    description: 'PostgresEventStore (group commit, one lock row), expected revision per append',
    append: async (streamId, events, previous) => {
      const result = await store.append(streamId, events, previous === undefined ? 'no-stream' : (previous as number));
      return result.nextRevision;
    },
    close: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
};

/** The peer: Emmett's PostgreSQL event store with its default pool, an expected version per append. */
export const emmettPostgres: ContenderFactory = async () => {
  const database = await freshEmmettDatabase('bench_emmett');
  const store: EmmettEventStore = getPostgreSQLEventStore(database.url);
  try {
    await store.schema.migrate();
  } catch (error) {
    await store.close();
    await database.drop();
    throw error;
  }
  return {
    name: 'emmett-postgres',
    description: 'Emmett 0.42 getPostgreSQLEventStore (default pool), expected stream version per append',
    append: async (streamId, events, previous) => {
      const result = await store.appendToStream(
        streamId,
        events.map((event) => ({ type: event.type, data: event.data, metadata: { ...event.metadata } })),
        { expectedStreamVersion: previous === undefined ? STREAM_DOES_NOT_EXIST : (previous as bigint) },
      );
      return result.nextExpectedStreamVersion;
    },
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
};

/**
 * The ceiling: the same rows INSERTed straight into an equivalent table, one autocommit statement
 * per append, one connection per writer, no revision check and no ordering guarantee.
 */
export function rawInsertCeiling(writers: number): ContenderFactory {
  return async () => {
    const schema = freshSchemaName('bench_raw');
    await createSchema(schema);
    const table = `"${schema}".events`;
    const pool = new Pool({ connectionString: PG_URL, max: writers });
    pool.on('error', () => undefined);
    await pool.query(createRawEventsTableSql(table));
    const single = `INSERT INTO ${table} (stream_id, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5)`;
    const many = `INSERT INTO ${table} (stream_id, revision, type, data, metadata)
       SELECT $1, $2::bigint + n - 1, type, data, metadata
       FROM ROWS FROM (unnest($3::text[]), json_array_elements($4::json), json_array_elements($5::json))
         WITH ORDINALITY AS batch (type, data, metadata, n)`;
    return {
      name: 'ceiling-raw-insert',
      description: `raw INSERT through pg, autocommit, one connection per writer (${writers})`,
      append: async (streamId, events, previous) => {
        const first = previous === undefined ? 0 : (previous as number) + 1;
        if (events.length === 1) {
          const [event] = events;
          await pool.query(single, [
            streamId,
            first,
            event.type,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata),
          ]);
        } else {
          await pool.query(many, [
            streamId,
            first,
            events.map((event) => event.type),
            `[${events.map((event) => JSON.stringify(event.data)).join(',')}]`,
            `[${events.map((event) => JSON.stringify(event.metadata)).join(',')}]`,
          ]);
        }
        return first + events.length - 1;
      },
      close: async () => {
        await pool.end();
        await dropSchema(schema);
      },
    };
  };
}

/** Our SQLite adapter on a file on disk (WAL, synchronous=FULL). */
export const oursSqlite: ContenderFactory = async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
  const store = await SqliteEventStore.open(path.join(dir, 'events.db'));
  return {
    name: 'ours-sqlite',
    description: 'SqliteEventStore, a file on disk, WAL + synchronous=FULL, group commit',
    append: async (streamId, events, previous) => {
      const result = await store.append(streamId, events, previous === undefined ? 'no-stream' : (previous as number));
      return result.nextRevision;
    },
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

async function createSchema(schema: string): Promise<void> {
  const pool = new Pool({ connectionString: PG_URL, max: 1 });
  try {
    await pool.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await pool.end();
  }
}

/** A repayment as the ledger records it: the same payload for every contender. */
export function repaymentEvents(count: number, streamId: string): NewEvent[] {
  const events: NewEvent[] = [];
  const correlationId = randomUUID();
  for (let i = 0; i < count; i++) {
    events.push({
      type: 'RepaymentReceived',
      data: {
        loanId: streamId,
        bankId: 'bank-1',
        valueDate: '2025-03-20',
        amount: '12500.00',
        interest: '10000.00',
        principal: '2500.00',
        outstandingPrincipalAfter: '997500.00',
        interestDueAfter: '0.00',
      },
      metadata: {
        eventId: randomUUID(),
        actor: { sub: 'officer-1', role: 'bank', bankId: 'bank-1' },
        correlationId,
        causationId: null,
        recordedAt: '2025-03-20T09:30:00.000Z',
        schemaVersion: 1,
      },
    });
  }
  return events;
}
