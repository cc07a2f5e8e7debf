import { bisectRight } from 'd3-array';

/** Ends per block: a range-maximum query scans at most two partial blocks. */
const BLOCK = 16;

/**
 * A static index of intervals sorted by start that answers "which intervals overlap [from, to]?"
 * in O(log n + k), reporting them in their sorted order.
 *
 * Intervals overlapping the window are those with `start ≤ to` (a prefix of the sorted array,
 * found by binary search) and `end ≥ from`. Within the prefix, the ones with `end ≥ from` are
 * listed by range-maximum recursion (Muthukrishnan's document-listing trick): take the position
 * of the largest end in a range; if it is below `from`, nothing in the range qualifies; otherwise
 * report it and recurse on both sides. Every call either reports an interval or stops, so a
 * query makes at most 2k + 1 range-maximum queries, each O(1) with a sparse table over blocks of
 * {@link BLOCK} ends plus scans inside at most two blocks. Memory is O(n + (n / BLOCK) log n).
 *
 * @example
 * ```ts
 * const index = new IntervalIndex(Float64Array.of(0, 5, 9), Float64Array.of(10, 6, 9));
 * index.overlapping(6, 8); // [0, 1]
 * ```
 */
export class IntervalIndex {
  readonly #starts: Float64Array;
  readonly #ends: Float64Array;
  /** `#table[level][block]`: the index of the largest end in blocks [block, block + 2^level). */
  readonly #table: Int32Array[];

  /**
   * @param starts interval starts, sorted ascending
   * @param ends interval ends (inclusive), in the same order; an end may be below its start
   */
  constructor(starts: Float64Array, ends: Float64Array) {
    this.#starts = starts;
    this.#ends = ends;
    const blocks = Math.ceil(ends.length / BLOCK);
    const base = new Int32Array(blocks);
    for (let b = 0; b < blocks; b++) base[b] = this.#scanMax(b * BLOCK, Math.min(ends.length, (b + 1) * BLOCK));
    this.#table = [base];
    for (let level = 1; 1 << level <= blocks; level++) {
      const previous = this.#table[level - 1]!;
      const half = 1 << (level - 1);
      const row = new Int32Array(blocks - (1 << level) + 1);
      for (let b = 0; b < row.length; b++) {
        const left = previous[b]!;
        const right = previous[b + half]!;
        row[b] = ends[right]! > ends[left]! ? right : left;
      }
      this.#table.push(row);
    }
  }

  /** The number of intervals. */
  get size(): number {
    return this.#starts.length;
  }

  /** Indices of the intervals with `start ≤ to` and `end ≥ from`, ascending. */
  overlapping(from: number, to: number): number[] {
    const out: number[] = [];
    if (Number.isNaN(from) || Number.isNaN(to) || from > to) return out;
    const limit = this.#upperBound(to);
    if (limit === 0) return out;
    // An explicit stack keeps deep recursion off the call stack. Entries are ranges [lo, hi),
    // or a reported index encoded as -(index + 1), pushed so the output stays in index order.
    const stack: number[] = [0, limit];
    while (stack.length > 0) {
      const hi = stack.pop()!;
      const lo = stack.pop()!;
      if (lo < 0) {
        out.push(-lo - 1);
        continue;
      }
      if (lo >= hi) continue;
      const m = this.#rangeMax(lo, hi);
      if (!(this.#ends[m]! >= from)) continue;
      stack.push(m + 1, hi, -(m + 1), 0, lo, m);
    }
    return out;
  }

  /** The number of starts ≤ value. */
  #upperBound(value: number): number {
    return bisectRight(this.#starts, value);
  }

  #scanMax(lo: number, hi: number): number {
    let best = lo;
    for (let i = lo + 1; i < hi; i++) if (this.#ends[i]! > this.#ends[best]!) best = i;
    return best;
  }

  /** The index of the largest end in [lo, hi), hi > lo. */
  #rangeMax(lo: number, hi: number): number {
    const firstFull = Math.ceil(lo / BLOCK);
    const lastFull = Math.floor(hi / BLOCK); // exclusive
    if (firstFull >= lastFull) return this.#scanMax(lo, hi);
    let best = this.#blockMax(firstFull, lastFull);
    if (lo < firstFull * BLOCK) best = this.#better(best, this.#scanMax(lo, firstFull * BLOCK));
    if (lastFull * BLOCK < hi) best = this.#better(best, this.#scanMax(lastFull * BLOCK, hi));
    return best;
  }

  /** The index of the largest end in blocks [from, to), to > from. */
  #blockMax(from: number, to: number): number {
    const level = 31 - Math.clz32(to - from);
    const row = this.#table[level]!;
    return this.#better(row[from]!, row[to - (1 << level)]!);
  }

  #better(a: number, b: number): number {
    return this.#ends[b]! > this.#ends[a]! ? b : a;
  }
}
