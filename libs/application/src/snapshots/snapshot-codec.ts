import type { JsonValue } from '@pledge-ledger/event-store';

/**
 * An aggregate's state as JSON and back, exactly: bigint fen as digit strings, and whatever the
 * state keeps beyond plain data (the loan's RepaymentLog) rebuilt as `evolve` would have built it.
 */
export interface SnapshotCodec<S> {
  /**
   * Bump when `evolve` or the state's shape changes (an upcaster that changes what evolve sees
   * counts too): a snapshot written under another version is ignored and the stream folded whole.
   */
  readonly stateVersion: number;
  encode(state: S): JsonValue;
  /** Throws SnapshotDecodeError on anything that is not a state this codec's version wrote. */
  decode(json: unknown): S;
}

export class SnapshotDecodeError extends Error {
  override readonly name = 'SnapshotDecodeError';
}
