import { Controller, Get, UseFilters, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@pledge-ledger/event-store';
import type { EnterpriseDashboardView } from './enterprise-dashboard.query';
import { CurrentActor, ParseLedgerIdPipe, Roles } from '../../http';
import { AsOfDto, minPositionOf } from '../read.dto';
import { ProjectionLagFilter } from '../projection-lag.filter';
import { GetEnterpriseDashboardQuery } from './enterprise-dashboard.query';

@ApiTags('enterprises')
@UseFilters(ProjectionLagFilter)
@Controller('v1/enterprises')
export class EnterpriseDashboardController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/dashboard')
  @Roles('enterprise', 'admin')
  @ApiOperation({ summary: "An enterprise's loans, next instalment due and pledged assets" })
  get(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Query() dto: AsOfDto,
    @CurrentActor() actor: Actor,
  ): Promise<EnterpriseDashboardView> {
    return this.queries.execute(
      new GetEnterpriseDashboardQuery(actor, { enterpriseId: id, asOf: dto.asOf }, minPositionOf(dto)),
    );
  }
}
