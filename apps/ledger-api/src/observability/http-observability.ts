import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../http/auth/auth.decorators';
import { LedgerMetrics } from './ledger-metrics';
import type { Logger } from './logger';

/** Scraped and probed every few seconds: logged at debug, so info stays the traffic that matters. */
const PROBES = new Set(['/metrics', '/health', '/health/live', '/health/ready']);

/**
 * One log line per request, written when the answer has gone: method, route pattern, path without
 * the query string, status, duration and correlation id, and who asked by `sub` and role only.
 * Never a header, a body or a query string. The same moment feeds the HTTP duration histogram.
 */
export function installHttpObservability(app: NestFastifyApplication, logger: Logger): void {
  const metrics = app.get(LedgerMetrics);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const status = reply.statusCode;
      const seconds = reply.elapsedTime / 1000;
      metrics.httpDuration.observe({ method: request.method, route, status: String(status) }, seconds);

      const level = status >= 500 ? 'error' : PROBES.has(route) ? 'debug' : 'info';
      if (logger.isLevelEnabled(level)) {
        const actor = (request as AuthenticatedRequest).actor;
        logger[level](
          {
            correlationId: String(request.id),
            method: request.method,
            route,
            path: request.url.split('?')[0],
            status,
            durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
            ...(actor ? { sub: actor.sub, role: actor.role } : {}),
          },
          'request',
        );
      }
      done();
    });
}
