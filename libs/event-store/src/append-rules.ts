import { ConcurrencyError, InvalidAppendError } from './errors';
import type { NewEvent } from './event';
import type { ExpectedRevision } from './event-store';

/** Refuses an append that no adapter could write, before touching storage. */
export function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.startsWith('$')) {
    throw new InvalidAppendError(`Invalid stream id "${String(streamId)}": must be non-empty and not start with "$"`);
  }
  refuseLoneSurrogate(streamId, 'stream id', streamId);
  if (events.length === 0) throw new InvalidAppendError(`Append to "${streamId}" carries no events`);
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new InvalidAppendError(`Invalid expected revision ${expected} for "${streamId}"`);
  }
  for (const event of events) {
    if (!event.type || typeof event.type !== 'string') {
      throw new InvalidAppendError(`An event for "${streamId}" has no type`);
    }
    refuseLoneSurrogate(event.type, 'event type', streamId);
    if (!event.metadata?.eventId) throw new InvalidAppendError(`An event for "${streamId}" has no metadata.eventId`);
  }
}

/**
 * A stream id or event type with a lone UTF-16 surrogate has no UTF-8 form: a store would write
 * U+FFFD in its place, and the event's hash, taken over the string as given, would no longer
 * match what was stored. (Payload strings need no such check: JSON.stringify escapes a lone
 * surrogate as `\uXXXX`, which round-trips.)
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function refuseLoneSurrogate(text: string, what: string, streamId: string): void {
  if (LONE_SURROGATE.test(text)) {
    throw new InvalidAppendError(
      `An event for "${streamId}" has a lone UTF-16 surrogate in its ${what}: it has no UTF-8 form to store`,
    );
  }
}

/** The one place that decides whether an expected revision holds against the stream's current revision. */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, current: number | null): void {
  if (expected === 'any') return;
  if (expected === 'no-stream') {
    if (current !== null) throw new ConcurrencyError(streamId, expected, current);
    return;
  }
  if (current !== expected) throw new ConcurrencyError(streamId, expected, current ?? 'no-stream');
}
