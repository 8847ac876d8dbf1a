import { InvalidCreditCodeError } from './identifier.errors';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters.
 *
 *   position 1      registration authority (登记管理部门): 1-9, A, N or Y
 *   position 2      entity type within that authority (机构类别), e.g. 1 enterprise under authority 9
 *   positions 3-8   administrative division code (登记管理机关行政区划码), six digits
 *   positions 9-17  organisation code (主体标识码), itself a GB 11714 code with its own check character
 *   position 18     check character
 *
 * Alphabet: the 31 characters "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S, V, Z), each worth its
 * index (A = 10, ..., Y = 30). Check character: sum = Σ value(c_i) x w_i over positions 1-17 with
 * w = 3^(i-1) mod 31 = 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28;
 * check value = 31 - (sum mod 31), where 31 is written '0'.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const REGISTRATION_AUTHORITIES = '123456789ANY';

/**
 * Organisation code (组织机构代码), GB 11714-1997: 8 body characters (digits or capital letters)
 * and a check character. Value of a character: digits 0-9, letters A = 10 ... Z = 35 (the full
 * Latin alphabet, unlike the USCC's). sum = Σ value(c_i) x w_i with w = 3, 7, 9, 10, 5, 8, 4, 2;
 * check value = 11 - (sum mod 11), written 'X' for 10 and '0' for 11.
 *
 * We check it as well because GB 32100 embeds the organisation code unchanged in positions 9-17:
 * a code whose outer check character is right but whose organisation code is wrong was not issued
 * by any registry (it is typically a mistyped code whose outer check was recomputed by hand or by a
 * generator), and catching it here is what lets a bank trust the enterprise register.
 */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export function creditCodeCheckCharacter(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(body17[i]) * WEIGHTS[i];
  const value = 31 - (sum % 31);
  return ALPHABET[value === 31 ? 0 : value];
}

export function organisationCodeCheckCharacter(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * ORG_CODE_WEIGHTS[i];
  const value = 11 - (sum % 11);
  return value === 10 ? 'X' : value === 11 ? '0' : String(value);
}

/** Returns the code in its canonical form (trimmed, upper case) or throws InvalidCreditCodeError saying why. */
export function validateUnifiedSocialCreditCode(input: string): string {
  if (typeof input !== 'string') throw new InvalidCreditCodeError(`A credit code must be text, got ${typeof input}`);
  const code = input.trim().toUpperCase();
  const invalid = (why: string, details: Record<string, unknown> = {}) =>
    new InvalidCreditCodeError(`"${input}" is not a valid unified social credit code: ${why}`, {
      value: input,
      ...details,
    });
  if (code.length !== 18)
    throw invalid(`it has ${code.length} characters, a credit code has 18`, { length: code.length });
  for (let i = 0; i < 18; i++) {
    if (!ALPHABET.includes(code[i])) {
      throw invalid(`invalid character "${code[i]}" at position ${i + 1} (allowed: 0-9 and A-Z except I, O, S, V, Z)`, {
        position: i + 1,
      });
    }
  }
  if (!REGISTRATION_AUTHORITIES.includes(code[0])) {
    throw invalid(`"${code[0]}" at position 1 is not a registration authority code (1-9, A, N or Y)`, { position: 1 });
  }
  for (let i = 2; i < 8; i++) {
    if (code[i] < '0' || code[i] > '9') {
      throw invalid(
        `positions 3-8 are an administrative division code, "${code[i]}" at position ${i + 1} is not a digit`,
        {
          position: i + 1,
        },
      );
    }
  }
  const orgCheck = organisationCodeCheckCharacter(code.slice(8, 16));
  if (code[16] !== orgCheck) {
    throw invalid(
      `wrong check character of the embedded organisation code (position 17): expected ${orgCheck} got ${code[16]}`,
      {
        position: 17,
        expected: orgCheck,
        actual: code[16],
      },
    );
  }
  const check = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== check) {
    throw invalid(`wrong check character: expected ${check} got ${code[17]}`, {
      position: 18,
      expected: check,
      actual: code[17],
    });
  }
  return code;
}
