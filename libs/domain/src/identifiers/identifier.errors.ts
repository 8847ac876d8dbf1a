import { DomainError } from '../shared/domain-error';

/**
 * An identifier (credit code, patent or trademark number) is malformed. The message says why
 * (wrong length, which character, which check character was expected); `details` carries the
 * same facts for a client that lists field errors.
 */
export abstract class InvalidIdentifierError extends DomainError {
  override readonly kind = 'invalid' as const;
}

export class InvalidCreditCodeError extends InvalidIdentifierError {
  readonly code = 'IDENTIFIER.INVALID_CREDIT_CODE';
}

export class InvalidPatentNumberError extends InvalidIdentifierError {
  readonly code = 'IDENTIFIER.INVALID_PATENT_NUMBER';
}

export class InvalidTrademarkNumberError extends InvalidIdentifierError {
  readonly code = 'IDENTIFIER.INVALID_TRADEMARK_NUMBER';
}
