// Formatting prints the fields as written, so it never builds a Date from a value: month names
// come from date-fns for a fixed noon in the year 2000, which exists in every time zone, and
// everything else is arithmetic on the fields. A Date made from the written fields in local
// time would be moved by DST gaps (02:30 on a spring-forward day does not exist locally) and
// could not hold the extreme years, so the output would depend on the viewer's zone.
import { format } from 'date-fns/format';
import { enUS } from 'date-fns/locale/en-US';
import type { Locale } from 'date-fns';
import type { DateSeason, DateValue, When } from '../types.js';

/** Options of {@link formatDate} and {@link formatWhen}. */
export interface FormatDateOptions {
  /** A date-fns locale for month names (default `enUS`). Word order stays `18 January 2024`. */
  locale?: Locale;
  /** `long` (default): `18 January 2024`, `circa`; `short`: `18 Jan 2024`, `c.`. */
  style?: 'short' | 'long';
}

interface MonthNames {
  /** Inside a date (`18 January`): the formatting form, genitive in some languages. */
  readonly inDate: readonly string[];
  /** Alone or with a year (`January 2024`): the stand-alone form. */
  readonly alone: readonly string[];
}

const monthCache = new WeakMap<Locale, { long?: MonthNames; short?: MonthNames }>();

function monthNames(locale: Locale, style: 'short' | 'long'): MonthNames {
  let entry = monthCache.get(locale);
  if (!entry) monthCache.set(locale, (entry = {}));
  let names = entry[style];
  if (!names) {
    const inDate: string[] = [];
    const alone: string[] = [];
    for (let m = 0; m < 12; m++) {
      const reference = new Date(2000, m, 15, 12);
      inDate.push(format(reference, style === 'long' ? 'MMMM' : 'MMM', { locale }));
      alone.push(format(reference, style === 'long' ? 'LLLL' : 'LLL', { locale }));
    }
    names = entry[style] = { inDate, alone };
  }
  return names;
}

/**
 * Years as readers say them: `2024`; `79 CE` below 1000, so a short year is not mistaken for
 * a count or a day; `500 BCE` for astronomical -499, and `1 BCE` for year 0.
 */
function yearLabel(year: number): string {
  if (year <= 0) return `${1 - year} BCE`;
  return year < 1000 ? `${year} CE` : `${year}`;
}

function yearSpan(first: number, last: number): string {
  return first >= 1000 ? `${first}–${last}` : `${yearLabel(first)} – ${yearLabel(last)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

const SEASON_NAME: Readonly<Record<DateSeason, string>> = { spring: 'Spring', summer: 'Summer', autumn: 'Autumn', winter: 'Winter' };

// A decade spans under 4,000 days and a century over 36,000; the value does not store which.
const YEARS_20_MS = 20 * 366 * 86_400_000;

function timeLabel(v: DateValue): string {
  const hour = pad2(v.hour ?? 0);
  let s: string;
  if (v.minute === undefined) s = `${hour}h`;
  else {
    s = `${hour}:${pad2(v.minute)}`;
    if (v.second !== undefined) s += `:${pad2(v.second)}`;
    if (v.millisecond !== undefined) s += `.${`${v.millisecond}`.padStart(3, '0')}`;
  }
  const off = v.offsetMinutes;
  if (off !== undefined) {
    if (off === 0) s += ' UTC';
    else {
      const abs = Math.abs(off);
      // U+2212 MINUS SIGN, which screen readers say as "minus".
      s += ` UTC${off < 0 ? '\u2212' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
    }
  }
  return s;
}

/** The value without qualifiers, and the note on unknown units that follows them. */
function body(v: DateValue, names: MonthNames): [text: string, note: string] {
  const year = yearLabel(v.year);
  if (v.season !== undefined) {
    const name = SEASON_NAME[v.season];
    return [v.season === 'winter' ? `${name} ${yearSpan(v.year, v.year + 1)}` : `${name} ${year}`, ''];
  }
  if (v.unspecified.includes('year')) {
    const decade = v.latest - v.earliest < YEARS_20_MS;
    if (decade && v.year >= 1000) return [`${v.year}s`, ''];
    return [yearSpan(v.year, v.year + (decade ? 9 : 99)), ''];
  }
  if (v.month === undefined) {
    const note = v.unspecified.length === 0 ? '' : v.unspecified.length === 2 ? ' (month and day unknown)' : ' (month unknown)';
    return [year, note];
  }
  if (v.day === undefined) {
    return [`${names.alone[v.month - 1]!} ${year}`, v.unspecified.includes('day') ? ' (day unknown)' : ''];
  }
  const date = `${v.day} ${names.inDate[v.month - 1]!} ${year}`;
  return [v.hour === undefined ? date : `${date}, ${timeLabel(v)}`, ''];
}

/**
 * Prints a date at its own precision, the same in every time zone: a time is printed as
 * written, with its offset, not converted to the viewer's zone.
 *
 * | value | long (default) | short |
 * |---|---|---|
 * | `2024` | `2024` | `2024` |
 * | `2024-01` | `January 2024` | `Jan 2024` |
 * | `2024-01-18` | `18 January 2024` | `18 Jan 2024` |
 * | `2024-01-18T09` | `18 January 2024, 09h` | `18 Jan 2024, 09h` |
 * | `2024-01-18T09:30+09:00` | `18 January 2024, 09:30 UTC+09:00` | … |
 * | `2024~` / `2024?` / `2024%` | `circa 2024` / `2024?` / `circa 2024?` | `c. 2024` … |
 * | `2024-XX` / `2024-01-XX` | `2024 (month unknown)` / `January 2024 (day unknown)` | |
 * | `202X` / `20XX` | `2020s` / `2000–2099` | |
 * | `2024-21` / `2024-24` | `Spring 2024` / `Winter 2024–2025` | |
 * | `0079` / `0000` / `-0499` | `79 CE` / `1 BCE` / `500 BCE` | |
 *
 * @example
 * ```ts
 * formatDate(parseDate('2024-01-18'));                       // '18 January 2024'
 * formatDate(parseDate('2024-01~'), { style: 'short' });    // 'c. Jan 2024'
 * ```
 */
export function formatDate(value: DateValue, options?: FormatDateOptions): string {
  const style = options?.style ?? 'long';
  const [text, note] = body(value, monthNames(options?.locale ?? enUS, style));
  const prefix = value.approximate ? (style === 'long' ? 'circa ' : 'c. ') : '';
  return `${prefix}${text}${value.uncertain ? '?' : ''}${note}`;
}

/** Plain values can share their month and year with the other end of an interval. */
function isPlain(v: DateValue): boolean {
  return !v.approximate && !v.uncertain && v.unspecified.length === 0 && v.season === undefined && v.hour === undefined;
}

/**
 * Prints when an event happened: a point as {@link formatDate}; an interval as its two ends
 * joined by a spaced en dash (`2023 – 2024`), sharing the month and year where both ends are
 * plain days or months of one year (`18–20 January 2024`, `18 January – 20 February 2024`,
 * `January–March 2024`).
 *
 * @example
 * ```ts
 * formatWhen(parseWhen('2024-01-18/2024-01-20')); // '18–20 January 2024'
 * ```
 */
export function formatWhen(when: When, options?: FormatDateOptions): string {
  const { start, end } = when;
  if (end === undefined || end.edtf === start.edtf) return formatDate(start, options);
  if (isPlain(start) && isPlain(end) && start.year === end.year && start.precision === end.precision) {
    const names = monthNames(options?.locale ?? enUS, options?.style ?? 'long');
    const year = yearLabel(start.year);
    if (start.precision === 'day' && start.month !== undefined && end.month !== undefined) {
      if (start.month === end.month) return `${start.day}–${end.day} ${names.inDate[start.month - 1]!} ${year}`;
      return `${start.day} ${names.inDate[start.month - 1]!} – ${end.day} ${names.inDate[end.month - 1]!} ${year}`;
    }
    if (start.precision === 'month' && start.month !== undefined && end.month !== undefined) {
      return `${names.alone[start.month - 1]!}–${names.alone[end.month - 1]!} ${year}`;
    }
  }
  return `${formatDate(start, options)} – ${formatDate(end, options)}`;
}
