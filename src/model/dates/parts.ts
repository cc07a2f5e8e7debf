import type { DatePrecision, DateValue } from '../types.js';
import { rangeError, syntaxError } from './error.js';
import { MAX_YEAR, MIN_YEAR } from './calendar.js';
import { UNSPECIFIED_NONE, buildDateValue, type Draft } from './value.js';

/** The numeric fields of a date, as importers find them in CSV columns or API records. */
export interface DateParts {
  /** Astronomical year: 0 is 1 BCE. */
  year: number;
  /** 1–12. */
  month?: number;
  /** 1–31; needs `month`. */
  day?: number;
  /** 0–23; needs `day`. */
  hour?: number;
  /** 0–59; needs `hour`. */
  minute?: number;
  /** 0–59; needs `minute`. */
  second?: number;
  /** 0–999; needs `second`. */
  millisecond?: number;
  /** Offset from UTC in minutes (`+09:00` is 540), -1439…1439; needs `hour`. */
  offsetMinutes?: number;
}

/** EDTF qualifiers for {@link dateFromParts}. */
export interface DateFlags {
  approximate?: boolean;
  uncertain?: boolean;
}

// Each unit, the unit it needs, and its allowed range. Values outside these ranges cannot be
// written as EDTF at all (a syntax error); 24:00 and Feb 30 can, and are calendar errors.
const UNITS = [
  ['month', 'year', 1, 12],
  ['day', 'month', 1, 31],
  ['hour', 'day', 0, 24],
  ['minute', 'hour', 0, 60],
  ['second', 'minute', 0, 60],
  ['millisecond', 'second', 0, 999],
] as const;

const ORDER = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond', 'offsetMinutes'] as const;

/** `year 2024, day 3`: how errors name parts that have no EDTF form. */
function describe(parts: DateParts): string {
  const out: string[] = [];
  for (const key of ORDER) {
    const v: unknown = (parts as unknown as Record<string, unknown>)[key];
    if (v !== undefined) out.push(`${key} ${String(v)}`);
  }
  return out.join(', ');
}

function withArticle(unit: string): string {
  return unit === 'hour' ? `an ${unit}` : `a ${unit}`;
}

function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/**
 * Makes a {@link DateValue} from numeric fields, for importers (TimelineJS, GDELT, ACLED) whose
 * sources keep dates in columns. The precision is the finest part present; parts must be
 * contiguous from the year down (a day without a month is an error). The checks, the extent
 * and the error type are those of {@link parseDate}, and the result equals
 * `parseDate(result.edtf)`. An offset makes the value a real instant; without one it floats.
 *
 * @throws {@link DateSyntaxError}: `syntax` for missing or non-integer parts, `calendar` for
 * `{ year: 2023, month: 2, day: 29 }`, `range` beyond the years a Date can hold.
 * @example
 * ```ts
 * dateFromParts({ year: 2024, month: 1, day: 18 }).edtf; // '2024-01-18'
 * dateFromParts({ year: 2024, month: 1 }, { approximate: true }).edtf; // '2024-01~'
 * ```
 */
export function dateFromParts(parts: DateParts, flags?: DateFlags): DateValue {
  const { year, offsetMinutes } = parts;
  if (!isInteger(year)) throw syntaxError(describe(parts), 'the year must be an integer');
  if (year < MIN_YEAR || year > MAX_YEAR) throw rangeError(describe(parts));

  let precision: DatePrecision = 'year';
  for (const [unit, parent, min, max] of UNITS) {
    const v = parts[unit];
    if (v === undefined) continue;
    if (parts[parent] === undefined) throw syntaxError(describe(parts), `${withArticle(unit)} needs ${withArticle(parent)}`);
    if (!isInteger(v) || v < min || v > max) throw syntaxError(describe(parts), `the ${unit} must be an integer from ${min} to ${max}`);
    precision = unit;
  }
  if (offsetMinutes !== undefined) {
    if (parts.hour === undefined) throw syntaxError(describe(parts), 'an offset needs a time of day');
    if (!isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 1439) {
      throw syntaxError(describe(parts), 'the offset must be a whole number of minutes from -1439 to 1439');
    }
  }
  if ((year < -9999 || year > 9999) && parts.month !== undefined) {
    throw syntaxError(describe(parts), 'EDTF writes years beyond ±9999 without months or days');
  }

  const draft: Draft = {
    year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    millisecond: parts.millisecond,
    offsetMinutes: offsetMinutes === 0 ? 0 : offsetMinutes,
    precision,
    season: undefined,
    unspecified: UNSPECIFIED_NONE,
    yearX: 0,
    approximate: flags?.approximate === true,
    uncertain: flags?.uncertain === true,
  };
  return buildDateValue(draft, undefined);
}
