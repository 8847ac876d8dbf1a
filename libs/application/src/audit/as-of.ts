import { domainError } from '@pledge-ledger/domain';
import {
  comparePositions,
  formatPosition,
  parsePosition,
  type Position,
  type RecordedEvent,
} from '@pledge-ledger/event-store';

/**
 * A point in the ledger's history: a global position (the event at it is included), or a
 * moment, compared with the clock that recorded each event (`metadata.recordedAt`).
 */
export type AsOf = { readonly position: Position } | { readonly time: string };

/** asOf as JSON: the position as the API writes it, or the moment in UTC ISO-8601. */
export type AsOfJson = { readonly position: string } | { readonly time: string };

export class InvalidAsOfError extends domainError('AUDIT.INVALID_AS_OF', 'invalid') {}

const POSITION = /^\d{1,20}(?:\/\d{1,20})?$/;
/** A full timestamp with its zone: a bare date is refused, since "as of 2026-03-01" could mean its start or its end. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const AS_OF_FORMAT =
  'a position as a command returns it ("42", or "42/40" on EventStoreDB) or an ISO-8601 time with its zone ("2026-03-01T12:00:00Z")';

/**
 * Reads an ISO-8601 timestamp with its zone and returns it in UTC (`toISOString`), or throws
 * InvalidAsOfError naming `field`. Impossible dates (February 30th) are refused, not rolled over.
 */
export function parseInstant(text: string, field = 'asOf'): string {
  const match = INSTANT.exec(text);
  const problem = `${field} "${text}" is not an ISO-8601 time with its zone, e.g. "2026-03-01T12:00:00Z"`;
  if (!match) throw new InvalidAsOfError(problem, { field });
  const [, year, month, day, hour, minute, second = '0'] = match;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const sane =
    calendar.getUTCMonth() === Number(month) - 1 &&
    calendar.getUTCDate() === Number(day) &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) < 60;
  const time = Date.parse(text);
  if (!sane || Number.isNaN(time)) throw new InvalidAsOfError(problem, { field });
  return new Date(time).toISOString();
}

/** "42" or "42/40": a position; an ISO-8601 time with its zone: a moment; anything else InvalidAsOfError. */
export function parseAsOf(text: string): AsOf {
  if (typeof text !== 'string' || text === '') {
    throw new InvalidAsOfError(`asOf must be ${AS_OF_FORMAT}`, { field: 'asOf' });
  }
  if (POSITION.test(text)) return { position: parsePosition(text) as Position };
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return { time: parseInstant(text) };
  throw new InvalidAsOfError(`asOf "${text}" must be ${AS_OF_FORMAT}`, { field: 'asOf' });
}

export function asOfJson(asOf: AsOf): AsOfJson {
  return 'position' in asOf ? { position: formatPosition(asOf.position) } : { time: asOf.time };
}

/**
 * Whether an event read in order (global order, or a stream's revision order) is still inside the
 * history as of `asOf`. For a moment, the history ends just before the first event recorded after
 * it: callers stop there rather than skip it, so what they rebuild is a state that existed (clocks
 * of concurrent writers may record a later event with an earlier time).
 */
export function isWithinAsOf(asOf: AsOf): (event: RecordedEvent) => boolean {
  if ('position' in asOf) return (event) => comparePositions(event.position, asOf.position) <= 0;
  const limit = Date.parse(asOf.time);
  return (event) => Date.parse(event.metadata.recordedAt) <= limit;
}
