/**
 * A stream's state folded up to `revision`, as its aggregate's snapshot codec wrote it. Only a
 * cache: whoever reads one checks it (stateVersion, eventId, digest) and folds the whole stream
 * when it does not hold, so losing, dropping or corrupting snapshots never changes a decision.
 */
export interface Snapshot {
  /** Revision of the last event folded into `state`. */
  readonly revision: number;
  /** The codec's version of evolve and the state's shape when it was written. */
  readonly stateVersion: number;
  /**
   * Id of the event at `revision`: a snapshot of another history under the same stream id (a
   * store recreated, a test database reused) does not match the stream it is read against.
   */
  readonly eventId: string;
  /** The codec's JSON, as text. */
  readonly state: string;
  /** SHA-256 (hex) of `state`: a row damaged at rest is recognised and ignored. */
  readonly digest: string;
}

/** Where snapshots are kept: one per stream, the newest. */
export interface SnapshotStore {
  get(streamId: string): Promise<Snapshot | null>;
  /**
   * Keeps `snapshot` unless the stream already has one of a later revision with the same
   * stateVersion (two writers racing: the newer wins whatever order they land in).
   */
  put(streamId: string, snapshot: Snapshot): Promise<void>;
  close(): Promise<void>;
}
