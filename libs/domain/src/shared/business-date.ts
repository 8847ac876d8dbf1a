import { domainError } from './domain-error';

/**
 * A business date (value date, as-of date, maturity) as an ISO calendar date "YYYY-MM-DD".
 * Separate from the clock that records events. Arithmetic is on whole days in UTC, integers only.
 */
export type BusinessDate = string;

export class InvalidDateError extends domainError('DATE.INVALID', 'invalid') {}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function parseBusinessDate(text: string, label = 'date'): BusinessDate {
  const match = typeof text === 'string' ? DATE_PATTERN.exec(text) : null;
  if (!match) throw new InvalidDateError(`${label} "${String(text)}" is not an ISO date (YYYY-MM-DD)`);
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new InvalidDateError(`${label} "${text}" is not a real calendar date`);
  }
  return text;
}

function toDayNumber(date: BusinessDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

function fromDayNumber(day: number): BusinessDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Same day `months` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: BusinessDate, months: number): BusinessDate {
  const [y, m, d] = date.split('-').map(Number);
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(year, month, Math.min(d, lastDay)) / MS_PER_DAY);
}

export function compareDates(a: BusinessDate, b: BusinessDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The calendar year of a date, e.g. for per-bank annual caps. */
export function yearOf(date: BusinessDate): number {
  return Number(date.slice(0, 4));
}
