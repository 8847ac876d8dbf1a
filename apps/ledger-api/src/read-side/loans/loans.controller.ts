import { Controller, Get, UseFilters, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { DelinquencyBucket } from '@pledge-ledger/domain';
import type { Actor } from '@pledge-ledger/event-store';
import {
  DELINQUENCY_BUCKETS,
  LOAN_STATUSES,
  type ExistingLoanStatus,
  type LoanDetail,
  type LoanPage,
} from '@pledge-ledger/read-models';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentActor, IsBusinessDate, ParseLedgerIdPipe, Roles, WithRevision } from '../../http';
import { AsOfDto, IdPageDto, minPositionOf } from '../read.dto';
import { ProjectionLagFilter } from '../projection-lag.filter';
import { GetLoanQuery, ListLoansQuery } from './loan.queries';

export class ListLoansDto extends IdPageDto {
  @ApiPropertyOptional({ enum: LOAN_STATUSES })
  @IsOptional()
  @IsIn(LOAN_STATUSES, { message: `status must be one of ${LOAN_STATUSES.join(', ')}` })
  status?: ExistingLoanStatus;

  @ApiPropertyOptional({ enum: DELINQUENCY_BUCKETS, description: 'Delinquency bucket as of `asOf`' })
  @IsOptional()
  @IsIn(DELINQUENCY_BUCKETS, { message: `bucket must be one of ${DELINQUENCY_BUCKETS.join(', ')}` })
  bucket?: DelinquencyBucket;

  @ApiPropertyOptional({ description: 'ISO business date the figures are computed as of; default today (UTC)' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
}

@ApiTags('loans')
@UseFilters(ProjectionLagFilter)
@Controller('v1/loans')
@Roles('bank', 'enterprise', 'fund-manager', 'auditor')
export class LoanReadsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The loans the caller may see, a page at a time, by status and delinquency bucket' })
  list(@Query() dto: ListLoansDto, @CurrentActor() actor: Actor): Promise<LoanPage> {
    const { status, bucket, asOf, after, limit } = dto;
    return this.queries.execute(new ListLoansQuery(actor, { status, bucket, asOf, after, limit }, minPositionOf(dto)));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A loan with its schedule, outstanding principal, interest due and days past due' })
  async get(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Query() dto: AsOfDto,
    @CurrentActor() actor: Actor,
  ): Promise<WithRevision<LoanDetail>> {
    const { view, revision } = await this.queries.execute(
      new GetLoanQuery(actor, { loanId: id, asOf: dto.asOf }, minPositionOf(dto)),
    );
    return new WithRevision(revision, view);
  }
}
