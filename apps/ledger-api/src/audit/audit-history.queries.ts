import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RAW_EVENT_STORE, scanHistory, type HistoryFilter } from '@pledge-ledger/application';
import {
  formatPosition,
  type Actor,
  type After,
  type EventData,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
} from '@pledge-ledger/event-store';
import { NotFoundForCallerError } from '../read-side/read-errors';
import { requireAuditor } from './audit-access';

/** An event exactly as stored, with its metadata (who, when, why) and where it sits. */
export interface AuditEvent {
  readonly position: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: EventData;
  /** Who (actor sub, role, bank or enterprise), when (recordedAt), in answer to what (correlationId, causationId). */
  readonly metadata: EventMetadata;
  /** The event's link in its stream's hash chain (libs/event-store/src/hash-chain.ts). */
  readonly hash: string;
}

export interface AuditEventPage {
  readonly items: AuditEvent[];
  /**
   * Pass as `after` for the next page; null when the scan reached the end of the history so far.
   * With filters a page may hold fewer than `limit` items (even none) and still have a cursor: the
   * scan stopped after reading SCAN_BUDGET events.
   */
  readonly nextCursor: string | null;
}

/** Most events one filtered page reads, matching or not, before it answers with its cursor. */
export const SCAN_BUDGET = 5_000;

export interface AuditStreamPage {
  readonly streamId: string;
  readonly items: AuditEvent[];
  /** Pass as `fromRevision` for the next page; null on the last page. */
  readonly nextRevision: number | null;
}

/** The whole history in global order, straight from the event store: auditors only. */
export class ReadAuditEventsQuery extends Query<AuditEventPage> {
  constructor(
    readonly caller: Actor,
    readonly after: After,
    readonly limit: number,
    readonly filter: HistoryFilter = {},
  ) {
    super();
  }
}

/** One stream's events in revision order, straight from the event store: auditors only. */
export class ReadAuditStreamQuery extends Query<AuditStreamPage> {
  constructor(
    readonly caller: Actor,
    readonly streamId: string,
    readonly fromRevision: number,
    readonly limit: number,
  ) {
    super();
  }
}

function auditEvent(event: RecordedEvent): AuditEvent {
  return {
    position: formatPosition(event.position),
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    hash: event.hash,
  };
}

@QueryHandler(ReadAuditEventsQuery)
export class ReadAuditEventsHandler implements IQueryHandler<ReadAuditEventsQuery> {
  constructor(@Inject(RAW_EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: ReadAuditEventsQuery): Promise<AuditEventPage> {
    requireAuditor(query.caller);
    const { after, limit, filter } = query;
    const scan = await scanHistory(this.store, { after, limit, filter, scanBudget: SCAN_BUDGET });
    return { items: scan.events.map(auditEvent), nextCursor: scan.next === null ? null : formatPosition(scan.next) };
  }
}

@QueryHandler(ReadAuditStreamQuery)
export class ReadAuditStreamHandler implements IQueryHandler<ReadAuditStreamQuery> {
  constructor(@Inject(RAW_EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: ReadAuditStreamQuery): Promise<AuditStreamPage> {
    requireAuditor(query.caller);
    const { streamId, fromRevision, limit } = query;
    const events = await this.store.readStream(streamId, { fromRevision, maxCount: limit + 1 });
    if (events.length === 0 && (await this.store.streamRevision(streamId)) === null) {
      throw new NotFoundForCallerError('stream', streamId);
    }
    const items = events.slice(0, limit).map(auditEvent);
    return { streamId, items, nextRevision: events.length > limit ? events[limit].revision : null };
  }
}
