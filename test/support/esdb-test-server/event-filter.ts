import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEvent } from './in-memory-log';

export type EventFilter = (event: StoredEvent) => boolean;

/** Events the real server would skip when no filter is asked for: none. */
export const noFilter: EventFilter = () => true;

/**
 * A server-side `$all` filter, on the stream name or the event type, by regex or by prefixes
 * (the two forms the client's streamNameFilter / eventTypeFilter / excludeSystemEvents send).
 */
export function eventFilterOf(options: ReadReq.Options.FilterOptions): EventFilter {
  const onStream = options.getFilterCase() === ReadReq.Options.FilterOptions.FilterCase.STREAM_IDENTIFIER;
  const expression = onStream ? options.getStreamIdentifier() : options.getEventType();
  if (!expression) return noFilter;
  const subject = (event: StoredEvent): string => (onStream ? event.streamName : event.type);
  const prefixes = expression.getPrefixList();
  if (prefixes.length > 0) return (event) => prefixes.some((prefix) => subject(event).startsWith(prefix));
  const regex = expression.getRegex();
  if (regex) {
    const pattern = new RegExp(regex);
    return (event) => pattern.test(subject(event));
  }
  return noFilter;
}

/** How many events the server considers between two checkpoints of a filtered subscription. */
export function checkpointIntervalOf(options: ReadReq.Options.FilterOptions): number {
  // The server's default search window, used when the client sends `count` instead of `max`.
  const defaultWindow = 32;
  const window = options.getWindowCase() === ReadReq.Options.FilterOptions.WindowCase.MAX ? options.getMax() : 0;
  return Math.max(1, options.getCheckpointintervalmultiplier()) * (window > 0 ? window : defaultWindow);
}
