import { divideHalfUp } from './rounding';

describe('divideHalfUp', () => {
  it.each<[bigint, bigint, bigint]>([
    [0n, 3n, 0n],
    [1n, 3n, 0n],
    [1n, 2n, 1n],
    [3n, 2n, 2n],
    [5n, 3n, 2n],
    [7n, 7n, 1n],
    [-1n, 2n, -1n],
    [-1n, 3n, 0n],
    [-5n, 3n, -2n],
  ])('%p / %p -> %p', (numerator, denominator, expected) => {
    expect(divideHalfUp(numerator, denominator)).toBe(expected);
  });

  it('refuses a zero or negative denominator', () => {
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
    expect(() => divideHalfUp(1n, -2n)).toThrow(RangeError);
  });
});
