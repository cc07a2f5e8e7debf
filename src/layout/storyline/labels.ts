/**
 * Line labels of a storyline, placed where they collide with nothing: a label names a line at
 * the start of each of its segments, and must not sit on another label, on another line or on
 * an event marker. Lines are known exactly (flat at each slot, a bump curve between slots), so
 * collisions are tested against the drawn geometry rather than a grid.
 */

import { bisectLeft, bisectRight } from 'd3-array';

/** Where a label goes, in pixels; `leader` joins a label moved off its line to the line's start. */
export interface PlacedLabel {
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'end';
  readonly visible: boolean;
  readonly leader: { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number } | null;
}

/** A label to place: the start of segment `slot` of a line, at height `y`, `width` pixels wide. */
export interface LabelRequest {
  readonly slot: number;
  readonly y: number;
  readonly width: number;
  /** Start labels are shown even on a line when no free place exists; return labels are not. */
  readonly required: boolean;
}

/**
 * The drawn geometry labels must avoid. `ys[t]` are the heights of `orders[t]` top to bottom
 * (ascending); `nextY[t][i]` is the height at slot t + 1 of the actor at position i of slot t,
 * NaN where its line does not continue.
 */
export interface LabelField {
  readonly width: number;
  /** Leftmost x a label may reach. Default 0. */
  readonly left?: number;
  /** Lowest y a label may reach (the top of the axis labels). */
  readonly bottom: number;
  readonly xs: Float64Array;
  readonly half: number;
  readonly ys: readonly Float64Array[];
  readonly nextY: readonly Float64Array[];
  /** Event markers at each slot as [top, bottom] pairs of line heights. */
  readonly markers: readonly (readonly number[])[];
  readonly fontSize: number;
}

type Box = readonly [x0: number, y0: number, x1: number, y1: number];

/** Slot spacing (px) under which a chart counts as dense for labelling. */
const DENSE_STEP = 4;

/** Hits counted at most when choosing the least bad place for a label with no free place. */
const FALLBACK_CAP = 6;

/** Half the stroke width of a line plus a hair of air, kept clear around label boxes. */
const PAD = 1.5;

/**
 * Height of the bump curve from (x0, y0) to (x1, y1) at `x` (d3's curveBumpX: control points
 * at the middle x, so x(u) and y(u) are both monotonic and x can be inverted by bisection).
 */
function bumpY(x0: number, y0: number, x1: number, y1: number, x: number): number {
  if (x <= x0) return y0;
  if (x >= x1) return y1;
  const target = (x - x0) / (x1 - x0);
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 14; k++) {
    const u = (lo + hi) / 2;
    // x(u) for control x's 0, ½, ½, 1.
    const xu = 1.5 * u * (1 - u) + u * u * u;
    if (xu < target) lo = u;
    else hi = u;
  }
  const u = (lo + hi) / 2;
  return y0 + (y1 - y0) * (3 * u * u - 2 * u * u * u);
}

/**
 * Lines that change height by more than this between two slots are few; they are checked one
 * by one, and the others found by binary search within this distance of the label.
 */
const JUMP = 24;

/** Positions at slot t whose line moves by more than {@link JUMP} before slot t + 1, per slot. */
function jumpersOf(f: LabelField): Int32Array[] {
  return f.ys.map((ys, t) => {
    const next = f.nextY[t]!;
    const out: number[] = [];
    for (let i = 0; i < ys.length; i++) if (Math.abs(next[i]! - ys[i]!) > JUMP) out.push(i);
    return Int32Array.from(out);
  });
}

/** Whether the curve from (x0, y0) to (x1, y1), between cx0 and cx1, passes between lo and hi. */
function curveHits(x0: number, y0: number, x1: number, y1: number, cx0: number, cx1: number, lo: number, hi: number): boolean {
  if (Math.max(y0, y1) <= lo || Math.min(y0, y1) >= hi) return false;
  let a = y0;
  let b = y1;
  if (y0 !== y1 && (cx0 > x0 || cx1 < x1)) {
    a = bumpY(x0, y0, x1, y1, cx0);
    b = bumpY(x0, y0, x1, y1, cx1);
  }
  return Math.max(a, b) > lo && Math.min(a, b) < hi;
}

/** Number of line pieces and markers `box` touches, counting no further than `limit`. */
function lineHits(f: LabelField, jumpers: readonly Int32Array[], box: Box, limit: number): number {
  const [bx0, by0, bx1, by1] = box;
  const lo = by0 - PAD;
  const hi = by1 + PAD;
  const { xs, half } = f;
  const T = xs.length;
  let hits = 0;
  const first = Math.max(0, bisectRight(xs, bx0) - 1);
  const last = Math.min(T - 1, bisectRight(xs, bx1 + half) - 1);
  for (let t = first; t <= last && hits < limit; t++) {
    const x = xs[t]!;
    const ys = f.ys[t]!;
    if (x + half > bx0 && x - half < bx1) {
      // Flat pieces at this slot, and the markers over them.
      hits += bisectRight(ys, hi) - bisectLeft(ys, lo);
      const m = f.markers[t]!;
      for (let k = 0; k < m.length; k += 2) if (m[k]! - half < hi && m[k + 1]! + half > lo) hits++;
    }
    if (t + 1 >= T) continue;
    const x0 = x + half;
    const x1 = xs[t + 1]! - half;
    if (x1 <= bx0 || x0 >= bx1 || x1 <= x0) continue;
    const cx0 = Math.max(bx0, x0);
    const cx1 = Math.min(bx1, x1);
    const next = f.nextY[t]!;
    for (let i = bisectLeft(ys, lo - JUMP), end = bisectRight(ys, hi + JUMP); i < end && hits < limit; i++) {
      const y1 = next[i]!;
      // NaN: the line ends here. Long jumps are counted below.
      if (!(Math.abs(y1 - ys[i]!) <= JUMP)) continue;
      if (curveHits(x0, ys[i]!, x1, y1, cx0, cx1, lo, hi)) hits++;
    }
    const far = jumpers[t]!;
    for (let k = 0; k < far.length && hits < limit; k++) {
      const i = far[k]!;
      if (!Number.isNaN(next[i]!) && curveHits(x0, ys[i]!, x1, next[i]!, cx0, cx1, lo, hi)) hits++;
    }
  }
  return hits;
}

/** Air kept between two labels: fonts render a little wider than any measure promises. */
const GAP_X = 4;
const GAP_Y = 0;
const overlaps = (b: Box, c: Box): boolean =>
  b[0] < c[2] + GAP_X && b[2] + GAP_X > c[0] && b[1] < c[3] + GAP_Y && b[3] + GAP_Y > c[1];

/**
 * Places labels greedily in the order given (time order, so early labels win). Each label tries,
 * in turn: left of its line's start at the line's height; above, then below, the start of the
 * line, to its right; left of the start one or two rows up or down, joined by a leader. The
 * first place that touches no label, line or marker and stays in the chart wins. A required
 * label with no free place takes the place that touches the fewest lines and markers (its halo
 * keeps it legible) as long as it touches no other label; otherwise, and for optional labels,
 * it is hidden. In a dense chart (slots under 4 px apart) only the first three places are
 * tried and a required label takes the first one free of labels.
 */
export function placeLabels(requests: readonly LabelRequest[], f: LabelField): PlacedLabel[] {
  const fs = f.fontSize;
  const jumpers = jumpersOf(f);
  const T = f.xs.length;
  const dense = T > 1 && (f.xs[T - 1]! - f.xs[0]!) / (T - 1) < DENSE_STEP;
  const h = f.half;
  let boxes: Box[] = [];
  let lastSlot = -1;
  let widest = 0;
  for (const r of requests) widest = Math.max(widest, r.width);
  const minX = f.left ?? 0;
  const inBounds = (b: Box): boolean => b[0] >= minX && b[2] <= f.width && b[1] >= 0 && b[3] <= f.bottom;
  const freeOfLabels = (b: Box): boolean => {
    for (const c of boxes) if (overlaps(b, c)) return false;
    return true;
  };

  return requests.map((r) => {
    const x = f.xs[r.slot]!;
    const { y, width: w } = r;
    if (r.slot !== lastSlot) {
      // Labels come in time order: boxes that end left of anything still to come can go.
      lastSlot = r.slot;
      const reach = x - h - 12 - widest;
      boxes = boxes.filter((c) => c[2] > reach);
    }
    const leftEnd = x - h - 4;
    const candidates: { box: Box; label: PlacedLabel }[] = [
      { box: [leftEnd - w, y - fs / 2, leftEnd, y + fs / 2], label: { x: leftEnd, y, anchor: 'end', visible: true, leader: null } },
      {
        box: [x + h + 2, y - fs * 1.5, x + h + 2 + w, y - fs * 0.5],
        label: { x: x + h + 2, y: y - fs, anchor: 'start', visible: true, leader: null },
      },
      {
        box: [x + h + 2, y + fs * 0.5, x + h + 2 + w, y + fs * 1.5],
        label: { x: x + h + 2, y: y + fs, anchor: 'start', visible: true, leader: null },
      },
    ];
    // In a dense chart (slots a few pixels apart) a label rarely fits anywhere: trying fewer
    // places and taking the first one free of labels keeps the work in proportion.
    for (const rows of dense ? [] : [-1, 1, -2, 2]) {
      const ly = y + rows * fs;
      const end = x - h - 10;
      candidates.push({
        box: [end - w, ly - fs / 2, end, ly + fs / 2],
        label: { x: end, y: ly, anchor: 'end', visible: true, leader: { x1: end + 2, y1: ly, x2: x - h - 1, y2: y } },
      });
    }
    // Places are tried in order and the first free one wins, so the tests run lazily: most
    // labels fit at the first place, and the later ones need no label or line checks.
    const open: { box: Box; label: PlacedLabel }[] = [];
    for (const c of candidates) {
      if (!inBounds(c.box) || !freeOfLabels(c.box)) continue;
      if (lineHits(f, jumpers, c.box, 1) === 0) {
        boxes.push(c.box);
        return c.label;
      }
      open.push(c);
    }
    if (r.required && open.length > 0 && dense) {
      boxes.push(open[0]!.box);
      return open[0]!.label;
    }
    if (r.required && open.length > 0) {
      // Counting every hit is the costly part, so only labels that must be shown pay for it.
      // Counts are capped: past a few hits a place is as bad as any, and in a dense chart
      // counting every line a label would cover costs more than the rest of the layout.
      let best = open[0]!;
      let fewest = lineHits(f, jumpers, best.box, FALLBACK_CAP);
      for (let i = 1; i < open.length && fewest > 1; i++) {
        const hits = lineHits(f, jumpers, open[i]!.box, fewest);
        if (hits < fewest) {
          fewest = hits;
          best = open[i]!;
        }
      }
      boxes.push(best.box);
      return best.label;
    }
    return { x: leftEnd, y, anchor: 'end', visible: false, leader: null };
  });
}
