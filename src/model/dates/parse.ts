// A hand-written scanner rather than a regular expression: it is linear in the input whatever
// the input is, allocates nothing but the result, and can say which part was wrong.
import type { DatePrecision, DateSeason, DateValue } from '../types.js';
import { DateSyntaxError, syntaxError } from './error.js';
import {
  SEASON_BY_CODE,
  UNSPECIFIED_DAY,
  UNSPECIFIED_MONTH,
  UNSPECIFIED_MONTH_DAY,
  UNSPECIFIED_NONE,
  UNSPECIFIED_YEAR,
  buildDateValue,
  type Draft,
} from './value.js';

const ZERO = 48;
const NINE = 57;
const DASH = 45;
const PLUS = 43;
const COLON = 58;
const DOT = 46;
const UPPER_T = 84;
const UPPER_X = 88;
const UPPER_Y = 89;
const UPPER_Z = 90;
const TILDE = 126;
const QUESTION = 63;
const PERCENT = 37;

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** The two-digit number at `i`, or -1 when either character is not a digit. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  return isDigit(a) && isDigit(b) ? (a - ZERO) * 10 + (b - ZERO) : -1;
}

const WHITE_SPACE = /\s/;

/** A syntax error with the most useful hint we can give cheaply; only runs on the error path. */
function fail(s: string, hint?: string): DateSyntaxError {
  if (s.length === 0) return syntaxError(s, 'empty');
  if (WHITE_SPACE.test(s[0]!) || WHITE_SPACE.test(s[s.length - 1]!)) return syntaxError(s, 'white space around it');
  if (hint) return syntaxError(s, hint);
  if (s.length > 10 && s.charCodeAt(10) === 32 && isDigit(s.charCodeAt(11))) {
    return syntaxError(s, 'write T between the date and the time');
  }
  if (/[tzx]/.test(s) && /^-?\d\d/.test(s) && !/[^0-9tzxTZX:.+\-~?%]/.test(s)) return syntaxError(s, 'T, Z and X are written in upper case');
  return syntaxError(s);
}

function draft(
  year: number,
  precision: DatePrecision,
  unspecified: Draft['unspecified'],
  approximate: boolean,
  uncertain: boolean,
): Draft {
  return {
    year,
    month: undefined,
    day: undefined,
    hour: undefined,
    minute: undefined,
    second: undefined,
    millisecond: undefined,
    offsetMinutes: undefined,
    precision,
    season: undefined,
    unspecified,
    yearX: 0,
    approximate,
    uncertain,
  };
}

/** Reads the syntax of one EDTF level 0–1 date into a Draft, or throws a syntax error. */
function scan(s: string): Draft {
  let end = s.length;
  let approximate = false;
  let uncertain = false;
  const last = s.charCodeAt(end - 1);
  if (last === TILDE) approximate = true;
  else if (last === QUESTION) uncertain = true;
  else if (last === PERCENT) approximate = uncertain = true;
  if (approximate || uncertain) end -= 1;

  let i = 0;
  // EDTF level 1 long years: `Y` and more than four digits, year precision only.
  if (s.charCodeAt(0) === UPPER_Y) {
    i = 1;
    const negative = s.charCodeAt(1) === DASH;
    if (negative) i = 2;
    const start = i;
    if (s.charCodeAt(i) === ZERO) throw fail(s, 'a Y year has no leading zeros');
    let v = 0;
    while (i < end && isDigit(s.charCodeAt(i))) v = v * 10 + (s.charCodeAt(i++) - ZERO);
    if (i !== end || i - start < 5) throw fail(s, i === end ? 'a Y year has more than four digits' : undefined);
    return draft(negative ? -v : v, 'year', UNSPECIFIED_NONE, approximate, uncertain);
  }

  const negative = s.charCodeAt(0) === DASH;
  if (negative) i = 1;
  if (i + 4 > end) throw fail(s);
  let year = 0;
  let yearX: 0 | 1 | 2 = 0;
  for (let k = 0; k < 4; k++) {
    const c = s.charCodeAt(i + k);
    if (isDigit(c) && yearX === 0) year = year * 10 + (c - ZERO);
    else if (c === UPPER_X && k >= 2 && !negative) {
      yearX = yearX === 0 ? 1 : 2;
      year *= 10;
    } else throw fail(s);
  }
  i += 4;
  if (negative) {
    if (year === 0) throw fail(s, 'year zero has no sign');
    year = -year;
  }
  if (i === end) {
    const d = draft(year, 'year', yearX ? UNSPECIFIED_YEAR : UNSPECIFIED_NONE, approximate, uncertain);
    d.yearX = yearX;
    return d;
  }
  if (yearX || s.charCodeAt(i) !== DASH || i + 3 > end) {
    throw fail(s, isDigit(s.charCodeAt(i)) ? 'years of more than four digits are written Y12345' : undefined);
  }
  i += 1;

  // Month, unspecified month or season.
  let month: number | undefined;
  let monthX = false;
  let season: DateSeason | undefined;
  const mm = twoDigits(s, i);
  if (mm >= 1 && mm <= 12) month = mm;
  else if (mm >= 21 && mm <= 24) season = SEASON_BY_CODE[mm];
  else if (s.charCodeAt(i) === UPPER_X && s.charCodeAt(i + 1) === UPPER_X) monthX = true;
  else throw fail(s, mm >= 0 ? 'months are 01–12; 21–24 are seasons' : undefined);
  i += 2;
  if (i === end) {
    const d = draft(year, monthX ? 'year' : 'month', monthX ? UNSPECIFIED_MONTH : UNSPECIFIED_NONE, approximate, uncertain);
    d.month = month;
    d.season = season;
    return d;
  }
  if (season !== undefined || s.charCodeAt(i) !== DASH || i + 3 > end) throw fail(s);
  i += 1;

  // Day or unspecified day. Level 1 allows `XX-XX` but not a known day in an unknown month.
  const dd = twoDigits(s, i);
  let dayX = false;
  if (dd >= 1 && dd <= 31 && !monthX) {
    /* a known day */
  } else if (s.charCodeAt(i) === UPPER_X && s.charCodeAt(i + 1) === UPPER_X) dayX = true;
  else throw fail(s, monthX && dd >= 1 ? 'a known day needs a known month' : dd > 31 || dd === 0 ? 'days are 01–31' : undefined);
  i += 2;
  if (i === end) {
    if (dayX) {
      const d = draft(year, monthX ? 'year' : 'month', monthX ? UNSPECIFIED_MONTH_DAY : UNSPECIFIED_DAY, approximate, uncertain);
      d.month = month;
      return d;
    }
    const d = draft(year, 'day', UNSPECIFIED_NONE, approximate, uncertain);
    d.month = month;
    d.day = dd;
    return d;
  }
  if (dayX || s.charCodeAt(i) !== UPPER_T) throw fail(s);
  i += 1;

  // Time: hh[:mm[:ss[.fff]]], then an optional offset.
  const d = draft(year, 'hour', UNSPECIFIED_NONE, approximate, uncertain);
  d.month = month;
  d.day = dd;
  const hh = twoDigits(s, i);
  if (hh < 0) throw fail(s);
  d.hour = hh;
  i += 2;
  if (s.charCodeAt(i) === COLON && i < end) {
    const min = twoDigits(s, i + 1);
    if (min < 0 || i + 3 > end) throw fail(s);
    d.minute = min;
    d.precision = 'minute';
    i += 3;
    if (s.charCodeAt(i) === COLON && i < end) {
      const sec = twoDigits(s, i + 1);
      if (sec < 0 || i + 3 > end) throw fail(s);
      d.second = sec;
      d.precision = 'second';
      i += 3;
      if (s.charCodeAt(i) === DOT && i < end) {
        i += 1;
        const start = i;
        let ms = 0;
        // Up to nine digits are read; digits past the millisecond are dropped, since the
        // value's finest unit is the millisecond.
        while (i < end && isDigit(s.charCodeAt(i))) {
          if (i - start < 3) ms = ms * 10 + (s.charCodeAt(i) - ZERO);
          i += 1;
        }
        const count = i - start;
        if (count === 0 || count > 9) throw fail(s);
        if (count === 1) ms *= 100;
        else if (count === 2) ms *= 10;
        d.millisecond = ms;
        d.precision = 'millisecond';
      }
    }
  }
  if (i < end) {
    const c = s.charCodeAt(i);
    if (c === UPPER_Z) {
      d.offsetMinutes = 0;
      i += 1;
    } else if (c === PLUS || c === DASH) {
      const oh = twoDigits(s, i + 1);
      if (oh < 0 || oh > 23 || i + 3 > end) throw fail(s, oh > 23 ? 'offsets run from -23:59 to +23:59' : undefined);
      i += 3;
      let om = 0;
      if (i < end) {
        if (s.charCodeAt(i) === COLON) i += 1;
        om = twoDigits(s, i);
        if (om < 0 || om > 59 || i + 2 > end) throw fail(s);
        i += 2;
      }
      const total = oh * 60 + om;
      // `-00:00` is read as UTC, and written back as `Z`; never store -0.
      d.offsetMinutes = total === 0 ? 0 : c === DASH ? -total : total;
    }
  }
  if (i !== end) throw fail(s);
  return d;
}

/**
 * Parses one ISO 8601 / EDTF (ISO 8601-2) level 0 or level 1 date into a {@link DateValue}
 * that keeps the precision it was written with.
 *
 * Accepted: `2024`, `2024-01`, `2024-01-18`, `2024-01-18T09` (hour), `T09:30`, `T09:30:15`,
 * `T09:30:15.250` (1–9 fraction digits; kept to the millisecond), each time with an optional
 * `Z`, `±hh:mm`, `±hhmm` or `±hh` offset; negative (astronomical) years `-0500` (exactly four
 * digits, as ISO and EDTF require, so `-500` is refused); long years `Y170000`, `Y-12000`;
 * unspecified digits `202X`, `20XX`, `2024-XX`, `2024-01-XX`, `2024-XX-XX`; seasons
 * `2024-21`…`2024-24` (Northern meteorological: spring Mar–May … winter Dec–Feb of the next
 * year); and one whole-value qualifier at the end: `~` approximate, `?` uncertain, `%` both.
 *
 * Calendar dates and times without an offset are floating: their instants are computed as if
 * UTC. With an offset they are real instants. `earliest`/`latest` are the first and last
 * millisecond of the written precision; `~` and `?` do not widen them (renderers draw the
 * fuzziness). Nothing is trimmed: surrounding white space is an error.
 *
 * @throws {@link DateSyntaxError} with reason `syntax`, `calendar` (`2023-02-29`) or `range`.
 * @example
 * ```ts
 * parseDate('2024-01-18T09:30+09:00').earliest === Date.UTC(2024, 0, 18, 0, 30); // true
 * parseDate('2024-XX').unspecified; // ['month']
 * ```
 */
export function parseDate(text: string): DateValue {
  if (typeof text !== 'string') {
    const shown = String(text as unknown);
    throw new DateSyntaxError(shown, 'syntax', `${shown} is not a date (expected a string, got ${typeof text})`);
  }
  return buildDateValue(scan(text), text);
}

/**
 * {@link parseDate} without exceptions: for importers that collect problems rather than stop.
 *
 * @example
 * ```ts
 * const r = tryParseDate('2024-02-30');
 * if (!r.ok) problems.push({ path: 'line 4', message: r.error.message, severity: 'error' });
 * ```
 */
export function tryParseDate(text: string): { ok: true; value: DateValue } | { ok: false; error: DateSyntaxError } {
  try {
    return { ok: true, value: parseDate(text) };
  } catch (error) {
    if (error instanceof DateSyntaxError) return { ok: false, error };
    throw error;
  }
}
