import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseInstant, type HistoryFilter } from '@pledge-ledger/application';
import { parsePosition, START, type Actor } from '@pledge-ledger/event-store';
import { CurrentActor, Roles } from '../http';
import { RequestValidationError } from '../http/errors/http-error';
import { AuditEventsDto, AuditStreamDto, STREAM_ID } from './audit.dto';
import { AUDIT_EVENT_PAGE_EXAMPLE, AUDIT_STREAM_PAGE_EXAMPLE } from './audit.examples';
import {
  ReadAuditEventsQuery,
  ReadAuditStreamQuery,
  type AuditEventPage,
  type AuditStreamPage,
} from './audit-history.queries';

@ApiTags('audit')
@Controller('v1/audit')
@Roles('auditor')
export class AuditHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  @ApiOperation({
    summary:
      'Events in global order with their metadata and hash, a page at a time; filtered by stream, type, actor, ' +
      'correlationId and recorded time (from inclusive, to exclusive) while the history is scanned',
  })
  @ApiOkResponse({ description: 'A page and the cursor to go on from', schema: { example: AUDIT_EVENT_PAGE_EXAMPLE } })
  events(@Query() dto: AuditEventsDto, @CurrentActor() actor: Actor): Promise<AuditEventPage> {
    const after = dto.after === undefined ? START : parsePosition(dto.after);
    return this.queries.execute(new ReadAuditEventsQuery(actor, after, dto.limit ?? 100, filterOf(dto)));
  }

  @Get('streams/:streamId')
  @ApiOperation({ summary: "One stream's events in revision order with their metadata and hash" })
  @ApiOkResponse({
    description: 'A page and the revision to go on from',
    schema: { example: AUDIT_STREAM_PAGE_EXAMPLE },
  })
  stream(
    @Param('streamId') streamId: string,
    @Query() dto: AuditStreamDto,
    @CurrentActor() actor: Actor,
  ): Promise<AuditStreamPage> {
    if (!STREAM_ID.test(streamId)) {
      throw new RequestValidationError([
        { field: 'streamId', problems: ['must be a stream id such as loan-L1: letters, digits, "_" or "-"'] },
      ]);
    }
    return this.queries.execute(new ReadAuditStreamQuery(actor, streamId, dto.fromRevision ?? 0, dto.limit ?? 100));
  }
}

function filterOf(dto: AuditEventsDto): HistoryFilter {
  const from = dto.from === undefined ? undefined : parseInstant(dto.from, 'from');
  const to = dto.to === undefined ? undefined : parseInstant(dto.to, 'to');
  if (from !== undefined && to !== undefined && Date.parse(to) <= Date.parse(from)) {
    throw new RequestValidationError([{ field: 'to', problems: [`to (${to}) must be later than from (${from})`] }]);
  }
  const filter = {
    streamId: dto.stream,
    type: dto.type,
    actor: dto.actor,
    correlationId: dto.correlationId,
    from,
    to,
  };
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as HistoryFilter;
}
