import { Controller, Get, UseFilters, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@pledge-ledger/event-store';
import type { FundDashboard } from '@pledge-ledger/read-models';
import { CurrentActor, ParseLedgerIdPipe, Roles, WithRevision } from '../../http';
import { minPositionOf, YearDto } from '../read.dto';
import { ProjectionLagFilter } from '../projection-lag.filter';
import { GetFundDashboardQuery } from './fund-dashboard.query';

@ApiTags('funds')
@UseFilters(ProjectionLagFilter)
@Controller('v1/funds')
export class FundDashboardController {
  constructor(private readonly queries: QueryBus) {}

  /** The ETag is the fund's revision, for If-Match on the fund's own commands. */
  @Get(':id/dashboard')
  @Roles('fund-manager', 'auditor')
  @ApiOperation({
    summary: 'Capital, available, committed, paid, recovered, leverage, per-bank exposure, claim queue, watch list',
  })
  async get(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Query() dto: YearDto,
    @CurrentActor() actor: Actor,
  ): Promise<WithRevision<FundDashboard>> {
    const { view, revision } = await this.queries.execute(
      new GetFundDashboardQuery(actor, { fundId: id, year: dto.year }, minPositionOf(dto)),
    );
    return new WithRevision(revision, view);
  }
}
