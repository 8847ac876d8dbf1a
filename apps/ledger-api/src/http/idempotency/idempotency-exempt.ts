import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

const IDEMPOTENCY_EXEMPT = 'ledger:idempotency-exempt';

/**
 * A POST that changes nothing (an audit verification computes a report): its Idempotency-Key is
 * accepted and ignored, never stored, so a repeat computes a fresh answer instead of replaying an
 * old one, which for a verification would vouch for a store that may have changed since.
 */
export const IdempotencyExempt = (): MethodDecorator => SetMetadata(IDEMPOTENCY_EXEMPT, true);

const reflector = new Reflector();

export function isIdempotencyExempt(context: ExecutionContext): boolean {
  return reflector.get<boolean | undefined>(IDEMPOTENCY_EXEMPT, context.getHandler()) === true;
}
