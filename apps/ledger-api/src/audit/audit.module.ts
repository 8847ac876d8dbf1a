import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditHistoryController } from './audit-history.controller';
import { ReadAuditEventsHandler, ReadAuditStreamHandler } from './audit-history.queries';
import { AuditReplayController } from './audit-replay.controller';
import { FundDashboardAsOfHandler, ReplayAggregateHandler, VerifyChainsHandler } from './audit-replay.queries';

/**
 * The auditor's routes over the event store itself (EVENT_STORE, RAW_EVENT_STORE and CLOCK from the
 * app's global module): history and verification read the raw events, replays the upcast ones as
 * the deciders and projections do.
 */
@Module({
  imports: [CqrsModule],
  controllers: [AuditHistoryController, AuditReplayController],
  providers: [
    ReadAuditEventsHandler,
    ReadAuditStreamHandler,
    ReplayAggregateHandler,
    VerifyChainsHandler,
    FundDashboardAsOfHandler,
  ],
})
export class AuditModule {}
