// The one place a DateValue is made: the parser and dateFromParts both fill a Draft and hand it
// here, so the calendar checks, the extent arithmetic and the normalised EDTF cannot drift apart.
import type { DatePrecision, DateSeason, DateValue } from '../types.js';
import { calendarError, rangeError } from './error.js';
import {
  MAX_YEAR,
  MIN_YEAR,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  daysFromCivil,
  daysInMonth,
} from './calendar.js';

type Unspecified = DateValue['unspecified'];

// Shared and frozen: most values have no unspecified units, and a fresh array each would be
// 100k needless allocations for a large import.
export const UNSPECIFIED_NONE: Unspecified = Object.freeze([]);
export const UNSPECIFIED_YEAR: Unspecified = Object.freeze(['year'] as const);
export const UNSPECIFIED_MONTH: Unspecified = Object.freeze(['month'] as const);
export const UNSPECIFIED_DAY: Unspecified = Object.freeze(['day'] as const);
export const UNSPECIFIED_MONTH_DAY: Unspecified = Object.freeze(['month', 'day'] as const);

/** EDTF level-1 season codes and the month each season starts in (Northern meteorological). */
export const SEASON_BY_CODE: Readonly<Record<number, DateSeason>> = { 21: 'spring', 22: 'summer', 23: 'autumn', 24: 'winter' };
const SEASON_CODE: Readonly<Record<DateSeason, string>> = { spring: '21', summer: '22', autumn: '23', winter: '24' };
export const SEASON_START_MONTH: Readonly<Record<DateSeason, number>> = { spring: 3, summer: 6, autumn: 9, winter: 12 };

/** A value whose syntax has been checked but whose calendar, range and extent have not. */
export interface Draft {
  year: number;
  month: number | undefined;
  day: number | undefined;
  hour: number | undefined;
  minute: number | undefined;
  second: number | undefined;
  millisecond: number | undefined;
  offsetMinutes: number | undefined;
  precision: DatePrecision;
  season: DateSeason | undefined;
  unspecified: Unspecified;
  /** Trailing `X` digits of the year: 1 for a decade (`202X`), 2 for a century (`20XX`). */
  yearX: 0 | 1 | 2;
  approximate: boolean;
  uncertain: boolean;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`;
}

function pad4(n: number): string {
  return n < 10 ? `000${n}` : n < 100 ? `00${n}` : n < 1000 ? `0${n}` : `${n}`;
}

/** The normalised EDTF of a draft: 4-digit years (`Y` beyond ±9999), `Z` or `±hh:mm`, one qualifier. */
export function edtfOf(d: Draft): string {
  let s: string;
  const y = d.year;
  if (d.yearX > 0) s = pad4(y).slice(0, 4 - d.yearX) + (d.yearX === 1 ? 'X' : 'XX');
  else if (y >= 0 && y <= 9999) s = pad4(y);
  else if (y < 0 && y >= -9999) s = `-${pad4(-y)}`;
  else s = `Y${y}`;

  if (d.season !== undefined) s += `-${SEASON_CODE[d.season]}`;
  else if (d.month !== undefined) s += `-${pad2(d.month)}`;
  else if (d.unspecified.includes('month')) s += '-XX';

  if (d.day !== undefined) s += `-${pad2(d.day)}`;
  else if (d.unspecified.includes('day')) s += '-XX';

  if (d.hour !== undefined) {
    s += `T${pad2(d.hour)}`;
    if (d.minute !== undefined) s += `:${pad2(d.minute)}`;
    if (d.second !== undefined) s += `:${pad2(d.second)}`;
    if (d.millisecond !== undefined) s += `.${pad3(d.millisecond)}`;
    const off = d.offsetMinutes;
    if (off !== undefined) {
      if (off === 0) s += 'Z';
      else {
        const abs = Math.abs(off);
        s += `${off < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
      }
    }
  }
  if (d.approximate) s += d.uncertain ? '%' : '~';
  else if (d.uncertain) s += '?';
  return s;
}

/**
 * Checks the calendar and the range, computes the extent and returns the finished value.
 * `input` is quoted in errors; without it (dateFromParts) the EDTF the parts would make is.
 */
export function buildDateValue(d: Draft, input: string | undefined): DateValue {
  const { year, month, day, hour, minute, second, millisecond, offsetMinutes, precision, season } = d;
  if (year < MIN_YEAR || year > MAX_YEAR) throw rangeError(input ?? edtfOf(d));
  if (day !== undefined && month !== undefined && day > daysInMonth(year, month)) throw calendarError(input ?? edtfOf(d));
  if (hour !== undefined && hour > 23) throw calendarError(input ?? edtfOf(d), `no hour ${hour}; days run from 00:00 to 23:59`);
  if (minute !== undefined && minute > 59) throw calendarError(input ?? edtfOf(d), `no minute ${minute}`);
  if (second !== undefined && second > 59) throw calendarError(input ?? edtfOf(d), `no second ${second}; leap seconds are not supported`);

  const startMonth = season !== undefined ? SEASON_START_MONTH[season] : (month ?? 1);
  const dayStart = daysFromCivil(year, startMonth, day ?? 1) * MS_PER_DAY;
  const earliest =
    dayStart +
    (hour ?? 0) * MS_PER_HOUR +
    (minute ?? 0) * MS_PER_MINUTE +
    (second ?? 0) * MS_PER_SECOND +
    (millisecond ?? 0) -
    (offsetMinutes ?? 0) * MS_PER_MINUTE;

  let latest: number;
  switch (precision) {
    case 'year': {
      const years = d.yearX === 2 ? 100 : d.yearX === 1 ? 10 : 1;
      latest = daysFromCivil(year + years, 1, 1) * MS_PER_DAY - 1;
      break;
    }
    case 'month': {
      // A season spans three months; the month after its last may be in the next year.
      const months = season !== undefined ? 3 : 1;
      const next = startMonth + months;
      latest = (next > 12 ? daysFromCivil(year + 1, next - 12, 1) : daysFromCivil(year, next, 1)) * MS_PER_DAY - 1;
      break;
    }
    case 'day':
      latest = earliest + MS_PER_DAY - 1;
      break;
    case 'hour':
      latest = earliest + MS_PER_HOUR - 1;
      break;
    case 'minute':
      latest = earliest + MS_PER_MINUTE - 1;
      break;
    case 'second':
      latest = earliest + MS_PER_SECOND - 1;
      break;
    case 'millisecond':
      latest = earliest;
      break;
  }

  // Every key is always present (undefined when absent) so all values share one shape.
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    offsetMinutes,
    season,
    precision,
    approximate: d.approximate,
    uncertain: d.uncertain,
    unspecified: d.unspecified,
    earliest,
    latest,
    edtf: edtfOf(d),
  };
}
