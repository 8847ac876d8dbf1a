import type { BasisPoints } from '../shared/basis-points';
import { FULL_BPS } from '../shared/basis-points';
import type { BusinessDate } from '../shared/business-date';
import { parseBusinessDate } from '../shared/business-date';
import { DomainError } from '../shared/domain-error';
import type { Fen } from '../shared/money';
import { parseMoney } from '../shared/money';
import { FundInvalidInputError } from './risk-fund.errors';

/** Input checks shared by the fund's commands: every refusal names the field (400 with FUND.INVALID_INPUT). */

export function amountField(text: string, field: string, options: { allowZero?: boolean } = {}): Fen {
  const fen = rethrowAs(field, () => parseMoney(text));
  if (fen === 0n && !options.allowZero) throw new FundInvalidInputError(`${field} must be above zero`, { field });
  return fen;
}

export function dateField(text: string, field: string): BusinessDate {
  return rethrowAs(field, () => parseBusinessDate(text, field));
}

export function textField(value: string, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new FundInvalidInputError(`${field} must be a non-empty text`, { field });
  }
  return value;
}

export function bpsField(value: number, field: string): BasisPoints {
  if (!Number.isSafeInteger(value) || value < 0 || value > FULL_BPS) {
    throw new FundInvalidInputError(`${field} must be whole basis points between 0 and ${FULL_BPS}, got ${value}`, {
      field,
    });
  }
  return value;
}

export function positiveIntegerField(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new FundInvalidInputError(`${field} must be a whole number above zero, got ${value}`, { field });
  }
  return value;
}

function rethrowAs<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof DomainError) {
      throw new FundInvalidInputError(`${field}: ${error.message}`, { field, cause: error.code });
    }
    throw error;
  }
}
