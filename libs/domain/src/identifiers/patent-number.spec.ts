import fc from 'fast-check';
import { InvalidPatentNumberError, InvalidIdentifierError } from './identifier.errors';
import { patentCheckCharacter, validatePatentNumber, validateTrademarkNumber } from './patent-number';

function messageOf(input: string): string {
  try {
    validatePatentNumber(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect((error as InvalidIdentifierError).code).toBe('IDENTIFIER.INVALID_PATENT_NUMBER');
    expect((error as InvalidIdentifierError).kind).toBe('invalid');
    return (error as Error).message;
  }
  throw new Error(`${input} was accepted`);
}

describe('validatePatentNumber', () => {
  it('accepts the example of the numbering standard ZC 0006-2003, computed by hand', () => {
    // 2x2 + 0x3 + 0x4 + 3x5 + 1x6 + 0x7 + 1x8 + 0x9 + 2x2 + 3x3 + 4x4 + 4x5 = 82; 82 mod 11 = 5
    expect(patentCheckCharacter('200310102344')).toBe('5');
    expect(validatePatentNumber('200310102344.5')).toEqual({
      normalised: '200310102344.5',
      kind: 'invention',
      year: 2003,
    });
  });

  it.each([
    ['ZL200310102344.5', '200310102344.5'],
    ['CN200310102344.5', '200310102344.5'],
    ['zl 200310102344.5', '200310102344.5'],
    ['2003101023445', '200310102344.5'],
    [' ZL2003101023445 ', '200310102344.5'],
  ])('accepts the prefixed or dot-less form %s', (input, normalised) => {
    expect(validatePatentNumber(input).normalised).toBe(normalised);
  });

  it.each([
    ['1', 'invention'],
    ['2', 'utility-model'],
    ['3', 'design'],
    ['8', 'pct-invention'],
    ['9', 'pct-utility-model'],
  ])('reads type digit %s as %s', (typeDigit, kind) => {
    const digits = `2023${typeDigit}0012345`;
    const result = validatePatentNumber(`${digits}.${patentCheckCharacter(digits)}`);
    expect(result).toEqual({ normalised: `${digits}.${patentCheckCharacter(digits)}`, kind, year: 2023 });
  });

  it('writes a check value of 10 as X, and accepts a lower-case x', () => {
    const digits = findDigitsWithCheck('X');
    expect(validatePatentNumber(`${digits}.X`).normalised).toBe(`${digits}.X`);
    expect(validatePatentNumber(`${digits}.x`).normalised).toBe(`${digits}.X`);
  });

  it('accepts the old 8-digit form used before October 2003, with its two-digit year', () => {
    // 9x2 + 8x3 + 1x4 + 2x5 + 3x6 + 4x7 + 5x8 + 6x9 = 196; 196 mod 11 = 9
    expect(validatePatentNumber('98123456.9')).toEqual({ normalised: '98123456.9', kind: 'invention', year: 1998 });
    expect(validatePatentNumber('ZL98123456.9').normalised).toBe('98123456.9');
    const digits = '02212345';
    expect(validatePatentNumber(`${digits}.${patentCheckCharacter(digits)}`)).toMatchObject({
      kind: 'utility-model',
      year: 2002,
    });
  });

  it('says why a number is refused', () => {
    expect(messageOf('200310102344.4')).toContain('wrong check character: expected 5 got 4');
    expect(messageOf('98123456.X')).toContain('wrong check character: expected 9 got X');
    expect(messageOf('20031010234.5')).toContain('it has 11 digits before the check character');
    expect(messageOf('2003-10102344.5')).toContain('expected 12 digits');
    expect(messageOf('')).toContain('expected 12 digits');
    expect(messageOf('US200310102344.5')).toContain('expected 12 digits');
    expect(messageOf(withCheck('200350102344'))).toContain('type digit "5" at position 5');
    expect(messageOf(withCheck('98423456'))).toContain('type digit "4" at position 3');
    expect(messageOf(withCheck('200210102344'))).toContain('year 2002 is not possible');
    expect(messageOf(withCheck('10123456'))).toContain('"10" is not such a year');
    expect(messageOf(withCheck('84123456'))).toContain('"84" is not such a year');
  });

  it('refuses a value that is not text', () => {
    expect(() => validatePatentNumber(undefined as unknown as string)).toThrow(InvalidPatentNumberError);
  });

  const digitsOf = (length: number) =>
    fc
      .array(fc.constantFrom(...'0123456789'.split('')), { minLength: length, maxLength: length })
      .map((d) => d.join(''));
  const twelveDigits = fc
    .tuple(fc.integer({ min: 2003, max: 2099 }), fc.constantFrom('1', '2', '3', '8', '9'), digitsOf(7))
    .map(([year, type, serial]) => `${year}${type}${serial}`);

  it('accepts any well-formed 12 digits with their computed check character', () => {
    fc.assert(
      fc.property(twelveDigits, (digits) => {
        const result = validatePatentNumber(`ZL${digits}.${patentCheckCharacter(digits)}`);
        expect(result.normalised).toBe(`${digits}.${patentCheckCharacter(digits)}`);
        expect(result.year).toBe(Number(digits.slice(0, 4)));
      }),
    );
  });

  it('refuses any single-digit change of the serial or the check character', () => {
    // Weights 2..9 are all invertible mod 11, so changing one digit always changes the check value.
    fc.assert(
      fc.property(
        twelveDigits,
        fc.integer({ min: 5, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (digits, position, shift) => {
          const number = digits + patentCheckCharacter(digits);
          const checkAlphabet = '0123456789X';
          const alphabet = position === 12 ? checkAlphabet : '0123456789';
          const original = alphabet.indexOf(number[position]);
          const replacement = alphabet[(original + shift) % alphabet.length];
          const changed = number.slice(0, position) + replacement + number.slice(position + 1);
          expect(() => validatePatentNumber(changed)).toThrow(InvalidPatentNumberError);
        },
      ),
    );
  });
});

describe('validateTrademarkNumber', () => {
  it.each(['1', '3001234', '12345678', '123456789'])('accepts the registration number %s', (number) => {
    expect(validateTrademarkNumber(` ${number} `)).toBe(number);
  });

  it.each(['', '0123456', '1234567890', 'G1234567', '12-345', '1234.5'])('refuses %p', (number) => {
    let thrown: unknown;
    try {
      validateTrademarkNumber(number);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidIdentifierError);
    expect((thrown as InvalidIdentifierError).code).toBe('IDENTIFIER.INVALID_TRADEMARK_NUMBER');
  });
});

function withCheck(digits: string): string {
  return `${digits}.${patentCheckCharacter(digits)}`;
}

function findDigitsWithCheck(check: string): string {
  for (let serial = 0; serial < 100; serial++) {
    const digits = `20241${String(serial).padStart(7, '0')}`;
    if (patentCheckCharacter(digits) === check) return digits;
  }
  throw new Error('no such number');
}
