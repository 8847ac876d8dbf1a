import fc from 'fast-check';
import { applyBasisPointsDown, assertBasisPoints, FULL_BPS, InvalidRateError } from './basis-points';

describe('assertBasisPoints', () => {
  it.each([0, 1, 600, 10_000])('accepts %p bp', (bps) => {
    expect(assertBasisPoints(bps)).toBe(bps);
  });

  it.each([-1, 10_001, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'refuses %p bp with RATE.INVALID',
    (bps) => {
      expect(() => assertBasisPoints(bps)).toThrow(InvalidRateError);
      expect(() => assertBasisPoints(bps)).toThrow(expect.objectContaining({ code: 'RATE.INVALID', kind: 'invalid' }));
    },
  );

  it('takes a lower maximum and names the field', () => {
    expect(assertBasisPoints(5000, 5000)).toBe(5000);
    expect(() => assertBasisPoints(5001, 5000, 'annual rate')).toThrow(/annual rate.*5000/);
  });
});

describe('applyBasisPointsDown', () => {
  it.each<[bigint, number, bigint]>([
    [100_000_000n, 4000, 40_000_000n], // 40 % of 1,000,000.00
    [100_000_000n, FULL_BPS, 100_000_000n],
    [100_000_000n, 0, 0n],
    [1n, 5000, 0n], // half a fen: rounded down
    [3n, 5000, 1n], // 1.5 fen -> 1
    [99n, 3333, 32n], // 32.9967 -> 32
  ])('%p fen x %p bp = %p fen', (amount, bps, expected) => {
    expect(applyBasisPointsDown(amount, bps)).toBe(expected);
  });

  it('is the largest whole fen not above amount x bps / 10000', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 10n ** 17n), fc.integer({ min: 0, max: FULL_BPS }), (amount, bps) => {
        const result = applyBasisPointsDown(amount, bps);
        const exact = amount * BigInt(bps);
        expect(result * 10_000n <= exact && exact < (result + 1n) * 10_000n).toBe(true);
        expect(result <= amount).toBe(true);
      }),
    );
  });
});
