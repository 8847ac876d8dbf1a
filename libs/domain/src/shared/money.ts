import { domainError } from './domain-error';

/**
 * Money is an integer number of fen (1 yuan = 100 fen) held in a bigint: no float anywhere.
 * Outside the domain (API bodies, event data) it is a decimal string with exactly two places,
 * e.g. "1250000.00". `parseMoney` accepts zero, one or two places ("12", "12.5", "12.50") and
 * nothing else: no sign unless allowed, no exponent, no thousands separator, no spaces.
 */
export type Fen = bigint;

export class InvalidMoneyError extends domainError('MONEY.INVALID', 'invalid') {}

/** Largest single amount parseMoney accepts (15 digits of yuan, two of fen): formatMoney of it parses back. */
export const MAX_MONEY_FEN: Fen = 10n ** 17n - 1n;

const MONEY_PATTERN = /^(-)?(0|[1-9]\d{0,14})(?:\.(\d{1,2}))?$/;

export function parseMoney(text: string, options: { allowNegative?: boolean } = {}): Fen {
  if (typeof text !== 'string') throw new InvalidMoneyError(`Amount must be a decimal string, got ${typeof text}`);
  const match = MONEY_PATTERN.exec(text);
  if (!match) {
    throw new InvalidMoneyError(
      `"${text}" is not an amount: use digits with at most two decimal places, e.g. "1250000.00"`,
    );
  }
  const [, sign, whole, fraction = ''] = match;
  if (sign && !options.allowNegative) throw new InvalidMoneyError(`Amount "${text}" must not be negative`);
  const fen = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign ? -fen : fen;
}

export function formatMoney(fen: Fen): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

export function minMoney(first: Fen, ...rest: Fen[]): Fen {
  return rest.reduce((min, value) => (value < min ? value : min), first);
}

export function maxMoney(first: Fen, ...rest: Fen[]): Fen {
  return rest.reduce((max, value) => (value > max ? value : max), first);
}

export function sumMoney(values: Iterable<Fen>): Fen {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}
