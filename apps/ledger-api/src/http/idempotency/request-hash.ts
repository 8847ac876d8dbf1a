import { canonicalJson, sha256Hex } from '@pledge-ledger/event-store';

/** What makes two requests "the same" for an idempotency key: method, path with query, body (canonical JSON). */
export function requestHash(method: string, url: string, body: unknown): string {
  return sha256Hex(`${method.toUpperCase()} ${url}\n${canonicalJson(body ?? null)}`);
}

/**
 * The command id of a caller's Idempotency-Key (RequestIdempotency): recorded on the events the
 * request appends, it names the request without storing the key itself.
 */
export function commandIdOf(caller: string, key: string): string {
  return sha256Hex(`${caller}\n${key}`);
}
