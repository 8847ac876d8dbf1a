import { Controller, Get, UseFilters, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@pledge-ledger/event-store';
import { PLEDGE_STATUSES, type IpAssetPage, type IpAssetView, type PledgeStatus } from '@pledge-ledger/read-models';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentActor, IsLedgerId, ParseLedgerIdPipe, Roles, WithRevision } from '../../http';
import { IdPageDto, minPositionOf, ReadDto } from '../read.dto';
import { ProjectionLagFilter } from '../projection-lag.filter';
import { GetIpAssetQuery, ListIpAssetsQuery } from './ip-asset.queries';

export class ListIpAssetsDto extends IdPageDto {
  @ApiPropertyOptional({ enum: PLEDGE_STATUSES, description: 'Pledge status' })
  @IsOptional()
  @IsIn(PLEDGE_STATUSES, { message: `status must be one of ${PLEDGE_STATUSES.join(', ')}` })
  status?: PledgeStatus;

  @ApiPropertyOptional({ description: 'Only assets this enterprise (co-)owns' })
  @IsOptional()
  @IsLedgerId()
  owner?: string;
}

@ApiTags('ip-assets')
@UseFilters(ProjectionLagFilter)
@Controller('v1/ip-assets')
@Roles('admin', 'bank', 'auditor')
export class IpAssetReadsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The IP register with legal and pledge status, by pledge status and owner' })
  list(@Query() dto: ListIpAssetsDto, @CurrentActor() actor: Actor): Promise<IpAssetPage> {
    const { status, owner, after, limit } = dto;
    return this.queries.execute(new ListIpAssetsQuery(actor, { status, owner, after, limit }, minPositionOf(dto)));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One asset of the IP register' })
  async get(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Query() dto: ReadDto,
    @CurrentActor() actor: Actor,
  ): Promise<WithRevision<IpAssetView>> {
    const { view, revision } = await this.queries.execute(
      new GetIpAssetQuery(actor, { ipAssetId: id }, minPositionOf(dto)),
    );
    return new WithRevision(revision, view);
  }
}
