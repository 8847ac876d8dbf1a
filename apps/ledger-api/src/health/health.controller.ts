import { Controller, Get, HttpStatus, Inject, Res, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EventStore } from '@pledge-ledger/event-store';
import { EVENT_STORE } from '@pledge-ledger/application';
import { checkReadiness, type Projector, type ReadinessReport, type ReadStore } from '@pledge-ledger/read-models';
import { Public } from '../http/auth/auth.decorators';
import { PROJECTOR, READ_STORE } from '../read-side/read-side.tokens';
import { LivenessReportDto, ReadinessReportDto } from './health.dto';

/**
 * Probes for orchestrators and load balancers, without a token. Liveness says only that the
 * process answers (restarting it cannot fix a database that is down); readiness says whether it
 * can serve: event store and read store answer, and the projections it runs are running.
 */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController implements OnApplicationBootstrap {
  private readStore: ReadStore | undefined;
  private projector: Projector | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    // Both come from the read side's modules; a test app without them still has a liveness probe.
    this.readStore = this.find<ReadStore>(READ_STORE);
    this.projector = this.find<Projector | null>(PROJECTOR) ?? null;
  }

  private find<T>(token: symbol): T | undefined {
    try {
      return this.moduleRef.get<T>(token, { strict: false });
    } catch {
      return undefined;
    }
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (checks no dependency)' })
  @ApiOkResponse({ type: LivenessReportDto })
  live(): LivenessReportDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: event store and read store answer, in-process projections run',
  })
  @ApiOkResponse({ type: ReadinessReportDto })
  @ApiServiceUnavailableResponse({ type: ReadinessReportDto, description: 'A check is down; it says why' })
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    return this.readiness(reply);
  }

  /** Kept for callers of the first version: the same as /health/ready. */
  @Get()
  @ApiOperation({ summary: 'Readiness (the same as /health/ready)', deprecated: true })
  @ApiOkResponse({ type: ReadinessReportDto })
  @ApiServiceUnavailableResponse({ type: ReadinessReportDto })
  check(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    return this.readiness(reply);
  }

  private async readiness(reply: FastifyReply): Promise<ReadinessReport> {
    void reply.header('cache-control', 'no-store');
    if (!this.readStore) throw new Error('The read store is not registered in this application');
    const report = await checkReadiness({ store: this.store, readStore: this.readStore, projector: this.projector });
    if (report.status !== 'ok') reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
