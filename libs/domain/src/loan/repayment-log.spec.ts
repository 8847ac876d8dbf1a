import type { Repayment } from './arithmetic';
import { RepaymentLog } from './repayment-log';

const repayment = (valueDate: string, principal: bigint, interest: bigint): Repayment => ({
  valueDate,
  principal,
  interest,
});

describe('RepaymentLog', () => {
  it('keeps repayments in the order appended, with the totals of each version', () => {
    const a = repayment('2025-02-15', 100n, 10n);
    const b = repayment('2025-03-15', 200n, 20n);
    const log = RepaymentLog.empty.append(a).append(b);
    expect(log.toArray()).toEqual([a, b]);
    expect(log).toMatchObject({ length: 2, last: b, principalRepaid: 300n, interestRepaid: 30n });
    expect(log.latestValueDate).toBe('2025-03-15');
    expect(RepaymentLog.empty).toMatchObject({ length: 0, last: null, principalRepaid: 0n, latestValueDate: null });
    expect(RepaymentLog.empty.toArray()).toEqual([]);
  });

  it('never changes a version: appending to it, even twice, makes new ones', () => {
    const one = RepaymentLog.empty.append(repayment('2025-02-15', 100n, 10n));
    const before = one.toArray();
    const left = one.append(repayment('2025-03-15', 1n, 0n));
    const right = one.append(repayment('2025-04-15', 2n, 0n));
    expect(one.toArray()).toBe(before);
    expect(one.toArray()).toEqual([repayment('2025-02-15', 100n, 10n)]);
    expect(one).toMatchObject({ length: 1, principalRepaid: 100n });
    expect(left.toArray().map((r) => r.valueDate)).toEqual(['2025-02-15', '2025-03-15']);
    expect(right.toArray().map((r) => r.valueDate)).toEqual(['2025-02-15', '2025-04-15']);
    expect(Object.isFrozen(left.toArray())).toBe(true);
  });

  it('tracks the latest value date even when repayments come out of order', () => {
    const log = RepaymentLog.of([repayment('2025-03-15', 1n, 0n), repayment('2025-02-15', 1n, 0n)]);
    expect(log.last?.valueDate).toBe('2025-02-15');
    expect(log.latestValueDate).toBe('2025-03-15');
  });
});
