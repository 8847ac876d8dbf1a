import fc from 'fast-check';
import { InvalidCreditCodeError, InvalidIdentifierError } from './identifier.errors';
import {
  creditCodeCheckCharacter,
  organisationCodeCheckCharacter,
  validateUnifiedSocialCreditCode,
} from './unified-social-credit-code';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function messageOf(input: string): string {
  try {
    validateUnifiedSocialCreditCode(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect((error as InvalidIdentifierError).code).toBe('IDENTIFIER.INVALID_CREDIT_CODE');
    expect((error as InvalidIdentifierError).kind).toBe('invalid');
    return (error as Error).message;
  }
  throw new Error(`${input} was accepted`);
}

describe('validateUnifiedSocialCreditCode', () => {
  it.each([
    // The worked example printed with GB 32100-2015 guidance.
    '91350100M000100Y43',
    // Codes published on business licences of large companies (Shenzhen). Each passes two
    // independent checks (outer mod 31, embedded organisation code mod 11): 1 in 341 for a random string.
    '914403001922038216',
    '91440300708461136T',
    '9144030071526726XG',
    '91110108551385082Q',
    '91330100716105852F',
    '91310000607216596U',
  ])('accepts the real code %s', (code) => {
    expect(validateUnifiedSocialCreditCode(code)).toBe(code);
  });

  it('computes the check character by hand: 91350100M000100Y4 -> 3', () => {
    // values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4, weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
    // sum = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31 - 28 = 3
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    // organisation code M000100Y: 22x3 + 1x5 + 34x2 = 139; 139 mod 11 = 7; 11 - 7 = 4
    expect(organisationCodeCheckCharacter('M000100Y')).toBe('4');
  });

  it('refuses 911100001000001470: its check character should be 9', () => {
    expect(messageOf('911100001000001470')).toContain('wrong check character: expected 9 got 0');
    expect(validateUnifiedSocialCreditCode('911100001000001479')).toBe('911100001000001479');
  });

  it('normalises case and surrounding spaces', () => {
    expect(validateUnifiedSocialCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
  });

  it('says why a code is refused', () => {
    expect(messageOf('91350100M000100Y4')).toContain('it has 17 characters, a credit code has 18');
    expect(messageOf('91350100M000100Y433')).toContain('19 characters');
    expect(messageOf('')).toContain('0 characters');
    expect(messageOf('91350100M0001O0Y43')).toContain('invalid character "O" at position 14');
    expect(messageOf('91350100I000100Y43')).toContain('invalid character "I" at position 9');
    expect(messageOf('9135010-M000100Y43')).toContain('invalid character "-" at position 8');
    expect(messageOf('B1350100M000100Y43')).toContain('position 1 is not a registration authority code');
    expect(messageOf('9135A100M000100Y43')).toContain('"A" at position 5 is not a digit');
    expect(messageOf('91350100M000100Y53')).toContain('organisation code (position 17): expected 4 got 5');
    expect(messageOf('91350100M000100Y4A')).toContain('wrong check character: expected 3 got A');
  });

  it('refuses a value that is not text', () => {
    expect(() => validateUnifiedSocialCreditCode(42 as unknown as string)).toThrow(InvalidCreditCodeError);
  });

  const char = (set: string) => fc.constantFrom(...set.split(''));
  /** A structurally valid 17-character body (authority, type, division, organisation code with its check). */
  const body17 = fc
    .tuple(
      char('123456789ANY'),
      char(ALPHABET),
      fc.array(char('0123456789'), { minLength: 6, maxLength: 6 }),
      fc.array(char(ALPHABET), { minLength: 8, maxLength: 8 }),
    )
    .map(([authority, type, division, org]) => {
      const org8 = org.join('');
      return `${authority}${type}${division.join('')}${org8}${organisationCodeCheckCharacter(org8)}`;
    });

  it('accepts any structurally valid body with its computed check character', () => {
    fc.assert(
      fc.property(body17, (body) => {
        const code = body + creditCodeCheckCharacter(body);
        expect(validateUnifiedSocialCreditCode(code)).toBe(code);
      }),
    );
  });

  it('refuses any single-character change', () => {
    fc.assert(
      fc.property(body17, fc.nat(17), fc.nat(ALPHABET.length - 2), (body, position, shift) => {
        const code = body + creditCodeCheckCharacter(body);
        const original = ALPHABET.indexOf(code[position]);
        const replacement = ALPHABET[(original + 1 + shift) % ALPHABET.length];
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(() => validateUnifiedSocialCreditCode(changed)).toThrow(InvalidCreditCodeError);
      }),
    );
  });

  it('refuses any transposition of two different adjacent characters', () => {
    fc.assert(
      fc.property(body17, fc.nat(16), (body, position) => {
        const code = body + creditCodeCheckCharacter(body);
        fc.pre(code[position] !== code[position + 1]);
        const swapped = code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2);
        expect(() => validateUnifiedSocialCreditCode(swapped)).toThrow(InvalidCreditCodeError);
      }),
    );
  });
});
