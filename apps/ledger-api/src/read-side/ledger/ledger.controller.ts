import { Controller, Get, UseFilters, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@pledge-ledger/event-store';
import type { JournalPage, TrialBalance } from '@pledge-ledger/read-models';
import { IsOptional, Matches } from 'class-validator';
import { CurrentActor, IsBusinessDate, Roles } from '../../http';
import { minPositionOf, PageDto, POSITION_PATTERN, POSITION_PROBLEM, ReadDto } from '../read.dto';
import { ProjectionLagFilter } from '../projection-lag.filter';
import { GetTrialBalanceQuery, ListJournalEntriesQuery } from './journal.queries';

const OWNER_PATTERN = /^(fund|bank|enterprise):[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const OWNER_PROBLEM = 'owner must be fund:<id>, bank:<id> or enterprise:<id>';

export class ListJournalDto extends PageDto {
  @ApiPropertyOptional({ description: 'Only entries with a line on this account, e.g. bank:B1:loans-receivable' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9:_-]{1,200}$/, { message: 'account must be an account code, e.g. bank:B1:loans-receivable' })
  account?: string;

  @ApiPropertyOptional({ description: "Only entries in this party's books: fund:F1, bank:B1, enterprise:E1" })
  @IsOptional()
  @Matches(OWNER_PATTERN, { message: OWNER_PROBLEM })
  owner?: string;

  @ApiPropertyOptional({ description: 'Only entries caused by this event type, e.g. RepaymentReceived' })
  @IsOptional()
  @Matches(/^[A-Za-z]{1,100}$/, { message: 'eventType must be an event type name, e.g. RepaymentReceived' })
  eventType?: string;

  @ApiPropertyOptional({ description: 'Value dates from, inclusive' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Value dates to, inclusive' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page (a global position)' })
  @IsOptional()
  @Matches(POSITION_PATTERN, { message: `after ${POSITION_PROBLEM}` })
  after?: string;
}

export class TrialBalanceDto extends ReadDto {
  @ApiPropertyOptional({ description: 'Balances as they stood once the event at this position was journaled' })
  @IsOptional()
  @Matches(POSITION_PATTERN, { message: `asOfPosition ${POSITION_PROBLEM}` })
  asOfPosition?: string;

  @ApiPropertyOptional({ description: "Only this party's accounts: fund:F1, bank:B1, enterprise:E1" })
  @IsOptional()
  @Matches(OWNER_PATTERN, { message: OWNER_PROBLEM })
  owner?: string;
}

@ApiTags('ledger')
@UseFilters(ProjectionLagFilter)
@Controller('v1/ledger')
@Roles('fund-manager', 'auditor')
export class LedgerController {
  constructor(private readonly queries: QueryBus) {}

  @Get('journal')
  @ApiOperation({ summary: 'The double-entry journal of every money movement, in global order' })
  journal(@Query() dto: ListJournalDto, @CurrentActor() actor: Actor): Promise<JournalPage> {
    const { account, owner, eventType, from, to, after, limit } = dto;
    return this.queries.execute(
      new ListJournalEntriesQuery(actor, { account, owner, eventType, from, to, after, limit }, minPositionOf(dto)),
    );
  }

  @Get('trial-balance')
  @ApiOperation({ summary: "Every account's debits, credits and balance; the totals balance to zero" })
  trialBalance(@Query() dto: TrialBalanceDto, @CurrentActor() actor: Actor): Promise<TrialBalance> {
    const { asOfPosition, owner } = dto;
    return this.queries.execute(new GetTrialBalanceQuery(actor, { asOfPosition, owner }, minPositionOf(dto)));
  }
}
