import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@pledge-ledger/application';
import { sha256Hex } from '@pledge-ledger/event-store';

/**
 * The id of an aggregate a request creates when the client does not choose it. Under an
 * Idempotency-Key it is derived from the key's command id, so an attempt that re-runs after the
 * first was cut off (see IdempotencyInterceptor) targets the same stream and finds the first
 * attempt's events there, instead of creating a second aggregate. Otherwise a random UUID.
 */
export function newAggregateId(context: RequestContext): string {
  if (!context.idempotency) return randomUUID();
  const hex = sha256Hex(`aggregate-id\n${context.idempotency.commandId}`);
  // Laid out as a UUID (version 8: custom, RFC 9562) so it looks like every other generated id.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
