// Small helpers the importers share (internal: not exported from the package).
import type { Problem } from '../model/types.js';

/** Shortens text quoted in a message. */
export function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Gives each id once: a repeat gets `-2`, `-3`… (internal). */
export class UniqueIds {
  // Origins are line numbers (text formats) or JSON paths; numbers keep 100,000 rows cheap.
  private readonly seen = new Map<string, string | number>();
  // Ids that end in a decimal number, in increasing order, after one shared prefix (GDELT's
  // GLOBALEVENTID `1100000000`, a table's `e1`, `e2`…, and `row-2`, `row-3`… for rows without
  // an id) go into a sorted run instead of the map: 100,000 of them are then one typed array,
  // found by binary search, rather than 100,000 hashed map entries.
  /** The text before the number of every id in the run ('' for plain numbers); set by the run's first id. */
  #prefix: string | undefined;
  #run = new Float64Array(256);
  readonly #runOrigins: (string | number)[] = [];

  /** Where `id` was first taken, or undefined when it is free. */
  #first(id: string): string | number | undefined {
    const hit = this.seen.get(id);
    if (hit !== undefined) return hit;
    const length = this.#runOrigins.length;
    if (length === 0) return undefined;
    const value = this.#number(id);
    // Beyond the run's last number: the usual answer for ids read in order.
    if (value < 0 || value > this.#run[length - 1]!) return undefined;
    const run = this.#run;
    let lo = 0;
    let hi = length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = run[mid]!;
      if (at === value) return this.#runOrigins[mid];
      if (at < value) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** The number `id` ends in when its prefix is the run's (see {@link numberedId}); -1 otherwise. */
  #number(id: string): number {
    const prefix = this.#prefix;
    if (prefix === undefined || !id.startsWith(prefix)) return -1;
    return numberedId(id, prefix.length);
  }

  #add(id: string, origin: string | number): void {
    const length = this.#runOrigins.length;
    let value = -1;
    if (length === 0) {
      const from = numberStart(id);
      value = numberedId(id, from);
      if (value >= 0) this.#prefix = id.slice(0, from);
    } else {
      value = this.#number(id);
    }
    if (value >= 0 && (length === 0 || value > this.#run[length - 1]!)) {
      if (length === this.#run.length) {
        const grown = new Float64Array(length * 2);
        grown.set(this.#run);
        this.#run = grown;
      }
      this.#run[length] = value;
      this.#runOrigins.push(origin);
    } else {
      this.seen.set(id, origin);
    }
  }

  /**
   * Takes `id` when no row has it yet and returns true; returns false, taking nothing, when it
   * is a repeat (then call {@link take}). The usual case without an object per row.
   */
  fresh(id: string, origin: string | number): boolean {
    if (this.#first(id) !== undefined) return false;
    this.#add(id, origin);
    return true;
  }

  /** Returns the id to use and, for a repeat, where the first one was (`line 7` or a path). */
  take(id: string, origin: string | number): { id: string; firstAt?: string } {
    const first = this.#first(id);
    if (first === undefined) {
      this.#add(id, origin);
      return { id };
    }
    let n = 2;
    while (this.#first(`${id}-${n}`) !== undefined) n++;
    const unique = `${id}-${n}`;
    this.#add(unique, origin);
    return { id: unique, firstAt: typeof first === 'number' ? `line ${first}` : first };
  }
}

/** Where the digits at the end of `id` start (`id.length` when it does not end in a digit). */
function numberStart(id: string): number {
  let from = id.length;
  while (from > 0) {
    const digit = id.charCodeAt(from - 1) - 48;
    if (digit < 0 || digit > 9) break;
    from--;
  }
  return from;
}

/**
 * The value of `id.slice(from)` when it is a plain decimal number (`0`, or up to 15 digits
 * without a leading zero, so distinct texts have distinct values, all exact in a double) and
 * `id.slice(0, from)` does not end in a digit (so an id splits into prefix and number one way
 * only); -1 otherwise.
 */
function numberedId(id: string, from: number): number {
  const length = id.length - from;
  if (length === 0 || length > 15 || (length > 1 && id.charCodeAt(from) === 48)) return -1;
  if (from > 0) {
    const before = id.charCodeAt(from - 1) - 48;
    if (before >= 0 && before <= 9) return -1;
  }
  let value = 0;
  for (let i = from; i < id.length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Reads a number in a range, or reports why not (internal). */
export function readNumber(text: string, path: string, min: number, max: number, problems: Problem[]): number | undefined {
  if (text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    problems.push({ path, message: `"${truncate(text)}" is not a number from ${min} to ${max}; it was dropped`, severity: 'warning' });
    return undefined;
  }
  return value;
}

/**
 * Shares one copy of each short string that repeats (codes, places, titles), so 100,000 rows do
 * not keep 100,000 copies of `RUS` (internal). Bounded: it starts over when full.
 */
export class Interner {
  readonly #strings = new Map<string, string>();
  constructor(
    private readonly maxLength = 96,
    private readonly limit = 16384,
  ) {}

  get(text: string): string {
    if (text.length > this.maxLength) return text;
    const hit = this.#strings.get(text);
    if (hit !== undefined) return hit;
    if (this.#strings.size >= this.limit) this.#strings.clear();
    this.#strings.set(text, text);
    return text;
  }
}

/**
 * Plain http(s) URLs that `safeUrl` gives back unchanged, recognised without building a `URL`
 * (internal): the scheme in lower case, `//`, a host of dot-separated labels of lower-case
 * letters, digits and single hyphens whose last label starts with a letter (so the WHATWG
 * parser neither reads it as an IPv4 address nor decodes it as punycode), an optional port
 * below 10000, then nothing or a path, query or fragment without white space or control
 * characters (which the parser percent-encodes rather than refuses). Anything else goes
 * through `safeUrl` itself; tests compare the two on generated URLs.
 */
const PLAIN_HTTP_URL = /^https?:\/\/(?:[a-z0-9](?:-?[a-z0-9])*\.)*[a-z](?:-?[a-z0-9])*(?::\d{1,4})?(?:[/?#][^\u0000-\u0020\u007f-\u009f]*)?$/;

/** True when `safeUrl(text) === text` is certain without parsing `text` (see {@link PLAIN_HTTP_URL}). */
export function isPlainHttpUrl(text: string): boolean {
  return PLAIN_HTTP_URL.test(text);
}
