import { escapeLiteral } from 'pg';
import type { ClientBase, QueryResult } from 'pg';
import { checkExpectedRevision, validateAppend } from '../append-rules';
import { ConcurrencyError, InvalidAppendError } from '../errors';
import type { NewEvent } from '../event';
import type { AppendResult, ExpectedRevision } from '../event-store';
import { sqlPosition } from '../position';
import type { PostgresTables } from './postgres-tables';

/** An append checked and serialised on the caller's side, ready to join a batch. */
export interface PreparedAppend {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly { readonly type: string; readonly data: string; readonly metadata: string }[];
}

export type AppendOutcome = AppendResult | ConcurrencyError;

/**
 * Validates and serialises an append before it is queued, so what PostgreSQL could never store
 * (a payload that is not JSON, a NUL character in a text column) fails its own caller at once,
 * with an InvalidAppendError, instead of a whole batch.
 */
export function prepareAppend(
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
): PreparedAppend {
  validateAppend(streamId, events, expectedRevision);
  refuseNul(streamId, 'stream id', streamId);
  for (const event of events) refuseNul(event.type, 'event type', streamId);
  return {
    streamId,
    expectedRevision,
    events: events.map((event) => ({
      type: event.type,
      data: toJson(event.data, streamId, 'data'),
      metadata: toJson(event.metadata, streamId, 'metadata'),
    })),
  };
}

function refuseNul(text: string, what: string, streamId: string): void {
  if (text.includes('\u0000')) {
    throw new InvalidAppendError(
      `An event for "${streamId}" has a NUL character in its ${what}: PostgreSQL text cannot hold one`,
    );
  }
}

function toJson(value: unknown, streamId: string, what: string): string {
  const json = JSON.stringify(value);
  if (typeof json !== 'string' || !json.startsWith('{')) {
    throw new InvalidAppendError(`An event for "${streamId}" has ${what} that is not a JSON object`);
  }
  return json;
}

/**
 * Begins a transaction on `client`, writes a batch of appends in it and leaves it open for the
 * caller to COMMIT. Returns one outcome per append, in order: its result, or its ConcurrencyError
 * (nothing of it written).
 *
 * It first locks the single global-position row, held until the transaction ends: that is the
 * serialisation point that makes commit order equal position order (docs/global-order.md). Only
 * then does it read the streams' revisions, in a later statement, so it sees every commit made
 * before it got the lock (READ COMMITTED takes a fresh snapshot per statement).
 *
 * Exported so the ordering test can hold a transaction open exactly where an append would.
 */
export async function beginAppendBatch(
  client: ClientBase,
  tables: PostgresTables,
  appends: readonly PreparedAppend[],
): Promise<AppendOutcome[]> {
  const streamIds = [...new Set(appends.map((append) => append.streamId))];
  // One round trip for BEGIN, the lock and the read, while the lock is held by nobody else:
  // the simple protocol carries several statements but no parameters, hence the escaped literals.
  const results = (await client.query(
    `BEGIN;
     SELECT last FROM ${tables.globalPosition} FOR UPDATE;
     SELECT stream_id, revision FROM ${tables.streams} WHERE stream_id IN (${streamIds.map(escapeLiteral).join(', ')})`,
  )) as unknown as [QueryResult, QueryResult<{ last: string }>, QueryResult<{ stream_id: string; revision: string }>];
  const first = BigInt(results[1].rows[0].last);
  let last = first;
  const current = new Map<string, number | null>(streamIds.map((id) => [id, null]));
  for (const row of results[2].rows) current.set(row.stream_id, Number(row.revision));

  const columns = {
    streamIds: [] as string[],
    revisions: [] as number[],
    types: [] as string[],
    data: [] as string[],
    metadata: [] as string[],
  };
  const written = new Map<string, number>();
  const outcomes = appends.map((append): AppendOutcome => {
    const revisionBefore = current.get(append.streamId) ?? null;
    try {
      checkExpectedRevision(append.streamId, append.expectedRevision, revisionBefore);
    } catch (error) {
      if (error instanceof ConcurrencyError) return error;
      throw error;
    }
    let revision = revisionBefore ?? -1;
    for (const event of append.events) {
      last += 1n;
      revision += 1;
      columns.streamIds.push(append.streamId);
      columns.revisions.push(revision);
      columns.types.push(event.type);
      columns.data.push(event.data);
      columns.metadata.push(event.metadata);
    }
    // Later appends of this batch to the same stream are checked against this one.
    current.set(append.streamId, revision);
    written.set(append.streamId, revision);
    return { nextRevision: revision, position: sqlPosition(last) };
  });
  if (last === first) return outcomes;

  // One statement, one round trip, a fixed parameter count whatever the batch size. Payloads
  // travel as one JSON array each, split by json_array_elements, which hands back every element's
  // exact text: far cheaper than a json[] literal, whose escaping costs pg ~0.4 s per megabyte.
  await client.query(
    `WITH appended AS (
       INSERT INTO ${tables.events} (position, stream_id, revision, type, data, metadata)
       SELECT $1::bigint + n, stream_id, revision, type, data, metadata
       FROM ROWS FROM (
         unnest($2::text[]), unnest($3::bigint[]), unnest($4::text[]),
         json_array_elements($5::json), json_array_elements($6::json)
       ) WITH ORDINALITY AS batch (stream_id, revision, type, data, metadata, n)
     ), moved AS (
       INSERT INTO ${tables.streams} (stream_id, revision)
       SELECT * FROM unnest($7::text[], $8::bigint[])
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision
     ), counted AS (
       UPDATE ${tables.globalPosition} SET last = $9::bigint
     )
     SELECT pg_notify($10, $9::bigint::text)`,
    [
      first.toString(),
      columns.streamIds,
      columns.revisions,
      columns.types,
      `[${columns.data.join(',')}]`,
      `[${columns.metadata.join(',')}]`,
      [...written.keys()],
      [...written.values()],
      last.toString(),
      tables.channel,
    ],
  );
  return outcomes;
}
