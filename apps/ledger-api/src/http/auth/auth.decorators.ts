import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Actor } from '@pledge-ledger/domain';
import type { RequestContext, RequestIdempotency } from '@pledge-ledger/application';
import type { FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '../errors/http-error';
import { parseIfMatch } from '../responses/if-match';
import type { TokenRole } from './jwt-verifier';

export const IS_PUBLIC = 'ledger:public';
export const ROLES = 'ledger:roles';

/**
 * The route answers without a token (health, metrics). Every other route needs a valid one.
 * In OpenAPI its security requirement is the empty one: no credentials needed.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

/** Only these roles may call the route (403 for the others). On a method it replaces the class's list. */
export const Roles = (...roles: [TokenRole, ...TokenRole[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES, roles);

/** The request after the auth guard: the actor its token names. */
export interface AuthenticatedRequest extends FastifyRequest {
  actor?: Actor;
  /** Set by the IdempotencyInterceptor when the request runs under an Idempotency-Key. */
  idempotency?: RequestIdempotency;
}

export function actorOfRequest(request: AuthenticatedRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError('This route needs a bearer token');
  return request.actor;
}

/** The request's RequestContext: who asks, its correlation id, and If-Match as the expected revision. */
export function contextOfRequest(request: AuthenticatedRequest): RequestContext {
  const expectedRevision = parseIfMatch(request.headers['if-match']);
  return {
    actor: actorOfRequest(request),
    correlationId: String(request.id),
    causationId: null,
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
    ...(request.idempotency === undefined ? {} : { idempotency: request.idempotency }),
  };
}

/** Parameter decorator: the domain Actor of the caller (named so it does not shadow the Actor type). */
export const CurrentActor = createParamDecorator((_: unknown, host: ExecutionContext): Actor =>
  actorOfRequest(host.switchToHttp().getRequest<AuthenticatedRequest>()),
);

/**
 * Parameter decorator: the RequestContext to hand to a command (`new XCommand(data, context)`).
 * A malformed If-Match is a 400 here, before the handler runs.
 */
export const CurrentContext = createParamDecorator((_: unknown, host: ExecutionContext): RequestContext =>
  contextOfRequest(host.switchToHttp().getRequest<AuthenticatedRequest>()),
);
