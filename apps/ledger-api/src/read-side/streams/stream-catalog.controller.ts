import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@pledge-ledger/event-store';
import type { StreamPage } from '@pledge-ledger/read-models';
import { IsOptional, Matches } from 'class-validator';
import { CurrentActor, Roles } from '../../http';
import { ProjectionLagFilter } from '../projection-lag.filter';
import { minPositionOf, PageDto } from '../read.dto';
import { ListStreamsQuery } from './stream-catalog.queries';

export class ListStreamsDto extends PageDto {
  @ApiPropertyOptional({
    description: 'Only streams whose id starts with this prefix, e.g. loan (loan-L1), ip (ip-asset-P1)',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,39}$/, {
    message: 'aggregateType must be the prefix of stream ids, such as loan, ip or fund',
  })
  aggregateType?: string;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page (a stream id)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, { message: 'after must be the nextCursor of a previous page' })
  after?: string;
}

@ApiTags('audit')
@Controller('v1/audit/streams')
@UseFilters(ProjectionLagFilter)
export class StreamCatalogController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('auditor')
  @ApiOperation({ summary: 'Every stream with its event count and last revision, by id, a page at a time' })
  list(@Query() dto: ListStreamsDto, @CurrentActor() actor: Actor): Promise<StreamPage> {
    const { aggregateType, after, limit } = dto;
    return this.queries.execute(new ListStreamsQuery(actor, { aggregateType, after, limit }, minPositionOf(dto)));
  }
}
