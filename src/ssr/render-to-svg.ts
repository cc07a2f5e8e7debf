import type { Dataset } from '../model/types.js';
import { parseDate } from '../model/dates.js';
import type { TimeWindow } from '../link/state.js';
import type { TextMeasurer } from '../render/common/context.js';
import { renderTimelineSVG, type TimelineOptions } from '../render/timeline/svg.js';
import { renderNetworkSVG, renderEgoSVG, type NetworkSVGOptions, type EgoSVGOptions } from '../render/network/svg.js';
import { renderMatrixSVG, type MatrixSVGOptions } from '../render/network/matrix-svg.js';
import { renderArcSVG, type ArcSVGOptions } from '../render/network/arc-svg.js';
import { renderStorylineSVG, type StorylineSVGOptions } from '../render/storyline/svg.js';
import { createStaticContext } from './context.js';
import { serializeSVG } from './serialize.js';
import { checkRenderLimits } from './limits.js';

/** The views {@link renderToSVG} can draw. */
export type SVGView = 'timeline' | 'network' | 'matrix' | 'arc' | 'ego' | 'storyline';

/** Every view {@link renderToSVG} can draw, in the order the CLI lists them. */
export const SVG_VIEWS: readonly SVGView[] = Object.freeze(['timeline', 'network', 'matrix', 'arc', 'ego', 'storyline']);

/**
 * A time bound for {@link renderToSVG}: an EDTF/ISO string (`from` uses its earliest instant
 * and `to` its latest, so `to: '2024-01'` includes all of January), epoch milliseconds or a Date.
 */
export type TimeArgument = string | number | Date;

/** Options every view takes in {@link renderToSVG}. */
export interface RenderToSVGCommonOptions {
  /** Show only what happened from this time on. */
  readonly from?: TimeArgument;
  /** Show only what happened up to this time. */
  readonly to?: TimeArgument;
  /** Prefix of generated ids, so several charts inlined in one page never clash. Default `et`. */
  readonly idPrefix?: string;
  /** Text measurement; default a deterministic width table (the same in every environment). */
  readonly measureText?: TextMeasurer;
  /** Start the output with `<?xml version="1.0" encoding="UTF-8"?>`. Default false. */
  readonly xmlDeclaration?: boolean;
  /**
   * Refuse (with a {@link RenderLimitError}) to draw more events than this: those in the
   * `from`/`to` window of a timeline or storyline. Default 100,000; `Infinity` for no limit.
   */
  readonly maxEvents?: number;
  /**
   * Refuse (with a {@link RenderLimitError}) to draw more actors than this: the nodes of a
   * network, matrix, arc or ego view, the lines of a storyline. Default 10,000; `Infinity`
   * for no limit.
   */
  readonly maxActors?: number;
}

/** Options of {@link renderToSVG}: `view` picks the chart; the rest are that view's options. */
export type RenderToSVGOptions = RenderToSVGCommonOptions &
  (
    | ({ readonly view?: 'timeline' } & Omit<TimelineOptions, 'from' | 'to' | 'window'>)
    | ({ readonly view: 'network' } & Omit<NetworkSVGOptions, 'from' | 'to' | 'window'>)
    | ({ readonly view: 'matrix' } & Omit<MatrixSVGOptions, 'from' | 'to' | 'window'>)
    | ({ readonly view: 'arc' } & Omit<ArcSVGOptions, 'from' | 'to' | 'window'>)
    | ({ readonly view: 'ego' } & Omit<EgoSVGOptions, 'from' | 'to' | 'window'>)
    | ({ readonly view: 'storyline' } & Omit<StorylineSVGOptions, 'from' | 'to' | 'window'>)
  );

/**
 * Renders a dataset as a self-contained SVG document string: inline styles, declared fonts, no
 * scripts, no external references, and the same bytes for the same input on every machine.
 * Works in Node without any DOM library, and in browsers.
 *
 * A chart is built whole in one synchronous call, so each view has a budget
 * ({@link DEFAULT_RENDER_LIMITS}: 100,000 events, 10,000 actors) and a bigger chart throws a
 * {@link RenderLimitError} at once instead of running for minutes; `from`/`to` (a timeline
 * draws only the events of its window), another view, or `maxEvents`/`maxActors` let it through.
 *
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from 'node:fs';
 * import { parseDataset, renderToSVG } from 'entity-timeline';
 *
 * const dataset = parseDataset(readFileSync('events.json', 'utf8'));
 * writeFileSync('timeline.svg', renderToSVG(dataset, { view: 'timeline', width: 960 }));
 * writeFileSync('north-korea.svg', renderToSVG(dataset, { view: 'ego', actor: 'north-korea' }));
 * ```
 */
export function renderToSVG(dataset: Dataset, options: RenderToSVGOptions = {}): string {
  const { from, to, idPrefix, measureText, xmlDeclaration, maxEvents, maxActors, ...rest } = options;
  const ctx = createStaticContext({
    ...(idPrefix !== undefined ? { idPrefix } : {}),
    ...(measureText !== undefined ? { measureText } : {}),
  });
  const window = timeWindow(from, to);
  // Pass only the sides the caller gave, so each view keeps its own default for the other.
  const bounds = {
    ...(window && from !== undefined ? { from: window[0] } : {}),
    ...(window && to !== undefined ? { to: window[1] } : {}),
  };
  const view = rest.view ?? 'timeline';
  if ((SVG_VIEWS as readonly string[]).includes(view)) {
    const limited = rest as { includeAffiliations?: boolean; actors?: readonly string[]; actor?: string; maxDepth?: number };
    checkRenderLimits(dataset, {
      view,
      window,
      maxEvents,
      maxActors,
      includeAffiliations: limited.includeAffiliations,
      actors: view === 'storyline' ? limited.actors : undefined,
      actor: view === 'ego' ? limited.actor : undefined,
      maxDepth: view === 'ego' ? limited.maxDepth : undefined,
    });
  }
  let svg: SVGSVGElement;
  switch (view) {
    case 'timeline': {
      const timeline = rest as TimelineOptions;
      // The timeline lays out every event it is given, even those outside its window; give it
      // only the window's, so from/to makes a big timeline cheaper (and within its budget).
      const events = window && timeline.events === undefined ? { events: dataset.eventsBetween(window[0], window[1]) } : {};
      svg = renderTimelineSVG(ctx, dataset, { ...timeline, ...events, ...bounds });
      break;
    }
    case 'network':
      svg = renderNetworkSVG(ctx, dataset, { ...(rest as NetworkSVGOptions), ...bounds });
      break;
    case 'matrix':
      svg = renderMatrixSVG(ctx, dataset, { ...(rest as MatrixSVGOptions), ...bounds });
      break;
    case 'arc':
      svg = renderArcSVG(ctx, dataset, { ...(rest as ArcSVGOptions), ...bounds });
      break;
    case 'ego': {
      const ego = rest as EgoSVGOptions;
      if (typeof ego.actor !== 'string' || dataset.actor(ego.actor) === undefined) {
        throw new RangeError(`renderToSVG: the ego view needs the id of an actor in the dataset (actor: ${JSON.stringify(ego.actor)})`);
      }
      svg = renderEgoSVG(ctx, dataset, { ...ego, ...bounds });
      break;
    }
    case 'storyline': {
      const storyline = rest as StorylineSVGOptions;
      svg = renderStorylineSVG(ctx, dataset, { ...storyline, width: storyline.width ?? 960, window });
      break;
    }
    default:
      throw new RangeError(`renderToSVG: unknown view ${JSON.stringify(rest.view)} (views: ${SVG_VIEWS.join(', ')})`);
  }
  return serializeSVG(svg, { xmlDeclaration: xmlDeclaration ?? false });
}

/** Turns `from`/`to` arguments into a window; an open side extends to the end of time. */
export function timeWindow(from: TimeArgument | undefined, to: TimeArgument | undefined): TimeWindow | null {
  if (from === undefined && to === undefined) return null;
  const start = from === undefined ? -8.64e15 : instant(from, 'from');
  const end = to === undefined ? 8.64e15 : instant(to, 'to');
  if (start > end) throw new RangeError(`renderToSVG: "from" (${String(from)}) is after "to" (${String(to)})`);
  return [start, end];
}

function instant(value: TimeArgument, side: 'from' | 'to'): number {
  if (typeof value === 'string') {
    const date = parseDate(value);
    return side === 'from' ? date.earliest : date.latest;
  }
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TypeError(`renderToSVG: "${side}" must be a date string, epoch milliseconds or a Date`);
  return ms;
}
