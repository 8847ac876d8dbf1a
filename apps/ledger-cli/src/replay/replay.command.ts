import type { EventStore, Position, RecordedEvent } from '@pledge-ledger/event-store';
import { comparePositions, formatPosition, parsePosition } from '@pledge-ledger/event-store';
import { CliError, EXIT } from '../cli-error';
import type { CommandOutput } from '../command-output';
import { toJson } from '../json-output';
import { AGGREGATE_NAMES, AGGREGATES, type AggregateName } from './aggregates';

/** Where a replay stops: a global position (the event at it included) or a moment (recordedAt at or before it). */
export type AsOf = { readonly position: Position } | { readonly time: string };

const POSITION = /^\d{1,20}(?:\/\d{1,20})?$/;
/** A full timestamp with its zone: a bare date is ambiguous (its start or its end?). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function parseAsOf(text: string): AsOf {
  if (POSITION.test(text)) return { position: parsePosition(text) as Position };
  if (INSTANT.test(text) && !Number.isNaN(Date.parse(text))) return { time: new Date(Date.parse(text)).toISOString() };
  throw new CliError(
    `--as-of "${text}" must be a position ("42", or "42/40" on EventStoreDB) or an ISO-8601 time with its zone ("2026-03-01T12:00:00Z")`,
    EXIT.usage,
  );
}

export function parseAggregate(text: string | undefined): AggregateName {
  if (text === undefined || !AGGREGATE_NAMES.includes(text as AggregateName)) {
    throw new CliError(`--aggregate must be one of ${AGGREGATE_NAMES.join(', ')}`, EXIT.usage);
  }
  return text as AggregateName;
}

/**
 * `ledger replay --aggregate <name> --id <id> --as-of <position|time>`: the aggregate's state
 * folded with the domain's own evolve from its first event up to the last one inside asOf. A
 * moment ends the history just before the first event recorded after it (never skipping one), so
 * the state shown is one that existed.
 */
export async function replayCommand(
  store: EventStore,
  aggregate: AggregateName,
  id: string,
  asOf: AsOf,
  json: boolean,
): Promise<CommandOutput> {
  const { decider, streamId: streamIdOf } = AGGREGATES[aggregate];
  const streamId = streamIdOf(id);
  const events = await store.readStream(streamId);
  if (events.length === 0) throw new CliError(`no ${aggregate} "${id}" (stream ${streamId} does not exist)`);
  const within = isWithin(asOf);
  let state = decider.initialState;
  let last: RecordedEvent | null = null;
  for (const event of events) {
    if (!within(event)) break;
    state = decider.evolve(state, { type: event.type, data: event.data });
    last = event;
  }
  const asOfText = 'position' in asOf ? formatPosition(asOf.position) : asOf.time;
  const result = {
    aggregate,
    id,
    streamId,
    asOf: asOfText,
    revision: last?.revision ?? null,
    position: last ? formatPosition(last.position) : null,
    eventsApplied: last ? last.revision + 1 : 0,
    eventsInStream: events.length,
    state,
  };
  if (json) return { exitCode: EXIT.ok, text: toJson(result) };
  const stopped = last
    ? `revision ${last.revision} at position ${formatPosition(last.position)} (${result.eventsApplied} of ${events.length} events)`
    : `before its first event (0 of ${events.length} events)`;
  return { exitCode: EXIT.ok, text: `${aggregate} ${id} as of ${asOfText}: ${stopped}\n${toJson(state, 2)}` };
}

function isWithin(asOf: AsOf): (event: RecordedEvent) => boolean {
  if ('position' in asOf) return (event) => comparePositions(event.position, asOf.position) <= 0;
  const limit = Date.parse(asOf.time);
  return (event) => Date.parse(event.metadata.recordedAt) <= limit;
}
