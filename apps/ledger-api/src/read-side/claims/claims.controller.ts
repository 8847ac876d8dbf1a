import { Controller, Get, UseFilters, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@pledge-ledger/event-store';
import { CLAIM_STATUSES, type ClaimPage, type ClaimStatus, type ClaimView } from '@pledge-ledger/read-models';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentActor, ParseLedgerIdPipe, Roles, WithRevision } from '../../http';
import { IdPageDto, minPositionOf, ReadDto } from '../read.dto';
import { ProjectionLagFilter } from '../projection-lag.filter';
import { GetClaimQuery, ListClaimsQuery } from './claim.queries';

export class ListClaimsDto extends IdPageDto {
  @ApiPropertyOptional({ enum: CLAIM_STATUSES })
  @IsOptional()
  @IsIn(CLAIM_STATUSES, { message: `status must be one of ${CLAIM_STATUSES.join(', ')}` })
  status?: ClaimStatus;
}

@ApiTags('claims')
@UseFilters(ProjectionLagFilter)
@Controller('v1/claims')
@Roles('bank', 'fund-manager', 'auditor')
export class ClaimReadsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Claims the caller may see, by status, with their calculation traces' })
  list(@Query() dto: ListClaimsDto, @CurrentActor() actor: Actor): Promise<ClaimPage> {
    const { status, after, limit } = dto;
    return this.queries.execute(new ListClaimsQuery(actor, { status, after, limit }, minPositionOf(dto)));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A claim with its calculation trace, approvals, payment and recovery shares' })
  async get(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Query() dto: ReadDto,
    @CurrentActor() actor: Actor,
  ): Promise<WithRevision<ClaimView>> {
    const { view, revision } = await this.queries.execute(
      new GetClaimQuery(actor, { claimId: id }, minPositionOf(dto)),
    );
    return new WithRevision(revision, view);
  }
}
