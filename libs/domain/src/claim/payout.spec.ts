import fc from 'fast-check';
import { FULL_BPS } from '../shared/basis-points';
import { computePayout } from './payout';

const MAX = 10n ** 15n;
const money = fc.bigInt({ min: 0n, max: MAX });
const inputs = fc.record({
  principalLoss: money,
  coverageRatioBps: fc.integer({ min: 0, max: FULL_BPS }),
  perLoanCap: money,
  bankAnnualCapRemaining: money,
  fundAvailableBalance: money,
});

describe('computePayout', () => {
  it('worked example: 40 % of 3 m is 1.2 m, below every cap', () =>
    expect(
      computePayout({
        principalLoss: 300_000_000n,
        coverageRatioBps: 4000,
        perLoanCap: 300_000_000n,
        bankAnnualCapRemaining: 500_000_000n,
        fundAvailableBalance: 1_000_000_000n,
      }),
    ).toEqual({ ratioAmount: 120_000_000n, payout: 120_000_000n, boundApplied: 'ratio' }));

  it('rounds the ratio amount down to the fen', () =>
    expect(
      computePayout({
        principalLoss: 333n,
        coverageRatioBps: 3333,
        perLoanCap: MAX,
        bankAnnualCapRemaining: MAX,
        fundAvailableBalance: MAX,
      }).ratioAmount,
    ).toBe(110n)); // 110.9889

  it('names the first bound in order when several are equal', () =>
    expect(
      computePayout({
        principalLoss: 1000n,
        coverageRatioBps: 5000,
        perLoanCap: 500n,
        bankAnnualCapRemaining: 500n,
        fundAvailableBalance: 500n,
      }).boundApplied,
    ).toBe('ratio'));

  it('is never above any of its four bounds, never negative, and equals the bound it names (property)', () =>
    fc.assert(
      fc.property(inputs, (input) => {
        const { ratioAmount, payout, boundApplied } = computePayout(input);
        const bounds = {
          ratio: ratioAmount,
          'per-loan-cap': input.perLoanCap,
          'bank-annual-cap': input.bankAnnualCapRemaining,
          'fund-balance': input.fundAvailableBalance,
        };
        expect(ratioAmount).toBe((input.principalLoss * BigInt(input.coverageRatioBps)) / 10_000n);
        expect(payout >= 0n).toBe(true);
        for (const bound of Object.values(bounds)) expect(payout <= bound).toBe(true);
        expect(payout).toBe(bounds[boundApplied]);
      }),
    ));
});
