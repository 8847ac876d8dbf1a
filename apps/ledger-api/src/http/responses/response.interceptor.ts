import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { CommandResponse, WithRevision } from './command-response';
import { revisionETag } from './if-match';

/** Sends CommandResponse and WithRevision as status, ETag and body; anything else passes as it is. */
@Injectable()
export class ResponseInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result: unknown) => {
        if (result instanceof CommandResponse) {
          void reply.status(result.status);
          if (result.body.revision !== null) void reply.header('etag', revisionETag(result.body.revision));
          return result.body;
        }
        if (result instanceof WithRevision) {
          if (result.revision !== null) void reply.header('etag', revisionETag(result.revision));
          return result.body as unknown;
        }
        return result;
      }),
    );
  }
}
