/** The response remembered for a key, replayed as it was. */
export interface StoredResponse {
  readonly status: number;
  /** Only the headers that belong to the answer itself (ETag, Location). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export type IdempotencyRecord =
  | { readonly state: 'in-progress'; readonly requestHash: string; readonly claimedAt: number }
  | { readonly state: 'done'; readonly requestHash: string; readonly response: StoredResponse };

export type ClaimOutcome = { readonly claimed: true } | { readonly claimed: false; readonly record: IdempotencyRecord };

/**
 * Idempotency keys, durable in the read store. A key belongs to one caller (`caller`), so nobody
 * can replay another's response by guessing a key.
 */
export interface IdempotencyStore {
  /** Insert-if-absent: the first request with a key claims it; the others get the record they lost to. */
  claim(caller: string, key: string, requestHash: string, now: number): Promise<ClaimOutcome>;
  /** Takes over a claim whose request died (its process stopped half-way): only if it is still that claim. */
  takeOver(caller: string, key: string, staleClaimedAt: number, now: number): Promise<boolean>;
  complete(caller: string, key: string, response: StoredResponse): Promise<void>;
  /** Forgets an unfinished claim so a retry can run (the first attempt failed on the server's side). */
  release(caller: string, key: string): Promise<void>;
  /**
   * Leaves an unfinished claim for the next attempt to take over at once (its claim time becomes 0):
   * the first attempt failed on the server's side after its handler ran, so it may have appended,
   * and the next one must look for that before deciding again.
   */
  abandon(caller: string, key: string): Promise<void>;
  find(caller: string, key: string): Promise<IdempotencyRecord | undefined>;
  close(): Promise<void>;
}

/** Raw row, the same on both databases. */
export interface IdempotencyRow {
  readonly request_hash: string;
  readonly state: string;
  readonly claimed_at: number | string;
  readonly response_status: number | null;
  readonly response_headers: string | null;
  readonly response_body: string | null;
}

export function recordOf(row: IdempotencyRow): IdempotencyRecord {
  if (row.state === 'done') {
    return {
      state: 'done',
      requestHash: row.request_hash,
      response: {
        status: Number(row.response_status),
        headers: JSON.parse(row.response_headers ?? '{}') as Record<string, string>,
        body: row.response_body === null ? undefined : JSON.parse(row.response_body),
      },
    };
  }
  return { state: 'in-progress', requestHash: row.request_hash, claimedAt: Number(row.claimed_at) };
}

/** The schema, in order; each runs once per database and is recorded in idempotency_migrations. */
export const IDEMPOTENCY_MIGRATIONS: readonly { readonly id: string; readonly sql: string }[] = [
  {
    id: '001-idempotency-keys',
    sql: `CREATE TABLE idempotency_keys (
      caller TEXT NOT NULL,
      key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('in-progress', 'done')),
      claimed_at BIGINT NOT NULL,
      response_status INTEGER,
      response_headers TEXT,
      response_body TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (caller, key)
    )`,
  },
];
