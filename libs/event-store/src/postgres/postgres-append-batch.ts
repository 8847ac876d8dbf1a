import type { ClientBase } from 'pg';
import { checkExpectedRevision, validateAppend } from '../append-rules';
import { ConcurrencyError, InvalidAppendError } from '../errors';
import type { NewEvent } from '../event';
import type { AppendResult, ExpectedRevision } from '../event-store';
import { sqlPosition } from '../position';
import { serializeAppend, type SerializedAppend, type SerializedEvent } from '../serialized-append';
import { binaryIntArray, binaryTextArray, JSON_OID, TEXT_OID } from './postgres-binary-arrays';
import { SQL_GENESIS_HASH } from './postgres-migrations';
import type { PostgresTables } from './postgres-tables';

/**
 * An append checked and serialised on the caller's side, ready to join a batch. `link`: its
 * events' hashes already chained in Node onto `previous`, the hash the store remembered for the
 * expected revision (StreamHeads); the batch uses them only if the stream's last hash, read under
 * the lock, is that one, and chains in SQL otherwise.
 */
export interface PreparedAppend extends SerializedAppend {
  readonly link?: { readonly previous: string; readonly hashes: readonly string[] };
}

/** An append's result, with its stream's new last hash (for StreamHeads). */
export interface PostgresAppendResult extends AppendResult {
  readonly lastHash: string;
}

export type AppendOutcome = PostgresAppendResult | ConcurrencyError;

/**
 * Validates and serialises an append before it is queued, so what PostgreSQL could never store
 * (a payload that is not JSON, a NUL character in a text column) fails its own caller at once,
 * with an InvalidAppendError, instead of a whole batch. Each event's digest is computed here, in
 * Node and off the lock; only the link to the previous hash is left to the batch statement.
 */
export function prepareAppend(
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
): PreparedAppend {
  validateAppend(streamId, events, expectedRevision);
  refuseNul(streamId, 'stream id', streamId);
  for (const event of events) refuseNul(event.type, 'event type', streamId);
  return serializeAppend(streamId, events, expectedRevision);
}

function refuseNul(text: string, what: string, streamId: string): void {
  if (text.includes('\u0000')) {
    throw new InvalidAppendError(
      `An event for "${streamId}" has a NUL character in its ${what}: PostgreSQL text cannot hold one`,
    );
  }
}

/** An append's expected revision as the batch statement takes it: -1 no stream, -2 any. */
const NO_STREAM = -1;
const ANY = -2;

/**
 * The statements of one append transaction, up to (not including) its COMMIT:
 *
 * 1. `BEGIN` and the lock: the single global-position row, locked `FOR UPDATE` and held until the
 *    transaction ends. That is the serialisation point that makes commit order equal position
 *    order (docs/global-order.md).
 * 2. One statement that, under that lock, reads the streams' revisions, checks each append's
 *    expected revision, gives positions `last + 1, last + 2, ...` to the accepted appends' events
 *    only, chains their digests to each stream's last hash, inserts them, moves the streams'
 *    revisions, last hashes and `last`, and queues a NOTIFY. It is a later statement than the
 *    lock, so it sees every commit made before the lock was granted (READ COMMITTED takes a fresh
 *    snapshot per statement). An append's events take the hashes Node chained (StreamHeads) when
 *    they start from the stream's last hash read here, and are chained in SQL (`chain_hashes`,
 *    migration 2) otherwise.
 *
 * Since nothing between the two waits for the application, a pipelined connection sends both and
 * the COMMIT in one flight (`sendAppendBatch`). The appends must be to distinct streams (the store
 * puts a second append to a stream in a later transaction), so each is checked independently.
 *
 * Everything from the lock to the COMMIT is serial time (the next transaction waits for the lock),
 * the server reading this statement's parameters included, so the statement is kept lean: the
 * per-event parameters travel as binary arrays (postgres-binary-arrays.ts), one row per event is
 * read from them once, and each append's last hash is looked up, not searched for.
 */
function batchStatements(tables: PostgresTables, appends: readonly PreparedAppend[]) {
  const streams = new Set<string>();
  const expected: number[] = [];
  const counts: number[] = [];
  const assumed: string[] = [];
  const events: SerializedEvent[] = [];
  const owners: number[] = [];
  const linked: string[] = [];
  appends.forEach((append, i) => {
    if (streams.has(append.streamId)) {
      throw new Error(`An append batch holds two appends to "${append.streamId}": they must go in turn`);
    }
    streams.add(append.streamId);
    const revision = append.expectedRevision;
    expected.push(revision === 'no-stream' ? NO_STREAM : revision === 'any' ? ANY : revision);
    counts.push(append.events.length);
    assumed.push(append.link?.previous ?? '');
    const hashes = append.link?.hashes;
    for (let k = 0; k < append.events.length; k++) {
      events.push(append.events[k]);
      owners.push(i + 1);
      linked.push(hashes?.[k] ?? '');
    }
  });
  const lock = `BEGIN; SELECT last FROM ${tables.globalPosition} FOR UPDATE`;
  const write = {
    // Named, so each connection parses and plans it once and then only binds and runs it.
    name: `ledger_append_batch_${tables.channel}`,
    text: `WITH appends AS (
       SELECT a.idx, a.stream_id, a.n_events, a.assumed, s.revision AS current, s.last_hash,
              CASE a.expected WHEN ${ANY} THEN true WHEN ${NO_STREAM} THEN s.revision IS NULL
                   ELSE s.revision IS NOT DISTINCT FROM a.expected END AS accepted
       FROM ROWS FROM (unnest($1::text[]), unnest($2::bigint[]), unnest($3::int[]), unnest($10::text[]))
            WITH ORDINALITY AS a (stream_id, expected, n_events, assumed, idx)
       LEFT JOIN ${tables.streams} s ON s.stream_id = a.stream_id
     ), placed AS (
       SELECT *,
              sum(n_events) OVER w - n_events AS events_before,
              (SELECT last FROM ${tables.globalPosition})
                + coalesce(sum(n_events) FILTER (WHERE accepted) OVER w, 0) AS last_position
       FROM appends WINDOW w AS (ORDER BY idx)
     ), chained_in_sql AS (
       -- Accepted appends whose links Node did not compute onto the stream's actual last hash.
       SELECT c.n, c.hash FROM ${tables.chainHashes}(
         (SELECT array_agg(CASE WHEN accepted AND coalesce(last_hash, ${SQL_GENESIS_HASH}) <> assumed
                                THEN coalesce(last_hash, ${SQL_GENESIS_HASH}) END ORDER BY idx) FROM placed),
         (SELECT array_agg(coalesce(current, -1) + 1 ORDER BY idx) FROM placed),
         $3::int[], $9::text[]) AS c
     ), heads AS (
       -- Each accepted append's last hash: its last event's, from SQL or from Node.
       SELECT p.idx, coalesce(c.hash, ($11::text[])[p.events_before + p.n_events]) AS last_hash
       FROM placed p LEFT JOIN chained_in_sql c ON c.n = p.events_before + p.n_events
       WHERE p.accepted
     ), appended AS (
       INSERT INTO ${tables.events} (position, stream_id, revision, type, data, metadata, hash)
       SELECT p.last_position - p.n_events + (e.n - p.events_before),
              p.stream_id, coalesce(p.current, -1) + (e.n - p.events_before), e.type, e.data, e.metadata,
              coalesce(c.hash, e.linked)
       FROM ROWS FROM (
         unnest($4::int[]), unnest($5::text[]), unnest($6::json[]), unnest($7::json[]), unnest($11::text[])
       ) WITH ORDINALITY AS e (owner, type, data, metadata, linked, n)
       JOIN placed p ON p.idx = e.owner
       LEFT JOIN chained_in_sql c ON c.n = e.n
       WHERE p.accepted
     ), moved AS (
       INSERT INTO ${tables.streams} (stream_id, revision, last_hash)
       SELECT p.stream_id, coalesce(p.current, -1) + p.n_events, h.last_hash
       FROM placed p JOIN heads h ON h.idx = p.idx
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash
     ), counted AS (
       UPDATE ${tables.globalPosition} SET last = (SELECT max(last_position) FROM placed)
       WHERE EXISTS (SELECT FROM placed WHERE accepted)
     )
     SELECT p.idx, p.accepted, p.current, p.last_position, h.last_hash,
            (SELECT pg_notify($8, max(last_position)::text) FROM placed HAVING bool_or(accepted)) AS notified
     FROM placed p LEFT JOIN heads h ON h.idx = p.idx
     ORDER BY p.idx`,
    values: [
      appends.map((append) => append.streamId),
      expected,
      counts,
      binaryIntArray(owners),
      binaryTextArray(TEXT_OID, events, (event) => event.type),
      binaryTextArray(JSON_OID, events, (event) => event.data),
      binaryTextArray(JSON_OID, events, (event) => event.metadata),
      tables.channel,
      binaryTextArray(TEXT_OID, events, (event) => event.digest),
      assumed,
      binaryTextArray(TEXT_OID, linked, (hash) => hash),
    ],
  };
  return { lock, write };
}

interface PlacedRow {
  readonly accepted: boolean;
  readonly current: string | null;
  readonly last_position: string;
  /** Null when the append was refused. */
  readonly last_hash: string | null;
}

/** Each append's result, or its ConcurrencyError (nothing of it written), from the batch statement's rows. */
function outcomesOf(appends: readonly PreparedAppend[], rows: readonly PlacedRow[]): AppendOutcome[] {
  return appends.map((append, i): AppendOutcome => {
    const row = rows[i];
    const current = row.current === null ? null : Number(row.current);
    if (!row.accepted) {
      try {
        checkExpectedRevision(append.streamId, append.expectedRevision, current);
      } catch (error) {
        if (error instanceof ConcurrencyError) return error;
        throw error;
      }
      throw new Error(`The append batch refused "${append.streamId}" although its expected revision holds`);
    }
    return {
      nextRevision: (current ?? -1) + append.events.length,
      position: sqlPosition(row.last_position),
      lastHash: row.last_hash ?? '',
    };
  });
}

/**
 * Begins a transaction on `client`, writes a batch of appends to distinct streams in it and leaves
 * it open for the caller to COMMIT. Returns one outcome per append, in order: its result, or its
 * ConcurrencyError (nothing of it written). One statement at a time, so any client will do.
 *
 * Exported so the ordering test can hold a transaction open exactly where an append would.
 */
export async function beginAppendBatch(
  client: ClientBase,
  tables: PostgresTables,
  appends: readonly PreparedAppend[],
): Promise<AppendOutcome[]> {
  const { lock, write } = batchStatements(tables, appends);
  await client.query(lock);
  const { rows } = await client.query<PlacedRow>(write);
  return outcomesOf(appends, rows);
}

export interface SentAppendBatch {
  /** Settles once the transaction holds the append lock. */
  readonly locked: Promise<void>;
  /** Settles with the outcomes once the batch is written (not yet committed). */
  readonly outcomes: Promise<AppendOutcome[]>;
  /** Settles with the COMMIT's command tag: `COMMIT`, or `ROLLBACK` when an earlier statement failed. */
  readonly committed: Promise<string>;
}

/**
 * The whole append transaction, `beginAppendBatch` followed by COMMIT, queued at once on a client
 * created with `pipeline: true`: one flight to the server instead of a round trip per statement.
 * If a statement fails, PostgreSQL skips the rest of the transaction and the COMMIT reports
 * `ROLLBACK`: nothing of the batch was written. Every promise is already guarded against an
 * unhandled rejection; the caller awaits the ones it needs.
 */
export function sendAppendBatch(
  client: ClientBase,
  tables: PostgresTables,
  appends: readonly PreparedAppend[],
): SentAppendBatch {
  const { lock, write } = batchStatements(tables, appends);
  const locked = client.query(lock).then(() => undefined);
  const written = client.query<PlacedRow>(write);
  const committed = client.query('COMMIT').then((result) => result.command);
  for (const promise of [locked, written, committed]) promise.catch(() => undefined);
  return { locked, outcomes: written.then(({ rows }) => outcomesOf(appends, rows)), committed };
}
