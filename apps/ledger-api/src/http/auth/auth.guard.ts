import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RoleForbiddenError, UnauthenticatedError } from '../errors/http-error';
import { IS_PUBLIC, ROLES, type AuthenticatedRequest } from './auth.decorators';
import { JwtVerifier, type TokenRole } from './jwt-verifier';

/**
 * Global: a route needs a valid bearer token unless marked @Public(), and when it names @Roles
 * the token's role must be one of them. Tenancy (a bank's own loans) is the handlers' business.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JwtVerifier) private readonly verifier: JwtVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (header === undefined)
      throw new UnauthenticatedError('This route needs a bearer token (Authorization: Bearer <token>)');
    const match = /^Bearer ([A-Za-z0-9_.~+/=-]+)$/i.exec(header.trim());
    if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"');
    const actor = this.verifier.verify(match[1]);
    request.actor = actor;

    const roles = this.reflector.getAllAndOverride<TokenRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(actor.role as TokenRole)) throw new RoleForbiddenError(actor.role, roles);
    return true;
  }
}
