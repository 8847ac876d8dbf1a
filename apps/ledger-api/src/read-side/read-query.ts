import { Query } from '@nestjs/cqrs';
import type { Actor, After } from '@pledge-ledger/event-store';

/**
 * Every read on the QueryBus names who asks, so no handler can answer without scoping by the
 * caller, and optionally the position its answer must reflect (read your own writes).
 */
export abstract class ReadQuery<Params, Result> extends Query<Result> {
  constructor(
    readonly caller: Actor,
    readonly params: Params,
    /** The `position` a command returned: wait until the views reflect it. */
    readonly minPosition?: After,
  ) {
    super();
  }
}

/** A view of one aggregate with the stream revision it reflects (sent as the ETag). */
export interface Revisioned<T> {
  readonly view: T;
  /** Null when it cannot be told (the stream moved past the view's checkpoint by many events). */
  readonly revision: number | null;
}
