import type { DateValue, When, WhenInput } from '../types.js';
import { DateSyntaxError, openError, orderError, syntaxError } from './error.js';
import { parseDate } from './parse.js';

/**
 * Makes a {@link When} from a start and an optional end.
 *
 * @throws {@link DateSyntaxError} with reason `order` when the end is wholly before the start
 * (`end.latest < start.earliest`); overlapping extents, such as `2024/2024-03`, are allowed.
 * @example
 * ```ts
 * whenFromDates(parseDate('2023'), parseDate('2024')).edtf; // '2023/2024'
 * ```
 */
export function whenFromDates(start: DateValue, end?: DateValue): When {
  if (end === undefined) return { start, end: undefined, earliest: start.earliest, latest: start.latest, edtf: start.edtf };
  const edtf = `${start.edtf}/${end.edtf}`;
  if (end.latest < start.earliest) throw orderError(edtf);
  return { start, end, earliest: start.earliest, latest: end.latest, edtf };
}

/** Parses one end of an interval, refusing EDTF's open (`..`) and unknown (empty) ends. */
function intervalEnd(text: string, which: 'start' | 'end', whole: string): DateValue {
  if (text === '..') throw openError(whole, which, 'open');
  if (text === '') throw openError(whole, which, 'unknown');
  return parseDate(text);
}

/**
 * Parses when an event happened: a point (`2024-01-18`), an EDTF interval (`2023/2024`,
 * `2024-01-18/2024-02~`), or the object form `{ start, end? }` of the JSON format.
 * Each end is read by {@link parseDate}.
 *
 * @throws {@link DateSyntaxError}: the reasons of {@link parseDate}; `order` when the interval
 * ends before it starts (`"2024/2023" ends before it starts`); `open` for an open or unknown
 * end (`"2024/.." has an open end; an event needs both ends`).
 * @example
 * ```ts
 * const w = parseWhen('2023/2024-06');
 * new Date(w.latest).toISOString(); // '2024-06-30T23:59:59.999Z'
 * ```
 */
export function parseWhen(input: WhenInput): When {
  if (typeof input === 'string') {
    const slash = input.indexOf('/');
    if (slash < 0) return whenFromDates(parseDate(input));
    if (input.indexOf('/', slash + 1) >= 0) throw syntaxError(input, 'an interval has one /');
    const start = intervalEnd(input.slice(0, slash), 'start', input);
    const end = intervalEnd(input.slice(slash + 1), 'end', input);
    return whenFromDates(start, end);
  }
  if (typeof input !== 'object' || input === null || typeof input.start !== 'string') {
    throw new DateSyntaxError(String(input), 'syntax', 'when must be an EDTF string or { start, end? } with string dates');
  }
  if (input.end === undefined) return whenFromDates(parseDate(input.start));
  if (typeof input.end !== 'string') {
    throw new DateSyntaxError(String(input.end), 'syntax', 'when.end must be an EDTF string');
  }
  const whole = `${input.start}/${input.end}`;
  return whenFromDates(intervalEnd(input.start, 'start', whole), intervalEnd(input.end, 'end', whole));
}

/**
 * {@link parseWhen} without exceptions.
 *
 * @example
 * ```ts
 * const r = tryParseWhen('2024/2023');
 * r.ok || r.error.reason; // 'order'
 * ```
 */
export function tryParseWhen(input: WhenInput): { ok: true; value: When } | { ok: false; error: DateSyntaxError } {
  try {
    return { ok: true, value: parseWhen(input) };
  } catch (error) {
    if (error instanceof DateSyntaxError) return { ok: false, error };
    throw error;
  }
}
