/**
 * Storyline layout: each actor is a line running left to right through time; actors who take
 * part in the same event converge into a tight bundle at that event's time slot. Pure and
 * deterministic: a {@link Dataset} and options in, plain records out, no DOM.
 *
 * The model follows Tanahashi & Ma (2012), StoryFlow (Liu et al., 2013) and their successors:
 * discrete time slots, per-slot orders in which every event's participants are contiguous,
 * then three stages — ordering (fewer crossings), alignment (fewer wiggles) and compaction
 * (less white space).
 */
import { line as d3line, curveBumpX } from 'd3-shape';
import type { Dataset } from '../model/types.js';
import type { TimeWindow } from '../link/state.js';
import type { TextMeasurer } from '../render/common/context.js';
import { formatDate } from '../model/dates.js';
import { estimateTextWidth } from '../render/common/measure.js';
import { buildStructure, sortGroupsByRank, type SlotGroup, type StoryStructure } from './storyline/structure.js';
import { CrossingCounter, flatten, optimiseOrder } from './storyline/order.js';
import { alignedHeights, packedHeights, slotGaps } from './storyline/align.js';

/**
 * Options of {@link layoutStoryline}.
 *
 * @example
 * ```ts
 * const options: StorylineOptions = { width: 960, lineGap: 8, groupGap: 24, window: [from, to] };
 * ```
 */
export interface StorylineOptions {
  /** Total width in pixels, labels included. */
  readonly width: number;
  /**
   * Total height in pixels. When the natural height (set by the gaps) is taller, heights are
   * scaled down to fit; when omitted, the natural height is used.
   */
  readonly height?: number;
  /** Only events overlapping this window (epoch ms, inclusive). `null` or absent: all events. */
  readonly window?: TimeWindow | null;
  /** Only these actors are drawn; events with none of them are left out. Absent: every actor. */
  readonly actors?: readonly string[];
  /**
   * Keep actors that are in no event at a slot in bands by affiliation tree (an official runs
   * beside their ministry and state). Default `true`.
   */
  readonly groupAffiliated?: boolean;
  /** Vertical distance between lines in one group (an event or a band). Default 12, a label's height. */
  readonly lineGap?: number;
  /** Vertical distance between groups. Default 28. */
  readonly groupGap?: number;
  /** Measures label and tick text. Default: `estimateTextWidth` (deterministic, Helvetica/Arial widths). */
  readonly measureText?: TextMeasurer;
  /** The CSS font labels are measured in. Default `12px sans-serif`. */
  readonly font?: string;
  /** Ordering sweeps (alternately forward and backward). Default 12. */
  readonly maxIterations?: number;
  /**
   * A line stops when its actor is absent from more than this many consecutive slots, and
   * starts again, labelled again, when it returns. Default 10; `Infinity` never breaks.
   */
  readonly breakGap?: number;
  /** `even` (default): slots equally spaced; `time`: by time, with a minimum spacing. */
  readonly spacing?: 'even' | 'time';
}

/** A time slot: a column of the storyline holding events that share an instant and no actor. */
export interface StorylineSlot {
  readonly index: number;
  /** Centre of the slot in pixels. */
  readonly x: number;
  /** Earliest instant of its events (epoch ms). */
  readonly time: number;
  /** Latest instant of its events (epoch ms). */
  readonly end: number;
  readonly eventIds: readonly string[];
}

/** One point of an actor's line: its height at a slot. */
export interface StorylinePoint {
  readonly slot: number;
  readonly x: number;
  readonly y: number;
}

/** A continuous stretch of an actor's line; a line breaks where the actor is long absent. */
export interface StorylineSegment {
  readonly points: readonly StorylinePoint[];
  /** SVG path data for this stretch (flat through each slot, a bump curve between slots). */
  readonly d: string;
}

/** An actor's line. */
export interface StorylineLine {
  readonly actorId: string;
  /** The actor's name (its id when the dataset does not know it). */
  readonly name: string;
  readonly segments: readonly StorylineSegment[];
  /** Path data of all segments, each starting with its own `M`. */
  readonly d: string;
}

/** An event's marker: a bar across its participants' lines at its slot. */
export interface StorylineMarker {
  readonly eventId: string;
  readonly slot: number;
  readonly x: number;
  /** Height of the topmost participant's line. */
  readonly y0: number;
  /** Height of the bottom participant's line. */
  readonly y1: number;
  /** Participants from top to bottom. */
  readonly actorIds: readonly string[];
}

/** A line label: at the start of each segment, right-aligned to the left of it. */
export interface StorylineLabel {
  readonly actorId: string;
  /** The name, shortened with an ellipsis when longer than a quarter of the width. */
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly slot: number;
  /** `start` for the line's first label, `return` for a label after a break. */
  readonly kind: 'start' | 'return';
  /** `end`: left of the line's start (the default place); `start`: just above it, to the right. */
  readonly anchor: 'start' | 'end';
  /**
   * False when the label would overlap an earlier one in both of its places; renderers skip it
   * (the line keeps its accessible name).
   */
  readonly visible: boolean;
}

/** A time-axis tick at a slot, thinned so tick labels never overlap. */
export interface StorylineTick {
  readonly slot: number;
  readonly x: number;
  /** The slot's date at the first event's own precision, short style (`Jun 2024`). */
  readonly label: string;
}

/**
 * The result of {@link layoutStoryline}: plain records a renderer joins by key (`actorId`,
 * `eventId`), plus the quality measures.
 */
export interface StorylineLayout {
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
  /** Width of event markers and of the flat part of a line at a slot. */
  readonly markerWidth: number;
  readonly slots: readonly StorylineSlot[];
  /** Actor ids at each slot, top to bottom. */
  readonly orders: readonly (readonly string[])[];
  readonly lines: readonly StorylineLine[];
  readonly markers: readonly StorylineMarker[];
  readonly labels: readonly StorylineLabel[];
  readonly ticks: readonly StorylineTick[];
  /** Line crossings between consecutive slots (see {@link countCrossings}). */
  readonly crossings: number;
  /** Changes of height between consecutive slots (see {@link countWiggles}). */
  readonly wiggles: number;
  /** Events in the window that were not drawn because none of their actors is. */
  readonly omittedEventIds: readonly string[];
}

interface Normalised {
  readonly width: number;
  readonly height: number | undefined;
  readonly window: TimeWindow | null;
  readonly actors: readonly string[] | null;
  readonly groupAffiliated: boolean;
  readonly lineGap: number;
  readonly groupGap: number;
  readonly measureText: TextMeasurer;
  readonly font: string;
  readonly maxIterations: number;
  readonly breakGap: number;
  readonly spacing: 'even' | 'time';
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(`layoutStoryline: ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${String(value)}.`);
  }
  return value;
}

function normalise(options: StorylineOptions): Normalised {
  if (options === null || typeof options !== 'object') throw new TypeError('layoutStoryline: options { width } are required.');
  const width = positive('width', options.width, NaN);
  if (!Number.isFinite(width)) throw new RangeError(`layoutStoryline: width must be a finite positive number, got ${String(options.width)}.`);
  const spacing = options.spacing ?? 'even';
  if (spacing !== 'even' && spacing !== 'time') {
    throw new RangeError(`layoutStoryline: unknown spacing ${JSON.stringify(spacing)}; use 'even' or 'time'.`);
  }
  const window = options.window ?? null;
  if (window !== null && !(Array.isArray(window) && window.length === 2 && window[0] <= window[1])) {
    throw new RangeError('layoutStoryline: window must be [from, to] with from <= to, or null.');
  }
  return {
    width,
    height: options.height === undefined ? undefined : positive('height', options.height, 0),
    window,
    actors: options.actors ?? null,
    groupAffiliated: options.groupAffiliated ?? true,
    lineGap: positive('lineGap', options.lineGap, 12),
    groupGap: positive('groupGap', options.groupGap, 28),
    measureText: options.measureText ?? estimateTextWidth,
    font: options.font ?? '12px sans-serif',
    maxIterations: Math.floor(positive('maxIterations', options.maxIterations, 12, true)),
    breakGap: positive('breakGap', options.breakGap, 10, true),
    spacing,
  };
}

/**
 * Lays out a storyline of `dataset`: ordered to reduce crossings (barycentric sweeps with
 * groups kept contiguous), aligned to reduce wiggles (longest run of lines that can stay
 * straight at each slot) and compacted (longest-path heights of straight runs).
 *
 * Guarantees: at every slot each event's participants are adjacent, so no other line passes
 * through an event; every drawn event has exactly one marker; equal input gives equal output.
 *
 * @example
 * ```ts
 * const layout = layoutStoryline(dataset, { width: 960 });
 * layout.lines[0].d;   // 'M120,12L128,12C…'
 * layout.crossings;    // 3
 * ```
 */
export function layoutStoryline(dataset: Dataset, options: StorylineOptions): StorylineLayout {
  const o = normalise(options);
  const structure = buildStructure(dataset, o);
  const { groups, orders, crossings } = optimiseOrder(structure.groups, structure.actorIds.length, o.maxIterations);
  const gaps = groups.map((g) => slotGaps(g, o.lineGap, o.groupGap));
  const ys = alignedHeights(orders, groups, gaps, structure.actorIds.length);
  return geometry(dataset, structure, groups, orders, ys, crossings, o);
}

/**
 * The unoptimised baseline with the same slots, runs and groups as {@link layoutStoryline}:
 * groups ordered by first appearance of their earliest member, heights packed slot by slot.
 * Useful to measure what the optimisation buys (see `bench/storyline.mjs`).
 *
 * @example
 * ```ts
 * const naive = naiveStorylineOrder(dataset, { width: 960 });
 * const best = layoutStoryline(dataset, { width: 960 });
 * console.log(best.crossings / naive.crossings);
 * ```
 */
export function naiveStorylineOrder(dataset: Dataset, options: StorylineOptions): StorylineLayout {
  const o = normalise(options);
  const structure = buildStructure(dataset, o);
  const byFirst = Float64Array.from(structure.actorIds, (_, i) => i);
  const groups = structure.groups.map((slot) =>
    sortGroupsByRank(
      slot.map((g) => ({ members: [...g.members], event: g.event })),
      byFirst,
    ),
  );
  const orders = groups.map(flatten);
  const crossings = new CrossingCounter(structure.actorIds.length).total(orders);
  const gaps = groups.map((g) => slotGaps(g, o.lineGap, o.groupGap));
  return geometry(dataset, structure, groups, orders, packedHeights(orders, gaps), crossings, o);
}

/**
 * Counts line crossings of a layout: for each pair of consecutive slots, the pairs of actors
 * drawn at both whose vertical order flips. O(k log k) per slot pair.
 *
 * @example
 * ```ts
 * countCrossings(layoutStoryline(dataset, { width: 800 })); // equals layout.crossings
 * ```
 */
export function countCrossings(layout: Pick<StorylineLayout, 'orders'>): number {
  const index = new Map<string, number>();
  const orders = layout.orders.map((order) =>
    Int32Array.from(order, (id) => {
      let i = index.get(id);
      if (i === undefined) index.set(id, (i = index.size));
      return i;
    }),
  );
  return new CrossingCounter(index.size).total(orders);
}

/**
 * Counts wiggles of a layout: places where a line changes height from one slot to the next
 * within a segment.
 *
 * @example
 * ```ts
 * countWiggles(layoutStoryline(dataset, { width: 800 })); // equals layout.wiggles
 * ```
 */
export function countWiggles(layout: Pick<StorylineLayout, 'lines'>): number {
  let wiggles = 0;
  for (const line of layout.lines) {
    for (const segment of line.segments) {
      for (let i = 1; i < segment.points.length; i++) {
        if (Math.abs(segment.points[i]!.y - segment.points[i - 1]!.y) > 1e-6) wiggles++;
      }
    }
  }
  return wiggles;
}

function truncate(text: string, maxWidth: number, measure: TextMeasurer, font: string): string {
  if (measure(text, font) <= maxWidth) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(chars.slice(0, mid).join('') + '…', font) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + '…';
}

function slotXs(structure: StoryStructure, left: number, right: number, spacing: 'even' | 'time'): Float64Array {
  const T = structure.slots.length;
  const xs = new Float64Array(T);
  const span = Math.max(0, right - left);
  if (T === 1) xs[0] = left + span / 2;
  if (T <= 1) return xs;
  const even = span / (T - 1);
  if (spacing === 'even') {
    for (let t = 0; t < T; t++) xs[t] = left + t * even;
    return xs;
  }
  const t0 = structure.slots[0]!.start;
  const t1 = structure.slots[T - 1]!.start;
  const minGap = Math.min(even, 12);
  for (let t = 0; t < T; t++) {
    const raw = t1 > t0 ? ((structure.slots[t]!.start - t0) / (t1 - t0)) * span : t * even;
    xs[t] = t === 0 ? 0 : Math.max(raw, xs[t - 1]! + minGap);
  }
  const last = xs[T - 1]!;
  for (let t = 0; t < T; t++) xs[t] = left + (last > 0 ? (xs[t]! * span) / last : t * even);
  return xs;
}

const round = (v: number): number => Math.round(v * 100) / 100;

function geometry(
  dataset: Dataset,
  structure: StoryStructure,
  groups: readonly (readonly SlotGroup[])[],
  orders: readonly Int32Array[],
  ys: readonly Float64Array[],
  crossings: number,
  o: Normalised,
): StorylineLayout {
  const { actorIds, slots, runs } = structure;
  const T = slots.length;
  const names = actorIds.map((id) => dataset.actor(id)?.name ?? id);
  const maxLabel = Math.max(24, o.width * 0.25);
  const labelTexts = names.map((name) => truncate(name, maxLabel, o.measureText, o.font));

  // The left margin holds the labels of lines that start at the first slot.
  let labelWidth = 0;
  runs.forEach((list, a) => {
    if (list[0]?.[0] === 0) labelWidth = Math.max(labelWidth, o.measureText(labelTexts[a]!, o.font));
  });
  const provisionalStep = T > 1 ? o.width / T : o.width;
  const half = Math.max(1, Math.min(4, provisionalStep / 4));
  const margin = {
    top: 12,
    right: 8 + half,
    bottom: 28,
    left: Math.min(o.width * 0.3, Math.ceil(labelWidth + half + 12)),
  };
  const xs = slotXs(structure, margin.left, o.width - margin.right, o.spacing);

  let maxY = 0;
  for (const y of ys) for (let i = 0; i < y.length; i++) maxY = Math.max(maxY, y[i]!);
  const available = o.height === undefined ? maxY : Math.max(0, o.height - margin.top - margin.bottom);
  const scale = maxY > available && maxY > 0 ? available / maxY : 1;
  const height = o.height ?? Math.ceil(maxY + margin.top + margin.bottom);

  // Height of each actor at each slot.
  const yAt = new Map<number, Float64Array>();
  const yOf = (a: number): Float64Array => {
    let arr = yAt.get(a);
    if (!arr) yAt.set(a, (arr = new Float64Array(T).fill(NaN)));
    return arr;
  };
  orders.forEach((order, t) => {
    const y = ys[t]!;
    for (let i = 0; i < order.length; i++) yOf(order[i]!)[t] = round(margin.top + y[i]! * scale);
  });

  const path = d3line<readonly [number, number]>()
    .x((p) => p[0])
    .y((p) => p[1])
    .curve(curveBumpX)
    .digits(2);

  const lines: StorylineLine[] = [];
  const pending: { actorId: string; a: number; slot: number; y: number; kind: 'start' | 'return' }[] = [];
  let wiggles = 0;
  actorIds.forEach((actorId, a) => {
    const y = yOf(a);
    const segments = runs[a]!.map(([s, e]) => {
      const points: StorylinePoint[] = [];
      const vertices: [number, number][] = [];
      for (let t = s; t <= e; t++) {
        const x = round(xs[t]!);
        points.push({ slot: t, x, y: y[t]! });
        vertices.push([round(x - half), y[t]!], [round(x + half), y[t]!]);
        if (t > s && y[t] !== y[t - 1]) wiggles++;
      }
      return { points, d: path(vertices) ?? '' };
    });
    runs[a]!.forEach(([s], r) => {
      pending.push({ actorId, a, slot: s, y: y[s]!, kind: r === 0 ? 'start' : 'return' });
    });
    lines.push({ actorId, name: names[a]!, segments, d: segments.map((sg) => sg.d).join('') });
  });

  // Labels: left of the line's start; if that overlaps a label already placed, just above the
  // start, to the right; if both overlap, hidden. Greedy in time order, so early labels win.
  const fontSize = Number(/(\d+(?:\.\d+)?)px/.exec(o.font)?.[1] ?? 12);
  let boxes: [number, number, number, number][] = [];
  let boxesSlot = -1;
  const free = (b: [number, number, number, number]): boolean =>
    boxes.every((c) => b[2] <= c[0] || b[0] >= c[2] || b[3] <= c[1] || b[1] >= c[3]);
  pending.sort((p, q) => p.slot - q.slot || p.y - q.y || p.a - q.a);
  const labels: StorylineLabel[] = pending.map((p) => {
    const text = labelTexts[p.a]!;
    const w = o.measureText(text, o.font);
    const x = xs[p.slot]!;
    if (p.slot !== boxesSlot) {
      // Labels come in time order, so boxes far to the left can no longer collide: drop them.
      boxesSlot = p.slot;
      const reach = x - half - 8 - maxLabel;
      boxes = boxes.filter((c) => c[2] > reach);
    }
    const left: [number, number, number, number] = [x - half - 4 - w, p.y - fontSize / 2, x - half - 4, p.y + fontSize / 2];
    const above: [number, number, number, number] = [x + half + 2, p.y - fontSize * 1.5, x + half + 2 + w, p.y - fontSize * 0.5];
    const base = { actorId: p.actorId, text, slot: p.slot, kind: p.kind };
    if (free(left)) {
      boxes.push(left);
      return { ...base, x: round(x - half - 4), y: p.y, anchor: 'end', visible: true };
    }
    if (free(above)) {
      boxes.push(above);
      return { ...base, x: round(x + half + 2), y: round(p.y - fontSize), anchor: 'start', visible: true };
    }
    return { ...base, x: round(x - half - 4), y: p.y, anchor: 'end', visible: false };
  });

  const markers: StorylineMarker[] = [];
  slots.forEach((slot, t) => {
    // Participants in top-to-bottom order come straight from the slot's groups.
    for (const g of groups[t]!) {
      if (g.event < 0) continue;
      const event = slot.events[g.event]!;
      const first = g.members[0]!;
      const last = g.members[g.members.length - 1]!;
      markers.push({
        eventId: event.id,
        slot: t,
        x: round(xs[t]!),
        y0: yOf(first)[t]!,
        y1: yOf(last)[t]!,
        actorIds: g.members.map((m) => actorIds[m]!),
      });
    }
  });

  const ticks: StorylineTick[] = [];
  let lastRight = -Infinity;
  slots.forEach((slot, t) => {
    const label = formatDate(slot.events[0]!.when.start, { style: 'short' });
    const w = o.measureText(label, o.font);
    const x = round(xs[t]!);
    const left = Math.max(0, Math.min(x - w / 2, o.width - w));
    if (left >= lastRight + 8 && label !== ticks[ticks.length - 1]?.label) {
      ticks.push({ slot: t, x, label });
      lastRight = left + w;
    }
  });

  return {
    width: o.width,
    height,
    margin,
    markerWidth: round(half * 2),
    slots: slots.map((slot, t) => ({
      index: t,
      x: round(xs[t]!),
      time: slot.start,
      end: slot.end,
      eventIds: slot.events.map((e) => e.id),
    })),
    orders: orders.map((order) => Array.from(order, (a) => actorIds[a]!)),
    lines,
    markers,
    labels,
    ticks,
    crossings,
    wiggles,
    omittedEventIds: structure.omitted,
  };
}
