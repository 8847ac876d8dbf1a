import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { SnapshotCodec } from './snapshot-codec';
import { snapshotCodecs } from './snapshot-codecs';
import { DEFAULT_SNAPSHOT_EVERY } from './snapshot-settings';
import { SnapshotMemory, type SnapshotBase } from './snapshot-memory';
import type { Snapshot, SnapshotStore } from './snapshot-store';

export interface SnapshotsOptions {
  /** Write a snapshot once the stream has grown by this many events since the last one (≥ 1). */
  readonly every?: number;
  /** Which deciders are snapshotted, and how their state is written (default: `snapshotCodecs`). */
  readonly codecs?: ReadonlyMap<object, SnapshotCodec<unknown>>;
  /** Told of every snapshot ignored for damage and every write that failed; default a Nest Logger warning. */
  readonly onProblem?: (message: string) => void;
  /**
   * How many events' worth of states this process keeps in memory (the newest snapshot it wrote or
   * read, per stream): a load finding one skips the snapshot store and the decoding. 0: none kept.
   */
  readonly keptEvents?: number;
}

/**
 * Default `keptEvents`: 100,000 events, about 20 MB of loan states (about 200 bytes a repayment:
 * the repayment, its RepaymentLog node, its fen), e.g. ten loans of 10,000 repayments.
 */
export const DEFAULT_KEPT_EVENTS = 100_000;

export function snapshotDigest(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

/**
 * How the application uses a SnapshotStore: which aggregates have snapshots, how a snapshot is
 * checked before it is trusted, and when one is written. A snapshot is only a cache: every way it
 * can be wrong (missing, another stateVersion, damaged text, a shape the codec refuses) makes
 * `restore` answer null, and the caller folds the whole stream. Writes happen after the command
 * has its answer (`afterAppend`), and a failed one is reported, never thrown.
 */
export class Snapshots {
  readonly every: number;
  private readonly codecs: ReadonlyMap<object, SnapshotCodec<unknown>>;
  private readonly onProblem: (message: string) => void;
  private readonly pending = new Set<Promise<void>>();
  private readonly memory: SnapshotMemory;

  constructor(
    readonly store: SnapshotStore,
    options: SnapshotsOptions = {},
  ) {
    this.every = options.every ?? DEFAULT_SNAPSHOT_EVERY;
    if (!Number.isSafeInteger(this.every) || this.every < 1) {
      throw new RangeError(`Snapshots every ${this.every} events: it must be a whole number of at least 1`);
    }
    this.codecs = options.codecs ?? snapshotCodecs;
    const logger = new Logger('Snapshots');
    this.onProblem = options.onProblem ?? ((message) => logger.warn(message));
    this.memory = new SnapshotMemory(options.keptEvents ?? DEFAULT_KEPT_EVENTS);
  }

  /** Whether `decider`'s streams are snapshotted. */
  covers(decider: object): boolean {
    return this.codecs.has(decider);
  }

  /**
   * The stream's snapshot, checked and decoded; null when there is none to trust. The one this
   * process kept in memory comes first, even when another process has since stored a newer one:
   * it is as good a starting point (the caller checks it against the stream and folds the events
   * after it), and the next append here that finds `every` events after it writes a newer one.
   */
  async restore<S>(decider: object, streamId: string): Promise<SnapshotBase<S> | null> {
    const codec = this.codecs.get(decider) as SnapshotCodec<S> | undefined;
    if (codec === undefined) return null;
    const kept = this.memory.get(streamId);
    if (kept !== undefined) return kept as SnapshotBase<S>;
    if (this.memory.isShort(streamId)) return null;
    let snapshot: Snapshot | null;
    try {
      snapshot = await this.store.get(streamId);
    } catch (error) {
      this.onProblem(`Snapshot of ${streamId} could not be read, folding the whole stream: ${String(error)}`);
      return null;
    }
    // Another stateVersion is expected after a deploy that changed the state: no problem to report.
    if (snapshot === null || snapshot.stateVersion !== codec.stateVersion) return null;
    if (snapshotDigest(snapshot.state) !== snapshot.digest) {
      this.onProblem(`Snapshot of ${streamId} at revision ${snapshot.revision} is damaged (digest), ignored`);
      return null;
    }
    let base: SnapshotBase<S>;
    try {
      base = {
        state: codec.decode(JSON.parse(snapshot.state)),
        revision: snapshot.revision,
        eventId: snapshot.eventId,
      };
    } catch (error) {
      this.onProblem(
        `Snapshot of ${streamId} at revision ${snapshot.revision} cannot be decoded, ignored: ${String(error)}`,
      );
      return null;
    }
    this.memory.keep(streamId, base);
    return base;
  }

  /**
   * Called after a successful append: the stream is at `revision` (the event with id `eventId`)
   * and `state()` folds it; `since` is the revision of the snapshot the command was decided on
   * (null: none). Keeps the new state in memory for the next load here, and writes a snapshot when the stream has grown by `every` events since then, on a
   * later turn of the event loop so the command answers first; returns at once.
   */
  afterAppend<S>(
    decider: object,
    streamId: string,
    state: () => S,
    revision: number,
    eventId: string,
    since: number | null,
  ): void {
    if (!this.codecs.has(decider)) return;
    const folded = state();
    const due = revision - (since ?? -1) >= this.every;
    // The state is kept in memory at once, so the next command here on this stream reads and folds
    // just the events after it (checked by id like any snapshot). Counted from the snapshot being
    // written when one is due, so commands arriving before it is stored do not each write another.
    this.memory.keep(streamId, { state: folded, revision, eventId, since: due ? revision : since });
    if (!due) return;
    const write = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.write(decider, streamId, folded, revision, eventId))
      .catch((error: unknown) =>
        this.onProblem(`Snapshot of ${streamId} at revision ${revision} not written: ${String(error)}`),
      )
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** The snapshot `restore` gave does not fit the stream (another history under its id): not kept any longer. */
  forget(streamId: string): void {
    this.memory.forget(streamId);
  }

  /** The caller folded the whole stream, up to `revision`: a short one is not looked up again until it grows. */
  foldedWhole(decider: object, streamId: string, revision: number | null): void {
    if (this.codecs.has(decider)) this.memory.folded(streamId, revision, this.every);
  }

  /** Writes the snapshot of `state`, the stream folded up to `revision` (the event with id `eventId`), and keeps it. */
  async write<S>(decider: object, streamId: string, state: S, revision: number, eventId: string): Promise<void> {
    const codec = this.codecs.get(decider) as SnapshotCodec<S> | undefined;
    if (codec === undefined) throw new Error(`No snapshot codec for the decider of ${streamId}`);
    const text = JSON.stringify(codec.encode(state));
    await this.store.put(streamId, {
      revision,
      stateVersion: codec.stateVersion,
      eventId,
      state: text,
      digest: snapshotDigest(text),
    });
    this.memory.keep(streamId, { state, revision, eventId });
  }

  /** Resolves once every write started so far has ended (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Waits for the writes under way, then closes the store. */
  async close(): Promise<void> {
    await this.flush();
    await this.store.close();
  }
}
