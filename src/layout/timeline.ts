/**
 * The timeline layout: a pure function from a dataset and options to plain records (lanes,
 * event marks, connectors, labels, axis ticks, aggregates, annotations, legend) that the SVG
 * and canvas renderers draw without any arithmetic of their own. No DOM is used here.
 */
import type { Locale } from 'date-fns';
import { format as formatDateFns } from 'date-fns';
import {
  timeDay,
  timeHour,
  timeMinute,
  timeMonth,
  utcDay,
  utcHour,
  utcMinute,
  utcMonth,
  type CountableTimeInterval,
  type TimeInterval,
} from 'd3-time';
import type { Actor, Dataset, DatePrecision, DateValue, EntityEvent } from '../model/types.js';
import type { TextMeasurer } from '../render/common/context.js';
import { estimateTextWidth } from '../render/common/measure.js';
import { OKABE_ITO, categoricalColors } from '../render/common/palette.js';
import { binDenseBy } from './density.js';
import { packRows } from './lanes.js';
import { placeLabels, type LabelCandidate, type LabelObstacle } from './labels.js';

/** How events are split into lanes: one per actor, one per category, or a single lane. */
export type LaneMode = 'actor' | 'category' | 'none';

/** A point in time for annotations: epoch milliseconds or a parsed date (its first instant). */
export type TimeInput = number | DateValue;

/**
 * A reference line (e.g. "today") or a background band (an era) drawn behind the events.
 *
 * @example
 * ```ts
 * const annotations: TimelineAnnotation[] = [
 *   { type: 'line', at: Date.UTC(2024, 5, 19), label: 'Treaty' },
 *   { type: 'band', from: parseDate('2022-02-24'), to: parseDate('2024-12'), label: 'War' },
 * ];
 * ```
 */
export type TimelineAnnotation =
  | { readonly type: 'line'; readonly at: TimeInput; readonly label?: string; readonly id?: string }
  | { readonly type: 'band'; readonly from: TimeInput; readonly to: TimeInput; readonly label?: string; readonly id?: string };

/** Margins around the chart, in pixels. */
export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** Options for {@link layoutTimeline}. Every field is optional. */
export interface TimelineLayoutOptions {
  /** Total width in pixels. Default 800. */
  readonly width?: number;
  /** Total height in pixels, or `'auto'` (default): as tall as the lanes need. */
  readonly height?: number | 'auto';
  /** The visible time window in epoch ms. Default: the dataset's extent, padded by 3% each side. */
  readonly domain?: readonly [number, number];
  /** Lanes per actor (default), per category, or one lane. */
  readonly lanes?: LaneMode;
  /** Nest actor lanes by the affiliation tree (an official inside a ministry inside a state). */
  readonly nestAffiliations?: boolean;
  /** Ids of collapsed lanes: their descendants' events are drawn in them. */
  readonly collapsed?: ReadonlySet<string>;
  /** Calendar arithmetic for ticks in UTC (default) or local time. Calendar dates are UTC-based. */
  readonly utc?: boolean;
  /** Text widths for labels; default: `estimateTextWidth` (deterministic). */
  readonly measureText?: TextMeasurer;
  /** Font size in pixels for labels. Default 12. */
  readonly fontSize?: number;
  /** Outer margins. Default `{ top: 28, right: 16, bottom: 8, left: 8 }`. */
  readonly margin?: Partial<Margins>;
  /** Height of a row inside a lane. Default 20. */
  readonly rowHeight?: number;
  /** Radius of a point mark. Default 5. */
  readonly markRadius?: number;
  /** Width of the lane label column; default: the longest label, at most 30% of the width. */
  readonly laneLabelWidth?: number;
  /** Reference lines and background bands. */
  readonly annotations?: readonly TimelineAnnotation[];
  /** Event ids to emphasise (their labels are placed first). */
  readonly highlight?: Iterable<string>;
  /** Colours for actors or categories in order. Default Okabe–Ito. */
  readonly palette?: readonly string[];
  /** A date-fns locale for month names on the axis. */
  readonly locale?: Locale;
  /** Aggregate crowded bins (default on), or `false` to draw every event. */
  readonly density?: false | { readonly binWidth?: number; readonly threshold?: number };
  /** Above this many rows a lane stops reserving room for labels. Default 6. */
  readonly maxLabelRows?: number;
  /** Place event titles next to marks (default true). */
  readonly labels?: boolean;
  /**
   * The most rows a lane may have (default 16, at least 2). Marks that would go further down
   * are counted in aggregate marks on the last row, so every event stays accounted for.
   */
  readonly maxRows?: number;
  /**
   * Lay out only these events (e.g. those near a zoomed window, from `dataset.eventsBetween`),
   * in dataset order. Lanes still come from the whole dataset. Default: all events.
   */
  readonly events?: readonly EntityEvent[];
}

/** A lane: one actor, one category, the unassigned events or everything. */
export interface LaneRecord {
  /** Actor id for actor lanes, category name for category lanes, or `et:unassigned`, `et:uncategorised`, `et:all`. */
  readonly id: string;
  readonly label: string;
  /** The label cut to fit the label column (ends with `…` when cut). */
  readonly labelText: string;
  /** Nesting depth: 0 for top-level lanes. */
  readonly depth: number;
  readonly y: number;
  readonly height: number;
  readonly rows: number;
  readonly parent: string | null;
  /** Whether the lane has child lanes that can be collapsed or expanded. */
  readonly collapsible: boolean;
  readonly collapsed: boolean;
  readonly actorId?: string;
  readonly color: string;
  readonly labelX: number;
  readonly labelY: number;
  /** Where the collapse/expand toggle is drawn (collapsible lanes). */
  readonly toggleX: number;
  /** Every other top-level lane group is shaded, so lanes read as bands. */
  readonly shaded: boolean;
  /** Left edge and width of the lane's background (the whole chart width). */
  readonly x: number;
  readonly width: number;
  /** Number of events drawn in the lane. */
  readonly eventCount: number;
}

/** How sure the date is: EDTF `~`, `?`, both, or neither. */
export type Fuzziness = 'approximate' | 'uncertain' | 'both' | null;

/** One event in one lane. */
export interface ItemRecord {
  /** `eventId|laneId`: unique per mark. */
  readonly key: string;
  readonly eventId: string;
  readonly laneId: string;
  /** First and last instant (epoch ms); a month-precision event spans its month. */
  readonly t0: number;
  readonly t1: number;
  readonly x0: number;
  readonly x1: number;
  /** Centre line of the mark's row. */
  readonly y: number;
  readonly row: number;
  /** `interval` for events written with an end; `point` otherwise (even if it spans a month). */
  readonly kind: 'point' | 'interval';
  readonly fuzzy: Fuzziness;
  readonly precision: DatePrecision;
  readonly color: string;
  /** The role of this lane's actor in the event (actor lanes only). */
  readonly role: string | null;
  /** Filled marks for sources and participants; hollow for targets. */
  readonly filled: boolean;
  readonly highlighted: boolean;
  /** Whether this is the event's first mark (top lane): it carries focus and the label. */
  readonly primary: boolean;
  readonly markX: number;
  readonly markY: number;
  readonly markWidth: number;
  readonly markHeight: number;
  readonly rx: number;
}

/** The vertical line joining one event's marks across lanes. */
export interface ConnectorRecord {
  readonly key: string;
  readonly eventId: string;
  readonly t: number;
  readonly x: number;
  /** From (the source side) … */
  readonly y0: number;
  /** … to (the target side, where the arrowhead is when directed). */
  readonly y1: number;
  readonly directed: boolean;
}

/** An event title next to the event's primary mark. */
export interface LabelRecord {
  readonly key: string;
  readonly eventId: string;
  readonly laneId: string;
  readonly text: string;
  /** The text anchor point: its left end for `start`, its right end for `end`. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly anchor: 'start' | 'end';
  /** Set over its own (wide) bar rather than beside it. */
  readonly inside: boolean;
  readonly visible: boolean;
}

/** A counted mark standing for several events that fall into one pixel bin of a lane. */
export interface AggregateRecord {
  readonly key: string;
  readonly laneId: string;
  readonly t0: number;
  readonly t1: number;
  readonly x0: number;
  readonly x1: number;
  readonly width: number;
  readonly y: number;
  readonly markY: number;
  readonly markHeight: number;
  readonly count: number;
  readonly eventIds: readonly string[];
  readonly color: string;
  readonly labelX: number;
  readonly labelY: number;
}

/** An axis tick. */
export interface TickRecord {
  readonly value: number;
  readonly x: number;
  readonly label: string;
}

/** A reference line annotation, placed. */
export interface RefLineRecord {
  readonly key: string;
  readonly t: number;
  readonly x: number;
  readonly y0: number;
  readonly y1: number;
  readonly label: string;
  readonly labelX: number;
  readonly labelY: number;
}

/** A background band annotation, placed (clamped to the plot). */
export interface BandRecord {
  readonly key: string;
  readonly t0: number;
  readonly t1: number;
  readonly x0: number;
  readonly x1: number;
  readonly width: number;
  readonly y0: number;
  readonly y1: number;
  readonly height: number;
  readonly label: string;
  readonly labelX: number;
  readonly labelY: number;
}

/** A legend entry, shown only for encodings present in the chart. */
export interface LegendRecord {
  readonly key: 'approximate' | 'uncertain' | 'interval' | 'source' | 'target' | 'aggregate';
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly swatchY: number;
  readonly swatchWidth: number;
  readonly swatchHeight: number;
  readonly swatchRx: number;
  /** Where the swatch's text starts. */
  readonly textX: number;
}

/** Everything a renderer needs to draw a timeline. All positions are in pixels. */
export interface TimelineLayout {
  readonly width: number;
  readonly height: number;
  /** The area events are drawn in. */
  readonly plot: { readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number };
  /** Time domain (epoch ms) mapped linearly onto `range`. */
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  readonly utc: boolean;
  readonly rowHeight: number;
  readonly markRadius: number;
  readonly fontSize: number;
  readonly lanes: readonly LaneRecord[];
  readonly items: readonly ItemRecord[];
  readonly connectors: readonly ConnectorRecord[];
  readonly labels: readonly LabelRecord[];
  /** Labels not shown (overlap, outside the plot, or their event is aggregated). */
  readonly hiddenLabels: number;
  readonly ticks: readonly TickRecord[];
  readonly axisY: number;
  readonly aggregates: readonly AggregateRecord[];
  readonly lines: readonly RefLineRecord[];
  readonly bands: readonly BandRecord[];
  readonly legend: readonly LegendRecord[];
  /** Number of distinct events laid out. */
  readonly eventCount: number;
}

/** Lane id for events with no participants (actor lanes). */
export const UNASSIGNED_LANE = 'et:unassigned';
/** Lane id for events with no category (category lanes). */
export const UNCATEGORISED_LANE = 'et:uncategorised';
/** Lane id of the single lane when `lanes: 'none'`. */
export const ALL_LANE = 'et:all';

const GREY = '#8C8C8C';
const LABEL_GAP = 4;
const LANE_PAD = 3;
const INDENT = 12;
const MAX_LABEL_WIDTH = 220;
const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** The CSS font shorthand the layout measures labels with. */
export function labelFont(fontSize: number): string {
  return `${fontSize}px ${FONT_STACK}`;
}


/**
 * Cuts `text` to fit `maxWidth`, ending with `…` when cut (binary search on the length).
 *
 * @example
 * ```ts
 * fitText('Ministry of Foreign Affairs', 80, measure, '12px sans-serif'); // 'Ministry of F…'
 * ```
 */
export function fitText(text: string, maxWidth: number, measure: TextMeasurer, font: string): string {
  if (measure(text, font) <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(text.slice(0, mid).trimEnd() + '…', font) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : text.slice(0, lo).trimEnd() + '…';
}

/** A linear map from time to pixels, with its inverse. */
export interface TimeToPixel {
  (t: number): number;
  invert(x: number): number;
}

/**
 * The linear time → pixel map of a layout (or of a zoomed domain).
 *
 * @example
 * ```ts
 * const x = linearTime(layout.domain, layout.range);
 * x(Date.UTC(2024, 5, 19)); // pixel position
 * ```
 */
export function linearTime(domain: readonly [number, number], range: readonly [number, number]): TimeToPixel {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const f = ((t: number) => r0 + (t - d0) * k) as TimeToPixel;
  f.invert = (x: number) => (k === 0 ? d0 : d0 + (x - r0) / k);
  return f;
}

/**
 * The geometry of an event mark at a given scale: a circle-like pill of diameter `2r` for
 * short events, or a bar from the first to the last instant. Shared by the layout and by the
 * interactive view's cheap zoom path, so both draw the same shapes.
 *
 * @example
 * ```ts
 * const g = markGeometry(item.t0, item.t1, item.kind, x, 5);
 * rect.setAttribute('x', String(g.markX));
 * ```
 */
export function markGeometry(
  t0: number,
  t1: number,
  kind: 'point' | 'interval',
  x: (t: number) => number,
  r: number,
): { x0: number; x1: number; markX: number; markWidth: number; rx: number } {
  const x0 = x(t0);
  const x1 = x(t1);
  const width = Math.max(x1 - x0, 2 * r);
  const markX = (x0 + x1) / 2 - width / 2;
  // Points stay round-ended (a dot, or a pill over their month); intervals get square-ish ends.
  const rx = kind === 'point' ? r : Math.min(2, width / 2);
  return { x0, x1, markX, markWidth: width, rx };
}

// ---------------------------------------------------------------------------
// Axis ticks
// ---------------------------------------------------------------------------

type TickUnit = 'minute' | 'hour' | 'day' | 'month' | 'year';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const MONTH = 30.44 * DAY;
const YEAR = 365.2425 * DAY;

const STEPS: readonly [TickUnit, number, number][] = [
  ['minute', 1, MINUTE],
  ['minute', 5, 5 * MINUTE],
  ['minute', 15, 15 * MINUTE],
  ['minute', 30, 30 * MINUTE],
  ['hour', 1, HOUR],
  ['hour', 3, 3 * HOUR],
  ['hour', 6, 6 * HOUR],
  ['hour', 12, 12 * HOUR],
  ['day', 1, DAY],
  ['day', 2, 2 * DAY],
  ['day', 7, 7 * DAY],
  ['month', 1, MONTH],
  ['month', 3, 3 * MONTH],
  ['month', 6, 6 * MONTH],
  ['year', 1, YEAR],
  ['year', 2, 2 * YEAR],
  ['year', 5, 5 * YEAR],
  ['year', 10, 10 * YEAR],
  ['year', 20, 20 * YEAR],
  ['year', 50, 50 * YEAR],
  ['year', 100, 100 * YEAR],
  ['year', 200, 200 * YEAR],
  ['year', 500, 500 * YEAR],
  ['year', 1000, 1000 * YEAR],
  ['year', 2000, 2000 * YEAR],
  ['year', 5000, 5000 * YEAR],
  ['year', 10000, 10000 * YEAR],
  ['year', 50000, 50000 * YEAR],
  ['year', 100000, 100000 * YEAR],
];

function tickInterval(unit: Exclude<TickUnit, 'year'>, step: number, utc: boolean): TimeInterval {
  const base: CountableTimeInterval = utc
    ? { minute: utcMinute, hour: utcHour, day: utcDay, month: utcMonth }[unit]
    : { minute: timeMinute, hour: timeHour, day: timeDay, month: timeMonth }[unit];
  return step === 1 ? base : (base.every(step) ?? base);
}

/** 1 January of an astronomical year, as epoch ms (Date.UTC would map 0–99 to 1900–1999). */
function startOfYear(year: number, utc: boolean): number {
  const d = new Date(0);
  if (utc) {
    d.setUTCFullYear(year, 0, 1);
    d.setUTCHours(0, 0, 0, 0);
  } else {
    d.setFullYear(year, 0, 1);
    d.setHours(0, 0, 0, 0);
  }
  return d.getTime();
}

/**
 * Year ticks at round numbers *as readers count years*: 500 BCE, 400 BCE … 1 CE, 100 CE. In
 * astronomical numbering 500 BCE is -499, so d3's `year % step` would give 501 BCE instead.
 */
function yearTicks(d0: number, d1: number, step: number, utc: boolean): number[] {
  const toReader = (y: number): number => (y <= 0 ? y - 1 : y); // 0 → -1 (1 BCE)
  const toAstro = (k: number): number => (k < 0 ? k + 1 : k);
  const first = toReader(fields(d0, utc).year);
  const last = toReader(fields(d1, utc).year);
  const out: number[] = [];
  for (let k = Math.ceil(first / step) * step; k <= last; k += step) {
    // There is no year 0: on a coarse grid 1 CE stands at the era boundary.
    if (k === 0 && step === 1) continue;
    const t = startOfYear(k === 0 ? 1 : toAstro(k), utc);
    if (t >= d0 && t <= d1) out.push(t);
  }
  return out;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function fields(t: number, utc: boolean): Fields {
  const d = new Date(t);
  return utc
    ? { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() }
    : { year: d.getFullYear(), month: d.getMonth(), day: d.getDate(), hour: d.getHours(), minute: d.getMinutes() };
}

/** A year as a reader writes it: `500 BCE` for astronomical year -499; CE years plain. */
export function yearText(year: number, markCE = false): string {
  if (year <= 0) return `${1 - year} BCE`;
  return markCE ? `${year} CE` : String(year);
}

/** Abbreviated month names per locale, and for date-fns' default, formatted once each. */
const monthNames = new WeakMap<Locale, (string | undefined)[]>();
const defaultMonthNames: (string | undefined)[] = [];

function monthName(f: Fields, locale: Locale | undefined): string {
  // The name depends on the month and locale only; formatting it anew for every tick of every
  // zoom frame was a measurable share of moving the axis.
  let names = locale ? monthNames.get(locale) : defaultMonthNames;
  if (!names) monthNames.set(locale!, (names = []));
  const known = names[f.month];
  if (known !== undefined) return known;
  // A local Date at noon with the wanted fields: date-fns formats local time, and noon keeps
  // DST shifts from moving it to another day.
  const wall = new Date(2000, 0, 1, 12);
  wall.setFullYear(f.year, f.month, 1);
  const name = formatDateFns(wall, 'MMM', locale ? { locale } : undefined);
  names[f.month] = name;
  return name;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Options for {@link timeTicks}. */
export interface TimeTicksOptions {
  readonly utc?: boolean;
  readonly locale?: Locale;
  /** Pixels per tick to aim for. Default 90. */
  readonly spacing?: number;
}

/**
 * Axis ticks for a time domain drawn `width` pixels wide, with labels adapted to the span:
 * millennia and centuries down to years (`500 BCE`), months (`Jan 2024`), days (`18 Jan`),
 * hours and minutes (`09:30`). The year is added where it changes.
 *
 * @example
 * ```ts
 * timeTicks([Date.UTC(2024, 0, 1), Date.UTC(2024, 11, 31)], 800).map((t) => t.label);
 * // ['Jan 2024', 'Feb', 'Mar', …]
 * ```
 */
export function timeTicks(
  domain: readonly [number, number],
  width: number,
  options: TimeTicksOptions = {},
): { value: number; label: string }[] {
  const utc = options.utc ?? true;
  const [d0, d1] = domain;
  if (!(d1 > d0) || !(width > 0)) return [];
  const target = Math.max(2, Math.floor(width / (options.spacing ?? 90)));
  const span = d1 - d0;
  const chosen = STEPS.find(([, , ms]) => span / ms <= target) ?? STEPS[STEPS.length - 1]!;
  const [unit] = chosen;
  let step = chosen[1];
  let values: number[];
  if (unit === 'year') {
    // Grow the step beyond the table for very long spans.
    while (Math.abs(fields(d1, utc).year - fields(d0, utc).year) / step > target * 2) step *= 10;
    values = yearTicks(d0, d1, step, utc);
  } else {
    values = tickInterval(unit, step, utc)
      .range(new Date(d0), new Date(d1 + 1))
      .map((d) => d.getTime());
  }
  const all = values.map((value) => ({ value, f: fields(value, utc) }));
  const markCE = unit === 'year' && all.some((t) => t.f.year <= 0);
  return all.map(({ value, f }, i) => {
    const first = i === 0;
    let label: string;
    switch (unit) {
      case 'year':
        label = yearText(f.year, markCE && f.year < 1000);
        break;
      case 'month': {
        const name = monthName(f, options.locale);
        label = first || f.month === 0 ? `${name} ${yearText(f.year)}` : name;
        break;
      }
      case 'day': {
        const name = `${f.day} ${monthName(f, options.locale)}`;
        label = first || (f.month === 0 && f.day === 1) ? `${name} ${yearText(f.year)}` : name;
        break;
      }
      default: {
        const time = `${pad2(f.hour)}:${pad2(f.minute)}`;
        const day = `${f.day} ${monthName(f, options.locale)}`;
        label = first ? `${day} ${time}` : f.hour === 0 && f.minute === 0 ? day : time;
      }
    }
    return { value, label };
  });
}

// ---------------------------------------------------------------------------
// Lanes
// ---------------------------------------------------------------------------

interface LaneNode {
  id: string;
  label: string;
  actorId?: string;
  color: string;
  children: LaneNode[];
  parent: LaneNode | null;
  depth: number;
}

const FUZZY: readonly Fuzziness[] = [null, 'approximate', 'uncertain', 'both'];

function fuzziness(event: EntityEvent): Fuzziness {
  const { start, end } = event.when;
  const approximate = start.approximate || (end?.approximate ?? false);
  const uncertain = start.uncertain || (end?.uncertain ?? false);
  return approximate && uncertain ? 'both' : approximate ? 'approximate' : uncertain ? 'uncertain' : null;
}

function timeOf(t: TimeInput): number {
  return typeof t === 'number' ? t : t.earliest;
}

function endOf(t: TimeInput): number {
  return typeof t === 'number' ? t : t.latest;
}

/** The default domain: the dataset's extent padded by 3% each side (a day for a single instant). */
export function defaultDomain(dataset: Pick<Dataset, 'extent'>): [number, number] {
  const extent = dataset.extent;
  if (!extent) return [Date.UTC(2000, 0, 1), Date.UTC(2001, 0, 1)];
  const [a, b] = extent;
  const pad = b > a ? (b - a) * 0.03 : DAY;
  return [a - pad, b + pad];
}

/** Calls `visit` with each lane an event belongs in and its role there (no arrays per event). */
type LanesOfEvent = (event: EntityEvent, visit: (lane: string, role: string | null) => void) => void;

function buildLaneTree(
  dataset: Dataset,
  mode: LaneMode,
  nest: boolean,
  palette: readonly string[],
): { roots: LaneNode[]; laneOfEvent: LanesOfEvent } {
  const roots: LaneNode[] = [];
  if (mode === 'none') {
    roots.push({ id: ALL_LANE, label: 'Events', color: palette[0] ?? GREY, children: [], parent: null, depth: 0 });
    return { roots, laneOfEvent: (_e, visit) => visit(ALL_LANE, null) };
  }
  if (mode === 'category') {
    const seen: string[] = [];
    let uncategorised = false;
    for (const e of dataset.events) {
      if (e.category === undefined || e.category === '') uncategorised = true;
      else if (!seen.includes(e.category)) seen.push(e.category);
    }
    const colors = categoricalColors(seen, palette);
    for (const c of seen) roots.push({ id: c, label: c, color: colors.get(c)!, children: [], parent: null, depth: 0 });
    if (uncategorised) {
      roots.push({ id: UNCATEGORISED_LANE, label: 'Other events', color: GREY, children: [], parent: null, depth: 0 });
    }
    return {
      roots,
      laneOfEvent: (e, visit) => visit(e.category ? e.category : UNCATEGORISED_LANE, null),
    };
  }

  // Actor lanes.
  const colors = categoricalColors(
    dataset.actors.map((a) => a.id),
    palette,
  );
  const colorOf = (a: Actor): string => a.color ?? colors.get(a.id) ?? GREY;
  const byActor = new Map<string, LaneNode>();
  const make = (a: Actor, parent: LaneNode | null): LaneNode => {
    const node: LaneNode = { id: a.id, label: a.name, actorId: a.id, color: colorOf(a), children: [], parent, depth: parent ? parent.depth + 1 : 0 };
    byActor.set(a.id, node);
    return node;
  };
  if (nest) {
    const visit = (tree: ReturnType<Dataset['affiliationTree']>, parent: LaneNode | null, out: LaneNode[]): void => {
      for (const n of tree) {
        if (byActor.has(n.actor.id)) continue; // an actor reachable twice is drawn once
        const node = make(n.actor, parent);
        out.push(node);
        visit(n.children, node, node.children);
      }
    };
    visit(dataset.affiliationTree(), null, roots);
  }
  for (const a of dataset.actors) if (!byActor.has(a.id)) roots.push(make(a, null));
  let unassigned = false;
  const unknown: LaneNode[] = [];
  for (const e of dataset.events) {
    if (e.participants.length === 0) unassigned = true;
    for (const p of e.participants) {
      if (!byActor.has(p.actor)) {
        const node: LaneNode = { id: p.actor, label: p.actor, actorId: p.actor, color: GREY, children: [], parent: null, depth: 0 };
        byActor.set(p.actor, node);
        unknown.push(node);
      }
    }
  }
  roots.push(...unknown);
  if (unassigned) roots.push({ id: UNASSIGNED_LANE, label: 'Other events', color: GREY, children: [], parent: null, depth: 0 });
  return {
    roots,
    laneOfEvent: (e, visit) => {
      if (e.participants.length === 0) visit(UNASSIGNED_LANE, null);
      else for (const p of e.participants) visit(p.actor, p.role);
    },
  };
}

// ---------------------------------------------------------------------------
// The layout
// ---------------------------------------------------------------------------

/** Per-event lanes, roles, times and titles in flat arrays (event i's lanes: laneStart[i] … laneStart[i+1]). */
interface PlanEntries {
  readonly laneStart: Int32Array;
  readonly laneOf: Int32Array;
  readonly roleOf: readonly (string | null)[];
  readonly t0: Float64Array;
  readonly t1: Float64Array;
  /** 1 for events written with an end. */
  readonly interval: Uint8Array;
  /** Index into FUZZY. */
  readonly fuzzy: Uint8Array;
  /**
   * Event i's title as drawn (cut to the longest label) and its width, measured when first
   * asked for: most events of a large dataset are never labelled (aggregated or off-screen).
   */
  labelText(i: number): string;
  labelWidth(i: number): number;
}

/**
 * The window-independent part of a timeline layout: the lanes, and for every event of the
 * dataset its visible lanes (deduplicated, in lane order), its role in each, its time span and
 * its title cut and measured. Built once per dataset and lane/label settings.
 */
interface TimelinePlan extends PlanEntries {
  readonly ordered: readonly LaneNode[];
  readonly laneIndex: ReadonlyMap<string, number>;
  readonly visibleLane: ReadonlyMap<string, LaneNode>;
  readonly laneOfEvent: LanesOfEvent;
  readonly mode: LaneMode;
  readonly withLabels: boolean;
  readonly measure: TextMeasurer;
  readonly font: string;
  /** The dataset index of an event, or -1. */
  indexOf(event: EntityEvent): number;
}

interface PlanKey {
  readonly mode: LaneMode;
  readonly nest: boolean;
  readonly collapsed: string;
  readonly palette: readonly string[];
  readonly withLabels: boolean;
  readonly measure: TextMeasurer;
  readonly font: string;
}

/** The last plan made for each dataset (datasets are immutable, so it stays valid). */
const plans = new WeakMap<Dataset, { key: PlanKey; plan: TimelinePlan }>();

function sameKey(a: PlanKey, b: PlanKey): boolean {
  return (
    a.mode === b.mode &&
    a.nest === b.nest &&
    a.collapsed === b.collapsed &&
    (a.palette === b.palette || (a.palette.length === b.palette.length && a.palette.every((c, i) => c === b.palette[i]))) &&
    a.withLabels === b.withLabels &&
    a.measure === b.measure &&
    a.font === b.font
  );
}

function timelinePlan(
  dataset: Dataset,
  mode: LaneMode,
  nest: boolean,
  collapsed: ReadonlySet<string>,
  palette: readonly string[],
  withLabels: boolean,
  measure: TextMeasurer,
  font: string,
): TimelinePlan {
  const key: PlanKey = { mode, nest, collapsed: [...collapsed].sort().join('\u0000'), palette, withLabels, measure, font };
  const cached = plans.get(dataset);
  if (cached && sameKey(cached.key, key)) return cached.plan;

  // Lanes: build the tree, then the visible list (children of collapsed lanes fold into them).
  const { roots, laneOfEvent } = buildLaneTree(dataset, mode, nest, palette);
  const visibleLane = new Map<string, LaneNode>(); // any lane id → the visible lane drawing it
  const ordered: LaneNode[] = [];
  const walk = (nodes: readonly LaneNode[], foldInto: LaneNode | null): void => {
    for (const n of nodes) {
      visibleLane.set(n.id, foldInto ?? n);
      if (!foldInto) ordered.push(n);
      walk(n.children, foldInto ?? (collapsed.has(n.id) && n.children.length > 0 ? n : null));
    }
  };
  walk(roots, null);
  const laneIndex = new Map(ordered.map((n, i) => [n.id, i]));
  const all = dataset.events;
  const base = { ordered, laneIndex, visibleLane, laneOfEvent, mode, withLabels, measure, font };
  const entries = planEvents(base, all);
  const t0 = entries.t0;
  let cursor = 0;
  const plan: TimelinePlan = {
    ...base,
    ...entries,
    indexOf(event) {
      // A subset from eventsBetween is in dataset (time) order and mostly contiguous: try the
      // slot after the last hit, else bisect on the start time and scan the equal starts.
      if (all[cursor] === event) return cursor++;
      const t = event.when.earliest;
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (t0[mid]! < t) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < all.length && t0[i] === t; i++) {
        if (all[i] === event) {
          cursor = i + 1;
          return i;
        }
      }
      return -1;
    },
  };
  plans.set(dataset, { key, plan });
  return plan;
}

/** Plans `events` against the lanes of `plan`. */
function planEvents(
  plan: Pick<TimelinePlan, 'laneIndex' | 'visibleLane' | 'laneOfEvent' | 'mode' | 'withLabels' | 'measure' | 'font'>,
  events: readonly EntityEvent[],
): PlanEntries {
  const { laneIndex, visibleLane, laneOfEvent, mode, withLabels, measure, font } = plan;
  const n = events.length;
  const laneStart = new Int32Array(n + 1);
  let laneOf = new Int32Array(Math.max(8, n + (n >> 2)));
  const roleOf: (string | null)[] = [];
  const t0 = new Float64Array(n);
  const t1 = new Float64Array(n);
  const interval = new Uint8Array(n);
  const fuzzy = new Uint8Array(n);
  const labelTexts: string[] = new Array<string>(n);
  const labelWidths = new Float64Array(n).fill(-1);
  const titleWidths = new Map<string, number>();
  // The lanes of one event, deduplicated (an actor and its collapsed parent draw in one lane),
  // in lane order; reused from event to event instead of a map and a sorted array per event.
  const eventLaneIndex: number[] = [];
  const eventLaneRole: (string | null)[] = [];
  let eventLaneCount = 0;
  const addLane = (lane: string, role: string | null): void => {
    const visible = visibleLane.get(lane);
    if (!visible) return;
    const li = laneIndex.get(visible.id)!;
    for (let j = 0; j < eventLaneCount; j++) {
      if (eventLaneIndex[j] === li) {
        if (eventLaneRole[j] !== role) eventLaneRole[j] = 'participant';
        return;
      }
    }
    // Insertion in lane order (an event has a handful of lanes at most).
    let j = eventLaneCount++;
    while (j > 0 && eventLaneIndex[j - 1]! > li) {
      eventLaneIndex[j] = eventLaneIndex[j - 1]!;
      eventLaneRole[j] = eventLaneRole[j - 1]!;
      j--;
    }
    eventLaneIndex[j] = li;
    eventLaneRole[j] = role;
  };
  let m = 0;
  for (let i = 0; i < n; i++) {
    const event = events[i]!;
    const when = event.when;
    t0[i] = when.earliest;
    t1[i] = when.latest;
    interval[i] = when.end ? 1 : 0;
    fuzzy[i] = FUZZY.indexOf(fuzziness(event));
    eventLaneCount = 0;
    laneOfEvent(event, addLane);
    laneStart[i] = m;
    if (m + eventLaneCount > laneOf.length) {
      const grown = new Int32Array(Math.max(2 * laneOf.length, m + eventLaneCount));
      grown.set(laneOf);
      laneOf = grown;
    }
    for (let j = 0; j < eventLaneCount; j++) {
      laneOf[m] = eventLaneIndex[j]!;
      roleOf.push(mode === 'actor' ? (eventLaneRole[j] ?? null) : null);
      m++;
    }
    if (eventLaneCount === 0 || !withLabels || !event.title) {
      labelTexts[i] = '';
      labelWidths[i] = 0;
    }
  }
  laneStart[n] = m;
  const measureLabel = (i: number): void => {
    const text = events[i]!.title;
    let full = titleWidths.get(text);
    if (full === undefined) titleWidths.set(text, (full = measure(text, font)));
    if (full > MAX_LABEL_WIDTH) {
      const cut = fitText(text, MAX_LABEL_WIDTH, measure, font);
      labelTexts[i] = cut;
      labelWidths[i] = measure(cut, font);
    } else {
      labelTexts[i] = text;
      labelWidths[i] = full;
    }
  };
  return {
    laneStart,
    laneOf: laneOf.subarray(0, m),
    roleOf,
    t0,
    t1,
    interval,
    fuzzy,
    labelText(i) {
      if (labelWidths[i]! < 0) measureLabel(i);
      return labelTexts[i]!;
    },
    labelWidth(i) {
      if (labelWidths[i]! < 0) measureLabel(i);
      return labelWidths[i]!;
    },
  };
}


/**
 * Lays out a timeline: lanes (per actor, per category or one), one mark per event per lane,
 * connectors joining an event's marks across lanes, labels that do not overlap, axis ticks,
 * aggregates for crowded bins and annotations. Pure: the same input gives the same records in
 * Node and in browsers, and the dataset is never modified.
 *
 * Every event is accounted for: it has at least one mark, or is counted in an aggregate.
 * Events without participants go to an "Other events" lane in actor mode.
 *
 * The window-independent part (the lanes, each event's lanes and roles, its titles cut and
 * measured) is kept for the last lane/label settings of each dataset (datasets are
 * immutable), so laying the same dataset out again at another window or with a subset of
 * `events` only positions, packs and labels the marks.
 *
 * @example
 * ```ts
 * const layout = layoutTimeline(dataset, { width: 960, lanes: 'actor', nestAffiliations: true });
 * layout.items.length;  // marks to draw
 * layout.hiddenLabels;  // titles that did not fit
 * ```
 */
export function layoutTimeline(dataset: Dataset, options: TimelineLayoutOptions = {}): TimelineLayout {
  const width = options.width ?? 800;
  if (!(width > 0) || !Number.isFinite(width)) throw new RangeError(`layoutTimeline: width must be a positive number, not ${width}.`);
  const mode: LaneMode = options.lanes ?? 'actor';
  if (mode !== 'actor' && mode !== 'category' && mode !== 'none') {
    throw new TypeError(`layoutTimeline: unknown lanes ${JSON.stringify(mode)}; use 'actor', 'category' or 'none'.`);
  }
  const utc = options.utc ?? true;
  const fontSize = options.fontSize ?? 12;
  const font = labelFont(fontSize);
  const measure = options.measureText ?? estimateTextWidth;
  const rowHeight = options.rowHeight ?? 20;
  const r = options.markRadius ?? 5;
  const palette = options.palette && options.palette.length > 0 ? options.palette : OKABE_ITO;
  const collapsed = options.collapsed ?? new Set<string>();
  const highlight = new Set(options.highlight ?? []);
  const maxLabelRows = options.maxLabelRows ?? 6;
  const maxRows = Math.max(2, options.maxRows ?? 16);
  const withLabels = options.labels ?? true;
  const margin: Margins = { top: 28, right: 16, bottom: 8, left: 8, ...options.margin };
  const domain: [number, number] = options.domain ? [options.domain[0], options.domain[1]] : defaultDomain(dataset);
  if (!(domain[1] > domain[0])) throw new RangeError(`layoutTimeline: the domain must be increasing, not [${domain[0]}, ${domain[1]}].`);

  // Lanes and each event's lanes, roles and title width do not depend on the window: they come
  // from a plan cached per dataset, so a relayout after zoom or pan does not redo them.
  const plan = timelinePlan(dataset, mode, options.nestAffiliations ?? false, collapsed, palette, withLabels, measure, font);
  const { ordered, laneIndex } = plan;

  // The marks ("drafts"), one per event per visible lane, live in flat arrays indexed by draft
  // number: event ei's drafts are draftStart[ei] … draftStart[ei + 1] - 1, in lane order (the
  // first is its primary mark). No object per mark until its ItemRecord.
  const events = options.events ?? dataset.events;
  const ne = events.length;
  // Each event's slot in the plan; a subset holding an event the dataset does not have is
  // planned on its own.
  let entries: PlanEntries = plan;
  const slot = new Int32Array(ne);
  if (options.events !== undefined) {
    for (let ei = 0; ei < ne; ei++) {
      const pi = plan.indexOf(events[ei]!);
      if (pi < 0) {
        entries = planEvents(plan, events);
        for (let j = 0; j < ne; j++) slot[j] = j;
        break;
      }
      slot[ei] = pi;
    }
  } else for (let ei = 0; ei < ne; ei++) slot[ei] = ei;
  const { laneStart, laneOf, roleOf } = entries;
  const draftStart = new Int32Array(ne + 1);
  let nd = 0;
  for (let ei = 0; ei < ne; ei++) {
    draftStart[ei] = nd;
    nd += laneStart[slot[ei]! + 1]! - laneStart[slot[ei]!]!;
  }
  draftStart[ne] = nd;
  const draftEvent = new Int32Array(nd);
  const draftLane = new Int32Array(nd);
  /** Index into the plan's laneOf/roleOf. */
  const draftSlot = new Int32Array(nd);
  const laneCount = new Int32Array(ordered.length);
  for (let ei = 0, k = 0; ei < ne; ei++) {
    const pi = slot[ei]!;
    for (let j = laneStart[pi]!; j < laneStart[pi + 1]!; j++, k++) {
      draftEvent[k] = ei;
      draftLane[k] = laneOf[j]!;
      draftSlot[k] = j;
      laneCount[laneOf[j]!]!++;
    }
  }
  // Drafts grouped by lane (a counting sort keeps event order within a lane).
  const laneOffset = new Int32Array(ordered.length + 1);
  for (let li = 0; li < ordered.length; li++) laneOffset[li + 1] = laneOffset[li]! + laneCount[li]!;
  const byLane = new Int32Array(nd);
  {
    const fill = laneOffset.slice(0, ordered.length);
    for (let k = 0; k < nd; k++) byLane[fill[draftLane[k]!]!++] = k;
  }
  const draftX0 = new Float64Array(nd);
  const draftX1 = new Float64Array(nd);
  const draftMarkX = new Float64Array(nd);
  const draftMarkWidth = new Float64Array(nd);
  const draftRx = new Float64Array(nd);
  const draftRow = new Int32Array(nd);
  /** 1: counted in an aggregate instead of drawn. */
  const draftAggregated = new Uint8Array(nd);
  const draftItem = new Array<ItemRecord | undefined>(nd);
  const isPrimary = (k: number): boolean => k === draftStart[draftEvent[k]!];
  const labelWidthOf = (k: number): number => (isPrimary(k) ? entries.labelWidth(slot[draftEvent[k]!]!) : 0);

  // Drop lanes with nothing to show (unless they head visible children). With a subset of
  // events, lanes with events anywhere in the dataset stay, so lanes do not come and go.
  const inDataset = (n: LaneNode): boolean =>
    n.actorId === undefined || dataset.eventsOf(n.actorId).length > 0 || n.children.some(inDataset);
  const hasContent = new Array<boolean>(ordered.length).fill(false);
  for (let i = ordered.length - 1; i >= 0; i--) {
    if (laneCount[i]! > 0 || (options.events !== undefined && inDataset(ordered[i]!))) {
      for (let n: LaneNode | null = ordered[i]!; n; n = n.parent) {
        const j = laneIndex.get(n.id);
        if (j !== undefined) hasContent[j] = true;
      }
    }
  }

  // Horizontal geometry.
  const laneLabels = ordered.map((n) => n.label);
  const widest = ordered.reduce(
    (m, n, i) => (hasContent[i] ? Math.max(m, measure(laneLabels[i]!, font) + n.depth * INDENT + (n.children.length > 0 ? INDENT : 0)) : m),
    0,
  );
  const labelColumn = options.laneLabelWidth ?? Math.min(Math.ceil(widest) + 12, Math.round(width * 0.3));
  const plotX0 = margin.left + labelColumn;
  const plotX1 = Math.max(plotX0 + 1, width - margin.right);
  const range: [number, number] = [plotX0, plotX1];
  const x = linearTime(domain, range);
  const density = options.density === false ? null : { binWidth: options.density?.binWidth ?? 2 * r + 2, threshold: options.density?.threshold ?? maxLabelRows };

  // Per lane: geometry, aggregation, packing.
  type AggDraft = { lane: number; x0: number; x1: number; members: number[]; row: number; width: number };
  const aggregatesDraft: AggDraft[][] = ordered.map(() => []);
  const laneRows: number[] = ordered.map(() => 0);
  // markGeometry, inlined over the flat arrays (the same arithmetic as linearTime).
  const [d0] = domain;
  const kx = (range[1] - range[0]) / (domain[1] - domain[0]);
  const { t0: eventT0, t1: eventT1, interval: eventInterval } = entries;
  const ps: number[] = [];
  const pe: number[] = [];
  const pl: number[] = [];
  for (let li = 0; li < ordered.length; li++) {
    const drafts = byLane.subarray(laneOffset[li]!, laneOffset[li + 1]!);
    for (const k of drafts) {
      const pi = slot[draftEvent[k]!]!;
      const x0 = range[0] + (eventT0[pi]! - d0) * kx;
      const x1 = range[0] + (eventT1[pi]! - d0) * kx;
      const w = Math.max(x1 - x0, 2 * r);
      draftX0[k] = x0;
      draftX1[k] = x1;
      draftMarkX[k] = (x0 + x1) / 2 - w / 2;
      draftMarkWidth[k] = w;
      draftRx[k] = eventInterval[pi] === 1 ? Math.min(2, w / 2) : r;
    }
    let individual: ArrayLike<number> = drafts;
    const aggs = aggregatesDraft[li]!;
    if (density && drafts.length > density.threshold) {
      const { aggregated, bins } = binDenseBy(
        drafts.length,
        (i) => draftMarkX[drafts[i]!]!,
        (i) => draftMarkX[drafts[i]!]! + draftMarkWidth[drafts[i]!]!,
        { binWidth: density.binWidth, threshold: density.threshold, origin: plotX0 },
      );
      if (bins.length > 0) {
        individual = drafts.filter((_, i) => !aggregated[i]);
        for (const bin of bins) {
          const members = bin.members.map((i) => drafts[i]!);
          for (const m of members) draftAggregated[m] = 1;
          const textW = measure(String(members.length), labelFont(fontSize - 2)) + 6;
          const w = Math.max(bin.x1 - bin.x0, textW);
          const cx = (bin.x0 + bin.x1) / 2;
          aggs.push({ lane: li, x0: cx - w / 2, x1: cx + w / 2, members, row: 0, width: w });
        }
      }
    }
    // Pack marks and aggregates together; reserve label room unless that needs too many rows.
    // Extents go in reused parallel arrays (start, end, label room) rather than an object each.
    const ni = individual.length;
    const np = ni + aggs.length;
    ps.length = pe.length = pl.length = 0;
    for (let i = 0; i < ni; i++) {
      const k = individual[i]!;
      const s = draftMarkX[k]!;
      const e = s + draftMarkWidth[k]!;
      const lw = labelWidthOf(k);
      // Room for the label: none when it fits inside its bar, else to the right, or to the
      // left when the right side would run off the chart (where placement will put it).
      if (lw === 0 || lw + 2 * LABEL_GAP <= draftMarkWidth[k]!) {
        ps.push(s);
        pe.push(e);
        pl.push(0);
      } else {
        const room = LABEL_GAP + lw;
        const right = e + room <= width;
        ps.push(right ? s : s - room);
        pe.push(e);
        pl.push(right ? room : 0);
      }
    }
    for (const a of aggs) {
      ps.push(a.x0);
      pe.push(a.x1);
      pl.push(0);
    }
    const ids = Array.from({ length: np }, (_, i) => i);
    let packed = packRows(ids, (i) => ps[i]!, (i) => pe[i]! + pl[i]!, { gap: 4 });
    if (packed.rows > maxLabelRows) packed = packRows(ids, (i) => ps[i]!, (i) => pe[i]!, { gap: 2 });
    for (let i = 0; i < ni; i++) draftRow[individual[i]!] = packed.row[i]!;
    aggs.forEach((a, i) => (a.row = packed.row[ni + i]!));
    laneRows[li] = packed.rows;
    if (packed.rows > maxRows) {
      // Too many rows: the last row shows counts for everything that would go below it,
      // binned by the pixel position of each mark's centre.
      const last = maxRows - 1;
      const overflow: number[] = [];
      for (let i = 0; i < ni; i++) if (draftRow[individual[i]!]! >= last) overflow.push(individual[i]!);
      const keptAggs = aggs.filter((a) => a.row < last);
      for (const a of aggs) if (a.row >= last) overflow.push(...a.members);
      for (const k of overflow) draftAggregated[k] = 1;
      const binWidth = Math.max(24, measure('9999', labelFont(fontSize - 2)) + 6);
      const bins = new Map<number, number[]>();
      for (const k of overflow) {
        const bin = Math.floor((draftMarkX[k]! + draftMarkWidth[k]! / 2 - plotX0) / binWidth);
        let list = bins.get(bin);
        if (!list) bins.set(bin, (list = []));
        list.push(k);
      }
      aggs.length = 0;
      aggs.push(...keptAggs);
      for (const bin of [...bins.keys()].sort((a, b) => a - b)) {
        // Draft numbers follow event order within a lane.
        const members = bins.get(bin)!.sort((a, b) => draftEvent[a]! - draftEvent[b]!);
        const bx0 = plotX0 + bin * binWidth + 1;
        aggs.push({ lane: li, x0: bx0, x1: bx0 + binWidth - 2, members, row: last, width: binWidth - 2 });
      }
      laneRows[li] = maxRows;
    }
  }

  // Vertical geometry.
  const axisY = margin.top;
  const lanes: LaneRecord[] = [];
  const laneY = new Map<number, number>();
  let y = margin.top + 4;
  let group = -1;
  for (let li = 0; li < ordered.length; li++) {
    if (!hasContent[li]) continue;
    const n = ordered[li]!;
    if (n.depth === 0) group++;
    const rows = laneRows[li]!;
    const height = Math.max(rows, 1) * rowHeight + 2 * LANE_PAD;
    const indent = n.depth * INDENT;
    const maxText = labelColumn - indent - (n.children.length > 0 ? INDENT : 0) - 8;
    laneY.set(li, y);
    lanes.push({
      id: n.id,
      label: n.label,
      labelText: fitText(n.label, Math.max(0, maxText), measure, font),
      depth: n.depth,
      y,
      height,
      rows,
      parent: n.parent ? n.parent.id : null,
      collapsible: n.children.length > 0,
      collapsed: n.children.length > 0 && collapsed.has(n.id),
      ...(n.actorId !== undefined ? { actorId: n.actorId } : {}),
      color: n.color,
      labelX: margin.left + indent + (n.children.length > 0 ? INDENT : 0),
      labelY: y + LANE_PAD + rowHeight / 2,
      toggleX: margin.left + indent,
      shaded: group % 2 === 0,
      x: 0,
      width,
      eventCount: laneCount[li]!,
    });
    y += height;
  }
  const contentBottom = y;

  // Items, in event (time) order, then lane order.
  const items: ItemRecord[] = [];
  for (let ei = 0; ei < ne; ei++) {
    const event = events[ei]!;
    const from = draftStart[ei]!;
    const to = draftStart[ei + 1]!;
    if (from === to) continue;
    const interval = entries.interval[slot[ei]!] === 1;
    const fuzzy = FUZZY[entries.fuzzy[slot[ei]!]!]!;
    const highlighted = highlight.size > 0 && highlight.has(event.id);
    let primarySeen = false;
    for (let k = from; k < to; k++) {
      if (draftAggregated[k] === 1) continue;
      const li = draftLane[k]!;
      const lane = ordered[li]!;
      const row = draftRow[k]!;
      const rowY = laneY.get(li)! + LANE_PAD + row * rowHeight + rowHeight / 2;
      const role = roleOf[draftSlot[k]!]!;
      const item: ItemRecord = {
        key: `${event.id}|${lane.id}`,
        eventId: event.id,
        laneId: lane.id,
        t0: event.when.earliest,
        t1: event.when.latest,
        x0: draftX0[k]!,
        x1: draftX1[k]!,
        y: rowY,
        row,
        kind: interval ? 'interval' : 'point',
        fuzzy,
        precision: event.when.start.precision,
        color: lane.color,
        role,
        filled: role !== 'target',
        highlighted,
        primary: !primarySeen,
        markX: draftMarkX[k]!,
        markY: rowY - r,
        markWidth: draftMarkWidth[k]!,
        markHeight: 2 * r,
        rx: draftRx[k]!,
      };
      primarySeen = true;
      items.push(item);
      draftItem[k] = item;
    }
  }

  // Connectors: source → target segments (arrow at the target), or one undirected line.
  const connectors: ConnectorRecord[] = [];
  const placed: ItemRecord[] = [];
  for (let ei = 0; ei < ne; ei++) {
    const from = draftStart[ei]!;
    const to = draftStart[ei + 1]!;
    if (to - from < 2) continue;
    placed.length = 0;
    for (let k = from; k < to; k++) {
      const item = draftItem[k];
      if (item) placed.push(item);
    }
    if (placed.length < 2) continue;
    const event = events[ei]!;
    const cx = placed[0]!.markX + placed[0]!.markWidth / 2;
    const t = (event.when.earliest + event.when.latest) / 2;
    const sources = placed.filter((i) => i.role === 'source');
    const targets = placed.filter((i) => i.role === 'target');
    if (sources.length > 0 && targets.length > 0) {
      for (const s of sources) {
        for (const tg of targets) {
          const down = tg.y > s.y;
          connectors.push({
            key: `${event.id}|${s.laneId}>${tg.laneId}`,
            eventId: event.id,
            t,
            x: cx,
            y0: s.y + (down ? r : -r),
            // Stop short of the hollow target mark so the arrowhead touches its outline.
            y1: tg.y + (down ? -r - 1 : r + 1),
            directed: true,
          });
        }
      }
    } else {
      const ys = placed.map((i) => i.y);
      connectors.push({ key: `${event.id}|all`, eventId: event.id, t, x: cx, y0: Math.min(...ys) + r, y1: Math.max(...ys) - r, directed: false });
    }
  }

  // Aggregates.
  const aggregates: AggregateRecord[] = [];
  for (let li = 0; li < ordered.length; li++) {
    const lane = ordered[li]!;
    for (const a of aggregatesDraft[li]!) {
      const rowY = laneY.get(li)! + LANE_PAD + a.row * rowHeight + rowHeight / 2;
      aggregates.push({
        key: `agg|${lane.id}|${events[draftEvent[a.members[0]!]!]!.id}`,
        laneId: lane.id,
        t0: x.invert(a.x0),
        t1: x.invert(a.x1),
        x0: a.x0,
        x1: a.x1,
        width: a.x1 - a.x0,
        y: rowY,
        markY: rowY - r - 1,
        markHeight: 2 * r + 2,
        count: a.members.length,
        eventIds: a.members.map((m) => events[draftEvent[m]!]!.id),
        color: lane.color,
        labelX: (a.x0 + a.x1) / 2,
        labelY: rowY,
      });
    }
  }

  // Labels for primary marks, placed greedily (highlighted first, then time order).
  const labels: LabelRecord[] = [];
  let hiddenLabels = 0;
  if (withLabels) {
    const candidates: LabelCandidate[] = [];
    const candidateItems: ItemRecord[] = [];
    const candidateTexts: string[] = [];
    const candidateWidths: number[] = [];
    // A fixed height cuts the chart off at the bottom: titles below it could never be seen.
    const labelBottom = typeof options.height === 'number' ? Math.min(contentBottom, options.height - margin.bottom) : contentBottom;
    const sides: ('inside' | 'right' | 'left')[][] = [];
    for (let ei = 0; ei < ne; ei++) {
      const first = draftStart[ei]!;
      if (first === draftStart[ei + 1]) continue;
      const text = entries.labelText(slot[ei]!);
      if (!text) continue;
      const item = draftItem[first];
      if (!item) {
        hiddenLabels++; // the event is inside an aggregate
        continue;
      }
      const w = entries.labelWidth(slot[ei]!);
      // Every box of a mark outside the plot (left of it, or past the chart's right edge) falls
      // outside the bounds: hide it without building candidates (most events of a zoomed-in
      // large dataset are there).
      if (item.markX + item.markWidth + LABEL_GAP < plotX0 || item.markX - LABEL_GAP > width || item.y + rowHeight / 2 - 1 > labelBottom) {
        hiddenLabels++;
        continue;
      }
      const y0 = item.y - rowHeight / 2 + 1;
      const y1 = item.y + rowHeight / 2 - 1;
      const right = { x0: item.markX + item.markWidth + LABEL_GAP, x1: item.markX + item.markWidth + LABEL_GAP + w, y0, y1 };
      const inside = { x0: item.markX + LABEL_GAP, x1: item.markX + LABEL_GAP + w, y0, y1 };
      const left = { x0: item.markX - LABEL_GAP - w, x1: item.markX - LABEL_GAP, y0, y1 };
      // Wide bars carry their title inside (on a halo); otherwise right of the mark, then left.
      const fitsInside = w + 2 * LABEL_GAP <= item.markWidth;
      const [main, ...alternatives] = fitsInside ? [inside, right, left] : [right, left];
      candidates.push({ id: item.key, owner: item.key, ...main!, alternatives, priority: item.highlighted ? 1 : 0 });
      sides.push(fitsInside ? ['inside', 'right', 'left'] : ['right', 'left']);
      candidateItems.push(item);
      candidateTexts.push(text);
      candidateWidths.push(w);
    }
    // Only marks where a label may be (inside the bounds) can be in a label's way.
    const obstacles: LabelObstacle[] = [];
    for (const i of items) {
      if (i.markX + i.markWidth < plotX0 || i.markX > width || i.markY > labelBottom) continue;
      obstacles.push({ owner: i.key, x0: i.markX, x1: i.markX + i.markWidth, y0: i.markY, y1: i.markY + i.markHeight });
    }
    for (const a of aggregates) {
      if (a.x1 < plotX0 || a.x0 > width || a.markY > labelBottom) continue;
      obstacles.push({ x0: a.x0, x1: a.x1, y0: a.markY, y1: a.markY + a.markHeight });
    }
    const placed = placeLabels(candidates, { obstacles, bounds: { x0: plotX0, x1: width, y0: margin.top, y1: labelBottom } });
    hiddenLabels += placed.hidden;
    candidates.forEach((c, i) => {
      const item = candidateItems[i]!;
      const t = { text: candidateTexts[i]!, width: candidateWidths[i]! };
      const k = Math.max(0, placed.position[i]!);
      const side = sides[i]![k]!;
      const box = k === 0 ? c : c.alternatives![k - 1]!;
      const label: LabelRecord = {
        key: item.key,
        eventId: item.eventId,
        laneId: item.laneId,
        text: t.text,
        x: side === 'left' ? box.x1 : box.x0,
        y: item.y,
        width: t.width,
        anchor: side === 'left' ? 'end' : 'start',
        inside: side === 'inside',
        visible: placed.visible[i]!,
      };
      labels.push(label);
      itemOfLabel.set(label, item);
    });
  }

  // Annotations.
  const lines: RefLineRecord[] = [];
  const bands: BandRecord[] = [];
  (options.annotations ?? []).forEach((a, i) => {
    if (a.type === 'line') {
      const t = timeOf(a.at);
      const lx = x(t);
      if (lx < plotX0 || lx > plotX1) return;
      lines.push({ key: a.id ?? `line-${i}`, t, x: lx, y0: axisY, y1: contentBottom, label: a.label ?? '', labelX: lx + 3, labelY: axisY + fontSize });
    } else {
      const t0 = timeOf(a.from);
      const t1 = endOf(a.to);
      const bx0 = Math.max(plotX0, x(Math.min(t0, t1)));
      const bx1 = Math.min(plotX1, x(Math.max(t0, t1)));
      if (bx1 <= bx0) return;
      bands.push({ key: a.id ?? `band-${i}`, t0: Math.min(t0, t1), t1: Math.max(t0, t1), x0: bx0, x1: bx1, width: bx1 - bx0, y0: axisY, y1: contentBottom, height: contentBottom - axisY, label: a.label ?? '', labelX: bx0 + 3, labelY: contentBottom - 4 });
    }
  });

  // Legend: only encodings that appear.
  const legendEntries: [LegendRecord['key'], string][] = [];
  if (items.some((i) => i.kind === 'interval')) legendEntries.push(['interval', 'interval']);
  if (items.some((i) => i.fuzzy === 'approximate' || i.fuzzy === 'both')) legendEntries.push(['approximate', 'approximate date (~)']);
  if (items.some((i) => i.fuzzy === 'uncertain' || i.fuzzy === 'both')) legendEntries.push(['uncertain', 'uncertain date (?)']);
  if (connectors.some((c) => c.directed)) legendEntries.push(['source', 'source'], ['target', 'target']);
  if (aggregates.length > 0) legendEntries.push(['aggregate', 'several events']);
  const legend: LegendRecord[] = [];
  const legendY = contentBottom + 14;
  let lx = plotX0;
  for (const [key, label] of legendEntries) {
    const swatchWidth = key === 'interval' || key === 'approximate' ? 3 * r : 2 * r;
    const swatchRx = key === 'interval' ? 2 : key === 'aggregate' ? 3 : r;
    legend.push({ key, label, x: lx, y: legendY, swatchY: legendY - r, swatchWidth, swatchHeight: 2 * r, swatchRx, textX: lx + swatchWidth + 6 });
    lx += swatchWidth + 6 + measure(label, labelFont(11)) + 24;
  }
  const naturalHeight = (legend.length > 0 ? legendY + 12 : contentBottom) + margin.bottom;
  const height = options.height === undefined || options.height === 'auto' ? naturalHeight : options.height;

  const ticks = timeTicks(domain, plotX1 - plotX0, { utc, ...(options.locale ? { locale: options.locale } : {}) }).map((t) => ({ ...t, x: x(t.value) }));

  return {
    width,
    height,
    plot: { x0: plotX0, x1: plotX1, y0: axisY, y1: contentBottom },
    domain,
    range,
    utc,
    rowHeight,
    markRadius: r,
    fontSize,
    lanes,
    items,
    connectors,
    labels,
    hiddenLabels,
    ticks,
    axisY,
    aggregates,
    lines,
    bands,
    legend,
    eventCount: events.length,
  };
}

const itemOfLabel = new WeakMap<LabelRecord, ItemRecord>();

/**
 * The mark a label made by {@link layoutTimeline} belongs to (undefined for a label made
 * elsewhere), without an index of every mark.
 *
 * @example
 * ```ts
 * const item = labelItem(layout.labels[0]!);
 * ```
 */
export function labelItem(label: LabelRecord): ItemRecord | undefined {
  return itemOfLabel.get(label);
}

/**
 * Where a label's anchor goes for a mark drawn at `geometry` (a zoomed position), keeping the
 * side the layout chose. Used by the interactive view's cheap zoom path.
 *
 * @example
 * ```ts
 * const g = markGeometry(item.t0, item.t1, item.kind, zoomedX, layout.markRadius);
 * text.setAttribute('x', String(labelAnchorX(label, g)));
 * ```
 */
export function labelAnchorX(label: Pick<LabelRecord, 'anchor' | 'inside'>, geometry: { markX: number; markWidth: number }): number {
  if (label.inside) return geometry.markX + LABEL_GAP;
  return label.anchor === 'end' ? geometry.markX - LABEL_GAP : geometry.markX + geometry.markWidth + LABEL_GAP;
}
