import type { BusinessDate } from '../shared/business-date';
import { parseBusinessDate } from '../shared/business-date';
import { DomainError } from '../shared/domain-error';
import type { Fen } from '../shared/money';
import { parseMoney } from '../shared/money';
import { ClaimInvalidInputError } from './claim.errors';

/** Input checks for the claim's commands: each refusal names the field (CLAIM.INVALID_INPUT). */

export function amountField(text: string, field: string, options: { allowZero?: boolean } = {}): Fen {
  const fen = rethrowAs(field, () => parseMoney(text));
  if (fen === 0n && !options.allowZero) throw new ClaimInvalidInputError(`${field} must be above zero`, { field });
  return fen;
}

export function dateField(text: string, field: string): BusinessDate {
  return rethrowAs(field, () => parseBusinessDate(text, field));
}

export function textField(value: string, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ClaimInvalidInputError(`${field} must be a non-empty text`, { field });
  }
  return value;
}

function rethrowAs<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof DomainError) {
      throw new ClaimInvalidInputError(`${field}: ${error.message}`, { field, cause: error.code });
    }
    throw error;
  }
}
