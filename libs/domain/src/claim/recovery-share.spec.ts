import fc from 'fast-check';
import { recoveryShare } from './recovery-share';

describe('recoveryShare', () => {
  it('worked example: 40 % of the loss borne, 40 % of the recovery back, rounded down', () =>
    expect(
      recoveryShare({
        recoveryAmount: 100_000_001n,
        payout: 120_000_000n,
        principalLoss: 300_000_000n,
        alreadyShared: 0n,
      }),
    ).toEqual({ fundShare: 40_000_000n, cumulativeShared: 40_000_000n }));

  it('is capped by what is left of the payout', () =>
    expect(
      recoveryShare({
        recoveryAmount: 300_000_000n,
        payout: 120_000_000n,
        principalLoss: 300_000_000n,
        alreadyShared: 100_000_000n,
      }),
    ).toEqual({ fundShare: 20_000_000n, cumulativeShared: 120_000_000n }));

  it('over any sequence of recoveries: each share is floor(recovery x payout / loss) capped, the cumulative never above the payout (property)', () =>
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 10_000n }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 15n }), { maxLength: 20 }),
        (principalLoss, payoutPerTenThousand, recoveries) => {
          const payout = (principalLoss * payoutPerTenThousand) / 10_000n;
          let cumulative = 0n;
          for (const recoveryAmount of recoveries) {
            const { fundShare, cumulativeShared } = recoveryShare({
              recoveryAmount,
              payout,
              principalLoss,
              alreadyShared: cumulative,
            });
            const proportional = (recoveryAmount * payout) / principalLoss;
            const room = payout - cumulative;
            expect(fundShare).toBe(proportional < room ? proportional : room);
            expect(fundShare >= 0n).toBe(true);
            expect(cumulativeShared).toBe(cumulative + fundShare);
            expect(cumulativeShared <= payout).toBe(true);
            cumulative = cumulativeShared;
          }
        },
      ),
    ));
});
