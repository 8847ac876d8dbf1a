import fc from 'fast-check';
import { FULL_BPS } from '../shared/basis-points';
import { badLoanRatioBps, breachesSuspensionThreshold } from './bad-loan-ratio';
import { coverageRatioFor, maxCompensationFor } from './coverage';
import { parseFundPolicy } from './fund-policy';
import { policyData } from './risk-fund.fixtures';

const policy = parseFundPolicy(policyData());

describe('coverageRatioFor', () => {
  it.each([
    [1n, 1, 4000],
    [500_000_000n, 1, 4000],
    [500_000_001n, 2, 3000],
    [1_500_000_000n, 2, 3000],
    [1_500_000_001n, 3, 2000],
    [3_000_000_000n, 3, 2000],
  ])('%s fen falls in tier %i at %i bps', (principal, tier, ratioBps) =>
    expect(coverageRatioFor(policy, principal)).toMatchObject({ tier, ratioBps }),
  );
  it('is null above the last tier', () => expect(coverageRatioFor(policy, 3_000_000_001n)).toBeNull());
});

describe('maxCompensationFor', () => {
  it('is the ratio of the principal, rounded down, within the per-loan cap', () => {
    expect(maxCompensationFor(333n, 4000, 1_000n)).toBe(133n);
    expect(maxCompensationFor(1_000_000n, 4000, 1_000n)).toBe(1_000n);
  });
});

describe('badLoanRatioBps', () => {
  it('is defaulted / enrolled in bps, rounded down', () => {
    expect(badLoanRatioBps(3n, 1n)).toBe(3333);
    expect(badLoanRatioBps(0n, 0n)).toBe(0);
    expect(badLoanRatioBps(5n, 5n)).toBe(FULL_BPS);
  });
  it('never overstates the ratio (property)', () =>
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.bigInt({ min: 0n, max: 10n ** 15n }), (a, b) => {
        const enrolled = a > b ? a : b;
        const defaulted = a > b ? b : a;
        const ratio = BigInt(badLoanRatioBps(enrolled, defaulted));
        return ratio * enrolled <= defaulted * 10_000n && (ratio + 1n) * enrolled > defaulted * 10_000n;
      }),
    ));
  it('suspension needs a ratio strictly above the threshold', () => {
    expect(breachesSuspensionThreshold(501, 500)).toBe(true);
    expect(breachesSuspensionThreshold(500, 500)).toBe(false);
  });
});
