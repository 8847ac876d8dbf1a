import { InvalidPatentNumberError, InvalidTrademarkNumberError } from './identifier.errors';

/**
 * Chinese patent application numbers (专利申请号), CNIPA standard ZC 0006-2003.
 *
 * Current form (applications filed from 1 October 2003): 12 digits, a dot, a check character.
 *   digits 1-4   application year, e.g. 2023
 *   digit 5      type: 1 invention, 2 utility model, 3 design,
 *                8 PCT application entering the national phase as an invention,
 *                9 PCT application entering the national phase as a utility model
 *   digits 6-12  serial number within that year and type
 * Old form (before October 2003): 8 digits, a dot, a check character.
 *   digits 1-2   year (85-99 = 1985-1999, 00-03 = 2000-2003), digit 3 type (as above), digits 4-8 serial.
 *
 * Check character (both forms): sum = Σ d_i x w_i over the digits before the dot, with
 * w = 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5 (the old form uses the first eight: 2..9);
 * check = sum mod 11, written 'X' when it is 10. E.g. 200310102344 → 82 mod 11 = 5 → "200310102344.5".
 *
 * Accepted input: optional "ZL" (granted patent, 专利) or "CN" prefix, optional spaces after it,
 * optional dot before the check character, lower-case 'x'. Normalised output: "200310102344.5".
 * A granted patent keeps its application number (ZL + application number), so this is also the
 * number of the patent right that is pledged.
 */
export type PatentKind = 'invention' | 'utility-model' | 'design' | 'pct-invention' | 'pct-utility-model';

export interface PatentNumber {
  /** Digits, a dot and the check character, without prefix, e.g. "200310102344.5". */
  readonly normalised: string;
  readonly kind: PatentKind;
  /** Application year (four digits). */
  readonly year: number;
}

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
const KIND_BY_TYPE_DIGIT: Readonly<Record<string, PatentKind>> = {
  '1': 'invention',
  '2': 'utility-model',
  '3': 'design',
  '8': 'pct-invention',
  '9': 'pct-utility-model',
};
/** The first 12-digit numbers were issued on 1 October 2003; the old form ran from 1985 (the first Patent Law). */
const FIRST_YEAR_OF_CURRENT_FORM = 2003;
const FIRST_YEAR_OF_OLD_FORM = 1985;

export function patentCheckCharacter(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * WEIGHTS[i];
  const value = sum % 11;
  return value === 10 ? 'X' : String(value);
}

const SHAPE = /^(?:ZL|CN)?\s*(\d+)\.?([0-9X])$/;

/** Returns the normalised number, its kind and year, or throws InvalidPatentNumberError saying why. */
export function validatePatentNumber(input: string): PatentNumber {
  if (typeof input !== 'string')
    throw new InvalidPatentNumberError(`A patent number must be text, got ${typeof input}`);
  const invalid = (why: string, details: Record<string, unknown> = {}) =>
    new InvalidPatentNumberError(`"${input}" is not a valid Chinese patent application number: ${why}`, {
      value: input,
      ...details,
    });
  const match = SHAPE.exec(input.trim().toUpperCase());
  if (!match) {
    throw invalid('expected 12 digits (or 8 before October 2003), a dot and a check digit or X, e.g. "202310012345.6"');
  }
  const [, digits, check] = match;
  if (digits.length !== 12 && digits.length !== 8) {
    throw invalid(`it has ${digits.length} digits before the check character, expected 12 (or 8 before October 2003)`, {
      length: digits.length,
    });
  }
  const current = digits.length === 12;
  const year = current ? Number(digits.slice(0, 4)) : oldFormYear(Number(digits.slice(0, 2)));
  if (current && year < FIRST_YEAR_OF_CURRENT_FORM) {
    throw invalid(`the 12-digit form exists since ${FIRST_YEAR_OF_CURRENT_FORM}, year ${year} is not possible`, {
      year,
    });
  }
  if (!current && (year < FIRST_YEAR_OF_OLD_FORM || year > FIRST_YEAR_OF_CURRENT_FORM)) {
    throw invalid(
      `the 8-digit form was used from ${FIRST_YEAR_OF_OLD_FORM} to ${FIRST_YEAR_OF_CURRENT_FORM}, "${digits.slice(0, 2)}" is not such a year`,
      {
        year,
      },
    );
  }
  const typeDigit = digits[current ? 4 : 2];
  const kind = KIND_BY_TYPE_DIGIT[typeDigit];
  if (!kind) {
    throw invalid(`type digit "${typeDigit}" at position ${current ? 5 : 3} is not 1, 2, 3, 8 or 9`, {
      position: current ? 5 : 3,
    });
  }
  const expected = patentCheckCharacter(digits);
  if (check !== expected)
    throw invalid(`wrong check character: expected ${expected} got ${check}`, { expected, actual: check });
  return { normalised: `${digits}.${check}`, kind, year };
}

function oldFormYear(twoDigits: number): number {
  return twoDigits >= 85 ? 1900 + twoDigits : 2000 + twoDigits;
}

/**
 * Trademark registration numbers (商标注册号) carry no check character: CNIPA issues them as a
 * plain serial, today up to 8 digits (9 allowed for headroom). We accept 1-9 digits without a
 * leading zero; anything else (letters, separators, the "G" of Madrid international
 * registrations) is refused, since those are not registered in China's own register.
 */
export function validateTrademarkNumber(input: string): string {
  const value = typeof input === 'string' ? input.trim() : '';
  if (!/^[1-9]\d{0,8}$/.test(value)) {
    throw new InvalidTrademarkNumberError(
      `"${String(input)}" is not a trademark registration number: expected 1 to 9 digits, not starting with 0`,
      { value: input },
    );
  }
  return value;
}
