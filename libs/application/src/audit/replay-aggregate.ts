import {
  bankDecider,
  bankStreamId,
  claimDecider,
  claimStreamId,
  domainError,
  enterpriseDecider,
  enterpriseStreamId,
  formatMoney,
  ipAssetDecider,
  ipAssetStreamId,
  loanDecider,
  loanStreamId,
  riskFundDecider,
  riskFundStreamId,
  type Decider,
  type DomainEvent,
} from '@pledge-ledger/domain';
import { formatPosition, type EventStore, type JsonValue, type RecordedEvent } from '@pledge-ledger/event-store';
import { asOfJson, isWithinAsOf, type AsOf, type AsOfJson } from './as-of';

/** The aggregates an auditor can replay, by the name the API uses for them. */
export const AGGREGATE_KINDS = ['loan', 'claim', 'fund', 'ip-asset', 'enterprise', 'bank'] as const;
export type AggregateKind = (typeof AGGREGATE_KINDS)[number];

type Fold = Pick<Decider<never, DomainEvent, unknown>, 'initialState' | 'evolve'>;

/** Each kind's decider and stream name: the very ones its command handlers use. */
const AGGREGATES: Readonly<Record<AggregateKind, { readonly decider: Fold; streamId(id: string): string }>> = {
  loan: { decider: loanDecider, streamId: loanStreamId },
  claim: { decider: claimDecider, streamId: claimStreamId },
  fund: { decider: riskFundDecider, streamId: riskFundStreamId },
  'ip-asset': { decider: ipAssetDecider, streamId: ipAssetStreamId },
  enterprise: { decider: enterpriseDecider, streamId: enterpriseStreamId },
  bank: { decider: bankDecider, streamId: bankStreamId },
};

export class UnknownAggregateKindError extends domainError('AUDIT.UNKNOWN_AGGREGATE', 'invalid') {}

/** The stream had no event at that point of the history (or never existed). */
export class AggregateNotFoundAsOfError extends domainError('AUDIT.AGGREGATE_NOT_FOUND', 'not-found') {}

export function isAggregateKind(text: string): text is AggregateKind {
  return (AGGREGATE_KINDS as readonly string[]).includes(text);
}

export function parseAggregateKind(text: string): AggregateKind {
  if (isAggregateKind(text)) return text;
  throw new UnknownAggregateKindError(`"${text}" is not an aggregate: use one of ${AGGREGATE_KINDS.join(', ')}`, {
    field: 'aggregate',
    allowed: AGGREGATE_KINDS,
  });
}

export function aggregateStreamId(aggregate: AggregateKind, id: string): string {
  return AGGREGATES[aggregate].streamId(id);
}

/** An aggregate's state as its decider folds it from its events up to a point, all of it JSON. */
export interface ReplayedAggregate {
  readonly aggregate: AggregateKind;
  readonly id: string;
  readonly streamId: string;
  /** The decider's state; money (the domain's only bigint) as the API writes it, "1250000.00". */
  readonly state: JsonValue;
  /** Revision of the last event folded. */
  readonly revision: number;
  /** Global position of the last event folded, as the API writes positions. */
  readonly position: string;
  readonly eventsApplied: number;
  readonly asOf: AsOfJson;
}

/** Events read from the stream per call: the fold keeps only the state, so memory stays flat. */
const PAGE = 500;

/**
 * Folds the aggregate's stream with its decider up to `asOf`: every event at or before the
 * position, or every event up to the first one recorded after the time. Throws
 * AggregateNotFoundAsOfError when no event of the stream is inside that history.
 */
export async function replayAggregate(
  store: EventStore,
  aggregate: AggregateKind,
  id: string,
  asOf: AsOf,
): Promise<ReplayedAggregate> {
  const { decider, streamId } = AGGREGATES[parseAggregateKind(aggregate)];
  const stream = streamId(id);
  const within = isWithinAsOf(asOf);
  let state = decider.initialState;
  let last: RecordedEvent | null = null;
  let applied = 0;
  for (let fromRevision = 0; ; fromRevision += PAGE) {
    const events = await store.readStream(stream, { fromRevision, maxCount: PAGE });
    const inside = takeWhile(events, within);
    for (const event of inside) state = decider.evolve(state, { type: event.type, data: event.data });
    applied += inside.length;
    if (inside.length > 0) last = inside[inside.length - 1];
    if (inside.length < PAGE) break;
  }
  if (last === null) {
    const when = 'position' in asOf ? 'at position' : 'at';
    const point = Object.values(asOfJson(asOf))[0];
    throw new AggregateNotFoundAsOfError(`There was no ${aggregate} ${id} ${when} ${point}`, {
      aggregate,
      id,
      asOf: asOfJson(asOf),
    });
  }
  return {
    aggregate,
    id,
    streamId: stream,
    state: jsonSafe(state),
    revision: last.revision,
    position: formatPosition(last.position),
    eventsApplied: applied,
    asOf: asOfJson(asOf),
  };
}

function takeWhile<T>(items: readonly T[], keep: (item: T) => boolean): readonly T[] {
  const stop = items.findIndex((item) => !keep(item));
  return stop === -1 ? items : items.slice(0, stop);
}

/**
 * The state as plain JSON. Every bigint a domain state holds is money in fen (`Fen`), so it is
 * written the way the API writes money. Enumerable getters (the loan's `repayments`) are read;
 * non-enumerable internals (its RepaymentLog) are not.
 */
export function jsonSafe(state: unknown): JsonValue {
  const text = JSON.stringify(state, (_key, value: unknown) =>
    typeof value === 'bigint' ? formatMoney(value) : value,
  );
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}
