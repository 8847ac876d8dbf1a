import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditHistoryController } from './audit-history.controller';
import { ReadAuditEventsHandler, ReadAuditStreamHandler } from './audit-history.queries';

/** The auditor's routes over the event store itself (EVENT_STORE from the app's global module). */
@Module({
  imports: [CqrsModule],
  controllers: [AuditHistoryController],
  providers: [ReadAuditEventsHandler, ReadAuditStreamHandler],
})
export class AuditModule {}
