/**
 * The canvas renderer for large timelines: it draws the same layout records as the SVG
 * renderer (marks, connectors, aggregates, visible labels) onto one `<canvas>`, and finds the
 * record under a point by binary search within the lane row, so hover and click stay O(log n).
 */
import type { AggregateRecord, ItemRecord, LabelRecord, TimelineLayout } from '../../layout/timeline.js';
import { labelAnchorX, labelFont, markGeometry } from '../../layout/timeline.js';
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
  /** The record at (`px`, `py`) in chart pixels, as last drawn. */
  hit(px: number, py: number): CanvasHit | null;
  destroy(): void;
}

interface Row {
  readonly y0: number;
  readonly y1: number;
  /** Marks and aggregates in this row, sorted by centre x as last drawn. */
  entries: { cx: number; x0: number; x1: number; hit: CanvasHit }[];
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
  const canvas = doc.createElement('canvas');
  canvas.className = 'et-canvas';
  canvas.setAttribute('aria-hidden', 'true');
  Object.assign(canvas.style, { position: 'absolute', left: '0px', top: '0px', pointerEvents: 'none' });
  container.appendChild(canvas);
  const vars = theme.vars;
  let rows: Row[] = [];

  function context(width: number, height: number): CanvasRenderingContext2D | null {
    const dpr = doc.defaultView?.devicePixelRatio ?? 1;
    const w = Math.round(width * dpr);
    const h = Math.round(height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    let g: CanvasRenderingContext2D | null = null;
    try {
      g = canvas.getContext('2d');
    } catch {
      g = null; // jsdom without the canvas package
    }
    if (g) g.setTransform(dpr, 0, 0, dpr, 0, 0);
    return g;
  }

  return {
    node: canvas,
    draw(layout, x, emphasis, fast = false) {
      const r = layout.markRadius;
      // The hit index is rebuilt from the same geometry that is drawn.
      const byRow = new Map<string, Row>();
      const rowOf = (laneId: string, y: number): Row => {
        const key = `${laneId}|${y}`;
        let row = byRow.get(key);
        if (!row) byRow.set(key, (row = { y0: y - layout.rowHeight / 2, y1: y + layout.rowHeight / 2, entries: [] }));
        return row;
      };
      const geometry = new Map<string, { markX: number; markWidth: number; rx: number }>();
      for (const item of layout.items) {
        const g = markGeometry(item.t0, item.t1, item.kind, x, r);
        geometry.set(item.key, g);
        rowOf(item.laneId, item.y).entries.push({ cx: g.markX + g.markWidth / 2, x0: g.markX, x1: g.markX + g.markWidth, hit: { kind: 'item', item } });
      }
      for (const a of layout.aggregates) {
        const x0 = x(a.t0);
        const x1 = x(a.t1);
        rowOf(a.laneId, a.y).entries.push({ cx: (x0 + x1) / 2, x0, x1, hit: { kind: 'aggregate', aggregate: a } });
      }
      rows = [...byRow.values()].sort((p, q) => p.y0 - q.y0);
      for (const row of rows) row.entries.sort((p, q) => p.cx - q.cx);

      const g = context(layout.width, layout.height);
      if (!g) return;
      g.clearRect(0, 0, layout.width, layout.height);
      g.save();
      g.beginPath();
      g.rect(layout.plot.x0, layout.plot.y0, layout.plot.x1 - layout.plot.x0, layout.plot.y1 - layout.plot.y0);
      g.clip();
      const x0 = layout.plot.x0 - 50;
      const x1 = layout.plot.x1 + 50;
      const dimOpacity = Number(vars['--et-dim-opacity'] ?? 0.2);
      const dim = (id: string): number => (emphasis.keep && !emphasis.keep.has(id) ? dimOpacity : 1);

      // Batch by style: one path per style, because setting colours (parsed as CSS) and
      // filling per mark costs far more than adding a sub-path.
      const lines = new Map<string, { alpha: number; directed: boolean; segs: number[] }>();
      for (const c of layout.connectors) {
        const cx = x(c.t);
        if (cx < x0 || cx > x1) continue;
        const alpha = dim(c.eventId);
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

      interface Bucket {
        color: string;
        fillAlpha: number;
        alpha: number;
        dashed: boolean;
        lineWidth: number;
        stroke: string;
        rects: number[];
      }
      const buckets = new Map<string, Bucket>();
      for (const item of layout.items) {
        const m = geometry.get(item.key)!;
        if (m.markX + m.markWidth < x0 || m.markX > x1) continue;
        const alpha = dim(item.eventId);
        const coarse = item.kind === 'point' && (item.precision === 'month' || item.precision === 'year');
        const uncertain = item.fuzzy === 'uncertain' || item.fuzzy === 'both';
        const approximate = item.fuzzy === 'approximate' || item.fuzzy === 'both';
        const fillAlpha = item.filled ? (uncertain ? 0.3 : coarse ? 0.4 : approximate ? 0.6 : 1) : 0;
        const selected = item.eventId === emphasis.selected || item.eventId === emphasis.focused;
        const lineWidth = selected ? 3 : item.highlighted ? 2.5 : 1.5;
        const stroke = selected ? vars['--et-focus']! : item.highlighted ? vars['--et-highlight']! : item.color;
        const k = `${item.color}|${fillAlpha}|${alpha}|${uncertain}|${lineWidth}|${stroke}`;
        let bucket = buckets.get(k);
        if (!bucket) buckets.set(k, (bucket = { color: item.color, fillAlpha, alpha, dashed: uncertain, lineWidth, stroke, rects: [] }));
        bucket.rects.push(m.markX, item.markY, m.markWidth, item.markHeight, m.rx);
      }
      for (const b of buckets.values()) {
        g.beginPath();
        for (let i = 0; i < b.rects.length; i += 5) roundRect(g, b.rects[i]!, b.rects[i + 1]!, b.rects[i + 2]!, b.rects[i + 3]!, b.rects[i + 4]!);
        if (b.fillAlpha > 0) {
          g.globalAlpha = b.alpha * b.fillAlpha;
          g.fillStyle = b.color;
          g.fill();
        }
        g.globalAlpha = b.alpha;
        g.setLineDash(b.dashed ? [3, 2] : []);
        g.lineWidth = b.lineWidth;
        g.strokeStyle = b.stroke;
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
      for (const l of labels) {
        if (!l.visible) continue;
        const m = geometry.get(l.key);
        if (!m) continue;
        const lx = labelAnchorX(l, m);
        if (lx > x1 || lx < x0 - 300) continue;
        g.globalAlpha = dim(l.eventId);
        g.textAlign = l.anchor === 'end' ? 'right' : 'left';
        g.strokeText(l.text, lx, l.y);
        g.fillText(l.text, lx, l.y);
      }
      g.restore();
    },
    hit(px, py) {
      // Rows by y (binary search), then entries by centre x (binary search, then neighbours).
      let lo = 0;
      let hi = rows.length - 1;
      let row: Row | undefined;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const r = rows[mid]!;
        if (py < r.y0) hi = mid - 1;
        else if (py >= r.y1) lo = mid + 1;
        else {
          row = r;
          break;
        }
      }
      if (!row) return null;
      const e = row.entries;
      let a = 0;
      let b = e.length;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (e[mid]!.cx < px) a = mid + 1;
        else b = mid;
      }
      let best: CanvasHit | null = null;
      let bestDistance = Infinity;
      for (let i = Math.max(0, a - 3); i < Math.min(e.length, a + 3); i++) {
        const entry = e[i]!;
        if (px >= entry.x0 - 2 && px <= entry.x1 + 2) {
          const d = Math.abs(entry.cx - px);
          if (d < bestDistance) {
            bestDistance = d;
            best = entry.hit;
          }
        }
      }
      return best;
    },
    destroy() {
      canvas.remove();
      rows = [];
    },
  };
}
