import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { parsePosition, START, type Actor } from '@pledge-ledger/event-store';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CurrentActor, Roles } from '../http';
import { RequestValidationError } from '../http/errors/http-error';
import { PageDto, POSITION_PATTERN, POSITION_PROBLEM } from '../read-side/read.dto';
import {
  ReadAuditEventsQuery,
  ReadAuditStreamQuery,
  type AuditEventPage,
  type AuditStreamPage,
} from './audit-history.queries';

/** `minPosition` is accepted like on every GET; nothing to wait for: these read the event store itself. */
export class AuditEventsDto extends PageDto {
  @ApiPropertyOptional({ description: 'Events strictly after this position (the `nextCursor` of the previous page)' })
  @IsOptional()
  @Matches(POSITION_PATTERN, { message: `after ${POSITION_PROBLEM}` })
  after?: string;
}

export class AuditStreamDto extends PageDto {
  @ApiPropertyOptional({
    description: 'First revision to return (the `nextRevision` of the previous page)',
    default: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'fromRevision must be a whole number from 0' })
  @Min(0, { message: 'fromRevision must be a whole number from 0' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'fromRevision must be a whole number from 0' })
  fromRevision?: number;
}

/** Stream ids are `<aggregate>-<id>`: the id's alphabet, a little longer. */
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

@ApiTags('audit')
@Controller('v1/audit')
@Roles('auditor')
export class AuditHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  @ApiOperation({ summary: 'Every event in global order with its metadata, a page at a time' })
  events(@Query() dto: AuditEventsDto, @CurrentActor() actor: Actor): Promise<AuditEventPage> {
    const after = dto.after === undefined ? START : parsePosition(dto.after);
    return this.queries.execute(new ReadAuditEventsQuery(actor, after, dto.limit ?? 100));
  }

  @Get('streams/:streamId')
  @ApiOperation({ summary: "One stream's events in revision order with their metadata" })
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
