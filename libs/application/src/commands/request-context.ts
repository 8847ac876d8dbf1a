import type { Actor } from '@pledge-ledger/domain';

/** Who asks and in answer to what: built by the HTTP layer, the CLI or a process manager. */
export interface RequestContext {
  readonly actor: Actor;
  readonly correlationId: string;
  /** The event (process managers) or request that caused this command; null for a person's own request. */
  readonly causationId: string | null;
  /** HTTP If-Match: the aggregate revision the caller saw; a stale one fails with ConcurrencyError. */
  readonly expectedRevision?: number;
  /** The request's Idempotency-Key, as the HTTP layer hands it to the command (see RequestIdempotency). */
  readonly idempotency?: RequestIdempotency;
}

/**
 * What a command needs of an Idempotency-Key. `commandId` is recorded on every event the command
 * appends. `mayHaveRun` is set when an earlier attempt with the same key may have appended before
 * its answer was lost (its process died, or it failed on the server's side after the append):
 * the command then returns that attempt's result instead of deciding again.
 */
export interface RequestIdempotency {
  readonly commandId: string;
  readonly mayHaveRun: boolean;
}

/** The actor process managers act as. */
export const SYSTEM_ACTOR: Actor = { sub: 'system', role: 'system' };
