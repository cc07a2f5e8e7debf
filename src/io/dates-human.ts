/**
 * Dates as people type them in spreadsheets (`18 January 2024`, `Jan. 18, 2024`, `18/01/2024`),
 * read into EDTF at the precision that was written. ISO 8601 and EDTF text is handed to the
 * model's own `tryParseDate`, so the two readers never disagree.
 *
 * @packageDocumentation
 */
import { tryParseDate } from '../model/dates.js';

/** How to read slash dates whose two first numbers could each be the day or the month. */
export interface HumanDateOptions {
  /** Read `01/02/2024` as 1 February 2024 (day/month/year), as most of the world writes it. */
  readonly dayFirst?: boolean;
  /** Read `01/02/2024` as 2 January 2024 (month/day/year), as the United States writes it. */
  readonly monthFirst?: boolean;
}

/** What {@link parseHumanDate} read: an EDTF string, or a message that says why not. */
export type HumanDateResult =
  | { readonly ok: true; readonly edtf: string }
  | { readonly ok: false; readonly message: string; readonly ambiguous?: true };

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const MONTHS = new Map<string, number>();
MONTH_NAMES.forEach((name, i) => {
  MONTHS.set(name.toLowerCase(), i + 1);
  MONTHS.set(name.slice(0, 3).toLowerCase(), i + 1);
});
MONTHS.set('sept', 9);

const WEEKDAY = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+/i;
const CIRCA = /^(?:c\.|ca\.|circa|about|approx\.|approximately)\s*/i;
const MONTH = '([a-z]+)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';
const DAY_MONTH_YEAR = new RegExp(`^${DAY}[\\s-]+${MONTH}[\\s,-]+${YEAR}$`, 'i');
const MONTH_DAY_YEAR = new RegExp(`^${MONTH}\\s+${DAY},?\\s+${YEAR}$`, 'i');
const MONTH_YEAR = new RegExp(`^${MONTH},?\\s+${YEAR}$`, 'i');
const NUMERIC = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})$/;
const MONTH_SLASH_YEAR = /^(\d{1,2})[/.](\d{4})$/;
const MAYBE_EDTF = /^(?:[[{]|[-+]?Y|[-+]?[\dX]{4}(?:$|[-~?%T]))/;
const ISO_LOOSE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const ISO_SPACE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(\s*(?:Z|UTC|[+-]\d{2}:?\d{2}))?$/i;

/**
 * Reads a date as people write it and returns it in EDTF, at the precision that was written
 * (`Jan 2024` is the month, `2024` the year). Accepted, besides ISO 8601 and EDTF:
 *
 * - `18 January 2024`, `18 Jan 2024`, `18-Jan-2024`, `18th January 2024`, `Thursday 18 January 2024`
 * - `January 18, 2024`, `Jan. 18, 2024`, `Jan 18 2024`
 * - `January 2024`, `Jan 2024`, `01/2024`
 * - `2024/01/18`, `2024.01.18`, `2024-1-8`
 * - `18/01/2024`, `01/18/2024`, `18.01.2024`, `18-01-2024`: read without options when only one
 *   reading is a real date; when both are (`01/02/2024`) the result is an error unless
 *   `dayFirst` or `monthFirst` says which. Dotted dates (`01.02.2024`) are day first unless
 *   `monthFirst` is set, since no one writes month first with dots.
 * - `2024-01-18 09:30` (a space for the `T`), with an optional `Z`, `UTC` or offset.
 * - A leading `c.`, `ca.`, `circa`, `about` or `approx.` makes the value approximate (`~`).
 *
 * @example
 * ```ts
 * parseHumanDate('18 Jan 2024');  // { ok: true, edtf: '2024-01-18' }
 * parseHumanDate('Jan 2024');     // { ok: true, edtf: '2024-01' }
 * parseHumanDate('01/02/2024');   // { ok: false, ambiguous: true, message: '"01/02/2024" could be 1 February or 2 January 2024; pass dayFirst or monthFirst' }
 * parseHumanDate('01/02/2024', { dayFirst: true }); // { ok: true, edtf: '2024-02-01' }
 * ```
 */
export function parseHumanDate(text: string, options: HumanDateOptions = {}): HumanDateResult {
  if (options.dayFirst && options.monthFirst) {
    throw new RangeError('dayFirst and monthFirst cannot both be set');
  }
  const written = text.trim().replace(/\s+/g, ' ');
  if (written === '') return { ok: false, message: 'the date is empty' };

  // Only text that can be EDTF goes to tryParseDate: a failed parse builds an error object,
  // which costs more than all of the reading below.
  if (MAYBE_EDTF.test(written)) {
    const iso = tryParseDate(written);
    if (iso.ok) return { ok: true, edtf: iso.value.edtf };
  }

  let rest = written;
  let approximate = false;
  const circa = CIRCA.exec(rest);
  if (circa) {
    approximate = true;
    rest = rest.slice(circa[0].length);
  }
  rest = rest.replace(WEEKDAY, '');
  const read = readParts(rest, written, options);
  if (!read.ok) return read;
  let edtf = read.edtf;
  if (approximate) {
    const again = tryParseDate(edtf + '~');
    if (!again.ok) return { ok: false, message: `"${written}" is not a date` };
    edtf = again.value.edtf;
  }
  return { ok: true, edtf };
}

function readParts(text: string, written: string, options: HumanDateOptions): HumanDateResult {
  let m: RegExpExecArray | null;
  if ((m = ISO_SPACE_TIME.exec(text))) {
    const zone = (m[3] ?? '').trim().toUpperCase();
    const offset = zone === '' ? '' : zone === 'Z' || zone === 'UTC' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    const parsed = tryParseDate(`${m[1]}T${m[2]}${offset}`);
    return parsed.ok ? { ok: true, edtf: parsed.value.edtf } : { ok: false, message: `"${written}" is not a date` };
  }
  if (/^\d{4}$/.test(text)) return ymd(written, Number(text));
  if ((m = ISO_LOOSE.exec(text))) return ymd(written, Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = DAY_MONTH_YEAR.exec(text))) {
    const month = MONTHS.get(m[2]!.toLowerCase());
    if (month === undefined) return notADate(written, `"${m[2]}" is not a month`);
    return ymd(written, Number(m[3]), month, Number(m[1]));
  }
  if ((m = MONTH_DAY_YEAR.exec(text))) {
    const month = MONTHS.get(m[1]!.toLowerCase());
    if (month === undefined) return notADate(written, `"${m[1]}" is not a month`);
    return ymd(written, Number(m[3]), month, Number(m[2]));
  }
  if ((m = MONTH_YEAR.exec(text))) {
    const month = MONTHS.get(m[1]!.toLowerCase());
    if (month === undefined) return notADate(written, `"${m[1]}" is not a month`);
    return ymd(written, Number(m[2]), month);
  }
  if ((m = MONTH_SLASH_YEAR.exec(text))) return ymd(written, Number(m[2]), Number(m[1]));
  if ((m = NUMERIC.exec(text))) {
    const [, a, separator, b, c] = m as unknown as [string, string, string, string, string];
    if (a.length === 4) return ymd(written, Number(a), Number(b), Number(c));
    if (c.length !== 4) return notADate(written, 'write the year with four digits');
    const x = Number(a);
    const y = Number(b);
    const year = Number(c);
    if (options.dayFirst) return ymd(written, year, y, x);
    if (options.monthFirst) return ymd(written, year, x, y);
    if (separator === '.') return ymd(written, year, y, x);
    const dayFirst = isDate(year, y, x);
    const monthFirst = isDate(year, x, y);
    if (dayFirst && monthFirst && x !== y) {
      return {
        ok: false,
        ambiguous: true,
        message: `"${written}" could be ${x} ${MONTH_NAMES[y - 1]} or ${y} ${MONTH_NAMES[x - 1]} ${year}; pass dayFirst or monthFirst`,
      };
    }
    if (dayFirst) return ymd(written, year, y, x);
    if (monthFirst) return ymd(written, year, x, y);
    return notADate(written, 'neither day/month/year nor month/day/year is a real date');
  }
  return notADate(written);
}

function notADate(written: string, why?: string): HumanDateResult {
  return { ok: false, message: `"${written}" is not a date${why ? `: ${why}` : ''}` };
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function monthLength(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= monthLength(year, month);
}

function ymd(written: string, year: number, month?: number, day?: number): HumanDateResult {
  const y = String(year).padStart(4, '0');
  if (month === undefined) return { ok: true, edtf: y };
  if (month < 1 || month > 12) return notADate(written, `there is no month ${month}`);
  const m = String(month).padStart(2, '0');
  if (day === undefined) return { ok: true, edtf: `${y}-${m}` };
  if (day < 1 || day > monthLength(year, month)) {
    return notADate(written, `${MONTH_NAMES[month - 1]} ${year} has ${monthLength(year, month)} days`);
  }
  return { ok: true, edtf: `${y}-${m}-${String(day).padStart(2, '0')}` };
}

/** What {@link parseHumanWhen} read: EDTF start (and end) strings, or why not. */
export type HumanWhenResult =
  | { readonly ok: true; readonly start: string; readonly end?: string }
  | { readonly ok: false; readonly message: string; readonly ambiguous?: true };

/**
 * Reads a date, or an interval written as two dates around one `/` (`2023/2024`,
 * `18 Jan 2024/20 Jan 2024`) or around ` to ` / ` – ` (`18 Jan 2024 to 20 Jan 2024`).
 *
 * @example
 * ```ts
 * parseHumanWhen('Jan 2024 to Mar 2024'); // { ok: true, start: '2024-01', end: '2024-03' }
 * ```
 */
export function parseHumanWhen(text: string, options: HumanDateOptions = {}): HumanWhenResult {
  const written = text.trim();
  const single = parseHumanDate(written, options);
  if (single.ok || single.ambiguous) return single.ok ? { ok: true, start: single.edtf } : single;
  const parts = splitInterval(written);
  if (parts) {
    const start = parseHumanDate(parts[0], options);
    const end = parseHumanDate(parts[1], options);
    if (start.ok && end.ok) return { ok: true, start: start.edtf, end: end.edtf };
    if (!start.ok && (start.ambiguous || end.ok)) return start;
    if (!end.ok && (end.ambiguous || start.ok)) return end;
  }
  return single;
}

function splitInterval(text: string): [string, string] | undefined {
  const words = /^(.+?)\s+(?:to|until|–|—|-)\s+(.+)$/i.exec(text);
  if (words) return [words[1]!, words[2]!];
  const slash = text.split('/');
  if (slash.length === 2 && slash[0]!.trim() !== '' && slash[1]!.trim() !== '') return [slash[0]!, slash[1]!];
  return undefined;
}
