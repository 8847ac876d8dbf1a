import type { AppendSignal } from './append-signal';
import type { RecordedEvent } from './event';
import type { AllSubscription, ReadAllOptions } from './event-store';
import type { After } from './position';

export interface CatchUpSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  readonly signal: AppendSignal;
}

/**
 * A subscription for stores whose `readAll` only ever returns committed events in final order
 * with nothing able to appear behind them later (the SQL adapters guarantee that; see
 * docs/global-order.md). It reads batches after its checkpoint; when caught up it waits for
 * the append signal, or `pollMs` at most, and reads again.
 */
export function catchUpSubscription(
  source: CatchUpSource,
  after: After,
  batchSize = 500,
  pollMs = 250,
): AllSubscription {
  let closed = false;
  let checkpoint = after;
  const iterate = async function* (): AsyncGenerator<RecordedEvent> {
    while (!closed) {
      // Read before the batch: an append committed while it is read or consumed wakes the wait below.
      const seen = source.signal.count;
      const batch = await source.readAll({ after: checkpoint, maxCount: batchSize });
      for (const event of batch) {
        if (closed) return;
        checkpoint = event.position;
        yield event;
      }
      if (batch.length < batchSize && !closed) await source.signal.wait(pollMs, seen);
    }
  };
  const generator = iterate();
  return {
    [Symbol.asyncIterator]: () => generator,
    close: async () => {
      closed = true;
      source.signal.notify();
      await generator.return(undefined);
    },
  };
}
