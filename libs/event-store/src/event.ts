import type { Position } from './position';

/** Who caused an event. Every event names a person (`sub`) and the role they acted in. */
export interface Actor {
  readonly sub: string;
  readonly role: string;
  readonly bankId?: string;
  readonly enterpriseId?: string;
}

/** Metadata recorded with every event (DESIGN.md section 3). */
export interface EventMetadata {
  readonly eventId: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** ISO-8601 timestamp of the clock that recorded the event; business dates live in `data`. */
  readonly recordedAt: string;
  readonly schemaVersion: number;
  /**
   * The request that decided this event, when it came with an Idempotency-Key: a hash of the
   * caller and the key. A retry of a request whose answer was lost (its process died after the
   * append) finds its events by it instead of deciding again.
   */
  readonly commandId?: string;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type EventData = { [key: string]: JsonValue };

export interface NewEvent<Type extends string = string, Data extends EventData = EventData> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data extends EventData = EventData> extends NewEvent<
  Type,
  Data
> {
  readonly streamId: string;
  /** 0-based revision of the event in its stream. */
  readonly revision: number;
  readonly position: Position;
  /**
   * Tamper evidence: sha256 chained over the stream's previous event (hash-chain.ts). Computed by
   * the store when the event is appended, never by the caller.
   */
  readonly hash: string;
}
