/**
 * Density aggregation: where too many short items fall into one pixel bin to be told apart,
 * replace them with a single counted mark, so dense data stays legible and fast to draw.
 */

/** Options for {@link binDense}. */
export interface BinDenseOptions {
  /** Width of a bin in pixels. Default 8. */
  readonly binWidth?: number;
  /** A bin with more than this many items is aggregated. Default 4. */
  readonly threshold?: number;
  /** Where bins start (the plot's left edge), so bins line up across lanes. Default 0. */
  readonly origin?: number;
}

/** One aggregated bin: the items it stands for, by index into the input. */
export interface DenseBin {
  /** Bin number: `floor((centre - origin) / binWidth)`. */
  readonly bin: number;
  readonly x0: number;
  readonly x1: number;
  /** Indexes of the aggregated items, in input order. */
  readonly members: readonly number[];
}

/** The result of {@link binDense}. */
export interface BinnedItems {
  /** For each input item, whether it was folded into a bin. */
  readonly aggregated: boolean[];
  /** Bins in left-to-right order. */
  readonly bins: DenseBin[];
}

/**
 * Bins items by the pixel position of their centre and aggregates every bin holding more than
 * `threshold` items. Only items no wider than a bin take part: a long interval stays visible
 * as itself rather than being counted into one end. Every item is either kept or in exactly
 * one bin, so nothing is lost.
 *
 * @example
 * ```ts
 * const { aggregated, bins } = binDense(items, { binWidth: 8, threshold: 4 });
 * bins[0].members.length; // e.g. 12 events drawn as one "12" mark
 * ```
 */
export function binDense(
  items: readonly { readonly x0: number; readonly x1: number }[],
  options: BinDenseOptions = {},
): BinnedItems {
  return binDenseBy(items.length, (i) => items[i]!.x0, (i) => items[i]!.x1, options);
}

/**
 * {@link binDense} over `n` items given by accessors, for callers that keep extents in flat
 * arrays. Counts items per bin first and lists members only for the bins that aggregate, so a
 * sparse lane allocates nothing per item but one number.
 *
 * @example
 * ```ts
 * const { bins } = binDenseBy(xs.length, (i) => xs[i], (i) => xs[i] + widths[i], { binWidth: 8 });
 * ```
 */
export function binDenseBy(
  n: number,
  x0At: (i: number) => number,
  x1At: (i: number) => number,
  options: BinDenseOptions = {},
): BinnedItems {
  const binWidth = options.binWidth ?? 8;
  const threshold = options.threshold ?? 4;
  const origin = options.origin ?? 0;
  if (!(binWidth > 0) || !Number.isFinite(binWidth)) throw new RangeError(`binDense: binWidth must be > 0, not ${binWidth}.`);
  if (!(threshold >= 1)) throw new RangeError(`binDense: threshold must be ≥ 1, not ${threshold}.`);
  // NaN marks items wider than a bin (they take no part); NaN is never a key of `counts`.
  const binOf = new Float64Array(n);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x0 = x0At(i);
    const x1 = x1At(i);
    if (x1 - x0 > binWidth) {
      binOf[i] = NaN;
      continue;
    }
    const bin = Math.floor(((x0 + x1) / 2 - origin) / binWidth);
    binOf[i] = bin;
    counts.set(bin, (counts.get(bin) ?? 0) + 1);
  }
  const aggregated = new Array<boolean>(n).fill(false);
  const dense = new Map<number, number[]>();
  for (const [bin, count] of counts) if (count > threshold) dense.set(bin, []);
  if (dense.size === 0) return { aggregated, bins: [] };
  for (let i = 0; i < n; i++) {
    const members = dense.get(binOf[i]!);
    if (members) {
      members.push(i);
      aggregated[i] = true;
    }
  }
  const bins: DenseBin[] = [];
  for (const [bin, members] of dense) bins.push({ bin, x0: origin + bin * binWidth, x1: origin + (bin + 1) * binWidth, members });
  bins.sort((a, b) => a.bin - b.bin);
  return { aggregated, bins };
}
