import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { formatPosition, type EventStore } from '@pledge-ledger/event-store';
import { EVENT_STORE } from '@pledge-ledger/application';
import { Public } from '../http/auth/auth.decorators';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: { eventStore: { status: 'up' | 'down'; headPosition?: string; error?: string } };
}

/** Liveness and readiness in one answer: 200 when the event store answers, 503 when it does not. Load balancers have no token. */
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    try {
      const head = await this.store.headPosition();
      return { status: 'ok', checks: { eventStore: { status: 'up', headPosition: formatPosition(head) } } };
    } catch (error) {
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      const message = error instanceof Error ? error.message : String(error);
      return { status: 'unavailable', checks: { eventStore: { status: 'down', error: message } } };
    }
  }
}
