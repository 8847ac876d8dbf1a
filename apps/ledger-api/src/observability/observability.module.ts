import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandBusMetrics } from './command-bus-metrics';
import { FeedLagCollector } from './feed-lag.collector';
import { LedgerMetrics } from './ledger-metrics';
import { MetricsController } from './metrics.controller';

/**
 * GET /metrics and what feeds it: the CommandBus timed, the feed consumers' lag at scrape time.
 * The HTTP request metric and the request log are Fastify hooks (`installHttpObservability`).
 */
@Module({
  imports: [CqrsModule],
  controllers: [MetricsController],
  providers: [{ provide: LedgerMetrics, useFactory: () => new LedgerMetrics() }, CommandBusMetrics, FeedLagCollector],
  exports: [LedgerMetrics],
})
export class ObservabilityModule {}
