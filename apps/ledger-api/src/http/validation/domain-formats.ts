import { registerDecorator, type ValidationOptions } from 'class-validator';
import {
  DomainError,
  parseBusinessDate,
  parseMoney,
  validatePatentNumber,
  validateUnifiedSocialCreditCode,
} from '@pledge-ledger/domain';

/**
 * class-validator decorators for the domain's value formats. Each one asks the domain's own parser,
 * so the API accepts exactly what the domain does, and the parser's message (which says why) is
 * the field's problem.
 */
function domainFormat(name: string, check: (value: unknown) => string | null, options?: ValidationOptions) {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => check(value) === null,
        defaultMessage: (args) => `${check(args?.value) ?? 'is invalid'}`,
      },
    });
  };
}

/** Runs a domain parser: null when it accepts the value, else its message. */
function problemOf(parse: () => unknown): string | null {
  try {
    parse();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
}

export interface MoneyOptions {
  /** Refuse zero too (principal, a repayment, a contribution). */
  readonly positive?: boolean;
  /** Accept a leading minus (adjustments); otherwise negative amounts are refused. */
  readonly allowNegative?: boolean;
}

/** A decimal string with at most two places, e.g. "1250000.00" (never a number: no floats on the wire). */
export function IsMoney(money: MoneyOptions = {}, options?: ValidationOptions) {
  return domainFormat(
    'isMoney',
    (value) => {
      let fen = 0n;
      const problem = problemOf(() => (fen = parseMoney(value as string, { allowNegative: money.allowNegative })));
      if (problem !== null) return problem;
      return money.positive && fen <= 0n ? `Amount "${String(value)}" must be more than zero` : null;
    },
    options,
  );
}

/** An ISO calendar date "YYYY-MM-DD" that exists. */
export function IsBusinessDate(options?: ValidationOptions) {
  return domainFormat('isBusinessDate', (value) => problemOf(() => parseBusinessDate(value as string)), options);
}

/** An 18-character unified social credit code with valid check characters. */
export function IsCreditCode(options?: ValidationOptions) {
  return domainFormat(
    'isCreditCode',
    (value) => problemOf(() => validateUnifiedSocialCreditCode(value as string)),
    options,
  );
}

/** A Chinese patent application number (ZC 0006-2003) with a valid check character. */
export function IsPatentNumber(options?: ValidationOptions) {
  return domainFormat('isPatentNumber', (value) => problemOf(() => validatePatentNumber(value as string)), options);
}

/** Ids chosen by callers (loans, banks, funds...): safe in a URL, a stream name and a log line. */
export const LEDGER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const LEDGER_ID_PROBLEM = 'must be 1 to 64 letters, digits, "_" or "-", starting with a letter or digit';

export function IsLedgerId(options?: ValidationOptions) {
  return domainFormat(
    'isLedgerId',
    (value) => (typeof value === 'string' && LEDGER_ID_PATTERN.test(value) ? null : LEDGER_ID_PROBLEM),
    options,
  );
}
