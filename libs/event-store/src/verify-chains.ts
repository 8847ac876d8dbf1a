import { GENESIS_HASH, contentDigest, chainHash } from './hash-chain';
import type { Position } from './position';

/** What verification needs of a stored event: what it says, where it sits, and the hash stored with it. */
export interface ChainedEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly hash: string;
  readonly position?: Position;
}

/** The first link that does not hold, in the order the events were read (global order). */
export interface BrokenLink {
  readonly streamId: string;
  readonly revision: number;
  readonly position: Position | null;
  /** `hash`: the stored hash is not the one recomputed; `revision`: the stream skips or repeats a revision. */
  readonly reason: 'hash' | 'revision';
  /** The hash recomputed from the event and its predecessor (for `revision`: the revision expected). */
  readonly expected: string;
  /** The hash stored with the event (for `revision`: the revision found). */
  readonly found: string;
}

export interface ChainVerification {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  /** Null when every chain holds. */
  readonly firstBrokenLink: BrokenLink | null;
  /** Position of the last event checked, or null when there was none. */
  readonly lastPosition: Position | null;
}

/**
 * Recomputes every stream's hash chain from events read in global order (each stream's events in
 * revision order), and stops at the first link that does not hold. A changed event breaks its own
 * link (its digest changes); a deleted or inserted one breaks the revision sequence; a re-hashed
 * forgery breaks the next event's link, since that one chains over the original hash.
 */
export async function verifyChains(
  events: AsyncIterable<ChainedEvent> | Iterable<ChainedEvent>,
): Promise<ChainVerification> {
  const heads = new Map<string, { revision: number; hash: string }>();
  let eventsChecked = 0;
  let lastPosition: Position | null = null;
  for await (const event of events) {
    const head = heads.get(event.streamId);
    const expectedRevision = head ? head.revision + 1 : 0;
    const position = event.position ?? null;
    if (event.revision !== expectedRevision) {
      return broken(heads.size, eventsChecked, lastPosition, {
        streamId: event.streamId,
        revision: event.revision,
        position,
        reason: 'revision',
        expected: String(expectedRevision),
        found: String(event.revision),
      });
    }
    const expected = chainHash(head ? head.hash : GENESIS_HASH, event.revision, contentDigest(event));
    if (expected !== event.hash) {
      return broken(heads.size, eventsChecked, lastPosition, {
        streamId: event.streamId,
        revision: event.revision,
        position,
        reason: 'hash',
        expected,
        found: event.hash,
      });
    }
    heads.set(event.streamId, { revision: event.revision, hash: event.hash });
    eventsChecked += 1;
    lastPosition = position;
  }
  return { ok: true, eventsChecked, streamsChecked: heads.size, firstBrokenLink: null, lastPosition };
}

function broken(
  streamsChecked: number,
  eventsChecked: number,
  lastPosition: Position | null,
  link: BrokenLink,
): ChainVerification {
  return { ok: false, eventsChecked, streamsChecked, firstBrokenLink: link, lastPosition };
}
