import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from './to-error-response';

/** Every error of every route, and of no route (404), leaves through here in the one body shape. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, body } = toErrorResponse(exception, {
      correlationId: String(request.id),
      conditional: request.headers['if-match'] !== undefined,
    });
    if (status >= 500) {
      const detail = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(
        `${request.method} ${request.routeOptions?.url ?? 'unmatched route'} failed [correlationId=${String(request.id)}]: ${detail}`,
      );
    }
    if (reply.sent) return;
    // RFC 6750: a 401 names the scheme it wants.
    if (status === 401) void reply.header('www-authenticate', 'Bearer');
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
