import { excludeSystemEvents, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '../event';
import type { AllSubscription } from '../event-store';
import { comparePositions, type After } from '../position';
import { isLedgerEvent, toEsdbPosition, toRecordedEvent } from './esdb-event-mapping';

/**
 * Our AllSubscription over the server's own catch-up subscription to `$all`: the server reads
 * history from the checkpoint, then switches to live events without a gap, in `$all` order.
 * System events are filtered out on the server (and again here, for `$` streams whose event
 * types do not start with `$`). Anything at or before the last delivered position is dropped,
 * so a server that resent an event could never make us deliver it twice.
 */
export function esdbAllSubscription(client: EventStoreDBClient, after: After): AllSubscription {
  const subscription = client.subscribeToAll({ fromPosition: toEsdbPosition(after), filter: excludeSystemEvents() });
  let checkpoint = after;
  let closed = false;

  const iterate = async function* (): AsyncGenerator<RecordedEvent> {
    try {
      for await (const resolved of subscription as AsyncIterable<ResolvedEvent>) {
        if (!isLedgerEvent(resolved)) continue;
        const event = toRecordedEvent(resolved);
        if (comparePositions(event.position, checkpoint) <= 0) continue;
        if (closed) return;
        checkpoint = event.position;
        yield event;
      }
    } catch (error) {
      // close() destroys the stream under a pending read; that ends the iteration, it is no failure.
      if (!closed) throw error;
    } finally {
      closed = true;
      await subscription.unsubscribe();
    }
  };

  const generator = iterate();
  return {
    [Symbol.asyncIterator]: () => generator,
    close: async () => {
      if (!closed) {
        closed = true;
        await subscription.unsubscribe();
        subscription.destroy();
      }
      await generator.return(undefined);
    },
  };
}
