import type { After, EventStore, RecordedEvent } from '@pledge-ledger/event-store';
import { START } from '@pledge-ledger/event-store';

export const PAGE_SIZE = 500;

/** Every event in global order, one page of readAll at a time: memory stays flat whatever the history. */
export async function* readAllEvents(store: EventStore, pageSize = PAGE_SIZE): AsyncGenerator<RecordedEvent> {
  let after: After = START;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1].position;
  }
}
