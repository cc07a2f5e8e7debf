/**
 * A storyline plan drawn at a fixed horizontal scale and panned to a time window. Everything
 * depends on the plan and the scale only (heights are the plan's, not squeezed per window), so
 * line pieces, markers and labels are computed once per chunk of slots and reused as a window
 * moves: a move changes one translation, and only the chunks at the window's edges come and go.
 */
import { bisectLeft, bisectRight } from 'd3-array';
import type { Dataset, EntityEvent } from '../../model/types.js';
import type { TimeWindow } from '../../link/state.js';
import type { TextMeasurer } from '../../render/common/context.js';
import { formatDate } from '../../model/dates.js';
import type { StorylineLabel, StorylineLayout, StorylineLine, StorylineMarker, StorylineSlot, StorylineTick } from '../storyline.js';
import type { SlotGroup, SlotRecord } from './structure.js';
import { CrossingCounter } from './order.js';
import { placeLabels } from './labels.js';
import { round, segmentPath } from './path.js';

/** What a plan gives {@link panStoryline}: its slots, order and pixel heights, and text. */
export interface PanSource {
  readonly dataset: Dataset;
  readonly actorIds: readonly string[];
  readonly names: readonly string[];
  /** Label texts (shortened) and their widths, by actor index. */
  readonly texts: readonly string[];
  readonly widths: readonly number[];
  readonly slots: readonly SlotRecord[];
  readonly groups: readonly (readonly SlotGroup[])[];
  /** Actor indices at each slot, top to bottom, and their pixel heights (ascending). */
  readonly orders: readonly Int32Array[];
  readonly ys: readonly Float64Array[];
  readonly runs: readonly (readonly (readonly [number, number])[])[];
  /** Slot positions in plan units: the slot index, or by time for `spacing: 'time'`. */
  readonly u: Float64Array;
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
  readonly fontSize: number;
  readonly font: string;
  readonly measureText: TextMeasurer;
  readonly maxEndUpTo: Float64Array;
  readonly minStartFrom: Float64Array;
  readonly omitted: readonly string[];
}

/** One piece of an actor's line: its part within one chunk of slots. */
export interface StorylinePanSlice {
  /** The chunk's index: the key of the piece within its line. */
  readonly chunk: number;
  /** Path data in plan pixels (add {@link StorylinePan.offset} for the screen). */
  readonly d: string;
}

/** An actor's line in a panned storyline: the pieces of it in the chunks in view. */
export interface StorylinePanLine {
  readonly actorId: string;
  readonly name: string;
  readonly slices: readonly StorylinePanSlice[];
  /** Events of the actor in the window, and the first and last of them. */
  readonly count: number;
  readonly first: string | null;
  readonly last: string | null;
}

/**
 * A storyline plan at one horizontal scale, panned to a window (see {@link panStoryline}).
 * Lines, markers and labels are in plan pixels: a renderer translates them by `offset` and
 * clips lines to `clip`. Markers and labels reuse their records while the scale holds, so a
 * keyed join finds most of them unchanged.
 */
export interface StorylinePan {
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
  /** Pixels per plan unit (a slot apart, for even spacing). Kept while a moving window still fits. */
  readonly scale: number;
  /** Half the width of a line's flat part at a slot and of a marker. */
  readonly half: number;
  /** Screen x minus plan-pixel x. */
  readonly offset: number;
  /** First and last plan slot in the window; -1 when the window holds no event. */
  readonly first: number;
  readonly last: number;
  /** Chunks in view, inclusive; a renderer may skip lines whose range and scale are unchanged. */
  readonly chunks: readonly [number, number];
  /**
   * Horizontal extent of the plot in screen pixels, to clip lines to. Fixed for a width, so
   * that a renderer can move the marks without repainting: where the window's slots do not fill
   * the plot, lines run on beyond its last slot (without markers).
   */
  readonly clip: readonly [number, number];
  readonly lines: readonly StorylinePanLine[];
  /** The window's events; `slot` is the plan slot, `x` in plan pixels. */
  readonly markers: readonly StorylineMarker[];
  /**
   * Visible labels in plan pixels: one at the window's left edge for each line there, then the
   * plan's labels (placed once per scale) of segments starting inside the window.
   */
  readonly labels: readonly StorylineLabel[];
  /** Ticks at screen x. */
  readonly ticks: readonly StorylineTick[];
  /** Every plan slot, `x` in plan pixels (markers' `slot` indexes this). */
  readonly slots: readonly StorylineSlot[];
}

/** Width in pixels of a chunk of slots: pieces of lines are cut at chunk boundaries. */
const CHUNK_PX = 320;
/**
 * Scales come in steps of 2^(1/16). A new scale leaves its window two steps (about 8%) of room
 * to grow as it moves; a moving window keeps its scale while its slots fit and fill at least
 * 2^(-5/16) (80%) of the plot.
 */
const STEPS_PER_OCTAVE = 16;
const HEADROOM = 2;
const HOLD = 2 ** (-5 / STEPS_PER_OCTAVE);
const MAX_SCALE = 256;
/** Scales cached per source: a brush resized back and forth finds its pieces again. */
const SCALES_KEPT = 3;

interface Chunk {
  /** Line pieces by actor index. */
  readonly lines: Map<number, StorylinePanSlice>;
  readonly markers: readonly StorylineMarker[];
  readonly events: readonly EntityEvent[];
  labels: { readonly label: StorylineLabel; readonly x0: number; readonly x1: number }[] | null;
}

interface ScaleCache {
  readonly scale: number;
  readonly half: number;
  readonly size: number;
  readonly xs: Float64Array;
  readonly chunks: Map<number, Chunk>;
  slots: StorylineSlot[] | null;
}

interface Derived {
  /** Segment starts, sorted by slot then height: slot, actor, run number. */
  readonly startSlot: Int32Array;
  readonly startActor: Int32Array;
  readonly startRun: Int32Array;
  /** Height at the next slot of the actor at each position (NaN where its line stops). */
  readonly nextY: Float64Array[];
  /** Event markers at each slot as [top, bottom] pairs. */
  readonly spans: number[][];
  /** Last slot of each run, per actor, for binary search. */
  readonly runEnds: Int32Array[];
  readonly widest: number;
  scales: ScaleCache[];
  readonly dates: Map<string, string>;
}

const derivedOf = new WeakMap<PanSource, Derived>();

function derive(src: PanSource): Derived {
  let d = derivedOf.get(src);
  if (d) return d;
  const n = src.actorIds.length;
  const T = src.slots.length;
  const at = new Float64Array(n).fill(NaN);
  const nextY = src.orders.map((order, t) => {
    const next = new Float64Array(order.length).fill(NaN);
    if (t + 1 < T) {
      const o1 = src.orders[t + 1]!;
      const y1 = src.ys[t + 1]!;
      for (let i = 0; i < o1.length; i++) at[o1[i]!] = y1[i]!;
      for (let i = 0; i < order.length; i++) next[i] = at[order[i]!]!;
      for (let i = 0; i < o1.length; i++) at[o1[i]!] = NaN;
    }
    return next;
  });
  const spans = src.groups.map((groups, t) => {
    const order = src.orders[t]!;
    const y = src.ys[t]!;
    for (let i = 0; i < order.length; i++) at[order[i]!] = y[i]!;
    const out: number[] = [];
    for (const g of groups) if (g.event >= 0) out.push(at[g.members[0]!]!, at[g.members[g.members.length - 1]!]!);
    for (let i = 0; i < order.length; i++) at[order[i]!] = NaN;
    return out;
  });
  const starts: [number, number, number, number][] = [];
  src.runs.forEach((list, a) => {
    list.forEach(([s], r) => {
      const order = src.orders[s]!;
      const i = order.indexOf(a);
      starts.push([s, src.ys[s]![i]!, a, r]);
    });
  });
  starts.sort((p, q) => p[0] - q[0] || p[1] - q[1] || p[2] - q[2]);
  let widest = 0;
  for (const w of src.widths) widest = Math.max(widest, w);
  d = {
    startSlot: Int32Array.from(starts, (s) => s[0]),
    startActor: Int32Array.from(starts, (s) => s[2]),
    startRun: Int32Array.from(starts, (s) => s[3]),
    nextY,
    spans,
    runEnds: src.runs.map((list) => Int32Array.from(list, (r) => r[1])),
    widest,
    scales: [],
    dates: new Map(),
  };
  derivedOf.set(src, d);
  return d;
}

function scaleCache(src: PanSource, d: Derived, scale: number): ScaleCache {
  const found = d.scales.find((c) => c.scale === scale);
  if (found) return found;
  const T = src.slots.length;
  const { u } = src;
  const perSlot = T > 1 ? ((u[T - 1]! - u[0]!) / (T - 1)) * scale : scale;
  const cache: ScaleCache = {
    scale,
    half: Math.max(1, Math.min(4, perSlot / 4)),
    size: Math.max(4, Math.ceil(CHUNK_PX / Math.max(perSlot, 1e-9))),
    xs: Float64Array.from(u, (v) => v * scale),
    chunks: new Map(),
    slots: null,
  };
  d.scales.unshift(cache);
  if (d.scales.length > SCALES_KEPT) d.scales.length = SCALES_KEPT;
  return cache;
}

/** Line pieces and markers of chunk `c`: its own slots, and each line's curve into the next chunk. */
function chunkOf(src: PanSource, cache: ScaleCache, c: number): Chunk {
  let chunk = cache.chunks.get(c);
  if (chunk) return chunk;
  const T = src.slots.length;
  const c0 = c * cache.size;
  const cEnd = Math.min(T, c0 + cache.size);
  const to = Math.min(T - 1, cEnd);
  const span = to - c0 + 1;
  const heights = new Map<number, Float64Array>();
  for (let t = c0; t <= to; t++) {
    const order = src.orders[t]!;
    const y = src.ys[t]!;
    for (let i = 0; i < order.length; i++) {
      const a = order[i]!;
      let h = heights.get(a);
      if (!h) heights.set(a, (h = new Float64Array(span).fill(NaN)));
      h[t - c0] = y[i]!;
    }
  }
  const xs = cache.xs.subarray(c0);
  const lines = new Map<number, StorylinePanSlice>();
  for (const [a, h] of heights) {
    let d = '';
    for (const [s, e] of src.runs[a]!) {
      if (e < c0) continue;
      if (s >= cEnd) break;
      d += segmentPath(xs, h, Math.max(s, c0) - c0, Math.min(e, to) - c0, cache.half);
    }
    if (d) lines.set(a, { chunk: c, d });
  }
  const markers: StorylineMarker[] = [];
  const events: EntityEvent[] = [];
  for (let t = c0; t < cEnd; t++) {
    const slot = src.slots[t]!;
    const h = (a: number): number => heights.get(a)![t - c0]!;
    for (const g of src.groups[t]!) {
      if (g.event < 0) continue;
      const event = slot.events[g.event]!;
      events.push(event);
      markers.push({
        eventId: event.id,
        slot: t,
        x: round(cache.xs[t]!),
        y0: h(g.members[0]!),
        y1: h(g.members[g.members.length - 1]!),
        actorIds: g.members.map((m) => src.actorIds[m]!),
      });
    }
  }
  chunk = { lines, markers, events, labels: null };
  cache.chunks.set(c, chunk);
  return chunk;
}

/**
 * Labels of the segments starting in chunk `c`, placed in plan pixels clear of lines, markers
 * and each other. Labels of the slots just before the chunk are placed first (and dropped), so
 * that labels near a chunk boundary avoid their neighbours as a placement of the whole would.
 */
function chunkLabels(src: PanSource, d: Derived, cache: ScaleCache, c: number, chunk: Chunk): NonNullable<Chunk['labels']> {
  if (chunk.labels) return chunk.labels;
  const T = src.slots.length;
  const { xs, half, size } = cache;
  const c0 = c * size;
  const cEnd = Math.min(T, c0 + size);
  const reach = d.widest + half + 24;
  const from = bisectLeft(xs, xs[c0]! - reach);
  const until = Math.min(T, bisectRight(xs, xs[cEnd - 1]! + reach) + 1);
  const r0 = bisectLeft(d.startSlot, from);
  const r1 = bisectLeft(d.startSlot, cEnd);
  const requests = [];
  for (let r = r0; r < r1; r++) {
    const t = d.startSlot[r]!;
    const a = d.startActor[r]!;
    const i = src.orders[t]!.indexOf(a);
    requests.push({ slot: t - from, y: src.ys[t]![i]!, width: src.widths[a]!, required: d.startRun[r] === 0, a, run: d.startRun[r]!, t });
  }
  const placed = placeLabels(requests, {
    width: Infinity,
    left: -Infinity,
    bottom: src.height - src.margin.bottom + src.fontSize / 2,
    xs: xs.subarray(from, until),
    half,
    ys: src.ys.slice(from, until),
    nextY: d.nextY.slice(from, until),
    markers: d.spans.slice(from, until),
    fontSize: src.fontSize,
  });
  const out: NonNullable<Chunk['labels']> = [];
  requests.forEach((q, k) => {
    const at = placed[k]!;
    if (q.t < c0 || !at.visible) return;
    const w = src.widths[q.a]!;
    out.push({
      label: {
        actorId: src.actorIds[q.a]!,
        text: src.texts[q.a]!,
        x: round(at.x),
        y: round(at.y),
        slot: q.t,
        kind: q.run === 0 ? 'start' : 'return',
        anchor: at.anchor,
        visible: true,
        ...(at.leader
          ? { leader: { x1: round(at.leader.x1), y1: round(at.leader.y1), x2: round(at.leader.x2), y2: round(at.leader.y2) } }
          : {}),
      },
      x0: at.anchor === 'end' ? at.x - w : at.x,
      x1: at.anchor === 'end' ? at.x : at.x + w,
    });
  });
  chunk.labels = out;
  return out;
}

const overlapsWindow = (e: EntityEvent, from: number, to: number): boolean => e.when.earliest <= to && e.when.latest >= from;

function slotInWindow(slot: SlotRecord, from: number, to: number): boolean {
  for (const e of slot.events) if (overlapsWindow(e, from, to)) return true;
  return false;
}

interface PanState {
  readonly src: PanSource;
  readonly window: TimeWindow | null;
  layout: StorylineLayout | null;
}

const panStates = new WeakMap<StorylinePan, PanState>();

/**
 * Pans a plan's source to `window` (see `panStoryline` in ../storyline.ts, which makes the
 * source): picks a scale at which the window's slots fit the plot (keeping
 * `previous`'s while they still fill most of it, so a dragged window keeps its scale and its
 * cached pieces), and lists the line pieces, markers and labels in view.
 */
export function panPlan(src: PanSource, window: TimeWindow | null, previous: StorylinePan | null): StorylinePan {
  const d = derive(src);
  const T = src.slots.length;
  const from = window ? window[0] : -Infinity;
  const to = window ? window[1] : Infinity;
  let first = -1;
  let last = -1;
  if (T > 0) {
    const lo = window ? bisectLeft(src.maxEndUpTo, from) : 0;
    const hi = window ? bisectRight(src.minStartFrom, to) : T;
    for (let t = lo; t < hi && first < 0; t++) if (slotInWindow(src.slots[t]!, from, to)) first = t;
    for (let t = hi - 1; t >= lo && first >= 0 && last < 0; t--) if (slotInWindow(src.slots[t]!, from, to)) last = t;
  }
  const { margin, u } = src;
  const plot = Math.max(1, src.width - margin.left - margin.right);
  const spanU = first < 0 ? 0 : u[last]! - u[first]!;
  const fit = Math.min(MAX_SCALE, spanU > 0 ? plot / spanU : plot);
  const held = previous && panStates.get(previous)?.src === src ? previous.scale : null;
  const scale =
    held !== null && held <= fit * (1 + 1e-9) && held >= fit * HOLD
      ? held
      : 2 ** ((Math.floor(Math.log2(fit) * STEPS_PER_OCTAVE) - (spanU > 0 ? HEADROOM : 0)) / STEPS_PER_OCTAVE);
  const cache = scaleCache(src, d, scale);
  const { xs, half } = cache;
  const pan = (fields: Omit<StorylinePan, 'width' | 'height' | 'margin' | 'scale' | 'half' | 'slots'>): StorylinePan => {
    const out: StorylinePan = {
      width: src.width,
      height: src.height,
      margin,
      scale,
      half,
      ...fields,
      get slots() {
        return (cache.slots ??= src.slots.map((slot, t) => ({ index: t, x: round(xs[t]!), time: slot.start, end: slot.end, eventIds: slot.events.map((e) => e.id) })));
      },
    };
    panStates.set(out, { src, window, layout: null });
    return out;
  };
  const clip: [number, number] = [round(margin.left - half), round(src.width - margin.right + half)];
  if (first < 0) return pan({ offset: margin.left, first, last, chunks: [0, -1], clip, lines: [], markers: [], labels: [], ticks: [] });

  const offset = round(spanU > 0 ? margin.left - xs[first]! : margin.left + plot / 2 - xs[first]!);
  const c0 = Math.floor(first / cache.size);
  const c1 = Math.floor(last / cache.size);
  const chunks: Chunk[] = [];
  for (let c = c0; c <= c1; c++) chunks.push(chunkOf(src, cache, c));

  const markers: StorylineMarker[] = [];
  const counts = new Map<string, { count: number; first: string; last: string }>();
  for (const chunk of chunks) {
    chunk.markers.forEach((m, i) => {
      if (m.slot < first || m.slot > last || !overlapsWindow(chunk.events[i]!, from, to)) return;
      markers.push(m);
      for (const id of m.actorIds) {
        const entry = counts.get(id);
        if (entry) {
          entry.count++;
          entry.last = m.eventId;
        } else counts.set(id, { count: 1, first: m.eventId, last: m.eventId });
      }
    });
  }

  const lines: StorylinePanLine[] = [];
  src.actorIds.forEach((actorId, a) => {
    const ends = d.runEnds[a]!;
    const r = bisectLeft(ends, first);
    if (r >= ends.length || src.runs[a]![r]![0] > last) return;
    const slices: StorylinePanSlice[] = [];
    for (const chunk of chunks) {
      const slice = chunk.lines.get(a);
      if (slice) slices.push(slice);
    }
    const entry = counts.get(actorId);
    lines.push({ actorId, name: src.names[a]!, slices, count: entry?.count ?? 0, first: entry?.first ?? null, last: entry?.last ?? null });
  });

  // Labels: the lines at the window's left edge are named there, in the left margin; then the
  // plan's labels of segments that start inside the window and fit between its edges.
  const labels: StorylineLabel[] = [];
  const edge = xs[first]! - half - 4;
  const order = src.orders[first]!;
  const ys = src.ys[first]!;
  let lastY = -Infinity;
  for (let i = 0; i < order.length; i++) {
    const a = order[i]!;
    const y = ys[i]!;
    if (y - lastY < src.fontSize - 0.5) continue;
    lastY = y;
    labels.push({ actorId: src.actorIds[a]!, text: src.texts[a]!, x: round(edge), y, slot: first, kind: 'start', anchor: 'end', visible: true });
  }
  const left = xs[first]! - half;
  const right = src.width - offset;
  for (let c = c0; c <= c1; c++) {
    for (const { label, x0, x1 } of chunkLabels(src, d, cache, c, chunks[c - c0]!)) {
      if (label.slot > first && label.slot <= last && x0 >= left && x1 <= right) labels.push(label);
    }
  }

  const ticks: StorylineTick[] = [];
  let lastRight = -Infinity;
  for (let t = first; t <= last; t++) {
    const x = round(offset + xs[t]!);
    if (x < lastRight + 8) continue;
    const start = src.slots[t]!.events[0]!.when.start;
    const label = formatDate(start, { style: 'short' });
    const w = src.measureText(label, src.font);
    const tickLeft = Math.max(0, Math.min(x - w / 2, src.width - w));
    if (tickLeft >= lastRight + 8 && label !== ticks[ticks.length - 1]?.label) {
      ticks.push({ slot: t, x, label });
      lastRight = tickLeft + w;
    }
  }

  return pan({ offset, first, last, chunks: [c0, c1], clip, lines, markers, labels, ticks });
}

/**
 * The {@link StorylineLayout} of what a pan shows, in screen pixels: the window's slots (from
 * its first to its last), the lines within them, markers, labels and ticks. Computed when first
 * asked for: drawing a pan does not need it.
 *
 * @example
 * ```ts
 * const layout = panLayout(panStoryline(plan, [from, to]));
 * layout.markers.length; // events in the window
 * ```
 */
export function panLayout(pan: StorylinePan): StorylineLayout {
  const state = panStates.get(pan);
  if (!state) throw new TypeError('panLayout: pan must come from panStoryline.');
  if (state.layout) return state.layout;
  const { src, window } = state;
  const { first, last, offset, half } = pan;
  const from = window ? window[0] : -Infinity;
  const to = window ? window[1] : Infinity;
  const K = first < 0 ? 0 : last - first + 1;
  const cache = derive(src).scales.find((c) => c.scale === pan.scale);
  const xs = new Float64Array(K);
  for (let k = 0; k < K; k++) xs[k] = offset + (cache ? cache.xs[first + k]! : 0);
  const n = src.actorIds.length;
  const lines: StorylineLine[] = [];
  let wiggles = 0;
  // Heights by actor across the window's slots, in one pass over the orders.
  const heights = new Map<number, Float64Array>();
  for (let k = 0; k < K; k++) {
    const order = src.orders[first + k]!;
    const ys = src.ys[first + k]!;
    for (let i = 0; i < order.length; i++) {
      let y = heights.get(order[i]!);
      if (!y) heights.set(order[i]!, (y = new Float64Array(K).fill(NaN)));
      y[k] = ys[i]!;
    }
  }
  const index = new Map(src.actorIds.map((id, a) => [id, a]));
  for (const line of pan.lines) {
    const a = index.get(line.actorId)!;
    const y = heights.get(a) ?? new Float64Array(K).fill(NaN);
    const segments = src.runs[a]!
      .filter(([s, e]) => e >= first && s <= last)
      .map(([s, e]) => {
        const k0 = Math.max(s, first) - first;
        const k1 = Math.min(e, last) - first;
        const points = [];
        for (let k = k0; k <= k1; k++) {
          points.push({ slot: k, x: round(xs[k]!), y: y[k]! });
          if (k > k0 && y[k] !== y[k - 1]) wiggles++;
        }
        return { points, d: segmentPath(xs, y, k0, k1, half) };
      });
    lines.push({ actorId: line.actorId, name: line.name, segments, d: segments.map((s) => s.d).join('') });
  }
  const shift = (v: number): number => round(v + offset);
  const orders = src.orders.slice(Math.max(0, first), first < 0 ? 0 : last + 1);
  const layout: StorylineLayout = {
    width: pan.width,
    height: pan.height,
    margin: pan.margin,
    markerWidth: round(half * 2),
    slots: orders.map((_, k) => {
      const slot = src.slots[first + k]!;
      const events = slot.events.filter((e) => overlapsWindow(e, from, to));
      return { index: k, x: round(xs[k]!), time: slot.start, end: slot.end, eventIds: events.map((e) => e.id) };
    }),
    orders: orders.map((order) => Array.from(order, (a) => src.actorIds[a]!)),
    lines,
    markers: pan.markers.map((m) => ({ ...m, slot: m.slot - first, x: shift(m.x) })),
    labels: pan.labels.map((l) => ({
      ...l,
      slot: l.slot - first,
      x: shift(l.x),
      ...(l.leader ? { leader: { ...l.leader, x1: shift(l.leader.x1), x2: shift(l.leader.x2) } } : {}),
    })),
    ticks: pan.ticks.map((t) => ({ ...t, slot: t.slot - first })),
    crossings: new CrossingCounter(n).total(orders),
    wiggles,
    omittedEventIds: src.omitted.filter((id) => {
      const e = src.dataset.event(id);
      return e !== undefined && overlapsWindow(e, from, to);
    }),
  };
  state.layout = layout;
  return layout;
}

/**
 * The date of an event (its end when `end`), formatted once per plan: lines' accessible names
 * are rebuilt on every move of a window.
 *
 * @example
 * ```ts
 * panEventDate(pan, 'e1', false); // '18 June 2024'
 * ```
 */
export function panEventDate(pan: StorylinePan, eventId: string, end: boolean): string {
  const state = panStates.get(pan);
  if (!state) return '';
  const dates = derive(state.src).dates;
  const key = end ? `${eventId}\u0000end` : eventId;
  let text = dates.get(key);
  if (text === undefined) {
    const e = state.src.dataset.event(eventId);
    text = e ? formatDate(end ? (e.when.end ?? e.when.start) : e.when.start) : '';
    dates.set(key, text);
  }
  return text;
}
