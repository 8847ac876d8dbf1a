import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../http/auth/auth.decorators';
import { LedgerMetrics } from './ledger-metrics';
import { PROMETHEUS_CONTENT_TYPE } from './metrics-registry';

/** Prometheus scrapes without a token, like the health check: the numbers carry no ledger data. */
@Public()
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(LedgerMetrics) private readonly metrics: LedgerMetrics) {}

  @Get()
  @Header('content-type', PROMETHEUS_CONTENT_TYPE)
  @Header('cache-control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.registry.render();
  }
}
