import type { Actor, Role } from './decider';
import { domainError } from './domain-error';

/** The actor's role may not issue this command (403). */
export class ForbiddenError extends domainError('AUTH.FORBIDDEN', 'forbidden') {}

/**
 * Every decider checks who is asking, so no entry point (HTTP, CLI, process manager) can forget.
 * `system` is the process managers' own actor.
 */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) {
    throw new ForbiddenError(`A ${actor.role} may not do this; it needs ${roles.join(' or ')}`, { role: actor.role });
  }
}
