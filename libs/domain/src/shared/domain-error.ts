/**
 * A rule refused a command. `code` is stable (clients and the HTTP layer rely on it, e.g.
 * `LOAN.NOT_DEFAULTED`); `message` is for a person. Each aggregate declares its errors in its
 * own `*.errors.ts`. `kind` tells the HTTP layer how to answer: `conflict` (409, the default),
 * `not-found` (404), `forbidden` (403), `invalid` (400, bad input the DTO could not catch).
 */
export type DomainErrorKind = 'conflict' | 'not-found' | 'forbidden' | 'invalid';

export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly kind: DomainErrorKind = 'conflict';

  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Declares an error class with a fixed code in one line: `export class X extends domainError('LOAN.X') {}`. */
export function domainError(code: string, kind: DomainErrorKind = 'conflict') {
  abstract class CodedError extends DomainError {
    readonly code = code;
    override readonly kind = kind;
  }
  return CodedError;
}
