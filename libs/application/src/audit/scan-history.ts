import { comparePositions, type After, type EventStore, type RecordedEvent } from '@pledge-ledger/event-store';

/** Which events an auditor asks for: every field given must match (exactly; times as a range). */
export interface HistoryFilter {
  readonly streamId?: string;
  readonly type?: string;
  /** `metadata.actor.sub`: the person who caused the event. */
  readonly actor?: string;
  readonly correlationId?: string;
  /** Recorded at or after this moment (UTC ISO-8601, as `parseInstant` returns it). */
  readonly from?: string;
  /** Recorded strictly before this moment: `from`/`to` is a half-open range, so months tile. */
  readonly to?: string;
}

export function matchesHistoryFilter(filter: HistoryFilter): (event: RecordedEvent) => boolean {
  const from = filter.from === undefined ? null : Date.parse(filter.from);
  const to = filter.to === undefined ? null : Date.parse(filter.to);
  return (event) => {
    if (filter.streamId !== undefined && event.streamId !== filter.streamId) return false;
    if (filter.type !== undefined && event.type !== filter.type) return false;
    if (filter.actor !== undefined && event.metadata.actor.sub !== filter.actor) return false;
    if (filter.correlationId !== undefined && event.metadata.correlationId !== filter.correlationId) return false;
    if (from === null && to === null) return true;
    const recordedAt = Date.parse(event.metadata.recordedAt);
    return (from === null || recordedAt >= from) && (to === null || recordedAt < to);
  };
}

export interface ScanHistoryOptions {
  /** Exclusive: the scan starts with the first event after it. */
  readonly after: After;
  /** Most events returned. */
  readonly limit: number;
  readonly filter: HistoryFilter;
  /** Most events read (matching or not) before the scan stops and hands back its cursor. */
  readonly scanBudget: number;
  /** Events read per call. Default 500. */
  readonly pageSize?: number;
}

export interface HistoryScan {
  readonly events: RecordedEvent[];
  /**
   * Where to go on from (`after` of the next call): the last event returned when the page is full,
   * the last event read when the budget ran out first; null when the scan reached the end of the
   * history so far.
   */
  readonly next: After | null;
  readonly scanned: number;
}

/**
 * The global history filtered while it is read, page by page from `after`: a page of matches
 * costs at most `scanBudget` events read, however rare the matches, and a client goes on with
 * `next`. (The stream catalog in the read store indexes streams, not types, actors or times, so
 * only a scan answers every filter, and it reads the events themselves, never a projection that
 * may lag.)
 */
export async function scanHistory(store: EventStore, options: ScanHistoryOptions): Promise<HistoryScan> {
  const matches = matchesHistoryFilter(options.filter);
  const pageSize = options.pageSize ?? 500;
  const events: RecordedEvent[] = [];
  let after = options.after;
  let scanned = 0;
  while (scanned < options.scanBudget) {
    const want = Math.min(pageSize, options.scanBudget - scanned);
    // One more than the budget allows tells "the history ends here" from "the budget ends here".
    const page = await store.readAll({ after, maxCount: want + 1 });
    const budgeted = page.slice(0, want);
    for (const [index, event] of budgeted.entries()) {
      scanned += 1;
      after = event.position;
      if (!matches(event)) continue;
      events.push(event);
      if (events.length === options.limit) {
        const atEnd = page.length <= index + 1;
        return { events, next: atEnd ? null : after, scanned };
      }
    }
    if (page.length <= want) return { events, next: null, scanned };
  }
  return { events, next: comparePositions(after, options.after) === 0 ? null : after, scanned };
}
