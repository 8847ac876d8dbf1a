import type { FieldProblem } from './error-body';

/**
 * An error the HTTP layer itself raises (authentication, headers, validation, idempotency), with
 * its status and stable code. Domain rules raise DomainError instead; both map in one place
 * (toErrorResponse).
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/**
 * The request was refused before its handler ran (body or header validation): nothing happened,
 * so an idempotency key it carried is released rather than remembered.
 */
export class RequestValidationError extends HttpError {
  constructor(readonly fields: readonly FieldProblem[]) {
    const count = fields.length === 1 ? 'One field is' : `${fields.length} fields are`;
    super(400, 'REQUEST.INVALID', `${count} invalid: ${fields.map((f) => f.field).join(', ')}`, { fields });
  }
}

export class UnauthenticatedError extends HttpError {
  constructor(message: string) {
    super(401, 'AUTH.UNAUTHENTICATED', message);
  }
}

export class RoleForbiddenError extends HttpError {
  constructor(role: string, allowed: readonly string[]) {
    super(403, 'AUTH.FORBIDDEN', `A ${role} may not do this; it needs ${allowed.join(' or ')}`, {
      role,
      allowedRoles: allowed,
    });
  }
}
