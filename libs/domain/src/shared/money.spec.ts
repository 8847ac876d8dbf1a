import fc from 'fast-check';
import { formatMoney, InvalidMoneyError, MAX_MONEY_FEN, maxMoney, minMoney, parseMoney, sumMoney } from './money';

/** Whole yuan as parseMoney accepts them: 0, or up to 15 digits without a leading zero. */
const wholeYuan = fc.bigInt(0n, 10n ** 15n - 1n);
const canonical = fc
  .tuple(wholeYuan, fc.integer({ min: 0, max: 99 }))
  .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(2, '0')}`);
/** Every amount parseMoney can read: 0 to 999,999,999,999,999.99. */
const amountInFen = fc.bigInt(0n, MAX_MONEY_FEN);

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('parseMoney and formatMoney', () => {
  it('round-trip every canonical two-decimal string', () => {
    fc.assert(
      fc.property(canonical, (text) => {
        expect(formatMoney(parseMoney(text))).toBe(text);
      }),
    );
  });

  it('round-trip negative canonical strings when negatives are allowed', () => {
    fc.assert(
      fc.property(canonical, (text) => {
        fc.pre(!/^0\.00$/.test(text));
        expect(formatMoney(parseMoney(`-${text}`, { allowNegative: true }))).toBe(`-${text}`);
      }),
    );
  });

  it('parseMoney(formatMoney(x)) === x for every amount in bounds, positive or negative', () => {
    fc.assert(
      fc.property(amountInFen, (fen) => {
        expect(parseMoney(formatMoney(fen))).toBe(fen);
        expect(parseMoney(formatMoney(-fen), { allowNegative: true })).toBe(-fen);
      }),
    );
  });

  it('formats with exactly two places', () => {
    expect(formatMoney(0n)).toBe('0.00');
    expect(formatMoney(5n)).toBe('0.05');
    expect(formatMoney(50n)).toBe('0.50');
    expect(formatMoney(125000000n)).toBe('1250000.00');
    expect(formatMoney(-1n)).toBe('-0.01');
  });

  it.each<[string, bigint]>([
    ['0', 0n],
    ['12', 1200n],
    ['12.5', 1250n],
    ['12.50', 1250n],
    ['0.05', 5n],
    ['0.5', 50n],
    ['999999999999999.99', MAX_MONEY_FEN],
  ])('reads %p with zero, one or two places as %p fen', (text, fen) => {
    expect(parseMoney(text)).toBe(fen);
  });

  it.each([
    '',
    '1e5',
    '1E5',
    '1.234',
    ' 1',
    '1 ',
    '1,000',
    '1_000',
    '-1',
    '+1',
    '01',
    '00.10',
    '.5',
    '1.',
    '0x10',
    'NaN',
    'Infinity',
    '1.0.0',
    '１', // a full-width digit
    '1000000000000000.00', // 16 digits of yuan: above the bound
  ])('refuses %p with MONEY.INVALID', (text) => {
    const error = refusal(() => parseMoney(text));
    expect(error).toBeInstanceOf(InvalidMoneyError);
    expect(error).toMatchObject({ code: 'MONEY.INVALID', kind: 'invalid' });
  });

  it('refuses a negative amount unless allowed', () => {
    expect(refusal(() => parseMoney('-1.00'))).toBeInstanceOf(InvalidMoneyError);
    expect(parseMoney('-1.00', { allowNegative: true })).toBe(-100n);
    expect(refusal(() => parseMoney('--1', { allowNegative: true }))).toBeInstanceOf(InvalidMoneyError);
  });

  it.each<unknown>([100, 1.5, null, undefined, 10n, { amount: '1.00' }])('refuses a non-string %p', (value) => {
    expect(refusal(() => parseMoney(value as string))).toBeInstanceOf(InvalidMoneyError);
  });

  it('accepts nothing but plain digits with at most two places, whatever the string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (text) => {
        const error = refusal(() => parseMoney(text));
        if (/^(0|[1-9]\d{0,14})(\.\d{1,2})?$/.test(text)) expect(error).toBeUndefined();
        else expect(error).toBeInstanceOf(InvalidMoneyError);
      }),
      { numRuns: 500 },
    );
  });
});

describe('minMoney, maxMoney, sumMoney', () => {
  it('pick and add whole fen exactly', () => {
    expect(minMoney(300n, 100n, 200n)).toBe(100n);
    expect(maxMoney(300n, 100n, 200n)).toBe(300n);
    expect(minMoney(-5n)).toBe(-5n);
    expect(sumMoney([])).toBe(0n);
    expect(sumMoney([10n, 20n, -5n])).toBe(25n);
  });

  it('sums without any loss, far beyond the range of a float', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; in fen it is 30
    expect(sumMoney([10n, 20n])).toBe(30n);
    fc.assert(
      fc.property(fc.array(amountInFen, { maxLength: 50 }), (amounts) => {
        const total = sumMoney(amounts);
        expect(total - sumMoney(amounts.slice(1))).toBe(amounts[0] ?? 0n);
      }),
    );
  });
});
