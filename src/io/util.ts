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
  /** Returns the id to use and, for a repeat, where the first one was (`line 7` or a path). */
  take(id: string, origin: string | number): { id: string; firstAt?: string } {
    const first = this.seen.get(id);
    if (first === undefined) {
      this.seen.set(id, origin);
      return { id };
    }
    let n = 2;
    while (this.seen.has(`${id}-${n}`)) n++;
    const unique = `${id}-${n}`;
    this.seen.set(unique, origin);
    return { id: unique, firstAt: typeof first === 'number' ? `line ${first}` : first };
  }
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
