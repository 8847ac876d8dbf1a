import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  AggregateNotFoundAsOfError,
  asOfJson,
  CLOCK,
  EVENT_STORE,
  isWithinAsOf,
  RAW_EVENT_STORE,
  replayAggregate,
  verifyEventStore,
  type AggregateKind,
  type AsOf,
  type AsOfJson,
  type Clock,
  type ReplayedAggregate,
  type VerificationReport,
} from '@pledge-ledger/application';
import { formatPosition, START, type Actor, type EventStore } from '@pledge-ledger/event-store';
import { getFundDashboardAsOf, type FundDashboard } from '@pledge-ledger/read-models';
import { NotFoundForCallerError, toReadError } from '../read-side/read-errors';
import { requireAuditor } from './audit-access';

/** An aggregate's state replayed to a point; `asOf` null: the head of the store now. */
export class ReplayAggregateQuery extends Query<ReplayedAggregate> {
  constructor(
    readonly caller: Actor,
    readonly aggregate: AggregateKind,
    readonly id: string,
    readonly asOf: AsOf | null,
  ) {
    super();
  }
}

/** Every hash chain recomputed. A query, though a POST: it writes nothing anywhere. */
export class VerifyChainsQuery extends Query<VerificationReport> {
  constructor(readonly caller: Actor) {
    super();
  }
}

export interface FundDashboardAsOfAnswer {
  readonly asOf: AsOfJson;
  /** Position of the last event the replay applied. */
  readonly position: string;
  readonly dashboard: FundDashboard;
}

/** The fund dashboard replayed to a point into a scratch store; `asOf` null: the head now. */
export class FundDashboardAsOfQuery extends Query<FundDashboardAsOfAnswer> {
  constructor(
    readonly caller: Actor,
    readonly fundId: string,
    readonly asOf: AsOf | null,
    readonly year: number | undefined,
  ) {
    super();
  }
}

/** "Now" as a point in history: the store's head, or null when it holds no event yet. */
async function headAsOf(store: EventStore, asOf: AsOf | null): Promise<AsOf | null> {
  if (asOf !== null) return asOf;
  const head = await store.headPosition();
  return head === START ? null : { position: head };
}

@QueryHandler(ReplayAggregateQuery)
export class ReplayAggregateHandler implements IQueryHandler<ReplayAggregateQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: ReplayAggregateQuery): Promise<ReplayedAggregate> {
    requireAuditor(query.caller);
    const asOf = await headAsOf(this.store, query.asOf);
    if (asOf === null) {
      throw new AggregateNotFoundAsOfError(`There is no ${query.aggregate} ${query.id}: the ledger is empty`, {
        aggregate: query.aggregate,
        id: query.id,
      });
    }
    return replayAggregate(this.store, query.aggregate, query.id, asOf);
  }
}

@QueryHandler(VerifyChainsQuery)
export class VerifyChainsHandler implements IQueryHandler<VerifyChainsQuery> {
  constructor(
    // The events exactly as stored: the hashes cover what was written, never an upcast copy.
    @Inject(RAW_EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(query: VerifyChainsQuery): Promise<VerificationReport> {
    requireAuditor(query.caller);
    return verifyEventStore(this.store, { clock: this.clock });
  }
}

@QueryHandler(FundDashboardAsOfQuery)
export class FundDashboardAsOfHandler implements IQueryHandler<FundDashboardAsOfQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: FundDashboardAsOfQuery): Promise<FundDashboardAsOfAnswer> {
    requireAuditor(query.caller);
    const asOf = await headAsOf(this.store, query.asOf);
    if (asOf === null) throw new NotFoundForCallerError('fund', query.fundId);
    let replay;
    try {
      replay = await getFundDashboardAsOf(this.store, query.caller, {
        fundId: query.fundId,
        year: query.year,
        within: isWithinAsOf(asOf),
      });
    } catch (error) {
      throw toReadError(error);
    }
    if (replay.dashboard === null) throw new NotFoundForCallerError('fund', query.fundId);
    return { asOf: asOfJson(asOf), position: formatPosition(replay.position), dashboard: replay.dashboard };
  }
}
