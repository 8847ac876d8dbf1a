import { InvalidAppendError } from './errors';
import type { NewEvent } from './event';
import type { ExpectedRevision } from './event-store';

/** An append serialised on the caller's side, ready to join a SQL adapter's batch. */
export interface SerializedAppend {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly { readonly type: string; readonly data: string; readonly metadata: string }[];
}

/**
 * Serialises before queueing, so a payload that cannot become a JSON object (a bigint, a cycle)
 * fails its own caller at once, with an InvalidAppendError, instead of its batch.
 */
export function serializeAppend(
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
): SerializedAppend {
  return {
    streamId,
    expectedRevision,
    events: events.map((event) => ({
      type: event.type,
      data: toJsonObject(event.data, streamId, 'data'),
      metadata: toJsonObject(event.metadata, streamId, 'metadata'),
    })),
  };
}

function toJsonObject(value: unknown, streamId: string, what: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
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
