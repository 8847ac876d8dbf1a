import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  parseAggregateKind,
  parseAsOf,
  type ReplayedAggregate,
  type VerificationReport,
} from '@pledge-ledger/application';
import type { Actor } from '@pledge-ledger/event-store';
import { CurrentActor, IdempotencyExempt, ParseLedgerIdPipe, Roles } from '../http';
import { YearDto } from '../read-side/read.dto';
import { AggregateStateParams, AsOfQueryDto } from './audit.dto';
import { AGGREGATE_STATE_EXAMPLE, FUND_DASHBOARD_AS_OF_EXAMPLE, VERIFICATION_EXAMPLE } from './audit.examples';
import {
  FundDashboardAsOfQuery,
  ReplayAggregateQuery,
  VerifyChainsQuery,
  type FundDashboardAsOfAnswer,
} from './audit-replay.queries';
import { IntersectionType } from '@nestjs/swagger';

export class FundDashboardAsOfDto extends IntersectionType(AsOfQueryDto, YearDto) {}

@ApiTags('audit')
@Controller('v1/audit')
@Roles('auditor')
export class AuditReplayController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':aggregate/:id/state')
  @ApiOperation({
    summary:
      "An aggregate's state replayed with its decider up to a position (included) or a time (up to the first event " +
      'recorded after it); 404 when it had no event by then',
  })
  @ApiOkResponse({ description: 'The state as of that point', schema: { example: AGGREGATE_STATE_EXAMPLE } })
  state(
    @Param() params: AggregateStateParams,
    @Query() dto: AsOfQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReplayedAggregate> {
    const asOf = dto.asOf === undefined ? null : parseAsOf(dto.asOf);
    return this.queries.execute(new ReplayAggregateQuery(actor, parseAggregateKind(params.aggregate), params.id, asOf));
  }

  @Post('verifications')
  @HttpCode(200)
  @IdempotencyExempt()
  @ApiOperation({
    summary:
      'Recompute every hash chain over the whole history up to the head and report the first broken link. ' +
      'Writes nothing: an Idempotency-Key is accepted and ignored, each request verifies afresh',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Ignored: a verification changes nothing' })
  @ApiOkResponse({ description: 'The verification report', schema: { example: VERIFICATION_EXAMPLE } })
  verify(@CurrentActor() actor: Actor): Promise<VerificationReport> {
    return this.queries.execute(new VerifyChainsQuery(actor));
  }

  @Get('funds/:id/dashboard')
  @ApiOperation({
    summary:
      'The fund dashboard as it stood at a position or time: the fund-dashboard projection replayed from the start ' +
      'into a scratch store, read with the live dashboard query',
  })
  @ApiOkResponse({ description: 'The dashboard as of that point', schema: { example: FUND_DASHBOARD_AS_OF_EXAMPLE } })
  fundDashboard(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Query() dto: FundDashboardAsOfDto,
    @CurrentActor() actor: Actor,
  ): Promise<FundDashboardAsOfAnswer> {
    const asOf = dto.asOf === undefined ? null : parseAsOf(dto.asOf);
    return this.queries.execute(new FundDashboardAsOfQuery(actor, id, asOf, dto.year));
  }
}
