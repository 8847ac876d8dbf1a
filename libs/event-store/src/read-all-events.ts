import type { RecordedEvent } from './event';
import type { EventStore } from './event-store';
import { comparePositions, START, type After } from './position';

export interface ReadAllEventsOptions {
  /** Exclusive start; default START (the whole history). */
  readonly after?: After;
  /** Inclusive end (a head read beforehand): events appended later are not yielded. Default: until a page comes back empty. */
  readonly upTo?: After;
  readonly pageSize?: number;
}

/**
 * Events in global order, one page of readAll at a time: memory holds one page whatever the
 * history. For whole-history work (verification, export, import's read-back).
 */
export async function* readAllEvents(
  store: EventStore,
  options: ReadAllEventsOptions = {},
): AsyncGenerator<RecordedEvent> {
  const { upTo, pageSize = 500 } = options;
  let after: After = options.after ?? START;
  for (;;) {
    if (upTo !== undefined && comparePositions(after, upTo) >= 0) return;
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length === 0) return;
    for (const event of page) {
      if (upTo !== undefined && comparePositions(event.position, upTo) > 0) return;
      yield event;
    }
    after = page[page.length - 1].position;
  }
}
