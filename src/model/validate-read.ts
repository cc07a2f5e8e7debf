// Small readers shared by the validator: each reads one field of untrusted input, returns the
// value when it is well formed and otherwise records a Problem at the field's JSON path.
// Nothing here throws for any input, and nothing writes input keys onto objects it creates.
import { DateSyntaxError, parseDate, parseWhen, whenFromDates } from './dates.js';
import type { DateValue, Problem, When } from './types.js';

/** Problems found while reading one record. */
export class Problems {
  readonly list: Problem[] = [];

  error(path: string, message: string): void {
    this.list.push(Object.freeze({ path, message, severity: 'error' }));
  }

  warning(path: string, message: string): void {
    this.list.push(Object.freeze({ path, message, severity: 'warning' }));
  }

  /** Forgets every problem, so one instance can serve record after record. */
  clear(): void {
    if (this.list.length > 0) this.list.length = 0;
  }

  /** The number of errors recorded so far; compare before and after reading a part. */
  get errors(): number {
    let n = 0;
    for (const p of this.list) if (p.severity === 'error') n++;
    return n;
  }
}

/** `events[3]` + `title` → `events[3].title`; keys that are not identifiers are quoted. */
export function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const top = path === '' || path === '$';
  if (isIdentifier(key)) return top ? key : `${path}.${key}`;
  return `${top ? '' : path}[${JSON.stringify(key)}]`;
}

/** `^[A-Za-z_$][\w$]*$` without a regular expression: this runs for every field path. */
function isIdentifier(key: string): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36; // A-Z a-z _ $
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) return false;
  }
  return true;
}

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An own data property's value, or undefined. Inherited properties (`toString`,
 * a polluted `Object.prototype`) and accessors are never read.
 */
export function own(record: object, key: string): unknown {
  // Optional fields are often absent; asking first spares a descriptor object for each.
  if (!Object.hasOwn(record, key)) return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(record, key);
  return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
}

/** Own enumerable string keys. */
export function keysOf(record: object): string[] {
  return Object.keys(record);
}

/** Warns about keys the format does not define, suggesting a close known key. */
export function checkKeys(record: object, known: readonly string[], path: string, problems: Problems): void {
  for (const key of keysOf(record)) {
    if (known.includes(key)) continue;
    const hint = closest(key, known);
    problems.warning(child(path, key), `unknown field, ignored${hint === undefined ? '' : ` (did you mean "${hint}"?)`}`);
  }
}

/** An optional string field; `nonEmpty` also refuses strings that are only white space. */
export function readString(
  record: object,
  key: string,
  path: string,
  problems: Problems,
  options: { required?: boolean; nonEmpty?: boolean } = {},
): string | undefined {
  const value = own(record, key);
  // The path is only built for a problem: valid records are the common case.
  if (value === undefined || value === null) {
    if (options.required) problems.error(child(path, key), 'is required');
    else if (value === null) problems.error(child(path, key), 'must be a string');
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.error(child(path, key), 'must be a string');
    return undefined;
  }
  if (options.nonEmpty && isBlank(value)) {
    problems.error(child(path, key), 'must not be empty');
    return undefined;
  }
  return value;
}

/** Whether a string is empty or only white space (`trim() === ''` without making the trimmed copy). */
export function isBlank(value: string): boolean {
  // Most strings start with a character that is not white space: answer those at once.
  const c = value.charCodeAt(0);
  if (c > 32 && c < 127) return false;
  return value.trim() === '';
}

/** An optional finite number within [min, max]. */
export function readNumber(
  record: object,
  key: string,
  path: string,
  problems: Problems,
  range: readonly [number, number],
): number | undefined {
  const value = own(record, key);
  if (value === undefined) return undefined;
  const at = child(path, key);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.error(at, 'must be a finite number');
    return undefined;
  }
  if (value < range[0] || value > range[1]) {
    problems.error(at, `must be between ${range[0]} and ${range[1]}`);
    return undefined;
  }
  return value;
}

/** An optional array of strings; `nonEmpty` refuses blank items. */
export function readStrings(
  record: object,
  key: string,
  path: string,
  problems: Problems,
  nonEmpty = false,
): string[] | undefined {
  const value = own(record, key);
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    problems.error(child(path, key), 'must be an array of strings');
    return undefined;
  }
  const items = value as string[];
  let ok = true;
  if (nonEmpty) {
    for (let i = 0; i < items.length; i++) {
      if (isBlank(items[i]!)) {
        problems.error(child(child(path, key), i), 'must not be empty');
        ok = false;
      }
    }
  }
  return ok ? [...items] : undefined;
}

/** An optional EDTF date; the DateSyntaxError's message is reported at the field's path. */
export function readDate(record: object, key: string, path: string, problems: Problems): DateValue | undefined {
  const value = own(record, key);
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    const hit = dateCache.get(value);
    if (hit !== undefined) return hit;
  }
  return parseDateAt(value, child(path, key), problems);
}

/** Parses a value that should be an EDTF date string, reporting at `at`. */
export function parseDateAt(value: unknown, at: string, problems: Problems): DateValue | undefined {
  if (typeof value !== 'string') {
    problems.error(at, 'must be an EDTF date string such as "2024-01-18"');
    return undefined;
  }
  const result = cachedDate(value);
  if (!(result instanceof DateSyntaxError)) return result;
  problems.error(at, result.message);
  return undefined;
}

// Many records share their dates (a day's worth of news, a year), so each distinct text is
// parsed once and its deeply frozen value shared. Values are immutable, so sharing is safe;
// the caches are bounded and simply start over when full.
const CACHE_LIMIT = 8192;
const dateCache = new Map<string, DateValue>();
const whenCache = new Map<string, When>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * Freezes a value just parsed (its `unspecified` is one of a few shared frozen arrays). Parts of
 * records are not registered as trusted, only whole records are (see readEvent): registering
 * every date and interval cost a fifth of a parse, and `createDataset` still shares a deeply
 * frozen part without copying it.
 */
function freezeDate(value: DateValue): DateValue {
  return Object.freeze(value);
}

/** The frozen value of an EDTF date string, shared between calls, or the syntax error. */
export function cachedDate(text: string): DateValue | DateSyntaxError {
  const hit = dateCache.get(text);
  if (hit !== undefined) return hit;
  let value: DateValue;
  try {
    value = parseDate(text);
  } catch (error) {
    if (error instanceof DateSyntaxError) return error;
    throw error;
  }
  return remember(dateCache, text, freezeDate(value));
}

/**
 * The deeply frozen {@link When} of an EDTF date or interval string, shared between calls.
 * Throws what `parseWhen` throws.
 */
export function cachedWhen(text: string): When {
  const hit = whenCache.get(text);
  if (hit !== undefined) return hit;
  return remember(whenCache, text, Object.freeze(sharedWhen(text)));
}

/**
 * A point or an interval whose ends come from the date cache, so the days an interval starts
 * and ends on are parsed once for every event that names them. Anything unusual (an open or
 * unknown end, a second slash, a bad date, an end before the start) goes to `parseWhen`, whose
 * error is the one reported.
 */
function sharedWhen(text: string): When {
  const slash = text.indexOf('/');
  if (slash < 0) {
    const date = cachedDate(text);
    if (!(date instanceof DateSyntaxError)) return whenFromDates(date);
  } else if (text.indexOf('/', slash + 1) < 0) {
    const startText = text.slice(0, slash);
    const endText = text.slice(slash + 1);
    if (startText !== '..' && startText !== '' && endText !== '..' && endText !== '') {
      const start = cachedDate(startText);
      const end = cachedDate(endText);
      if (!(start instanceof DateSyntaxError) && !(end instanceof DateSyntaxError) && end.latest >= start.earliest) {
        return whenFromDates(start, end);
      }
    }
  }
  const when = parseWhen(text); // throws the reason
  freezeDate(when.start);
  if (when.end !== undefined) freezeDate(when.end);
  return when;
}

/** Checks that an optional end does not come before an optional start. */
export function checkOrder(start: DateValue | undefined, end: DateValue | undefined, at: string, problems: Problems): boolean {
  if (start === undefined || end === undefined || end.latest >= start.earliest) return true;
  problems.error(at, `ends (${end.edtf}) before it starts (${start.edtf})`);
  return false;
}

/**
 * Trim, collapse inner white space, case-fold: the form in which two names count as the same.
 */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').normalize('NFKC').toLowerCase();
}

/** The known word closest to `word` by edit distance, when it is close enough to be a typo. */
export function closest(word: string, known: Iterable<string>): string | undefined {
  if (word.length > 64) return undefined;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  for (const candidate of known) {
    if (Math.abs(candidate.length - word.length) > bestDistance) continue;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d <= bestDistance && (best === undefined || d < bestDistance)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Quotes user text for a message, cutting long values. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
