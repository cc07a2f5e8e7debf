// Small readers shared by the validator: each reads one field of untrusted input, returns the
// value when it is well formed and otherwise records a Problem at the field's JSON path.
// Nothing here throws for any input, and nothing writes input keys onto objects it creates.
import { tryParseDate } from './dates.js';
import type { DateValue, Problem } from './types.js';

/** Problems found while reading one record. */
export class Problems {
  readonly list: Problem[] = [];

  error(path: string, message: string): void {
    this.list.push(Object.freeze({ path, message, severity: 'error' }));
  }

  warning(path: string, message: string): void {
    this.list.push(Object.freeze({ path, message, severity: 'warning' }));
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
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  return path === '' || path === '$' ? safe.replace(/^\./, '') : `${path}${safe}`;
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
  const at = child(path, key);
  if (value === undefined || value === null) {
    if (options.required) problems.error(at, 'is required');
    else if (value === null) problems.error(at, 'must be a string');
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.error(at, 'must be a string');
    return undefined;
  }
  if (options.nonEmpty && value.trim() === '') {
    problems.error(at, 'must not be empty');
    return undefined;
  }
  return value;
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
  const at = child(path, key);
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    problems.error(at, 'must be an array of strings');
    return undefined;
  }
  const items = value as string[];
  let ok = true;
  if (nonEmpty) {
    items.forEach((item, i) => {
      if (item.trim() === '') {
        problems.error(child(at, i), 'must not be empty');
        ok = false;
      }
    });
  }
  return ok ? [...items] : undefined;
}

/** An optional EDTF date; the DateSyntaxError's message is reported at the field's path. */
export function readDate(record: object, key: string, path: string, problems: Problems): DateValue | undefined {
  const value = own(record, key);
  if (value === undefined) return undefined;
  return parseDateAt(value, child(path, key), problems);
}

/** Parses a value that should be an EDTF date string, reporting at `at`. */
export function parseDateAt(value: unknown, at: string, problems: Problems): DateValue | undefined {
  if (typeof value !== 'string') {
    problems.error(at, 'must be an EDTF date string such as "2024-01-18"');
    return undefined;
  }
  const result = tryParseDate(value);
  if (result.ok) return result.value;
  problems.error(at, result.error.message);
  return undefined;
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
