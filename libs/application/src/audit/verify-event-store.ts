import { formatPosition, readAllEvents, verifyChains, type EventStore } from '@pledge-ledger/event-store';
import { systemClock, type Clock } from '../tokens';

/** The first link that does not hold, as JSON. */
export interface BrokenLinkReport {
  readonly streamId: string;
  readonly revision: number;
  readonly position: string | null;
  /** `hash`: the stored hash is not the one recomputed; `revision`: the stream skips or repeats a revision. */
  readonly reason: 'hash' | 'revision';
  readonly expected: string;
  readonly found: string;
}

/** What an audit verification found, as JSON (POST /v1/audit/verifications, `ledger verify`). */
export interface VerificationReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly firstBrokenLink: BrokenLinkReport | null;
  /** When the verification finished, by the clock of the process that ran it. */
  readonly verifiedAt: string;
  /** The head of the store when the verification began: it covers every event up to it. */
  readonly headPosition: string;
}

export interface VerifyEventStoreOptions {
  /** Events read per call. Default 500. */
  readonly pageSize?: number;
  readonly clock?: Clock;
}

/**
 * Recomputes every stream's hash chain (verifyChains, libs/event-store) over the whole history
 * up to the head as it is when the verification begins, reading the global feed a page at a
 * time: memory holds one page and the last hash of each stream, never the history.
 */
export async function verifyEventStore(
  store: EventStore,
  options: VerifyEventStoreOptions = {},
): Promise<VerificationReport> {
  const head = await store.headPosition();
  const result = await verifyChains(readAllEvents(store, { upTo: head, pageSize: options.pageSize }));
  const link = result.firstBrokenLink;
  return {
    ok: result.ok,
    eventsChecked: result.eventsChecked,
    streamsChecked: result.streamsChecked,
    firstBrokenLink:
      link === null ? null : { ...link, position: link.position === null ? null : formatPosition(link.position) },
    verifiedAt: (options.clock ?? systemClock).now(),
    headPosition: formatPosition(head),
  };
}
