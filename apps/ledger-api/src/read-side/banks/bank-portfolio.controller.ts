import { Controller, Get, UseFilters, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@pledge-ledger/event-store';
import type { BankPortfolio } from '@pledge-ledger/read-models';
import { CurrentActor, ParseLedgerIdPipe, Roles } from '../../http';
import { minPositionOf, YearDto } from '../read.dto';
import { ProjectionLagFilter } from '../projection-lag.filter';
import { GetBankPortfolioQuery } from './bank-portfolio.query';

@ApiTags('banks')
@UseFilters(ProjectionLagFilter)
@Controller('v1/banks')
export class BankPortfolioController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/portfolio')
  @Roles('bank', 'fund-manager', 'auditor')
  @ApiOperation({
    summary: "A bank's loans by status and bucket, outstanding, bad-loan ratio, annual cap used and left",
  })
  get(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Query() dto: YearDto,
    @CurrentActor() actor: Actor,
  ): Promise<BankPortfolio> {
    return this.queries.execute(new GetBankPortfolioQuery(actor, { bankId: id, year: dto.year }, minPositionOf(dto)));
  }
}
