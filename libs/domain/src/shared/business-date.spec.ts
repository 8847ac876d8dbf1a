import fc from 'fast-check';
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  InvalidDateError,
  parseBusinessDate,
  yearOf,
} from './business-date';

/** Dates from 1970-01-01 to about 2200. */
const date = fc.integer({ min: 0, max: 84_000 }).map((days) => addDays('1970-01-01', days));

describe('parseBusinessDate', () => {
  it.each(['2025-01-01', '2024-02-29', '2000-02-29', '2025-12-31', '1999-04-30'])('accepts %p', (text) => {
    expect(parseBusinessDate(text)).toBe(text);
  });

  it.each([
    '2025-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not by 400
    '2024-02-30',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-1-01',
    '25-01-01',
    '2025/01/01',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '',
  ])('refuses %p with DATE.INVALID', (text) => {
    expect(() => parseBusinessDate(text)).toThrow(InvalidDateError);
    expect(() => parseBusinessDate(text)).toThrow(expect.objectContaining({ code: 'DATE.INVALID', kind: 'invalid' }));
  });

  it('names the field in the message', () => {
    expect(() => parseBusinessDate('2025-02-29', 'valueDate')).toThrow(/valueDate/);
  });
});

describe('addMonths', () => {
  it.each<[string, number, string]>([
    ['2025-01-15', 1, '2025-02-15'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 2, '2025-03-31'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2025-05-20', 0, '2025-05-20'],
    ['2025-01-31', 360, '2055-01-31'],
  ])('%p + %p months = %p (clamped to the month end)', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it('always lands in the right month, never past its end, and never moves a day that fits', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -1200, max: 1200 }), (from, months) => {
        const to = addMonths(from, months);
        const [y, m, d] = from.split('-').map(Number);
        const [ty, tm, td] = to.split('-').map(Number);
        expect(ty * 12 + tm - (y * 12 + m)).toBe(months);
        expect(parseBusinessDate(to)).toBe(to);
        if (td !== d) expect(td < d && addDays(to, 1).slice(8) === '01').toBe(true);
      }),
    );
  });
});

describe('daysBetween and addDays', () => {
  it.each<[string, string, number]>([
    ['2025-01-01', '2025-01-01', 0],
    ['2024-02-28', '2024-03-01', 2], // leap year
    ['2023-02-28', '2023-03-01', 1],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-01', '2026-01-01', 365],
    ['2023-12-31', '2028-12-31', 1827], // 2024 and 2028 are leap years
    ['2025-03-01', '2025-02-01', -28],
    ['1999-12-31', '2000-03-01', 61], // 2000 is a leap year
  ])('%p to %p is %p days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it('addDays crosses month, year and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('daysBetween undoes addDays and is antisymmetric', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -20_000, max: 20_000 }), (from, days) => {
        const to = addDays(from, days);
        expect(daysBetween(from, to)).toBe(days);
        expect(daysBetween(to, from) + days).toBe(0);
        expect(compareDates(to, from)).toBe(Math.sign(days));
      }),
    );
  });
});

describe('compareDates and yearOf', () => {
  it('orders ISO dates and reads the year', () => {
    expect(compareDates('2025-01-31', '2025-02-01')).toBe(-1);
    expect(compareDates('2025-02-01', '2025-01-31')).toBe(1);
    expect(compareDates('2025-02-01', '2025-02-01')).toBe(0);
    expect(yearOf('2025-12-31')).toBe(2025);
  });
});
