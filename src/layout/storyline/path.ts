/** Rounds to hundredths: path data and positions stay short and stable across platforms. */
export const round = (v: number): number => Math.round(v * 100) / 100;

/**
 * Path data of one stretch of a storyline line from slot `from` to slot `to`: flat through each
 * slot (`half` either side), a bump curve (d3's curveBumpX: horizontal tangents at both ends)
 * where the height changes between slots, and a straight line where it does not. Written by
 * hand because this runs for every point of every line and a d3-shape line generator's
 * per-vertex work dominated large layouts.
 */
export function segmentPath(xs: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number, half: number): string {
  let d = `M${round(xs[from]! - half)},${y[from]}L${round(xs[from]! + half)},${y[from]}`;
  for (let t = from + 1; t <= to; t++) {
    const x0 = xs[t - 1]! + half;
    const x1 = xs[t]! - half;
    const y0 = y[t - 1]!;
    const y1 = y[t]!;
    if (y0 === y1) d += `L${round(x1)},${y1}`;
    else {
      const mid = round((x0 + x1) / 2);
      d += `C${mid},${y0},${mid},${y1},${round(x1)},${y1}`;
    }
    d += `L${round(xs[t]! + half)},${y1}`;
  }
  return d;
}
