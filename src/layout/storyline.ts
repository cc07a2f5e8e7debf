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
import { bisectLeft, bisectRight } from 'd3-array';
import type { Dataset, EntityEvent } from '../model/types.js';
import type { TimeWindow } from '../link/state.js';
import type { TextMeasurer } from '../render/common/context.js';
import { formatDate } from '../model/dates.js';
import { estimateTextWidth } from '../render/common/measure.js';
import { buildStructure, sortGroupsByRank, type LabelReach, type SlotGroup, type SlotRecord, type StoryStructure } from './storyline/structure.js';
import { CrossingCounter, flatten, optimiseOrder } from './storyline/order.js';
import { alignedHeights, packedHeights, slotGaps } from './storyline/align.js';
import { placeLabels } from './storyline/labels.js';
import { round, segmentPath } from './storyline/path.js';
import { panPlan, type PanSource, type StorylinePan } from './storyline/pan.js';

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
  /**
   * Hold room for each label left of its segment's start: the actor takes part in ordering and
   * alignment there as an undrawn line, so other lines make way for the label. `auto`
   * (default): when slots are at least 16 px apart, i.e. where labels can be read at all (in a
   * dense chart the room would cost height and crossings for labels nobody reads). `false`
   * gives a more compact chart whose labels may need leaders or be hidden.
   */
  readonly labelRoom?: boolean | 'auto';
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

/**
 * A line label at the start of each segment, clear of other labels, lines and event markers:
 * left of the line's start at its height where there is room; else above or below the start,
 * reading right; else a row or two up or down on the left, joined to the start by a leader.
 */
export interface StorylineLabel {
  readonly actorId: string;
  /** The name, shortened with an ellipsis when longer than a quarter of the width. */
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly slot: number;
  /** `start` for the line's first label, `return` for a label after a break. */
  readonly kind: 'start' | 'return';
  /** `end`: the label ends at `x` (left of the line's start); `start`: it begins at `x` (above or below the start). */
  readonly anchor: 'start' | 'end';
  /**
   * False when no place clear of other labels was found (for a label after a break: clear of
   * labels, lines and markers); renderers skip it (the line keeps its accessible name).
   */
  readonly visible: boolean;
  /**
   * Present when the label was moved a row or two off its line for room: a short line from the
   * label's end (`x1`, `y1`) to the line's start (`x2`, `y2`).
   */
  readonly leader?: { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number };
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
  readonly labelRoom: boolean | 'auto';
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
    labelRoom: options.labelRoom ?? 'auto',
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
  return layoutStorylineWindow(planStoryline(dataset, options), null);
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
  const structure = buildStructure(dataset, { ...o, ...(o.labelRoom ? { labelReach: labelReach(dataset, o) } : {}) });
  const byFirst = Float64Array.from(structure.actorIds, (_, i) => i);
  const groups = structure.groups.map((slot) =>
    sortGroupsByRank(
      slot.map((g) => ({ members: [...g.members], event: g.event })),
      byFirst,
    ),
  );
  const orders = groups.map(flatten);
  const gaps = groups.map((g) => slotGaps(g, o.lineGap, o.groupGap));
  const drawn = dropReserved(structure, orders, packedHeights(orders, gaps));
  return geometry(dataset, structure, groups, drawn.orders, drawn.ys, drawn.crossings, o);
}

/** Names, label texts and widths of `actorIds`, computed once per plan. */
function actorText(dataset: Dataset, actorIds: readonly string[], o: Normalised): ActorText {
  return { names: actorIds.map((id) => dataset.actor(id)?.name ?? id), ...labelTextsOf(dataset, actorIds, o) };
}

/** Label texts (shortened to a quarter of the width) and their measured widths, by actor index. */
function labelTextsOf(dataset: Dataset, actorIds: readonly string[], o: Normalised): { texts: string[]; widths: number[] } {
  const maxLabel = Math.max(24, o.width * 0.25);
  const texts = actorIds.map((id) => truncate(dataset.actor(id)?.name ?? id, maxLabel, o.measureText, o.font));
  return { texts, widths: texts.map((text) => o.measureText(text, o.font)) };
}

/** Half the width of a slot's flat part and of its markers, from the number of slots. */
function halfWidth(width: number, slotCount: number): number {
  const step = slotCount > 1 ? width / slotCount : width;
  return Math.max(1, Math.min(4, step / 4));
}

/**
 * The room each label needs, in slots, measured on provisional slot positions (the final ones
 * differ only by the left gutter, which {@link geometry} sizes for the labels at the first slot).
 */
function labelReach(dataset: Dataset, o: Normalised): LabelReach {
  return (actorIds, slots) => {
    const { widths } = labelTextsOf(dataset, actorIds, o);
    const half = halfWidth(o.width, slots.length);
    let gutter = 0;
    for (const members of slots[0]?.eventActors ?? []) for (const a of members) gutter = Math.max(gutter, widths[a]! + half + 12);
    const xs = slotXs(slots, Math.min(o.width * 0.3, gutter), o.width - 8 - half, o.spacing);
    const T = slots.length;
    if (o.labelRoom === 'auto' && T > 1 && (xs[T - 1]! - xs[0]!) / (T - 1) < 16) return () => 0;
    return (a, s) => {
      const leftmost = xs[s]! - half - 6 - widths[a]!;
      let lo = 0;
      let hi = s;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (xs[mid]! + half < leftmost) lo = mid + 1;
        else hi = mid;
      }
      return s - lo;
    };
  };
}

/** Weight of keeping a line level into each slot: high across the room held for its label. */
const LABEL_ROOM_WEIGHT = 2;

function labelWeights(structure: StoryStructure): (t: number, a: number) => number {
  const T = structure.slots.length;
  const heavy = new Set<number>();
  structure.reserved.forEach((list, a) => {
    // From the second slot of the room to the segment's first slot, where the label ends.
    for (const [s, e] of list) for (let t = s + 1; t <= e + 1; t++) heavy.add(a * T + t);
  });
  if (heavy.size === 0) return () => 1;
  return (t, a) => (heavy.has(a * T + t) ? LABEL_ROOM_WEIGHT : 1);
}

/**
 * Removes the undrawn label-room entries from each slot's order and heights, and counts the
 * crossings of what is drawn.
 */
function dropReserved(
  structure: StoryStructure,
  orders: readonly Int32Array[],
  ys: readonly Float64Array[],
): { orders: Int32Array[]; ys: Float64Array[]; crossings: number } {
  const n = structure.actorIds.length;
  const T = orders.length;
  let reservesAny = false;
  const reservedAt = new Uint8Array(n * T);
  structure.reserved.forEach((list, a) => {
    for (const [s, e] of list) {
      reservesAny = true;
      for (let t = s; t <= e; t++) reservedAt[a * T + t] = 1;
    }
  });
  const counter = new CrossingCounter(n);
  if (!reservesAny) return { orders: orders.slice(), ys: ys.slice(), crossings: counter.total(orders) };
  const outOrders: Int32Array[] = [];
  const outYs: Float64Array[] = [];
  for (let t = 0; t < T; t++) {
    const order = orders[t]!;
    const y = ys[t]!;
    let k = 0;
    for (let i = 0; i < order.length; i++) if (!reservedAt[order[i]! * T + t]) k++;
    const o2 = new Int32Array(k);
    const y2 = new Float64Array(k);
    k = 0;
    for (let i = 0; i < order.length; i++) {
      if (reservedAt[order[i]! * T + t]) continue;
      o2[k] = order[i]!;
      y2[k++] = y[i]!;
    }
    outOrders.push(o2);
    outYs.push(y2);
  }
  return { orders: outOrders, ys: outYs, crossings: counter.total(outOrders) };
}

/**
 * The costly stages of a storyline (slots, order, heights) computed once, ready to be cut to any
 * time window by {@link layoutStorylineWindow}. Created by {@link planStoryline}.
 *
 * @example
 * ```ts
 * const plan = planStoryline(dataset, { width: 960 });
 * plan.eventCount; // events in the plan
 * ```
 */
export interface StorylinePlan {
  /** Number of events the plan lays out. */
  readonly eventCount: number;
}

interface PlanState {
  readonly dataset: Dataset;
  readonly o: Normalised;
  readonly structure: StoryStructure;
  readonly groups: readonly (readonly SlotGroup[])[];
  readonly orders: readonly Int32Array[];
  readonly ys: readonly Float64Array[];
  readonly crossings: number;
  /**
   * Running maximum of the slots' ends and running minimum (from the right) of their starts:
   * both monotone, so the slots a window can touch form one range found by binary search, and
   * a window step visits its own slots rather than every slot of the plan.
   */
  readonly maxEndUpTo: Float64Array;
  readonly minStartFrom: Float64Array;
  /** Actor names and label texts and widths: they depend on the data and options, not the window. */
  readonly text: ActorText;
  /** The plan in pixels for {@link panStoryline}, made when first panned. */
  pan?: PanSource;
}

/** Names, shortened label texts and their widths, by actor index. */
interface ActorText {
  readonly names: readonly string[];
  readonly texts: readonly string[];
  readonly widths: readonly number[];
}

const plans = new WeakMap<StorylinePlan, PlanState>();


/**
 * Lays out the storyline of `dataset` (all of it, or `options.window`) once, leaving only the
 * drawing to {@link layoutStorylineWindow}. For linked views whose time window moves often on a
 * large dataset: cutting a plan to a window costs a small fraction of laying the window out.
 *
 * @example
 * ```ts
 * const plan = planStoryline(dataset, { width: 960 });
 * const june = layoutStorylineWindow(plan, [Date.UTC(2024, 5, 1), Date.UTC(2024, 5, 30)]);
 * ```
 */
export function planStoryline(dataset: Dataset, options: StorylineOptions): StorylinePlan {
  const o = normalise(options);
  const structure = buildStructure(dataset, { ...o, ...(o.labelRoom ? { labelReach: labelReach(dataset, o) } : {}) });
  const optimised = optimiseOrder(structure.groups, structure.actorIds.length, o.maxIterations);
  const gaps = optimised.groups.map((g) => slotGaps(g, o.lineGap, o.groupGap));
  const ys = alignedHeights(optimised.orders, optimised.groups, gaps, structure.actorIds.length, labelWeights(structure));
  const drawn = dropReserved(structure, optimised.orders, ys);
  let eventCount = 0;
  for (const slot of structure.slots) eventCount += slot.events.length;
  const T = structure.slots.length;
  const maxEndUpTo = new Float64Array(T);
  const minStartFrom = new Float64Array(T);
  for (let t = 0, m = -Infinity; t < T; t++) maxEndUpTo[t] = m = Math.max(m, structure.slots[t]!.end);
  for (let t = T - 1, m = Infinity; t >= 0; t--) minStartFrom[t] = m = Math.min(m, structure.slots[t]!.start);
  const plan: StorylinePlan = Object.freeze({ eventCount });
  plans.set(plan, {
    dataset,
    o,
    structure,
    groups: optimised.groups,
    orders: drawn.orders,
    ys: drawn.ys,
    crossings: drawn.crossings,
    maxEndUpTo,
    minStartFrom,
    text: actorText(dataset, structure.actorIds, o),
  });
  return plan;
}

/**
 * The storyline of a plan's events that overlap `window` (inclusive; `null`: all of them),
 * cut from the plan rather than laid out again: every line keeps its order and, apart from
 * empty bands being closed up, its height, so lines hold their places as a window is dragged.
 * Slots, runs, labels, markers and ticks are those of the window's events, as in
 * {@link layoutStoryline}; only the order may have more crossings than a layout made for the
 * window alone would.
 *
 * @example
 * ```ts
 * const plan = planStoryline(dataset, { width: 960 });
 * link.on('change', (state) => draw(layoutStorylineWindow(plan, state.window)));
 * ```
 */
export function layoutStorylineWindow(plan: StorylinePlan, window: TimeWindow | null): StorylineLayout {
  const p = plans.get(plan);
  if (!p) throw new TypeError('layoutStorylineWindow: plan must come from planStoryline.');
  if (window !== null && !(Array.isArray(window) && window.length === 2 && window[0] <= window[1])) {
    throw new RangeError('layoutStorylineWindow: window must be [from, to] with from <= to, or null.');
  }
  const { structure, o } = p;
  if (window === null) return geometry(p.dataset, structure, p.groups, p.orders, p.ys, p.crossings, o, p.text);
  const [from, to] = window;
  const n = structure.actorIds.length;
  const inWindow = (e: EntityEvent): boolean => e.when.earliest <= to && e.when.latest >= from;

  // Slots with an event in the window, keeping only those events (and their groups).
  const keep: number[] = [];
  const slots: SlotRecord[] = [];
  const groups: SlotGroup[][] = [];
  // Slots before `lo` end before the window, slots from `hi` start after it.
  const lo = bisectLeft(p.maxEndUpTo, from);
  const hi = bisectRight(p.minStartFrom, to);
  for (let t = lo; t < hi; t++) {
    const slot = structure.slots[t]!;
    const remap = new Int32Array(slot.events.length).fill(-1);
    const events: EntityEvent[] = [];
    const eventActors: (readonly number[])[] = [];
    slot.events.forEach((e, i) => {
      if (!inWindow(e)) return;
      remap[i] = events.length;
      events.push(e);
      eventActors.push(slot.eventActors[i]!);
    });
    if (events.length === 0) continue;
    keep.push(t);
    slots.push({ start: events.reduce((m, e) => Math.min(m, e.when.earliest), Infinity), end: events.reduce((m, e) => Math.max(m, e.when.latest), -Infinity), events, eventActors });
    groups.push(p.groups[t]!.filter((g) => g.event >= 0 && remap[g.event]! >= 0).map((g) => ({ members: g.members, event: remap[g.event]! })));
  }
  const K = keep.length;

  // Runs: each actor from its first to its last appearance in the window, broken where the
  // plan breaks it (a gap longer than breakGap among all the plan's slots).
  const firstApp = new Int32Array(n).fill(-1);
  const lastApp = new Int32Array(n).fill(-1);
  slots.forEach((slot, k) => {
    for (const members of slot.eventActors) {
      for (const a of members) {
        if (firstApp[a]! < 0) firstApp[a] = k;
        lastApp[a] = k;
      }
    }
  });
  const runs = structure.runs.map((list, a) => {
    const out: [number, number][] = [];
    if (firstApp[a]! < 0) return out;
    for (const [s, e] of list) {
      // The kept slots within [s, e], by binary search on the (ascending) kept slot indices.
      const k0 = Math.max(firstApp[a]!, bisectLeft(keep, s));
      const k1 = Math.min(lastApp[a]!, bisectLeft(keep, e + 1) - 1);
      if (k0 <= k1) out.push([k0, k1]);
    }
    return out;
  });
  const drawnAt = new Uint8Array(n * Math.max(1, K));
  runs.forEach((list, a) => {
    for (const [s, e] of list) for (let k = s; k <= e; k++) drawnAt[a * K + k] = 1;
  });

  const orders: Int32Array[] = [];
  const ys: Float64Array[] = [];
  const used: number[] = [];
  keep.forEach((t, k) => {
    const order = p.orders[t]!;
    const y = p.ys[t]!;
    const o2: number[] = [];
    const y2: number[] = [];
    for (let i = 0; i < order.length; i++) {
      if (!drawnAt[order[i]! * K + k]) continue;
      o2.push(order[i]!);
      y2.push(y[i]!);
      used.push(y[i]!);
    }
    orders.push(Int32Array.from(o2));
    ys.push(Float64Array.from(y2));
  });

  // Close up the bands left empty by lines outside the window: one monotone map of heights,
  // so straight lines stay straight and no gap shrinks below groupGap (or below itself).
  const levels = [...new Set(used)].sort((a, b) => a - b);
  const mapped = new Map<number, number>();
  let at = 0;
  levels.forEach((v, i) => {
    if (i > 0) at += Math.min(v - levels[i - 1]!, o.groupGap);
    mapped.set(v, at);
  });
  const squeezed = ys.map((y) => y.map((v) => mapped.get(v)!));

  const sub: StoryStructure = {
    actorIds: structure.actorIds,
    slots,
    groups,
    runs,
    rank: structure.rank,
    omitted: structure.omitted.filter((id) => {
      const e = p.dataset.event(id);
      return e !== undefined && inWindow(e);
    }),
    reserved: structure.actorIds.map(() => []),
  };
  const crossings = new CrossingCounter(n).total(orders);
  return geometry(p.dataset, sub, groups, orders, squeezed, crossings, o, p.text);
}

/**
 * Pans a plan to `window` for a view whose window moves often: unlike
 * {@link layoutStorylineWindow}, every line keeps the height it has in the whole storyline (no
 * band is closed up) and the slots keep a fixed horizontal scale while a moved window still
 * fills most of the plot (pass the `previous` pan), so line pieces, markers and labels are
 * computed once per chunk of slots and a move only translates them. Lines run on to the
 * window's edges, where each is named; markers are exactly the window's events.
 *
 * @example
 * ```ts
 * const plan = planStoryline(dataset, { width: 960 });
 * let pan = panStoryline(plan, [from, to]);
 * pan = panStoryline(plan, [from + day, to + day], pan); // same scale: translate by pan.offset
 * ```
 */
export function panStoryline(plan: StorylinePlan, window: TimeWindow | null, previous: StorylinePan | null = null): StorylinePan {
  const p = plans.get(plan);
  if (!p) throw new TypeError('panStoryline: plan must come from planStoryline.');
  if (window !== null && !(Array.isArray(window) && window.length === 2 && window[0] <= window[1])) {
    throw new RangeError('panStoryline: window must be [from, to] with from <= to, or null.');
  }
  p.pan ??= panSourceOf(p);
  return panPlan(p.pan, window, previous);
}

function panSourceOf(p: PlanState): PanSource {
  const { o, structure } = p;
  const T = structure.slots.length;
  const fontSize = Number(/(\d+(?:\.\d+)?)px/.exec(o.font)?.[1] ?? 12);
  let widest = 0;
  for (const w of p.text.widths) widest = Math.max(widest, w);
  // The left margin holds the labels of the lines at the window's left edge.
  const margin = { top: 12, right: 12, bottom: 28, left: Math.min(o.width * 0.3, Math.ceil(Math.max(widest + 16, 16))) };
  let maxY = 0;
  for (const y of p.ys) for (let i = 0; i < y.length; i++) maxY = Math.max(maxY, y[i]!);
  const available = o.height === undefined ? maxY : Math.max(0, o.height - margin.top - margin.bottom);
  const scale = maxY > available && maxY > 0 ? available / maxY : 1;
  const u = o.spacing === 'even' || T < 2 ? Float64Array.from({ length: T }, (_, t) => t) : slotXs(structure.slots, 0, T - 1, 'time');
  return {
    dataset: p.dataset,
    actorIds: structure.actorIds,
    names: p.text.names,
    texts: p.text.texts,
    widths: p.text.widths,
    slots: structure.slots,
    groups: p.groups,
    orders: p.orders,
    ys: p.ys.map((y) => y.map((v) => round(margin.top + v * scale))),
    runs: structure.runs,
    u,
    width: o.width,
    height: o.height ?? Math.ceil(maxY + margin.top + margin.bottom),
    margin,
    fontSize,
    font: o.font,
    measureText: o.measureText,
    maxEndUpTo: p.maxEndUpTo,
    minStartFrom: p.minStartFrom,
    omitted: structure.omitted,
  };
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

function slotXs(slots: readonly SlotRecord[], left: number, right: number, spacing: 'even' | 'time'): Float64Array {
  const T = slots.length;
  const xs = new Float64Array(T);
  const span = Math.max(0, right - left);
  if (T === 1) xs[0] = left + span / 2;
  if (T <= 1) return xs;
  const even = span / (T - 1);
  if (spacing === 'even') {
    for (let t = 0; t < T; t++) xs[t] = left + t * even;
    return xs;
  }
  const t0 = slots[0]!.start;
  const t1 = slots[T - 1]!.start;
  const minGap = Math.min(even, 12);
  for (let t = 0; t < T; t++) {
    const raw = t1 > t0 ? ((slots[t]!.start - t0) / (t1 - t0)) * span : t * even;
    xs[t] = t === 0 ? 0 : Math.max(raw, xs[t - 1]! + minGap);
  }
  const last = xs[T - 1]!;
  for (let t = 0; t < T; t++) xs[t] = left + (last > 0 ? (xs[t]! * span) / last : t * even);
  return xs;
}

function geometry(
  dataset: Dataset,
  structure: StoryStructure,
  groups: readonly (readonly SlotGroup[])[],
  orders: readonly Int32Array[],
  ys: readonly Float64Array[],
  crossings: number,
  o: Normalised,
  text: ActorText = actorText(dataset, structure.actorIds, o),
): StorylineLayout {
  const { actorIds, slots, runs } = structure;
  const T = slots.length;
  const { names, texts: labelTexts, widths: labelWidths } = text;
  const fontSize = Number(/(\d+(?:\.\d+)?)px/.exec(o.font)?.[1] ?? 12);
  const half = halfWidth(o.width, T);
  // The left margin is the gutter for the labels of lines that start near the left edge: wide
  // enough that each such label fits left of its line's start (the longest one measured).
  const right = 8 + half;
  const maxLeft = o.width * 0.3;
  let left = 0;
  runs.forEach((list, a) => {
    if (list[0]?.[0] === 0) left = Math.max(left, labelWidths[a]! + half + 12);
  });
  left = Math.min(maxLeft, Math.ceil(Math.max(left, half + 8)));
  let xs = slotXs(slots, left, o.width - right, o.spacing);
  for (let pass = 0; pass < 3; pass++) {
    let deficit = 0;
    runs.forEach((list, a) => {
      const s = list[0]?.[0];
      if (s !== undefined && s > 0) deficit = Math.max(deficit, labelWidths[a]! + half + 8 - xs[s]!);
    });
    if (deficit <= 0.5 || left >= maxLeft) break;
    left = Math.min(maxLeft, Math.ceil(left + deficit));
    xs = slotXs(slots, left, o.width - right, o.spacing);
  }
  const margin = { top: 12, right, bottom: 28, left };

  let maxY = 0;
  for (const y of ys) for (let i = 0; i < y.length; i++) maxY = Math.max(maxY, y[i]!);
  const available = o.height === undefined ? maxY : Math.max(0, o.height - margin.top - margin.bottom);
  const scale = maxY > available && maxY > 0 ? available / maxY : 1;
  const height = o.height ?? Math.ceil(maxY + margin.top + margin.bottom);

  // Pixel heights: per slot in order (ascending), and per actor across slots.
  const pixelYs = ys.map((y) => y.map((v) => round(margin.top + v * scale)));
  const yOfActor = actorIds.map(() => new Float64Array(T).fill(NaN));
  orders.forEach((order, t) => {
    const y = pixelYs[t]!;
    for (let i = 0; i < order.length; i++) yOfActor[order[i]!]![t] = y[i]!;
  });

  const lines: StorylineLine[] = [];
  const pending: { actorId: string; a: number; slot: number; y: number; kind: 'start' | 'return' }[] = [];
  let wiggles = 0;
  actorIds.forEach((actorId, a) => {
    const y = yOfActor[a]!;
    const segments = runs[a]!.map(([s, e]) => {
      const points: StorylinePoint[] = new Array(e - s + 1);
      for (let t = s; t <= e; t++) {
        points[t - s] = { slot: t, x: round(xs[t]!), y: y[t]! };
        if (t > s && y[t] !== y[t - 1]) wiggles++;
      }
      return { points, d: segmentPath(xs, y, s, e, half) };
    });
    runs[a]!.forEach(([s], r) => {
      pending.push({ actorId, a, slot: s, y: y[s]!, kind: r === 0 ? 'start' : 'return' });
    });
    lines.push({ actorId, name: names[a]!, segments, d: segments.map((sg) => sg.d).join('') });
  });

  const markers: StorylineMarker[] = [];
  const markerSpans: number[][] = slots.map(() => []);
  slots.forEach((slot, t) => {
    // Participants in top-to-bottom order come straight from the slot's groups.
    for (const g of groups[t]!) {
      if (g.event < 0) continue;
      const event = slot.events[g.event]!;
      const y0 = yOfActor[g.members[0]!]![t]!;
      const y1 = yOfActor[g.members[g.members.length - 1]!]![t]!;
      markerSpans[t]!.push(y0, y1);
      markers.push({ eventId: event.id, slot: t, x: round(xs[t]!), y0, y1, actorIds: g.members.map((m) => actorIds[m]!) });
    }
  });

  // Labels, in time order so that early labels win, placed clear of lines, markers and labels.
  const nextY = orders.map((order, t) => {
    const next = new Float64Array(order.length).fill(NaN);
    if (t + 1 < T) {
      const ny = yOfActor;
      for (let i = 0; i < order.length; i++) next[i] = ny[order[i]!]![t + 1]!;
    }
    return next;
  });
  pending.sort((p, q) => p.slot - q.slot || p.y - q.y || p.a - q.a);
  const placed = placeLabels(
    pending.map((p) => ({ slot: p.slot, y: p.y, width: labelWidths[p.a]!, required: p.kind === 'start' })),
    { width: o.width, bottom: height - margin.bottom + fontSize / 2, xs, half, ys: pixelYs, nextY, markers: markerSpans, fontSize },
  );
  const labels: StorylineLabel[] = pending.map((p, i) => {
    const at = placed[i]!;
    return {
      actorId: p.actorId,
      text: labelTexts[p.a]!,
      slot: p.slot,
      kind: p.kind,
      x: round(at.x),
      y: round(at.y),
      anchor: at.anchor,
      visible: at.visible,
      ...(at.leader
        ? { leader: { x1: round(at.leader.x1), y1: round(at.leader.y1), x2: round(at.leader.x2), y2: round(at.leader.y2) } }
        : {}),
    };
  });

  const ticks: StorylineTick[] = [];
  let lastRight = -Infinity;
  for (let t = 0; t < T; t++) {
    const x = round(xs[t]!);
    // A tick's label is centred on x, so it cannot fit before the last one ends: skip the
    // formatting (the costly part) for the many slots of a dense chart.
    if (x < lastRight + 8) continue;
    const label = formatDate(slots[t]!.events[0]!.when.start, { style: 'short' });
    const w = o.measureText(label, o.font);
    const tickLeft = Math.max(0, Math.min(x - w / 2, o.width - w));
    if (tickLeft >= lastRight + 8 && label !== ticks[ticks.length - 1]?.label) {
      ticks.push({ slot: t, x, label });
      lastRight = tickLeft + w;
    }
  }

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

export { panEventDate, panLayout, type StorylinePan, type StorylinePanLine, type StorylinePanSlice } from './storyline/pan.js';
