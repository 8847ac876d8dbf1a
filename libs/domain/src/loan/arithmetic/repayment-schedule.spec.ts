import { InvalidRateError } from '../../shared/basis-points';
import { InvalidDateError } from '../../shared/business-date';
import { formatMoney, MAX_MONEY_FEN, parseMoney, sumMoney } from '../../shared/money';
import type { Instalment, ScheduleInput } from './index';
import { annuityPayment, buildSchedule, InvalidScheduleError, monthlyInterest } from './index';

/** [due date, principal, interest] as the documents show them. */
type Row = [string, string, string];

const rows = (schedule: Instalment[]): Row[] =>
  schedule.map((i) => [i.dueDate, formatMoney(i.principal), formatMoney(i.interest)]);

const input = (overrides: Partial<ScheduleInput> = {}): ScheduleInput => ({
  principal: parseMoney('1000000.00'),
  annualRateBps: 600,
  termMonths: 12,
  method: 'equal-instalments',
  startDate: '2025-01-15',
  ...overrides,
});

describe('buildSchedule: equal instalments (annuity)', () => {
  it('1,000,000.00 at 6 % over 12 months: payment 86,066.43, each row as computed by hand', () => {
    // r = 600 / 120000 = 0.005; payment = 1e6 x 0.005 / (1 - 1.005^-12) = 86,066.4297... -> 86,066.43
    expect(formatMoney(annuityPayment(parseMoney('1000000.00'), 600, 12))).toBe('86066.43');
    const schedule = buildSchedule(input());
    expect(rows(schedule)).toEqual<Row[]>([
      ['2025-02-15', '81066.43', '5000.00'], // 1,000,000.00 x 0.005
      ['2025-03-15', '81471.76', '4594.67'], // 918,933.57 x 0.005 = 4,594.66785
      ['2025-04-15', '81879.12', '4187.31'],
      ['2025-05-15', '82288.52', '3777.91'],
      ['2025-06-15', '82699.96', '3366.47'],
      ['2025-07-15', '83113.46', '2952.97'],
      ['2025-08-15', '83529.03', '2537.40'],
      ['2025-09-15', '83946.67', '2119.76'],
      ['2025-10-15', '84366.40', '1700.03'],
      ['2025-11-15', '84788.24', '1278.19'],
      ['2025-12-15', '85212.18', '854.25'],
      ['2026-01-15', '85638.23', '428.19'], // the last absorbs the remainder: 86,066.42, a fen less
    ]);
    expect(schedule.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(sumMoney(schedule.map((i) => i.principal))).toBe(parseMoney('1000000.00'));
    expect(schedule.slice(0, 11).every((i) => i.principal + i.interest === parseMoney('86066.43'))).toBe(true);
  });

  it('10,000.00 at 12 % over 3 months: interest rounded half-up each month, the last absorbs the remainder', () => {
    // r = 0.01; payment = 10000 x 0.01 / (1 - 1.01^-3) = 3,400.2211 -> 3,400.22
    // month 2: 6,699.78 x 0.01 = 66.9978 -> 67.00; month 3: 3,366.56 x 0.01 = 33.6656 -> 33.67
    expect(
      rows(buildSchedule(input({ principal: parseMoney('10000.00'), annualRateBps: 1200, termMonths: 3 }))),
    ).toEqual<Row[]>([
      ['2025-02-15', '3300.22', '100.00'],
      ['2025-03-15', '3333.22', '67.00'],
      ['2025-04-15', '3366.56', '33.67'],
    ]);
  });

  it('a one-month loan is principal plus one month of interest', () => {
    expect(
      rows(buildSchedule(input({ principal: parseMoney('10000.00'), annualRateBps: 1200, termMonths: 1 }))),
    ).toEqual<Row[]>([['2025-02-15', '10000.00', '100.00']]);
  });

  it('zero rate: equal principal parts, the remainder in the last', () => {
    expect(rows(buildSchedule(input({ principal: parseMoney('1000.00'), annualRateBps: 0, termMonths: 3 })))).toEqual<
      Row[]
    >([
      ['2025-02-15', '333.33', '0.00'],
      ['2025-03-15', '333.33', '0.00'],
      ['2025-04-15', '333.34', '0.00'],
    ]);
  });

  it('a part rounded up never drives the last below zero: it is kept within what is outstanding', () => {
    // 5 fen over 8 months: 0.625 fen -> 1 fen a month, paid off after five months
    const schedule = buildSchedule(input({ principal: 5n, annualRateBps: 0, termMonths: 8 }));
    expect(schedule.map((i) => i.principal)).toEqual([1n, 1n, 1n, 1n, 1n, 0n, 0n, 0n]);
  });
});

describe('buildSchedule: bullet', () => {
  it('interest every month on the full principal, all principal in the last instalment', () => {
    expect(rows(buildSchedule(input({ method: 'bullet', termMonths: 3 })))).toEqual<Row[]>([
      ['2025-02-15', '0.00', '5000.00'],
      ['2025-03-15', '0.00', '5000.00'],
      ['2025-04-15', '1000000.00', '5000.00'],
    ]);
  });

  it('monthly interest is rounded half-up: 1,000,000.00 at 5 % is 4,166.666... -> 4,166.67', () => {
    const schedule = buildSchedule(input({ method: 'bullet', annualRateBps: 500, termMonths: 2 }));
    expect(schedule.map((i) => formatMoney(i.interest))).toEqual(['4166.67', '4166.67']);
  });

  it('zero rate: one payment of the principal at maturity', () => {
    expect(rows(buildSchedule(input({ method: 'bullet', annualRateBps: 0, termMonths: 2 })))).toEqual<Row[]>([
      ['2025-02-15', '0.00', '0.00'],
      ['2025-03-15', '1000000.00', '0.00'],
    ]);
  });
});

describe('buildSchedule: due dates', () => {
  it('a start on the 31st is clamped to each month end, counted from the start (not from the previous due date)', () => {
    const schedule = buildSchedule(input({ startDate: '2024-01-31', termMonths: 5 }));
    expect(schedule.map((i) => i.dueDate)).toEqual([
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
      '2024-06-30',
    ]);
    const nonLeap = buildSchedule(input({ startDate: '2025-01-31', termMonths: 2 }));
    expect(nonLeap.map((i) => i.dueDate)).toEqual(['2025-02-28', '2025-03-31']);
  });

  it('runs across year ends', () => {
    const schedule = buildSchedule(input({ startDate: '2025-11-30', termMonths: 3 }));
    expect(schedule.map((i) => i.dueDate)).toEqual(['2025-12-30', '2026-01-30', '2026-02-28']);
  });
});

describe('buildSchedule: refused terms', () => {
  it.each<[string, Partial<ScheduleInput>]>([
    ['zero principal', { principal: 0n }],
    ['negative principal', { principal: -100n }],
    ['principal above the maximum', { principal: MAX_MONEY_FEN + 1n }],
    ['principal that is not a bigint', { principal: 100 as unknown as bigint }],
    ['zero term', { termMonths: 0 }],
    ['term over 360 months', { termMonths: 361 }],
    ['fractional term', { termMonths: 1.5 }],
    ['unknown method', { method: 'balloon' as never }],
  ])('%s: LOAN.INVALID_SCHEDULE', (_, overrides) => {
    let thrown: unknown;
    try {
      buildSchedule(input(overrides));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidScheduleError);
    expect(thrown).toMatchObject({ code: 'LOAN.INVALID_SCHEDULE', kind: 'invalid' });
  });

  it('accepts the bounds: 1 fen, the maximum principal, 1 and 360 months, 0 and 5000 bp', () => {
    expect(() => buildSchedule(input({ principal: 1n, termMonths: 1, annualRateBps: 0 }))).not.toThrow();
    expect(() =>
      buildSchedule(input({ principal: MAX_MONEY_FEN, termMonths: 360, annualRateBps: 5000 })),
    ).not.toThrow();
  });

  it.each([5001, -1, 1.5, Number.NaN])('refuses a rate of %p bp with RATE.INVALID', (annualRateBps) => {
    expect(() => buildSchedule(input({ annualRateBps }))).toThrow(InvalidRateError);
  });

  it.each(['2025-02-29', '2025-1-15', ''])('refuses a start date of %p with DATE.INVALID', (startDate) => {
    expect(() => buildSchedule(input({ startDate }))).toThrow(InvalidDateError);
  });
});

describe('monthlyInterest', () => {
  it('rounds half-up: exactly half a fen becomes a fen', () => {
    // 12 fen x 5000 / 120000 = 0.5
    expect(monthlyInterest(12n, 5000)).toBe(1n);
    // 11 fen x 5000 / 120000 = 0.458...
    expect(monthlyInterest(11n, 5000)).toBe(0n);
    expect(monthlyInterest(0n, 5000)).toBe(0n);
  });
});
