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
  const binWidth = options.binWidth ?? 8;
  const threshold = options.threshold ?? 4;
  const origin = options.origin ?? 0;
  if (!(binWidth > 0) || !Number.isFinite(binWidth)) throw new RangeError(`binDense: binWidth must be > 0, not ${binWidth}.`);
  if (!(threshold >= 1)) throw new RangeError(`binDense: threshold must be ≥ 1, not ${threshold}.`);
  const byBin = new Map<number, number[]>();
  items.forEach((d, i) => {
    if (d.x1 - d.x0 > binWidth) return;
    const bin = Math.floor(((d.x0 + d.x1) / 2 - origin) / binWidth);
    let members = byBin.get(bin);
    if (!members) byBin.set(bin, (members = []));
    members.push(i);
  });
  const aggregated = new Array<boolean>(items.length).fill(false);
  const bins: DenseBin[] = [];
  for (const [bin, members] of byBin) {
    if (members.length <= threshold) continue;
    for (const i of members) aggregated[i] = true;
    bins.push({ bin, x0: origin + bin * binWidth, x1: origin + (bin + 1) * binWidth, members });
  }
  bins.sort((a, b) => a.bin - b.bin);
  return { aggregated, bins };
}
