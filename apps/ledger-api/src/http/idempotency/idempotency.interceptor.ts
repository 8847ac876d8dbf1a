import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Actor } from '@pledge-ledger/domain';
import { ConcurrencyError } from '@pledge-ledger/event-store';
import type { FastifyReply } from 'fastify';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { HttpError, RequestValidationError } from '../errors/http-error';
import { toErrorResponse } from '../errors/to-error-response';
import { isIdempotencyExempt } from './idempotency-exempt';
import type { IdempotencyStore, StoredResponse } from './idempotency-store';
import { commandIdOf, requestHash } from './request-hash';

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');

export interface IdempotencyOptions {
  /** How long a request waits for another one holding the same key before answering 409. */
  readonly waitMs: number;
  /** A claim this old belongs to a request whose process died: the next request may take it over. */
  readonly staleAfterMs: number;
}

export const DEFAULT_IDEMPOTENCY_OPTIONS: IdempotencyOptions = { waitMs: 10_000, staleAfterMs: 120_000 };

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** Headers that are part of the answer and so replayed with it. */
const REPLAYED_HEADERS = ['etag', 'location'];
const POLL_MS = 25;

/** Run the handler (`mayHaveRun`: an earlier attempt was cut off and may have appended), or replay. */
type Begin =
  { readonly run: true; readonly mayHaveRun: boolean } | { readonly run: false; readonly replay: StoredResponse };

/**
 * `Idempotency-Key` on a POST: the first request with a key runs and its answer is kept; a repeat
 * with the same method, path and body gets that answer again (`Idempotent-Replayed: true`) and
 * changes nothing; the same key with another request is 422. A concurrent repeat waits for the
 * first to finish. Answers the handler gave (2xx, and 4xx such as a domain refusal) are kept; a
 * request refused before its handler ran (validation), or a concurrency conflict without If-Match
 * (a lost race: "try again"), releases the key so a retry can run.
 *
 * A cut-off attempt (its process died after the append, or a 5xx after its handler ran) leaves the
 * key claimed; the next attempt takes it over (at once after a 5xx, after `staleAfterMs` after a
 * crash) and the command first looks for that attempt's events by the key's command id
 * (RequestIdempotency, AggregateCommandHandler), so it never takes effect twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: IdempotencyOptions,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (request.method !== 'POST' || header === undefined || !request.actor || isIdempotencyExempt(context)) {
      return next.handle();
    }
    const key = Array.isArray(header) ? header.join(',') : header;
    if (!KEY_PATTERN.test(key)) {
      return throwError(
        () =>
          new RequestValidationError([
            { field: 'Idempotency-Key', problems: ['must be 1 to 200 visible ASCII characters, e.g. a UUID'] },
          ]),
      );
    }
    const caller = callerOf(request.actor);
    const hash = requestHash(request.method, request.url, request.body);

    return from(this.begin(caller, key, hash)).pipe(
      mergeMap((begin) => {
        if (begin.run) request.idempotency = { commandId: commandIdOf(caller, key), mayHaveRun: begin.mayHaveRun };
        if (!begin.run) {
          void reply.status(begin.replay.status);
          for (const [name, value] of Object.entries(begin.replay.headers)) void reply.header(name, value);
          void reply.header('idempotent-replayed', 'true');
          return of(begin.replay.body);
        }
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            await this.store.complete(caller, key, { status: reply.statusCode, headers: answerHeaders(reply), body });
            return body;
          }),
          catchError((error: unknown) =>
            from(this.settleFailure(caller, key, error, request)).pipe(mergeMap(() => throwError(() => error))),
          ),
        );
      }),
    );
  }

  private async begin(caller: string, key: string, hash: string): Promise<Begin> {
    const deadline = Date.now() + this.options.waitMs;
    for (;;) {
      const now = Date.now();
      const outcome = await this.store.claim(caller, key, hash, now);
      if (outcome.claimed) return { run: true, mayHaveRun: false };
      const { record } = outcome;
      if (record.requestHash !== hash) {
        throw new HttpError(
          422,
          'IDEMPOTENCY.KEY_REUSED',
          'This Idempotency-Key was used for a different request: use a new key for a new request',
        );
      }
      if (record.state === 'done') return { run: false, replay: record.response };
      if (now - record.claimedAt >= this.options.staleAfterMs) {
        if (await this.store.takeOver(caller, key, record.claimedAt, now)) return { run: true, mayHaveRun: true };
        continue;
      }
      if (now >= deadline) {
        throw new HttpError(
          409,
          'IDEMPOTENCY.IN_PROGRESS',
          'A request with this Idempotency-Key is still running: retry shortly to get its answer',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async settleFailure(
    caller: string,
    key: string,
    error: unknown,
    request: AuthenticatedRequest,
  ): Promise<void> {
    const conditional = request.headers['if-match'] !== undefined;
    const response = toErrorResponse(error, { correlationId: String(request.id), conditional });
    // Kept: what the handler decided (a rule's refusal, a stale If-Match). Released: a request
    // refused before it ran, and a lost race that a retry may win (nothing was appended). A server
    // fault may come after the append: abandoned, for the next attempt to take over and look.
    const transient = error instanceof ConcurrencyError && !conditional;
    if (error instanceof RequestValidationError || transient) {
      await this.store.release(caller, key);
    } else if (response.status >= 500) {
      await this.store.abandon(caller, key);
    } else {
      await this.store.complete(caller, key, { status: response.status, headers: {}, body: response.body });
    }
  }
}

/** A key belongs to one person acting in one role for one tenant. */
function callerOf(actor: Actor): string {
  return JSON.stringify([actor.sub, actor.role, actor.bankId ?? actor.enterpriseId ?? null]);
}

function answerHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}
