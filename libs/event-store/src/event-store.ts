import type { NewEvent, RecordedEvent } from './event';
import type { After, Position } from './position';

/**
 * What the caller believes about the stream before appending:
 * - `'no-stream'`: the stream must not exist yet;
 * - `'any'`: no check;
 * - a number: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'no-stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event written (the stream's new current revision). */
  readonly nextRevision: number;
  /** Global position of the last event written. */
  readonly position: Position;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: Direction;
  /** Inclusive revision to start from. Defaults to the first event (forwards) or the last (backwards). */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. */
  readonly after: After;
  readonly maxCount: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: delivery starts with the first event after it. */
  readonly after: After;
  /** How many events to fetch per read while catching up. */
  readonly batchSize?: number;
}

/**
 * A subscription to the global feed: catches up from the checkpoint, then delivers live events.
 * Every event is delivered exactly once, in global order, never skipping one. Iterate it with
 * `for await`; breaking out of the loop, or `close()`, ends it.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

/**
 * The port every adapter implements. Not found: reading a stream that does not exist yields
 * no events, and its revision is `null`; it is never an error.
 */
export interface EventStore {
  /** Atomic per call; throws ConcurrencyError when `expectedRevision` does not hold. */
  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events strictly after `after`, in global order, at most `maxCount`. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options: SubscribeOptions): AllSubscription;
  /** The stream's current revision (of its last event), or null when it does not exist. */
  streamRevision(streamId: string): Promise<number | null>;
  /** Position of the newest event in the store, or START when it is empty. */
  headPosition(): Promise<After>;
  close(): Promise<void>;
}
