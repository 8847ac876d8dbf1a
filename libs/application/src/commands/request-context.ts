import type { Actor } from '@pledge-ledger/domain';

/** Who asks and in answer to what: built by the HTTP layer, the CLI or a process manager. */
export interface RequestContext {
  readonly actor: Actor;
  readonly correlationId: string;
  /** The event (process managers) or request that caused this command; null for a person's own request. */
  readonly causationId: string | null;
  /** HTTP If-Match: the aggregate revision the caller saw; a stale one fails with ConcurrencyError. */
  readonly expectedRevision?: number;
}

/** The actor process managers act as. */
export const SYSTEM_ACTOR: Actor = { sub: 'system', role: 'system' };
