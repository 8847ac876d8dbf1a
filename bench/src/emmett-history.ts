import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, schemaSQL } from '@event-driven-io/emmett-postgresql';
import { PostgresEventStore, START, type After, type RecordedEvent } from '@pledge-ledger/event-store';
import { Client } from 'pg';
import { PG_URL, dropSchema, withSearchPath } from './environment';
import type { History } from './projection-history';

/**
 * B4's history copied into Emmett's PostgreSQL event store, for the peer's rebuild: the same
 * events in a schema of its own, `bench_emmett_history_<events>_<hash>`, the hash of our cached
 * history's schema name (its size and generator hash) and of this copier's code, so a rerun finds
 * the copy and skips it and a new history makes a new copy (one is kept per size, like the history).
 *
 * How: our history is read page by page in feed order; each page is cut into runs of consecutive
 * events of one stream, and each run is one `appendToStream` with the stream's expected version
 * (`STREAM_DOES_NOT_EXIST` for a run that starts the stream, else the number of events it already
 * has: Emmett's stream versions count from 1, our revisions from 0), one after the other, so
 * Emmett's order is ours. Events are copied as they are: type, data and our metadata (event id,
 * actor, correlation and causation ids, recordedAt).
 *
 * One append at a time, not several in flight: Emmett 0.42's reader (`readMessagesBatch`) orders
 * by transaction id and then global position but pages by global position (`global_position >
 * last read`), so when concurrent appends interleave their positions, an event with a lower
 * position than the last one of a page but a later transaction is never read. With 16 appends in flight
 * the peer's rebuild met repayments of loans whose origination it had skipped (347 of the first
 * 3,000 events in Emmett's order had a higher-positioned event before them).
 */
const PAGE = 2000;

export interface EmmettHistory {
  readonly schema: string;
  readonly events: number;
  /** Seconds the copy took in this run; null when the cached copy was used. */
  readonly copiedSeconds: number | null;
}

async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Emmett's schema (its `schemaSQL`: tables, partitions, functions) created in `schema`, and its
 * functions dropped again once the work is done.
 *
 * Emmett creates each function only `IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = ...)`,
 * whatever the schema: with another Emmett schema in the database (B1's and B3's peers make
 * them), its migration skips the functions and then fails calling them (`emt_add_partition(unknown)
 * does not exist`); and functions kept in this cached schema would make every later fresh Emmett
 * schema fail the same way. So the check is made to look in the current schema only, the SQL is
 * run here (the store is opened with `autoMigration: 'None'`), and the functions live only while
 * the copy or the peer's rebuild runs.
 */
export async function createEmmettSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: withSearchPath(PG_URL, schema) });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const statement of schemaSQL)
      await client.query(
        statement.replaceAll(
          'FROM pg_proc WHERE proname = ',
          'FROM pg_proc WHERE pronamespace = current_schema()::regnamespace AND proname = ',
        ),
      );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

export async function dropEmmettFunctions(schema: string): Promise<void> {
  await withClient(async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = $1`,
      [schema],
    );
    // In one statement: some of them call others.
    if (rows.length > 0) await client.query(`DROP FUNCTION ${rows.map(({ name }) => name).join(', ')}`);
  });
}

/** The history's schema (its size and generator hash) and this copier's code: a change to either makes a new copy. */
function copyKey(history: History): string {
  return createHash('sha256')
    .update(history.schema)
    .update(readFileSync(path.join(__dirname, 'emmett-history.js')))
    .digest('hex')
    .slice(0, 12);
}

interface Run {
  readonly streamId: string;
  readonly events: RecordedEvent[];
}

/**
 * The Emmett copy of `history`, made first when it is missing (or LEDGER_BENCH_FRESH=1). Run it
 * inside `restoringPgTypeParsers` (Emmett sets node-postgres' parsers for the whole process).
 */
export async function cachedEmmettHistory(history: History, log: (line: string) => void): Promise<EmmettHistory> {
  const schema = `bench_emmett_history_${history.events}_${copyKey(history)}`;
  const done = await withClient(async (client) => {
    const exists = await client.query(`SELECT to_regclass($1) AS name`, [`"${schema}".bench_emmett_copy_done`]);
    if (exists.rows[0].name === null) return null;
    const { rows } = await client.query<{ events: string }>(
      `SELECT events::text AS events FROM "${schema}".bench_emmett_copy_done`,
    );
    return rows[0] ?? null;
  });
  if (done && process.env.LEDGER_BENCH_FRESH !== '1') {
    log(`emmett history: cached in schema ${schema} (${done.events} events)`);
    return { schema, events: Number(done.events), copiedSeconds: null };
  }
  const stale = await withClient(
    async (client) =>
      (
        await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1`, [
          `bench\\_emmett\\_history\\_${history.events}\\_%`,
        ])
      ).rows,
  );
  for (const { name } of stale) await dropSchema(name);
  await withClient((client) => client.query(`CREATE SCHEMA "${schema}"`));

  log(`emmett history: copying ${history.events} events into schema ${schema}`);
  const started = Date.now();
  const ours = await PostgresEventStore.open({ connectionString: PG_URL, schema: history.schema });
  let copied = 0;
  try {
    await createEmmettSchema(schema);
    // Emmett writes to the current schema: search_path gives it the copy's.
    const emmett = getPostgreSQLEventStore(withSearchPath(PG_URL, schema), { schema: { autoMigration: 'None' } });
    try {
      let after: After = START;
      let lastLogged = Date.now();
      for (;;) {
        const page = await ours.readAll({ after, maxCount: PAGE });
        if (page.length === 0) break;
        after = page[page.length - 1].position;
        const runs: Run[] = [];
        for (const event of page) {
          const last = runs[runs.length - 1];
          if (last && last.streamId === event.streamId) last.events.push(event);
          else runs.push({ streamId: event.streamId, events: [event] });
        }
        for (const { streamId, events } of runs) {
          const first = events[0].revision;
          await emmett.appendToStream(
            streamId,
            events.map((event) => ({ type: event.type, data: event.data, metadata: { ...event.metadata } })),
            { expectedStreamVersion: first === 0 ? STREAM_DOES_NOT_EXIST : BigInt(first) },
          );
        }
        copied += page.length;
        if (Date.now() - lastLogged > 10_000) {
          lastLogged = Date.now();
          log(`  ${copied} events copied`);
        }
      }
    } finally {
      await emmett.close();
      await dropEmmettFunctions(schema);
    }
  } finally {
    await ours.close();
  }
  if (copied !== history.events) throw new Error(`copied ${copied} events of a history of ${history.events}`);
  await withClient(async (client) => {
    await client.query(
      `CREATE TABLE "${schema}".bench_emmett_copy_done (events bigint, history text, copied_at timestamptz DEFAULT now())`,
    );
    await client.query(`INSERT INTO "${schema}".bench_emmett_copy_done VALUES ($1, $2)`, [copied, history.schema]);
    await client.query(`VACUUM ANALYZE "${schema}".emt_messages`);
  });
  const copiedSeconds = Math.round((Date.now() - started) / 100) / 10;
  log(`emmett history: ${copied} events in ${copiedSeconds} s`);
  return { schema, events: copied, copiedSeconds };
}
