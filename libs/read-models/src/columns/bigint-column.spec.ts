import { bigintColumn, bigintFromColumn, UnsafeIntegerReadError } from './bigint-column';

describe('bigint columns', () => {
  it('read back as exact bigints from PostgreSQL strings and SQLite numbers', () => {
    expect(bigintFromColumn('100000000000000000')).toBe(10n ** 17n);
    expect(bigintFromColumn('-125000000')).toBe(-125_000_000n);
    expect(bigintFromColumn(9_007_199_254_740_991)).toBe(9_007_199_254_740_991n);
    expect(bigintColumn.from(null)).toBeNull();
  });

  it('refuse a number the driver has already rounded rather than return a wrong amount', () => {
    expect(() => bigintFromColumn(2 ** 53 + 2)).toThrow(UnsafeIntegerReadError);
  });

  it('write the exact decimal string', () => {
    expect(bigintColumn.to(10n ** 17n + 1n)).toBe('100000000000000001');
    expect(bigintColumn.to(null)).toBeNull();
  });
});
