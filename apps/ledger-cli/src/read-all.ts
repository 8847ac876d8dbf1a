import type { After, EventStore, RecordedEvent } from '@pledge-ledger/event-store';
import { START } from '@pledge-ledger/event-store';

/** Until the adapters' hashes land in RecordedEvent itself: an event as every adapter returns it. */
export type StoredEvent = RecordedEvent & { readonly hash: string };

export const PAGE_SIZE = 500;

/** Every event in global order, one page of readAll at a time: memory stays flat whatever the history. */
export async function* readAllEvents(store: EventStore, pageSize = PAGE_SIZE): AsyncGenerator<StoredEvent> {
  let after: After = START;
  for (;;) {
    const page = (await store.readAll({ after, maxCount: pageSize })) as StoredEvent[];
    if (page.length === 0) return;
    // A short page is not the end on every adapter (EventStoreDB skips system events): only an empty one is.
    yield* page;
    after = page[page.length - 1].position;
  }
}
