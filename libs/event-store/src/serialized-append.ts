import { InvalidAppendError } from './errors';
import type { NewEvent } from './event';
import type { ExpectedRevision } from './event-store';
import { appendedDigest, canonicalText } from './appended-digest';

/** One event as it will be stored: its data and metadata as canonical JSON text, and its digest. */
export interface SerializedEvent {
  readonly type: string;
  /** Canonical JSON (appended-digest.ts: keys in canonical order), not necessarily the key order written. */
  readonly data: string;
  readonly metadata: string;
  /** contentDigest (hash-chain.ts) of the event as read back; the store adds the link under its lock. */
  readonly digest: string;
}

/** An append serialised on the caller's side, ready to join a SQL adapter's batch. */
export interface SerializedAppend {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly SerializedEvent[];
}

/**
 * Serialises before queueing, so a payload that cannot become a JSON object (a bigint, a cycle)
 * fails its own caller at once, with an InvalidAppendError, instead of its batch. Each payload is
 * serialised once, to the canonical JSON of what it will read back as (a Date becomes its string,
 * an undefined field disappears, keys come in canonical order), and that text is both what every
 * adapter stores and what the digest covers, taken here too, off the writer's lock: see
 * appended-digest.ts.
 */
export function serializeAppend(
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
): SerializedAppend {
  return {
    streamId,
    expectedRevision,
    events: events.map((event) => {
      const data = toJsonObject(event.data, streamId, 'data');
      const metadata = toJsonObject(event.metadata, streamId, 'metadata');
      const digest = appendedDigest(streamId, event.type, data, metadata);
      return { type: event.type, data, metadata, digest };
    }),
  };
}

function toJsonObject(value: unknown, streamId: string, what: string): string {
  let json: string | undefined;
  try {
    json = canonicalText(value);
  } catch (error) {
    throw new InvalidAppendError(
      `An event for "${streamId}" has ${what} that is not JSON: ${(error as Error).message}`,
    );
  }
  if (typeof json !== 'string' || !json.startsWith('{')) {
    throw new InvalidAppendError(`An event for "${streamId}" has ${what} that is not a JSON object`);
  }
  return json;
}
