import type { RecordedEvent } from '@pledge-ledger/event-store';

const IDLE = Symbol('idle');

function nextTurn(): Promise<typeof IDLE> {
  return new Promise((resolve) => setImmediate(() => resolve(IDLE)));
}

/**
 * Groups a subscription's events into batches of at most `max`: a batch takes every event that is
 * already at hand and ends as soon as the next one would need I/O. Catching up therefore fills
 * whole batches (one per store read), while a live event is handed over at once, alone.
 * It pulls one event ahead at most, so memory stays bounded whatever the history's length.
 */
export async function* readBatches(source: AsyncIterable<RecordedEvent>, max: number): AsyncGenerator<RecordedEvent[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<RecordedEvent>> | null = null;
  for (;;) {
    const first = await (pending ?? iterator.next());
    pending = null;
    if (first.done) return;
    const batch = [first.value];
    let ended = false;
    // Events at hand arrive through promise jobs, which all run before this timer's turn: one
    // timer per batch tells them from events that need I/O.
    const idle = nextTurn();
    while (batch.length < max) {
      pending = iterator.next();
      // Awaited at the next batch, or never when the consumer stops first (closing the
      // subscription): a read failing meanwhile, e.g. the database going away, must not be an
      // unhandled rejection, which ends the process. The await below still sees it.
      pending.catch(() => undefined);
      const next = await Promise.race([pending, idle]);
      if (next === IDLE) break;
      pending = null;
      if (next.done) {
        ended = true;
        break;
      }
      batch.push(next.value);
    }
    yield batch;
    if (ended) return;
  }
}
