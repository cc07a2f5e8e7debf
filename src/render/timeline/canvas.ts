/**
 * The canvas renderer for large timelines: it draws the same layout records as the SVG
 * renderer (marks, connectors, aggregates, visible labels) onto one `<canvas>`. Each frame
 * draws only what is inside the plot, batched by style; hit testing scans the row under the
 * pointer, so no index has to be rebuilt on every zoom frame.
 */
import type { AggregateRecord, ItemRecord, LabelRecord, TimelineLayout } from '../../layout/timeline.js';
import { labelAnchorX, labelFont, labelItem, markGeometry, type TimeToPixel } from '../../layout/timeline.js';
import type { Theme } from '../common/theme.js';

/** What the canvas should emphasise. */
export interface CanvasEmphasis {
  /** Event ids to keep at full opacity; `null`: everything. */
  readonly keep: ReadonlySet<string> | null;
  readonly selected: string | null;
  readonly focused: string | null;
}

/** A hit: an event mark or an aggregate. */
export type CanvasHit = { readonly kind: 'item'; readonly item: ItemRecord } | { readonly kind: 'aggregate'; readonly aggregate: AggregateRecord };

/** A drawing surface over the chart's SVG. */
export interface CanvasLayer {
  readonly node: HTMLCanvasElement;
  /**
   * Draws `layout` with times mapped by `x` (the zoomed scale). With `fast` (during a zoom
   * gesture) text is skipped: glyphs are what costs most on a canvas.
   */
  draw(layout: TimelineLayout, x: (t: number) => number, emphasis: CanvasEmphasis, fast?: boolean): void;
  /**
   * Shows the last painted bitmap moved to where the time map `x` would draw it (a CSS
   * transform, so nothing is repainted): the cheap frame of a zoom or pan gesture. Returns how
   * much of the plot the moved bitmap still covers (0–1) and how much it is stretched (the
   * ratio of scales, ≥ 1 either way), so the caller can repaint when the picture would be too
   * far off; `null` when nothing was painted or `x` has no inverse. {@link CanvasLayer.draw}
   * resets the transform.
   */
  preview(x: TimeToPixel): { coverage: number; stretch: number } | null;
  /** The record at (`px`, `py`) in chart pixels, as last drawn. */
  hit(px: number, py: number): CanvasHit | null;
  destroy(): void;
}

/** Per-layout drawing data, computed once per layout and reused by every zoom frame. */
interface Prepared {
  /** Index into `styles` for each item. */
  readonly style: Uint16Array;
  readonly styles: readonly { color: string; fillAlpha: number; dashed: boolean; lineWidth: number; stroke: string }[];
}

/** The time at pixel `px` when `x` carries its inverse (a {@link TimeToPixel}), else null. */
function xInvert(x: (t: number) => number, px: number): number | null {
  const inv = (x as Partial<TimeToPixel>).invert;
  return typeof inv === 'function' ? inv(px) : null;
}

const labelItemCache = new WeakMap<TimelineLayout, (ItemRecord | undefined)[]>();

/**
 * Each label's item, once per layout: known to the layout for its own labels (no index of
 * every mark, which costs more than the paint at 100,000 marks); else by key.
 */
function labelItems(layout: TimelineLayout): (ItemRecord | undefined)[] {
  let list = labelItemCache.get(layout);
  if (!list) {
    let byKey: Map<string, ItemRecord> | null = null;
    list = layout.labels.map((l) => {
      const known = labelItem(l);
      if (known) return known;
      byKey ??= new Map(layout.items.map((i) => [i.key, i]));
      return byKey.get(l.key);
    });
    labelItemCache.set(layout, list);
  }
  return list;
}

/**
 * Adds a rounded rectangle as a sub-path of the current path. It ends where it starts, on a
 * straight edge, so it needs no closePath (which Chromium makes slow on long paths).
 */
function roundRect(g: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  const rr = Math.max(0, Math.min(r, w / 2, h / 2));
  g.moveTo(x + w / 2, y);
  g.arcTo(x + w, y, x + w, y + h, rr);
  g.arcTo(x + w, y + h, x, y + h, rr);
  g.arcTo(x, y + h, x, y, rr);
  g.arcTo(x, y, x + w, y, rr);
  g.lineTo(x + w / 2, y);
}

/** {@link roundRect} traced the other way round: a hole when filled with the nonzero rule. */
function roundRectReversed(g: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  const rr = Math.max(0, Math.min(r, w / 2, h / 2));
  g.moveTo(x + w / 2, y);
  g.arcTo(x, y, x, y + h, rr);
  g.arcTo(x, y + h, x + w, y + h, rr);
  g.arcTo(x + w, y + h, x + w, y, rr);
  g.arcTo(x + w, y, x, y, rr);
  g.lineTo(x + w / 2, y);
}

type MarkStyle = Prepared['styles'][number];

/** Traces marks given as flattened (x, y, width, height, rx), grown by `grow`, with holes `hole` inside their edge (none when negative). */
function tracePath(g: CanvasRenderingContext2D, geo: readonly number[], grow: number, hole: number): void {
  g.beginPath();
  for (let j = 0; j < geo.length; j += 5) {
    const mx = geo[j]!;
    const my = geo[j + 1]!;
    const mw = geo[j + 2]!;
    const mh = geo[j + 3]!;
    const rx = geo[j + 4]!;
    roundRect(g, mx - grow, my - grow, mw + 2 * grow, mh + 2 * grow, rx + grow);
    if (hole >= 0 && mw > 2 * hole && mh > 2 * hole) roundRectReversed(g, mx + hole, my + hole, mw - 2 * hole, mh - 2 * hole, Math.max(0, rx - hole));
  }
}

/**
 * Paints marks of one style at opacity `alpha`. A stroke is drawn as the ring between the
 * outline grown and shrunk by half the line width, and a mark whose fill and outline are one
 * opaque colour as one grown fill: the same pixels, but filling is several times cheaper than
 * stroking curved paths when the canvas is rasterised without a GPU. Dashed outlines are still
 * stroked.
 */
function paintMarks(g: CanvasRenderingContext2D, geo: readonly number[], st: MarkStyle, alpha: number): void {
  const half = st.lineWidth / 2;
  if (!st.dashed && st.fillAlpha === 1 && st.stroke === st.color) {
    tracePath(g, geo, half, -1);
    g.globalAlpha = alpha;
    g.fillStyle = st.color;
    g.fill();
    return;
  }
  if (st.fillAlpha > 0) {
    tracePath(g, geo, 0, -1);
    g.globalAlpha = alpha * st.fillAlpha;
    g.fillStyle = st.color;
    g.fill();
  }
  g.globalAlpha = alpha;
  if (st.dashed) {
    if (st.fillAlpha === 0) tracePath(g, geo, 0, -1);
    g.setLineDash([3, 2]);
    g.lineWidth = st.lineWidth;
    g.strokeStyle = st.stroke;
    g.stroke();
    g.setLineDash([]);
    return;
  }
  tracePath(g, geo, half, half);
  g.fillStyle = st.stroke;
  g.fill();
}

/** Items grouped by row (their centre line), each row sorted by start time, for hit testing. */
interface RowIndex {
  /** Row centre lines, ascending. */
  readonly ys: Float64Array;
  /** Per row: item indices sorted by `t0`, their `t0`s, and the longest `t1 - t0` in the row. */
  readonly rows: readonly { readonly order: Uint32Array; readonly t0: Float64Array; readonly maxSpan: number }[];
}

const rowIndexCache = new WeakMap<TimelineLayout, RowIndex>();

/** The first index of the sorted `a` whose value is greater than `v` (`>=` when `strict` is false). */
function bisect(a: Float64Array, v: number, strict: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (strict ? a[mid]! <= v : a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rowIndex(layout: TimelineLayout): RowIndex {
  let index = rowIndexCache.get(layout);
  if (index) return index;
  const byY = new Map<number, number[]>();
  layout.items.forEach((item, i) => {
    let list = byY.get(item.y);
    if (!list) byY.set(item.y, (list = []));
    list.push(i);
  });
  const ys = Float64Array.from([...byY.keys()].sort((a, b) => a - b));
  const rows = Array.from(ys, (y) => {
    const list = byY.get(y)!;
    list.sort((a, b) => layout.items[a]!.t0 - layout.items[b]!.t0);
    let maxSpan = 0;
    for (const i of list) maxSpan = Math.max(maxSpan, layout.items[i]!.t1 - layout.items[i]!.t0);
    return { order: Uint32Array.from(list), t0: Float64Array.from(list, (i) => layout.items[i]!.t0), maxSpan };
  });
  index = { ys, rows };
  rowIndexCache.set(layout, index);
  return index;
}

/**
 * Creates a canvas the size of the chart, absolutely positioned over it inside `container`
 * (which must be positioned). It ignores pointer events: the view hit-tests through
 * {@link CanvasLayer.hit}. Drawing is devicePixelRatio aware.
 *
 * @example
 * ```ts
 * const layer = createCanvasLayer(wrapper, resolveTheme('light'));
 * layer.draw(layout, linearTime(layout.domain, layout.range), { keep: null, selected: null, focused: null });
 * ```
 */
export function createCanvasLayer(container: HTMLElement, theme: Theme): CanvasLayer {
  const doc = container.ownerDocument;
  // The canvas sits in a box clipped to the plot, so a bitmap moved by `preview` never spills
  // over the lane labels. It has its own compositing layer: moving it repaints nothing.
  const clip = doc.createElement('div');
  clip.className = 'et-canvas-clip';
  clip.setAttribute('aria-hidden', 'true');
  Object.assign(clip.style, { position: 'absolute', left: '0px', top: '0px', overflow: 'hidden', pointerEvents: 'none' });
  const canvas = doc.createElement('canvas');
  canvas.className = 'et-canvas';
  canvas.setAttribute('aria-hidden', 'true');
  Object.assign(canvas.style, { position: 'absolute', left: '0px', top: '0px', pointerEvents: 'none', transformOrigin: '0 0', willChange: 'transform' });
  clip.appendChild(canvas);
  container.appendChild(clip);
  const vars = theme.vars;

  /** A context whose user space is the chart's pixels, for a canvas spanning chart x `left` to `left + width`. */
  function context(left: number, width: number, height: number): CanvasRenderingContext2D | null {
    const dpr = doc.defaultView?.devicePixelRatio ?? 1;
    const w = Math.round(width * dpr);
    const h = Math.round(height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.style.transform = '';
    let g: CanvasRenderingContext2D | null = null;
    try {
      g = canvas.getContext('2d');
    } catch {
      g = null; // jsdom without the canvas package
    }
    if (g) g.setTransform(dpr, 0, 0, dpr, -left * dpr, 0);
    return g;
  }

  /** What is on screen (hit testing follows a moved bitmap) and what was painted. */
  let last: { layout: TimelineLayout; x: (t: number) => number } | null = null;
  let painted: { layout: TimelineLayout; x: (t: number) => number; left: number; right: number } | null = null;
  let shown = '';
  const prepared = new WeakMap<TimelineLayout, Prepared>();
  /** Point marks drawn once per style, radius and pixel ratio (null where there is no 2D context). */
  const sprites = new Map<string, { canvas: HTMLCanvasElement; pad: number; size: number } | null>();

  function spriteOf(st: MarkStyle, r: number): { canvas: HTMLCanvasElement; pad: number; size: number } | null {
    const dpr = doc.defaultView?.devicePixelRatio ?? 1;
    const key = `${st.color}|${st.fillAlpha}|${st.dashed}|${st.lineWidth}|${st.stroke}|${r}|${dpr}`;
    let sprite = sprites.get(key);
    if (sprite !== undefined) return sprite;
    const pad = Math.ceil(st.lineWidth) + 1;
    const size = 2 * r + 2 * pad;
    const c = doc.createElement('canvas');
    c.width = Math.ceil(size * dpr);
    c.height = Math.ceil(size * dpr);
    let sg: CanvasRenderingContext2D | null = null;
    try {
      sg = c.getContext('2d');
    } catch {
      sg = null;
    }
    if (sg) {
      sg.setTransform(dpr, 0, 0, dpr, 0, 0);
      paintMarks(sg, [pad, pad, 2 * r, 2 * r, r], st, 1);
      sprite = { canvas: c, pad, size: c.width / dpr };
    } else sprite = null;
    sprites.set(key, sprite);
    return sprite;
  }

  /** Groups items by their static style (colour, fill, dash, highlight), once per layout. */
  function prepare(layout: TimelineLayout): Prepared {
    let p = prepared.get(layout);
    if (p) return p;
    const index = new Map<string, number>();
    const styles: Prepared['styles'][number][] = [];
    const style = new Uint16Array(layout.items.length);
    layout.items.forEach((item, i) => {
      const coarse = item.kind === 'point' && (item.precision === 'month' || item.precision === 'year');
      const uncertain = item.fuzzy === 'uncertain' || item.fuzzy === 'both';
      const approximate = item.fuzzy === 'approximate' || item.fuzzy === 'both';
      const fillAlpha = item.filled ? (uncertain ? 0.3 : coarse ? 0.4 : approximate ? 0.6 : 1) : 0;
      const lineWidth = item.highlighted ? 2.5 : 1.5;
      const stroke = item.highlighted ? vars['--et-highlight']! : item.color;
      const k = `${item.color}|${fillAlpha}|${uncertain}|${item.highlighted}`;
      let id = index.get(k);
      if (id === undefined) {
        id = styles.length;
        index.set(k, id);
        styles.push({ color: item.color, fillAlpha, dashed: uncertain, lineWidth, stroke });
      }
      style[i] = id;
    });
    p = { style, styles };
    prepared.set(layout, p);
    return p;
  }

  return {
    node: canvas,
    draw(layout, x, emphasis, fast = false) {
      last = { layout, x };
      // The canvas spans the plot and a margin either side, painted too, so that a pan moving
      // the bitmap (see `preview`) shows marks rather than an empty strip.
      const plotWidth = Math.max(0, layout.plot.x1 - layout.plot.x0);
      const margin = Math.round(Math.min(400, plotWidth / 4));
      const left = layout.plot.x0 - margin;
      const span = plotWidth + 2 * margin;
      painted = { layout, x, left, right: left + span };
      const box = `${layout.plot.x0},${plotWidth},${margin},${layout.height}`;
      if (box !== shown) {
        shown = box;
        Object.assign(clip.style, { left: `${layout.plot.x0}px`, width: `${plotWidth}px`, height: `${layout.height}px` });
        canvas.style.left = `${-margin}px`;
      }
      const r = layout.markRadius;
      const g = context(left, span, layout.height);
      if (!g) return;
      g.clearRect(left, 0, span, layout.height);
      g.save();
      g.beginPath();
      g.rect(left, layout.plot.y0, span, layout.plot.y1 - layout.plot.y0);
      g.clip();
      const x0 = left - 50;
      const x1 = left + span + 50;
      const dimOpacity = Number(vars['--et-dim-opacity'] ?? 0.2);
      const keep = emphasis.keep;
      const dimmed = (id: string): boolean => keep !== null && !keep.has(id);

      // Batch by style: one path per style, because setting colours (parsed as CSS) and
      // filling per mark costs far more than adding a sub-path.
      // A fixed height may cut the lanes off: nothing below the canvas is drawn.
      const yMax = Math.min(layout.plot.y1, layout.height);
      const lines = new Map<string, { alpha: number; directed: boolean; segs: number[] }>();
      for (const c of layout.connectors) {
        if (Math.min(c.y0, c.y1) > yMax) continue;
        const cx = x(c.t);
        if (cx < x0 || cx > x1) continue;
        const alpha = dimmed(c.eventId) ? dimOpacity : 1;
        const k = `${c.directed}|${alpha}`;
        let bucket = lines.get(k);
        if (!bucket) lines.set(k, (bucket = { alpha, directed: c.directed, segs: [] }));
        bucket.segs.push(cx, c.y0, c.y1);
      }
      g.lineWidth = 1.25;
      for (const { alpha, directed, segs } of lines.values()) {
        g.globalAlpha = alpha;
        g.strokeStyle = directed ? vars['--et-fg']! : vars['--et-muted']!;
        g.beginPath();
        for (let i = 0; i < segs.length; i += 3) {
          g.moveTo(segs[i]!, segs[i + 1]!);
          g.lineTo(segs[i]!, segs[i + 2]!);
        }
        g.stroke();
        if (!directed) continue;
        g.fillStyle = vars['--et-fg']!;
        g.beginPath();
        for (let i = 0; i < segs.length; i += 3) {
          const cx = segs[i]!;
          const y1 = segs[i + 2]!;
          const dir = y1 > segs[i + 1]! ? 1 : -1;
          g.moveTo(cx, y1);
          g.lineTo(cx - 3.5, y1 - dir * 7);
          g.lineTo(cx + 3.5, y1 - dir * 7);
          g.lineTo(cx, y1);
        }
        g.fill();
      }

      // Marks: only those inside the plot (culled by time first, which needs no geometry),
      // bucketed by static style and dimming; selected and focused marks are drawn on top.
      const { style, styles } = prepare(layout);
      const t0 = xInvert(x, x0);
      const t1 = xInvert(x, x1);
      const buckets: number[][] = [];
      const emphasised: number[] = [];
      const items = layout.items;
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        if (item.markY > yMax || (t0 !== null && (item.t1 < t0 || item.t0 > t1!))) continue;
        if (item.eventId === emphasis.selected || item.eventId === emphasis.focused) {
          emphasised.push(i);
          continue;
        }
        const b = style[i]! * 2 + (dimmed(item.eventId) ? 1 : 0);
        (buckets[b] ??= []).push(i);
      }
      // Geometry of a bucket's marks inside the canvas, flattened (x, y, width, height, rx).
      const geometry = (list: readonly number[]): number[] => {
        const out: number[] = [];
        for (const i of list) {
          const item = items[i]!;
          const m = markGeometry(item.t0, item.t1, item.kind, x, r);
          if (m.markX + m.markWidth < x0 || m.markX > x1) continue;
          out.push(m.markX, item.markY, m.markWidth, item.markHeight, m.rx);
        }
        return out;
      };
      const path = (list: readonly number[]): void => tracePath(g, geometry(list), 0, -1);
      buckets.forEach((list, b) => {
        const st = styles[b >> 1]!;
        const alpha = b & 1 ? dimOpacity : 1;
        // Point marks (circles) are stamped from a bitmap of one mark in this style: copying
        // a small bitmap is several times cheaper than rasterising a curved path per mark
        // without a GPU, and the pixels are the same.
        const sprite = spriteOf(st, r);
        const dpr = doc.defaultView?.devicePixelRatio ?? 1;
        if (!sprite) {
          paintMarks(g, geometry(list), st, alpha);
          return;
        }
        const rest: number[] = [];
        g.globalAlpha = alpha;
        for (const i of list) {
          const item = items[i]!;
          if (item.kind !== 'point' || item.markHeight !== 2 * r) {
            rest.push(i);
            continue;
          }
          const m = markGeometry(item.t0, item.t1, item.kind, x, r);
          if (m.markX + m.markWidth < x0 || m.markX > x1) continue;
          if (m.markWidth > 2 * r + 1e-9) {
            rest.push(i);
            continue;
          }
          // On whole device pixels: a bitmap copied unfiltered is much cheaper than resampled.
          g.drawImage(sprite.canvas, Math.round((m.markX - sprite.pad) * dpr) / dpr, Math.round((item.markY - sprite.pad) * dpr) / dpr, sprite.size, sprite.size);
        }
        if (rest.length > 0) paintMarks(g, geometry(rest), st, alpha);
      });
      for (const i of emphasised) {
        const st = styles[style[i]!]!;
        path([i]);
        if (st.fillAlpha > 0) {
          g.globalAlpha = st.fillAlpha;
          g.fillStyle = st.color;
          g.fill();
        }
        g.globalAlpha = 1;
        g.setLineDash(st.dashed ? [3, 2] : []);
        g.lineWidth = 3;
        g.strokeStyle = vars['--et-focus']!;
        g.stroke();
      }
      g.setLineDash([]);

      g.font = `600 10px ${vars['--et-font']}`;
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      for (const a of layout.aggregates) {
        const ax0 = x(a.t0);
        const ax1 = x(a.t1);
        if (ax1 < x0 || ax0 > x1) continue;
        g.globalAlpha = 0.3;
        g.fillStyle = a.color;
        g.beginPath();
        roundRect(g, ax0, a.markY, ax1 - ax0, a.markHeight, 3);
        g.fill();
        g.globalAlpha = 1;
        g.strokeStyle = a.color;
        g.lineWidth = 1;
        g.stroke();
        if (fast) continue;
        g.fillStyle = vars['--et-fg']!;
        g.fillText(String(a.count), (ax0 + ax1) / 2, a.y);
      }
      if (fast) {
        g.restore();
        return;
      }

      g.font = labelFont(layout.fontSize).replace(/px .*/, `px ${vars['--et-font']}`);
      g.textBaseline = 'middle';
      g.lineJoin = 'round';
      g.lineWidth = 3;
      g.strokeStyle = vars['--et-bg']!;
      g.fillStyle = vars['--et-fg']!;
      const labels: readonly LabelRecord[] = layout.labels;
      const itemIndex = labelItems(layout);
      for (let li = 0; li < labels.length; li++) {
        const l = labels[li]!;
        if (!l.visible || l.y > yMax) continue;
        const item = itemIndex[li];
        if (!item) continue;
        const m = markGeometry(item.t0, item.t1, item.kind, x, r);
        const lx = labelAnchorX(l, m);
        if (lx > x1 || lx < x0 - 300) continue;
        g.globalAlpha = dimmed(l.eventId) ? dimOpacity : 1;
        g.textAlign = l.anchor === 'end' ? 'right' : 'left';
        g.strokeText(l.text, lx, l.y);
        g.fillText(l.text, lx, l.y);
      }
      g.restore();
    },
    preview(x) {
      if (!painted) return null;
      const { layout, left, right } = painted;
      const p0 = layout.plot.x0;
      const p1 = layout.plot.x1;
      const ta = xInvert(painted.x, left);
      const tb = xInvert(painted.x, right);
      if (ta === null || tb === null || !(tb > ta) || !(p1 > p0)) return null;
      // Both maps are linear: the painted pixel px moves to s·px + a. The canvas element's
      // origin is at chart x `left`, and CSS transforms it about that origin.
      const s = (x(tb) - x(ta)) / (right - left);
      if (!(s > 0) || !Number.isFinite(s)) return null;
      const a = x(ta) - s * left;
      const tx = a + (s - 1) * left;
      canvas.style.transform = Math.abs(s - 1) < 1e-12 && Math.abs(tx) < 1e-9 ? '' : `translate(${tx}px, 0px) scale(${s}, 1)`;
      last = { layout, x };
      const from = Math.max(p0, x(ta));
      const to = Math.min(p1, x(tb));
      return { coverage: Math.max(0, to - from) / (p1 - p0), stretch: s >= 1 ? s : 1 / s };
    },
    hit(px, py) {
      // Only the rows under the pointer, and in each only the marks whose time span can reach
      // the pointer (a bisection over the row's start times): the index depends on the layout,
      // not on the zoom, so zoom frames never rebuild it.
      if (!last) return null;
      const { layout, x } = last;
      const half = layout.rowHeight / 2;
      let best: CanvasHit | null = null;
      let bestDistance = Infinity;
      const consider = (x0: number, x1: number, hit: CanvasHit): void => {
        if (px < x0 - 2 || px > x1 + 2) return;
        const d = Math.abs((x0 + x1) / 2 - px);
        if (d < bestDistance) {
          bestDistance = d;
          best = hit;
        }
      };
      const slack = layout.markRadius + 3;
      const tLo = xInvert(x, px - slack);
      const tHi = xInvert(x, px + slack);
      const { ys, rows } = rowIndex(layout);
      for (let ri = bisect(ys, py - half, true); ri < ys.length && ys[ri]! - half <= py; ri++) {
        if (py < ys[ri]! - half || py >= ys[ri]! + half) continue;
        const row = rows[ri]!;
        let from = 0;
        let to = row.order.length;
        if (tLo !== null && tHi !== null && tHi > tLo) {
          from = bisect(row.t0, tLo - row.maxSpan, false);
          to = bisect(row.t0, tHi, true);
        }
        for (let j = from; j < to; j++) {
          const item = layout.items[row.order[j]!]!;
          const m = markGeometry(item.t0, item.t1, item.kind, x, layout.markRadius);
          consider(m.markX, m.markX + m.markWidth, { kind: 'item', item });
        }
      }
      for (const a of layout.aggregates) {
        if (py < a.y - half || py >= a.y + half) continue;
        consider(x(a.t0), x(a.t1), { kind: 'aggregate', aggregate: a });
      }
      return best;
    },
    destroy() {
      clip.remove();
      last = null;
      painted = null;
    },
  };
}
