import { randomUUID } from 'node:crypto';
import { DomainError, ledgerEventSchemas, type Command, type Decider, type DomainEvent } from '@pledge-ledger/domain';
import type {
  EventData,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  RecordedEvent,
} from '@pledge-ledger/event-store';
import { ConcurrencyError } from '@pledge-ledger/event-store';
import type { Snapshots } from './snapshots/snapshots';

/** Why a command happened: the request or the event that caused it. */
export interface CommandCause {
  readonly correlationId: string;
  /** Id of the event (process managers) or request that caused this command; null for a person's own request. */
  readonly causationId: string | null;
  /** The Idempotency-Key's command id, recorded on every event (EventMetadata.commandId). */
  readonly commandId?: string;
}

export interface LoadedAggregate<S> {
  readonly state: S;
  /** Revision of the stream's last event, or null when the stream does not exist. */
  readonly revision: number | null;
}

export interface CommandResult {
  readonly streamId: string;
  /** The stream's revision after the command (unchanged when it decided no events). */
  readonly revision: number | null;
  /** Global position of the last event written; null when the command decided no events. */
  readonly position: Position | null;
  readonly events: readonly DomainEvent[];
}

/** The state and revision `executeCommand` decides on, and the snapshot revision they were folded from. */
interface Folded<S> extends LoadedAggregate<S> {
  /** Revision of the snapshot the state was restored from; null when the whole stream was folded. */
  readonly snapshotRevision: number | null;
}

function foldOnto<E extends DomainEvent, S>(
  decider: Pick<Decider<never, E, S>, 'evolve'>,
  state: S,
  events: readonly RecordedEvent[],
): S {
  for (const event of events) state = decider.evolve(state, { type: event.type, data: event.data } as unknown as E);
  return state;
}

/**
 * From the stream's snapshot when `snapshots` covers the decider and has a usable one, else from
 * the first event. The events after a snapshot are read from its own revision on: the first one
 * read must be the very event the snapshot was folded up to (same id), or the snapshot belongs to
 * another history of this stream id and the whole stream is folded instead.
 */
async function fold<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  snapshots: Snapshots | null | undefined,
): Promise<Folded<S>> {
  const base = snapshots ? await snapshots.restore<S>(decider, streamId) : null;
  if (base !== null) {
    const events = await store.readStream(streamId, { fromRevision: base.revision });
    if (events.length > 0 && events[0].revision === base.revision && events[0].metadata.eventId === base.eventId) {
      return {
        state: foldOnto(decider, base.state, events.slice(1)),
        revision: events[events.length - 1].revision,
        snapshotRevision: base.since === undefined ? base.revision : base.since,
      };
    }
    snapshots?.forget(streamId);
  }
  const events = await store.readStream(streamId);
  const revision = events.length === 0 ? null : events[events.length - 1].revision;
  snapshots?.foldedWhole(decider, streamId, revision);
  return { state: foldOnto(decider, decider.initialState, events), revision, snapshotRevision: null };
}

/** The stream's state; with `snapshots`, from its snapshot and the events after it when it has one. */
export async function loadAggregate<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  snapshots?: Snapshots | null,
): Promise<LoadedAggregate<S>> {
  const { state, revision } = await fold(store, decider, streamId, snapshots);
  return { state, revision };
}

/** A command's decided events as they are appended: each with the metadata the ledger records (EventMetadata). */
export function toNewEvents(events: readonly DomainEvent[], command: Command, cause: CommandCause): NewEvent[] {
  return events.map((event) => {
    const metadata: EventMetadata = {
      eventId: randomUUID(),
      actor: { ...command.metadata.actor },
      correlationId: cause.correlationId,
      causationId: cause.causationId,
      recordedAt: command.metadata.now,
      // Each type's own current version (libs/domain event-schemas.ts); readers upcast older ones.
      schemaVersion: ledgerEventSchemas.currentVersion(event.type),
      ...(cause.commandId === undefined ? {} : { commandId: cause.commandId }),
    };
    return { type: event.type, data: event.data as EventData, metadata };
  });
}

export interface ExecuteOptions {
  /**
   * The revision the caller saw (HTTP If-Match). When given, a stale revision is a
   * ConcurrencyError and the command is never retried: the caller asked for exactly that state.
   */
  readonly expectedRevision?: number;
  /**
   * Decide again on a ConcurrencyError, up to this many times. Only for commands whose decision
   * is safe to re-take on newer state (the decider re-checks every rule); default 0.
   */
  readonly retries?: number;
  /**
   * Load from snapshots, and write one after the append when the stream has grown enough
   * (`Snapshots.afterAppend`, off the command's path). Absent or null: the whole stream is folded.
   */
  readonly snapshots?: Snapshots | null;
}

function isAccessRefusal(error: unknown): boolean {
  return error instanceof DomainError && (error.kind === 'not-found' || error.kind === 'forbidden');
}

function staleRevision(streamId: string, expected: number | undefined, actual: number | null): ConcurrencyError {
  return new ConcurrencyError(streamId, expected ?? 'any', actual ?? 'no-stream');
}

/**
 * The one way a command changes the ledger: read the stream, decide, append with the revision
 * the decision was made on. A concurrent writer makes the append fail with ConcurrencyError
 * rather than silently deciding on stale state.
 */
export async function executeCommand<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  command: C,
  cause: CommandCause,
  options: ExecuteOptions = {},
): Promise<CommandResult> {
  for (let attempt = 0; ; attempt++) {
    const { state, revision, snapshotRevision } = await fold(store, decider, streamId, options.snapshots);
    const stale = options.expectedRevision !== undefined && options.expectedRevision !== revision;
    let events: E[];
    try {
      events = decider.decide(command, state);
    } catch (error) {
      // Who may see the aggregate comes before whether the caller's view of it is current: a stale
      // If-Match on another tenant's (or a missing) aggregate answers not-found, never its revision.
      if (stale && !isAccessRefusal(error)) throw staleRevision(streamId, options.expectedRevision, revision);
      throw error;
    }
    if (stale) throw staleRevision(streamId, options.expectedRevision, revision);
    if (events.length === 0) return { streamId, revision, position: null, events };
    const expected: ExpectedRevision = revision ?? 'no-stream';
    try {
      const newEvents = toNewEvents(events, command, cause);
      const result = await store.append(streamId, newEvents, expected);
      options.snapshots?.afterAppend(
        decider,
        streamId,
        () => events.reduce((folded, event) => decider.evolve(folded, event), state),
        result.nextRevision,
        newEvents[newEvents.length - 1].metadata.eventId,
        snapshotRevision,
      );
      return { streamId, revision: result.nextRevision, position: result.position, events };
    } catch (error) {
      const mayRetry = options.expectedRevision === undefined && attempt < (options.retries ?? 0);
      if (!(error instanceof ConcurrencyError) || !mayRetry) throw error;
    }
  }
}

/**
 * The result of an earlier attempt of the same request (the same Idempotency-Key) on this stream,
 * or null when none appended there. The whole stream is read, never a snapshot: the attempt's
 * events may lie before any snapshot, and this runs only when an attempt may have been cut off.
 */
export async function earlierAttempt(
  store: EventStore,
  streamId: string,
  commandId: string,
): Promise<CommandResult | null> {
  const mine = (await store.readStream(streamId)).filter((event) => event.metadata.commandId === commandId);
  if (mine.length === 0) return null;
  const last = mine[mine.length - 1];
  return {
    streamId,
    revision: last.revision,
    position: last.position,
    events: mine.map((event) => ({ type: event.type, data: event.data }) as DomainEvent),
  };
}
