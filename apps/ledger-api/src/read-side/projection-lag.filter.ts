import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors/http-error';
import { toErrorResponse } from '../http/errors/to-error-response';
import { HttpErrorFilter } from '../http/errors/http-error.filter';

/** Seconds a caller is asked to wait before trying a lagging read again. */
export const LAGGING_RETRY_AFTER_SECONDS = 1;

/**
 * On the read routes: a `minPosition` the views did not reach in time is a 503 with Retry-After,
 * logged as a warning (the read models are behind, nothing failed). Every other error goes the
 * way of the global filter.
 */
@Catch()
export class ProjectionLagFilter implements ExceptionFilter {
  private readonly logger = new Logger('ReadSide');
  private readonly fallback = new HttpErrorFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    if (!(exception instanceof HttpError) || exception.code !== 'PROJECTION.LAGGING') {
      this.fallback.catch(exception, host);
      return;
    }
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = toErrorResponse(exception, { correlationId: String(request.id), conditional: false });
    this.logger.warn(`${request.method} ${request.url}: ${exception.message} [correlationId=${String(request.id)}]`);
    if (reply.sent) return;
    void reply
      .status(status)
      .header('retry-after', String(LAGGING_RETRY_AFTER_SECONDS))
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }
}
