import {
  ANY,
  NO_STREAM,
  START as ESDB_START,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData as EsdbEventData,
  type Position as EsdbPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { ActualRevision } from '../errors';
import type { EventData, EventMetadata, NewEvent, RecordedEvent } from '../event';
import type { ExpectedRevision } from '../event-store';
import { START, type After, type Position } from '../position';

/** A resolved event that carries a recorded event and its `$all` position (every event the server reads back). */
export interface PositionedEvent {
  readonly event: NonNullable<ResolvedEvent['event']> & { readonly position: EsdbPosition };
}

export function toEsdbEvent(event: NewEvent): EsdbEventData {
  // The EventStoreDB event id is left to the client (a fresh UUID): ESDB treats a repeated id as
  // an idempotent retry, which the SQL adapters do not, and the port promises the same behaviour
  // everywhere. Our own event id travels, with everything else, in the metadata.
  return jsonEvent({ type: event.type, data: event.data, metadata: event.metadata });
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no-stream') return NO_STREAM;
  return BigInt(expected);
}

export function toActualRevision(current: bigint | 'no_stream'): ActualRevision {
  return current === 'no_stream' ? 'no-stream' : Number(current);
}

export function toEsdbPosition(after: After): EsdbPosition | typeof ESDB_START {
  return after === START ? ESDB_START : { commit: after.commit, prepare: after.prepare };
}

export function positionOf(resolved: ResolvedEvent): Position | null {
  const position = resolved.event?.position;
  return position ? { commit: position.commit, prepare: position.prepare } : null;
}

export function isPositioned(resolved: ResolvedEvent): resolved is ResolvedEvent & PositionedEvent {
  return resolved.event?.position !== undefined;
}

/**
 * A ledger event, as opposed to one EventStoreDB writes itself (a `$` event type or a `$`
 * stream): the port's global feed carries only ledger events, as it does on the SQL adapters.
 */
export function isLedgerEvent(resolved: ResolvedEvent): resolved is ResolvedEvent & PositionedEvent {
  const event = resolved.event;
  if (!isPositioned(resolved) || !event?.isJson) return false;
  return !event.type.startsWith('$') && !event.streamId.startsWith('$');
}

export function toRecordedEvent({ event }: PositionedEvent): RecordedEvent {
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: { commit: event.position.commit, prepare: event.position.prepare },
    type: event.type,
    data: event.data as EventData,
    metadata: event.metadata as unknown as EventMetadata,
  };
}
