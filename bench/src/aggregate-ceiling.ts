/**
 * B3's ceiling (issue 7): the least work any load of a loan has to do on PostgreSQL. The loan's
 * rows sit in an equivalent plain table (the rows our store holds: same stream ids, revisions,
 * types, and the same data and metadata text in `json` columns, with the unique index on stream
 * and revision that B1's raw-insert ceiling has), and a load is one indexed
 *
 *   SELECT revision, type, data, metadata FROM events
 *   WHERE stream_id = $1 AND revision >= $2 ORDER BY revision
 *
 * through a node-postgres pool, prepared once (a named statement), every row's `data` and
 * `metadata` parsed by node-postgres (JSON.parse), nothing else: no fold, no decide, no hash
 * column, no stream-head bookkeeping, no snapshot lookup. Revision, type, data and metadata are
 * what an event store hands back for each event (ours and Emmett's both return the metadata, and
 * ours checks the snapshot's event id in it); the fold itself needs type and data.
 *
 * Two reads of it: `ceiling` reads all N rows (what a full fold must read), `ceiling-tail` the
 * rows after the snapshot a snapshot load starts from (revision > N - every: the 199 events after
 * a snapshot at N - 200, the worst case; all N rows when the loan is shorter than one interval and
 * has no snapshot). The snapshot itself costs the ceiling nothing (as if held in memory, which is
 * the `snapshots` load's case), and our snapshot load's extra row (the snapshot's own event, read
 * to check its id) is not in it.
 */
import type { RecordedEvent } from '@pledge-ledger/event-store';
import { Pool } from 'pg';
import { PG_URL, dropSchema, freshSchemaName } from './environment';
import { createRawEventsTableSql } from './raw-events-table';

export interface CeilingRow {
  readonly revision: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

export interface CeilingTable {
  readonly schema: string;
  /** Inserts the recorded events as rows (same revisions, types, data and metadata), 1,000 per statement. */
  write(streamId: string, events: readonly RecordedEvent[]): Promise<void>;
  /** The stream's rows from `fromRevision` on, in revision order, parsed by node-postgres. */
  read(streamId: string, fromRevision: number): Promise<readonly CeilingRow[]>;
  /** ANALYZE the table (aggregate-analyze.ts). */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

export async function openCeilingTable(): Promise<CeilingTable> {
  const schema = freshSchemaName('bench_aggregate_ceiling');
  const table = `"${schema}".events`;
  const pool = new Pool({ connectionString: PG_URL, max: 2 });
  pool.on('error', () => undefined);
  await pool.query(`CREATE SCHEMA "${schema}"`);
  await pool.query(createRawEventsTableSql(table));
  const insert = `INSERT INTO ${table} (stream_id, revision, type, data, metadata)
     SELECT $1, revision, type, data, metadata
     FROM ROWS FROM (unnest($2::bigint[]), unnest($3::text[]), json_array_elements($4::json), json_array_elements($5::json))
       AS batch (revision, type, data, metadata)`;
  const select = {
    name: 'bench-aggregate-ceiling-read',
    text: `SELECT revision, type, data, metadata FROM ${table}
           WHERE stream_id = $1 AND revision >= $2 ORDER BY revision`,
  };
  return {
    schema,
    write: async (streamId, events) => {
      for (let from = 0; from < events.length; from += 1000) {
        const batch = events.slice(from, from + 1000);
        await pool.query(insert, [
          streamId,
          batch.map((event) => event.revision),
          batch.map((event) => event.type),
          `[${batch.map((event) => JSON.stringify(event.data)).join(',')}]`,
          `[${batch.map((event) => JSON.stringify(event.metadata)).join(',')}]`,
        ]);
      }
    },
    read: async (streamId, fromRevision) =>
      (await pool.query<CeilingRow>({ ...select, values: [streamId, fromRevision] })).rows,
    analyze: async () => {
      await pool.query(`ANALYZE ${table}`);
    },
    close: async () => {
      await pool.end();
      await dropSchema(schema);
    },
  };
}
