import type { Dataset } from '../../model/types.js';
import { layoutTimeline, type TimeInput, type TimelineLayout, type TimelineLayoutOptions, defaultDomain } from '../../layout/timeline.js';
import { formatWhen } from '../../model/dates.js';
import type { RenderContext } from '../common/context.js';
import { appendTitleDesc } from '../common/a11y.js';
import { applyTheme, resolveTheme, type Theme } from '../common/theme.js';
import { SVG_NS, drawTimeline } from './draw.js';

/**
 * Options of {@link renderTimelineSVG} (and the base of the interactive view's options): the
 * layout options plus presentation.
 */
export interface TimelineOptions extends Omit<TimelineLayoutOptions, 'measureText' | 'domain'> {
  /** `'light'` (default), `'dark'` or a custom {@link Theme}. */
  readonly theme?: 'light' | 'dark' | Theme;
  /** The accessible title; default the dataset's title, or "Timeline". */
  readonly title?: string;
  /** The accessible description; default a summary of events, lanes and dates. */
  readonly description?: string;
  /** Start of the visible window (default: the data's extent, padded). */
  readonly from?: TimeInput;
  /** End of the visible window. */
  readonly to?: TimeInput;
}

/** Turns `from`/`to` options into a layout domain. */
export function domainOf(dataset: Dataset, options: Pick<TimelineOptions, 'from' | 'to'>): [number, number] {
  const [d0, d1] = defaultDomain(dataset);
  const from = options.from === undefined ? d0 : typeof options.from === 'number' ? options.from : options.from.earliest;
  const to = options.to === undefined ? d1 : typeof options.to === 'number' ? options.to : options.to.latest;
  if (!(to > from)) throw new RangeError(`Timeline: "to" (${to}) must be after "from" (${from}).`);
  return [from, to];
}

/** The default accessible description of a timeline. */
export function describeTimeline(dataset: Dataset, layout: TimelineLayout): string {
  const n = dataset.events.length;
  if (n === 0) return 'A timeline with no events.';
  const first = dataset.events[0]!;
  const last = dataset.events.reduce((a, e) => (e.when.latest > a.when.latest ? e : a), first);
  const lanes = layout.lanes.length;
  const parts = [`${n} event${n === 1 ? '' : 's'} in ${lanes} lane${lanes === 1 ? '' : 's'}, from ${formatWhen(first.when)} to ${formatWhen(last.when)}.`];
  if (layout.aggregates.length > 0) parts.push(`Crowded periods are drawn as counted groups.`);
  if (layout.hiddenLabels > 0) parts.push(`${layout.hiddenLabels} event title${layout.hiddenLabels === 1 ? ' is' : 's are'} not shown to avoid overlap.`);
  return parts.join(' ');
}

/**
 * Renders a timeline as a self-contained static `<svg>` built in `ctx.document`: no window,
 * no transitions, the same output in Node and in browsers. Events are drawn in lanes (per
 * actor by default); each event mark has `data-event-id`, lanes `data-lane`, actor labels
 * `data-actor-id`, and counted groups of crowded events `data-event-ids`. The first mark of
 * each event is focusable and carries an accessible name (title, date at its own precision,
 * actors with roles).
 *
 * @example
 * ```ts
 * import { createStaticContext, serializeSVG } from 'entity-timeline';
 * const ctx = createStaticContext();
 * const svg = renderTimelineSVG(ctx, dataset, { width: 960, theme: 'dark', nestAffiliations: true });
 * const text = serializeSVG(svg);
 * ```
 */
export function renderTimelineSVG(ctx: RenderContext, dataset: Dataset, options: TimelineOptions = {}): SVGSVGElement {
  const theme = resolveTheme(options.theme);
  const layout = layoutTimeline(dataset, {
    ...options,
    domain: domainOf(dataset, options),
    measureText: ctx.measureText,
  });
  const svg = ctx.document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('class', `et-chart et-timeline et-theme-${theme.name}`);
  svg.setAttribute('font-family', 'system-ui, sans-serif');
  applyTheme(svg, theme);
  appendTitleDesc(svg, ctx, options.title ?? dataset.meta.title ?? 'Timeline', options.description ?? describeTimeline(dataset, layout));
  drawTimeline(svg, layout, { ctx, dataset, interactive: false });
  return svg;
}
