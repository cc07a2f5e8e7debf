/**
 * Interval partitioning: stack items into the fewest rows so that no two items in a row touch.
 */

/** Options for {@link packRows}. */
export interface PackRowsOptions {
  /** Minimum free space between two items in the same row, in the units of start/end. Default 0. */
  readonly gap?: number;
}

/** The result of {@link packRows}. */
export interface PackedRows {
  /** The row of each item, in input order. */
  readonly row: number[];
  /** How many rows were used (0 for no items). */
  readonly rows: number;
}

/**
 * A binary min-heap over parallel number arrays. Keys compare first, then values, so ties are
 * broken deterministically.
 */
class MinHeap {
  private readonly keys: number[] = [];
  private readonly values: number[] = [];

  get size(): number {
    return this.keys.length;
  }
  peekKey(): number {
    return this.keys[0]!;
  }
  push(key: number, value: number): void {
    const { keys, values } = this;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  /** Removes the smallest entry and returns its value. */
  pop(): number {
    const { keys, values } = this;
    const top = values[0]!;
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    if (keys.length > 0) {
      keys[0] = lastKey;
      values[0] = lastValue;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < keys.length && this.less(l, m)) m = l;
        if (r < keys.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
  private less(a: number, b: number): boolean {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    return ka < kb || (ka === kb && this.values[a]! < this.values[b]!);
  }
  private swap(a: number, b: number): void {
    const { keys, values } = this;
    const k = keys[a]!;
    keys[a] = keys[b]!;
    keys[b] = k;
    const v = values[a]!;
    values[a] = values[b]!;
    values[b] = v;
  }
}

/**
 * Assigns each item a row so that no two items in a row overlap, using as few rows as possible.
 *
 * Items are the half-open extents `[start, end + gap)` (pass pixel extents that already include
 * the mark and its label). They are visited by start (ties by end, then input order); each takes
 * the lowest-numbered row that is free at its start, or opens a new row. A min-heap of busy
 * rows' end times and a min-heap of free row numbers make this O(n log n), and the greedy
 * choice is optimal: a new row opens only when every row is busy at that instant, so the row
 * count equals the largest number of items that overlap at one point.
 *
 * @example
 * ```ts
 * const { row, rows } = packRows(items, (d) => x(d.start), (d) => x(d.end) + labelWidth(d), { gap: 4 });
 * ```
 */
export function packRows<T>(
  items: readonly T[],
  start: (d: T) => number,
  end: (d: T) => number,
  options: PackRowsOptions = {},
): PackedRows {
  const gap = options.gap ?? 0;
  if (!Number.isFinite(gap) || gap < 0) throw new RangeError(`packRows: gap must be a finite number ≥ 0, not ${gap}.`);
  const n = items.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    const s = start(item);
    const e = end(item);
    if (!Number.isFinite(s) || !Number.isFinite(e)) {
      throw new RangeError(`packRows: item ${i} has a non-finite extent [${s}, ${e}].`);
    }
    starts[i] = Math.min(s, e);
    ends[i] = Math.max(s, e);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => starts[a]! - starts[b]! || ends[a]! - ends[b]! || a - b);

  const row = new Array<number>(n);
  const busy = new MinHeap(); // key: end + gap, value: row
  const free = new MinHeap(); // key: row, value: row
  let rows = 0;
  for (const i of order) {
    const s = starts[i]!;
    while (busy.size > 0 && busy.peekKey() <= s) {
      const r = busy.pop();
      free.push(r, r);
    }
    const r = free.size > 0 ? free.pop() : rows++;
    row[i] = r;
    busy.push(ends[i]! + gap, r);
  }
  return { row, rows };
}
