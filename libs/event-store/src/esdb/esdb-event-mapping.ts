import {
  START as ESDB_START,
  jsonEvent,
  type EventData as EsdbEventData,
  type Position as EsdbPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { ActualRevision } from '../errors';
import type { EventData, EventMetadata, RecordedEvent } from '../event';
import { START, type After, type Position } from '../position';
import type { SerializedEvent } from '../serialized-append';

/** A resolved event that carries a recorded event and its `$all` position (every event the server reads back). */
export interface PositionedEvent {
  readonly event: NonNullable<ResolvedEvent['event']> & { readonly position: EsdbPosition };
}

/**
 * Where the hash lives. EventStoreDB cannot compute it, and its events have no column for it, so
 * it travels in the ESDB event's metadata as one extra key beside ours: `{ ...metadata, $hash }`.
 * `$` marks it as the store's own (our EventMetadata has no `$` key, the way ESDB's `$correlationId`
 * is its own), and a read strips it, so callers see exactly the metadata they appended. Events
 * written before hash chains have no `$hash` and read with `hash: ''` (EventStoreDB events cannot
 * be rewritten, so unlike the SQL stores they are never backfilled; verifyChains reports them).
 */
export const HASH_KEY = '$hash';

/** An event as sent to the server: our JSON text parsed back (what its digest covers) and its hash. */
export function toEsdbEvent(event: SerializedEvent, hash: string): EsdbEventData {
  // The EventStoreDB event id is left to the client (a fresh UUID): ESDB treats a repeated id as
  // an idempotent retry, which the SQL adapters do not, and the port promises the same behaviour
  // everywhere. Our own event id travels, with everything else, in the metadata.
  const metadata = JSON.parse(event.metadata) as Record<string, unknown>;
  return jsonEvent({
    type: event.type,
    data: JSON.parse(event.data) as EventData,
    metadata: { ...metadata, [HASH_KEY]: hash },
  });
}

/** The hash stored with a resolved event, or '' when it predates hash chains. */
export function hashOf(resolved: ResolvedEvent): string {
  const metadata = resolved.event?.metadata as Record<string, unknown> | undefined;
  const hash = metadata?.[HASH_KEY];
  return typeof hash === 'string' ? hash : '';
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
  const { [HASH_KEY]: hash, ...metadata } = (event.metadata ?? {}) as Record<string, unknown>;
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: { commit: event.position.commit, prepare: event.position.prepare },
    type: event.type,
    data: event.data as EventData,
    metadata: metadata as unknown as EventMetadata,
    hash: typeof hash === 'string' ? hash : '',
  };
}
