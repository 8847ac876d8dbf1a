import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RAW_EVENT_STORE } from '@pledge-ledger/application';
import {
  formatPosition,
  type Actor,
  type After,
  type EventData,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
} from '@pledge-ledger/event-store';
import { HttpError } from '../http/errors/http-error';
import { NotFoundForCallerError } from '../read-side/read-errors';

/** An event exactly as stored, with its metadata (who, when, why) and where it sits. */
export interface AuditEvent {
  readonly position: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: EventData;
  readonly metadata: EventMetadata;
}

export interface AuditEventPage {
  readonly items: AuditEvent[];
  /** Pass as `after` for the next page; null when this page reached the end of the history so far. */
  readonly nextCursor: string | null;
}

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
  };
}

/** The raw history is the auditor's alone (DESIGN.md 1), whatever route asks for it. */
function requireAuditor(caller: Actor): void {
  if (caller.role !== 'auditor') {
    throw new HttpError(403, 'AUTH.FORBIDDEN', `A ${caller.role} may not read the raw history; it needs auditor`, {
      role: caller.role,
      allowedRoles: ['auditor'],
    });
  }
}

@QueryHandler(ReadAuditEventsQuery)
export class ReadAuditEventsHandler implements IQueryHandler<ReadAuditEventsQuery> {
  constructor(@Inject(RAW_EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: ReadAuditEventsQuery): Promise<AuditEventPage> {
    requireAuditor(query.caller);
    const events = await this.store.readAll({ after: query.after, maxCount: query.limit + 1 });
    const items = events.slice(0, query.limit).map(auditEvent);
    return { items, nextCursor: events.length > query.limit ? items[items.length - 1].position : null };
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
