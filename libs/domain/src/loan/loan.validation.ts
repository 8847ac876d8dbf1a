import type { BusinessDate } from '../shared/business-date';
import { parseBusinessDate } from '../shared/business-date';
import type { Fen } from '../shared/money';
import { InvalidMoneyError, parseMoney } from '../shared/money';
import { InvalidLoanInputError } from './loan.errors';

/**
 * Value checks on command input. Commands reach the decider from HTTP, the CLI and process
 * managers, so the decider cannot trust that a DTO validated them.
 */

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw new InvalidLoanInputError(
      `${field} must be an identifier of 1 to 128 letters, digits, '_', '.', ':' or '-', got ${JSON.stringify(value)}`,
      { field },
    );
  }
  return value;
}

/** Free text such as a registration number or a refusal reason: not blank, at most `maxLength` characters. */
export function requireText(value: unknown, field: string, maxLength = 500): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength) {
    throw new InvalidLoanInputError(
      `${field} must be text of 1 to ${maxLength} characters, got ${JSON.stringify(value)}`,
      {
        field,
      },
    );
  }
  return value;
}

/** A money string (two decimal places at most) that is more than zero, or zero or more with `allowZero`. */
export function parseAmount(value: unknown, field: string, options: { allowZero?: boolean } = {}): Fen {
  let amount: Fen;
  try {
    amount = parseMoney(value as string);
  } catch (error) {
    if (error instanceof InvalidMoneyError) throw new InvalidMoneyError(`${field}: ${error.message}`, { field });
    throw error;
  }
  if (amount === 0n && !options.allowZero) {
    throw new InvalidLoanInputError(`${field} must be more than 0.00`, { field });
  }
  return amount;
}

export function parseDate(value: unknown, field: string): BusinessDate {
  return parseBusinessDate(value as string, field);
}

export function requireWholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidLoanInputError(
      `${field} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
      {
        field,
      },
    );
  }
  return value;
}

export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidLoanInputError(`${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`, {
      field,
    });
  }
  return value as T;
}

/** A non-empty array without repeats (compared by `keyOf`). */
export function requireDistinctList<T>(value: unknown, field: string, keyOf: (item: T) => string, maxItems = 50): T[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > maxItems) {
    throw new InvalidLoanInputError(`${field} must list 1 to ${maxItems} items`, { field });
  }
  const seen = new Set<string>();
  for (const item of value as T[]) {
    const key = keyOf(item);
    if (seen.has(key)) throw new InvalidLoanInputError(`${field} names ${key} more than once`, { field });
    seen.add(key);
  }
  return value as T[];
}
