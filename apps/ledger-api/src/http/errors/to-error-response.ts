import { HttpException } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@pledge-ledger/domain';
import { errorCodes } from 'fastify';
import { ConcurrencyError } from '@pledge-ledger/event-store';
import type { ErrorResponse } from './error-body';
import { HttpError } from './http-error';

/** What the mapping needs to know of the request. */
export interface ErrorRequest {
  readonly correlationId: string;
  /** The request carried If-Match: a concurrency conflict is then the caller's stale precondition (412). */
  readonly conditional: boolean;
}

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
};

/** Fastify's own request errors (raised before a route runs), by code. */
const FASTIFY_ERRORS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'REQUEST.MALFORMED_JSON', message: 'The body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'REQUEST.MALFORMED_JSON',
    message: 'The body is empty but Content-Type says JSON',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'REQUEST.TOO_LARGE', message: 'The body is larger than the server accepts' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the body as application/json',
  },
};

/**
 * Nest hands Fastify's errors over as a bare HttpException (message and status, no code): they are
 * recognised by the message Fastify itself gives each of its error classes.
 */
const FASTIFY_CODE_BY_MESSAGE = new Map(
  Object.keys(FASTIFY_ERRORS).map((code) => {
    const FastifyErrorClass = (errorCodes as unknown as Record<string, new () => Error>)[code];
    return [new FastifyErrorClass().message, code];
  }),
);

const GENERIC_CODES: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  406: 'REQUEST.NOT_ACCEPTABLE',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

/**
 * The one place an error becomes an HTTP answer. Anything not recognised is a 500 with a generic
 * message (its detail goes to the log, not to the caller); a client's mistake never lands there.
 */
export function toErrorResponse(exception: unknown, request: ErrorRequest): ErrorResponse {
  const answer = (status: number, code: string, message: string, details: Readonly<Record<string, unknown>> = {}) => ({
    status,
    body: { error: { status, code, message, details, correlationId: request.correlationId } },
  });

  if (exception instanceof HttpError) {
    return answer(exception.status, exception.code, exception.message, exception.details);
  }
  if (exception instanceof DomainError) {
    return answer(STATUS_OF_KIND[exception.kind] ?? 409, exception.code, exception.message, exception.details);
  }
  if (exception instanceof ConcurrencyError) {
    const details = { expectedRevision: exception.expected, currentRevision: exception.actual };
    return request.conditional
      ? answer(
          412,
          'CONCURRENCY.STALE_REVISION',
          'The resource changed since the revision in If-Match: read it again',
          details,
        )
      : answer(409, 'CONCURRENCY.CONFLICT', 'Another change to the same resource came first: try again', details);
  }
  const fastify = fastifyClientError(exception);
  if (fastify) {
    const known = FASTIFY_ERRORS[fastify.code];
    return known
      ? answer(fastify.statusCode, known.code, known.message)
      : answer(fastify.statusCode, GENERIC_CODES[fastify.statusCode] ?? `HTTP.${fastify.statusCode}`, fastify.message);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const fastifyCode = FASTIFY_CODE_BY_MESSAGE.get(exception.message);
    if (fastifyCode) return answer(status, FASTIFY_ERRORS[fastifyCode].code, FASTIFY_ERRORS[fastifyCode].message);
    if (status < 500) return answer(status, GENERIC_CODES[status] ?? `HTTP.${status}`, exception.message);
  }
  return answer(
    500,
    'INTERNAL.ERROR',
    'The server failed to answer this request; quote the correlation id to report it',
  );
}

/** Fastify (and its body parsers) raise errors carrying a 4xx `statusCode`; they are the client's. */
function fastifyClientError(exception: unknown): { statusCode: number; code: string; message: string } | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const { statusCode, code, message } = exception as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 499) return null;
  return {
    statusCode,
    code: typeof code === 'string' ? code : '',
    message: typeof message === 'string' ? message : '',
  };
}
