import type { Actor } from '@pledge-ledger/event-store';
import { HttpError } from '../http/errors/http-error';

/**
 * The raw history, replays and verifications are the auditor's alone (DESIGN.md 1), whatever
 * route asks for them: checked again in each handler, not only by the route's @Roles.
 */
export function requireAuditor(caller: Actor): void {
  if (caller.role !== 'auditor') {
    throw new HttpError(403, 'AUTH.FORBIDDEN', `A ${caller.role} may not read the raw history; it needs auditor`, {
      role: caller.role,
      allowedRoles: ['auditor'],
    });
  }
}
