/**
 * The keyed D3 joins that draw a {@link TimelineLayout} into an `<svg>`. Shared by the static
 * renderer and the interactive view; no layout arithmetic happens here.
 */
import { select, type Selection } from 'd3-selection';
import type { AggregateRecord, ItemRecord, LabelRecord, LaneRecord, TimelineLayout } from '../../layout/timeline.js';
import type { Dataset } from '../../model/types.js';
import type { RenderContext } from '../common/context.js';
import { eventAriaLabel } from '../common/format.js';
import { formatWhen } from '../../model/dates.js';
import { chartCss } from '../common/theme.js';
import { drawAxis } from './axis.js';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** CSS rules specific to the timeline, added after the shared chart stylesheet. */
export function timelineCss(root: string): string {
  const r = `.${root}`;
  return [
    `${r} .et-mark { stroke-width: 1.5px; }`,
    `${r} .et-mark.et-hollow { fill: var(--et-bg); }`,
    `${r} .et-mark.et-coarse { fill-opacity: 0.4; }`,
    `${r} .et-mark.et-uncertain { stroke-dasharray: 3 2; fill-opacity: 0.3; }`,
    `${r} .et-mark.et-hovered { stroke-width: 3px; }`,
    `${r} .et-highlight-lane .et-lane-label { text-decoration: underline; }`,
    `${r} .et-connector { stroke: var(--et-muted); stroke-width: 1.25px; }`,
    `${r} .et-connector.et-directed { stroke: var(--et-fg); }`,
    `${r} .et-arrow { fill: var(--et-fg); }`,
    `${r} .et-lane-label { font-weight: 600; }`,
    `${r} .et-axis .et-grid-line { stroke: var(--et-grid); }`,
    `${r} .et-axis text { font-size: 11px; }`,
    `${r} .et-lane-toggle { cursor: pointer; fill: var(--et-muted); }`,
    `${r} .et-aggregate rect { fill-opacity: 0.3; stroke-width: 1px; }`,
    `${r} .et-aggregate text { font-size: 10px; font-weight: 600; }`,
    // A halo in the background colour keeps titles legible over bars, grid lines and bands.
    `${r} .et-label { font-size: var(--et-font-size); pointer-events: none; paint-order: stroke; stroke: var(--et-bg); stroke-width: 3px; stroke-linejoin: round; stroke-opacity: 0.85; }`,
    `${r} .et-band-label, ${r} .et-ref-label { fill: var(--et-muted); font-size: 10px; }`,
    `${r} .et-legend { color: var(--et-muted); }`,
    `${r} .et-legend text { fill: var(--et-muted); font-size: 11px; }`,
  ].join('\n');
}

/** What the joins need besides the layout. */
export interface DrawEnv {
  readonly ctx: RenderContext;
  readonly dataset: Dataset;
  /** Interactive views use a roving tabindex; static output makes each event's first mark a tab stop. */
  readonly interactive: boolean;
  /** The event mark that holds the roving tab stop (interactive only). */
  readonly focusKey?: string | null;
}

type G = Selection<SVGGElement, unknown, null, undefined>;

/** Returns the `<g class=name>` child of `node`, creating it in order on first use. */
export function layer(node: Element, name: string): G {
  for (const child of Array.from(node.children)) {
    if (child.getAttribute('class') === name) return select(child as SVGGElement);
  }
  const g = node.ownerDocument.createElementNS(SVG_NS, 'g') as SVGGElement;
  g.setAttribute('class', name);
  node.appendChild(g);
  return select(g);
}

function markClass(d: ItemRecord): string {
  let c = 'et-mark';
  if (!d.filled) c += ' et-hollow';
  if (d.kind === 'interval') c += ' et-interval';
  // A point known only to the month or year is a light band over that span, not a solid bar.
  else if (d.precision === 'month' || d.precision === 'year') c += ' et-coarse';
  if (d.fuzzy === 'approximate' || d.fuzzy === 'both') c += ' et-approximate';
  if (d.fuzzy === 'uncertain' || d.fuzzy === 'both') c += ' et-uncertain';
  if (d.highlighted) c += ' et-highlight';
  return c;
}

/** Builds (once) the `<defs>`: plot clip, arrowhead marker, fade mask for approximate dates. */
function ensureDefs(svg: Selection<SVGSVGElement, unknown, null, undefined>, layout: TimelineLayout, prefix: string): void {
  const defs = layer(svg.node()!, 'et-defs');
  const doc = svg.node()!.ownerDocument;
  if (defs.node()!.childNodes.length === 0) {
    const clip = doc.createElementNS(SVG_NS, 'clipPath');
    clip.setAttribute('id', `${prefix}-clip`);
    clip.appendChild(doc.createElementNS(SVG_NS, 'rect'));
    const marker = doc.createElementNS(SVG_NS, 'marker');
    marker.setAttribute('id', `${prefix}-arrow`);
    for (const [k, v] of [['viewBox', '0 0 10 10'], ['refX', '10'], ['refY', '5'], ['markerWidth', '7'], ['markerHeight', '7'], ['orient', 'auto-start-reverse']]) marker.setAttribute(k!, v!);
    const path = doc.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', 'M0,0L10,5L0,10z');
    path.setAttribute('class', 'et-arrow');
    marker.appendChild(path);
    // An approximate date fades out at both ends: a mask over the mark's own bounding box.
    const gradient = doc.createElementNS(SVG_NS, 'linearGradient');
    gradient.setAttribute('id', `${prefix}-fade-gradient`);
    for (const [offset, opacity] of [['0', '0.15'], ['0.3', '1'], ['0.7', '1'], ['1', '0.15']]) {
      const stop = doc.createElementNS(SVG_NS, 'stop');
      stop.setAttribute('offset', offset!);
      stop.setAttribute('stop-color', 'white');
      stop.setAttribute('stop-opacity', opacity!);
      gradient.appendChild(stop);
    }
    const mask = doc.createElementNS(SVG_NS, 'mask');
    mask.setAttribute('id', `${prefix}-fade`);
    mask.setAttribute('maskContentUnits', 'objectBoundingBox');
    const inner = doc.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of [['x', '0'], ['y', '0'], ['width', '1'], ['height', '1'], ['fill', `url(#${prefix}-fade-gradient)`]]) inner.setAttribute(k!, v!);
    mask.appendChild(inner);
    defs.node()!.append(clip, marker, gradient, mask);
  }
  defs
    .select(`clipPath rect`)
    .attr('x', layout.plot.x0)
    .attr('y', layout.plot.y0)
    .attr('width', layout.plot.x1 - layout.plot.x0)
    .attr('height', layout.plot.y1 - layout.plot.y0);
}

/** Text for an aggregate mark: how many events and the first and last dates. */
export function aggregateAriaLabel(a: AggregateRecord, dataset: Dataset): string {
  const first = dataset.event(a.eventIds[0]!);
  const last = dataset.event(a.eventIds[a.eventIds.length - 1]!);
  const span = first && last ? (first === last ? formatWhen(first.when) : `${formatWhen(first.when)} to ${formatWhen(last.when)}`) : '';
  return `${a.count} events${span ? `, ${span}` : ''}`;
}

/**
 * Draws (or updates, joined by key) every part of the timeline into `svgNode`. Elements for
 * unchanged records are kept, so focus and transitions survive updates.
 */
export function drawTimeline(svgNode: SVGSVGElement, layout: TimelineLayout, env: DrawEnv): void {
  const { ctx, dataset } = env;
  const prefix = ctx.idPrefix;
  const svg = select(svgNode);
  svg
    .attr('width', layout.width)
    .attr('height', layout.height)
    .attr('viewBox', `0 0 ${layout.width} ${layout.height}`);

  if (svg.select('style.et-style').empty()) {
    svg.append('style').attr('class', 'et-style').text(`${chartCss('et-chart')}\n${timelineCss('et-chart')}`);
  }
  ensureDefs(svg, layout, prefix);

  // Lanes: background, label, toggle.
  const lanes = layer(svgNode, 'et-lanes')
    .selectAll<SVGGElement, LaneRecord>('g.et-lane')
    .data(layout.lanes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'et-lane');
      g.append('rect').attr('class', 'et-lane-bg');
      g.append('text').attr('class', 'et-lane-label').attr('dy', '0.32em');
      return g;
    })
    .attr('data-lane', (d) => d.id)
    .attr('data-actor-id', (d) => d.actorId ?? null);
  lanes
    .select('rect.et-lane-bg')
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .attr('width', (d) => d.width)
    .attr('height', (d) => d.height)
    .attr('fill-opacity', (d) => (d.shaded ? 1 : 0));
  lanes
    .select<SVGTextElement>('text.et-lane-label')
    .attr('x', (d) => d.labelX)
    .attr('y', (d) => d.labelY)
    .attr('data-actor-id', (d) => d.actorId ?? null)
    .text((d) => d.labelText)
    .each(function (d) {
      // The full name when the label is cut.
      let t: Element | null = this.querySelector('title');
      if (d.labelText !== d.label) {
        if (!t) t = this.appendChild(this.ownerDocument.createElementNS(SVG_NS, 'title'));
        t.textContent = d.label;
      } else t?.remove();
    });
  lanes
    .selectAll<SVGTextElement, LaneRecord>('text.et-lane-toggle')
    .data((d) => (d.collapsible ? [d] : []), (d) => d.id)
    .join((enter) => enter.append('text').attr('class', 'et-lane-toggle').attr('dy', '0.32em'))
    .attr('x', (d) => d.toggleX)
    .attr('y', (d) => d.labelY)
    .attr('role', env.interactive ? 'button' : null)
    .attr('tabindex', env.interactive ? 0 : null)
    .attr('aria-expanded', env.interactive ? (d) => String(!d.collapsed) : null)
    .attr('aria-label', (d) => `${d.collapsed ? 'Expand' : 'Collapse'} ${d.label}`)
    .text((d) => (d.collapsed ? '▸' : '▾'));

  // Background bands (eras) under everything in the plot.
  const bands = layer(svgNode, 'et-bands')
    .selectAll<SVGGElement, TimelineLayout['bands'][number]>('g.et-band-g')
    .data(layout.bands, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'et-band-g');
      g.append('rect').attr('class', 'et-band');
      g.append('text').attr('class', 'et-band-label');
      return g;
    });
  bands.select('rect').attr('x', (d) => d.x0).attr('y', (d) => d.y0).attr('width', (d) => d.width).attr('height', (d) => d.height);
  bands.select('text').attr('x', (d) => d.labelX).attr('y', (d) => d.labelY).text((d) => d.label);

  drawAxis(layer(svgNode, 'et-axis'), layout.ticks, layout);

  const plot = layer(svgNode, 'et-plot').attr('clip-path', `url(#${prefix}-clip)`);

  layer(plot.node()!, 'et-connectors')
    .selectAll<SVGLineElement, TimelineLayout['connectors'][number]>('line')
    .data(layout.connectors, (d) => d.key)
    .join('line')
    .attr('class', (d) => (d.directed ? 'et-connector et-directed' : 'et-connector'))
    .attr('data-event-id', (d) => d.eventId)
    .attr('x1', (d) => d.x)
    .attr('x2', (d) => d.x)
    .attr('y1', (d) => d.y0)
    .attr('y2', (d) => d.y1)
    .attr('marker-end', (d) => (d.directed ? `url(#${prefix}-arrow)` : null));

  // Interactive: a listbox of options, so `aria-selected` is valid and announced ("selected"),
  // with one roving tab stop. Static output has nothing to select: a plain list.
  const marks = layer(plot.node()!, 'et-marks')
    .attr('role', env.interactive ? 'listbox' : 'list')
    .attr('aria-label', 'Events')
    .selectAll<SVGRectElement, ItemRecord>('rect')
    .data(layout.items, (d) => d.key)
    .join('rect')
    .attr('class', markClass)
    .attr('data-event-id', (d) => d.eventId)
    .attr('data-lane', (d) => d.laneId)
    .attr('x', (d) => d.markX)
    .attr('y', (d) => d.markY)
    .attr('width', (d) => d.markWidth)
    .attr('height', (d) => d.markHeight)
    .attr('rx', (d) => d.rx)
    .attr('fill', (d) => (d.filled ? d.color : null))
    .attr('stroke', (d) => d.color)
    .attr('mask', (d) => (d.fuzzy === 'approximate' || d.fuzzy === 'both' ? `url(#${prefix}-fade)` : null))
    // Static output: each event's first mark is a tab stop and is announced; its repeats in
    // other lanes are hidden. Interactive views reach every mark with a roving tabindex.
    .attr('role', (d) => (env.interactive ? 'option' : d.primary ? 'listitem' : null))
    .attr('aria-hidden', (d) => (d.primary || env.interactive ? null : 'true'))
    .attr('tabindex', (d) => (env.interactive ? (d.key === env.focusKey ? 0 : -1) : d.primary ? 0 : null));
  marks.each(function (d) {
    if (!d.primary && !env.interactive) {
      this.removeAttribute('aria-label');
      return;
    }
    const event = dataset.event(d.eventId);
    if (event) this.setAttribute('aria-label', eventAriaLabel(event, dataset));
  });

  const aggregates = layer(plot.node()!, 'et-aggregates')
    .attr('role', 'list')
    .attr('aria-label', 'Groups of events')
    .selectAll<SVGGElement, AggregateRecord>('g.et-aggregate')
    .data(layout.aggregates, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'et-aggregate').attr('role', 'listitem');
      g.append('rect');
      g.append('text').attr('text-anchor', 'middle').attr('dy', '0.32em');
      return g;
    })
    .attr('data-lane', (d) => d.laneId)
    .attr('data-event-ids', (d) => d.eventIds.join(' '))
    .attr('tabindex', env.interactive ? -1 : 0)
    .attr('aria-label', (d) => aggregateAriaLabel(d, dataset));
  aggregates
    .select('rect')
    .attr('x', (d) => d.x0)
    .attr('y', (d) => d.markY)
    .attr('width', (d) => d.width)
    .attr('height', (d) => d.markHeight)
    .attr('rx', 3)
    .attr('fill', (d) => d.color)
    .attr('stroke', (d) => d.color);
  aggregates
    .select('text')
    .attr('x', (d) => d.labelX)
    .attr('y', (d) => d.labelY)
    .text((d) => String(d.count));

  layer(plot.node()!, 'et-labels')
    .attr('aria-hidden', 'true')
    .selectAll<SVGTextElement, LabelRecord>('text')
    .data(
      layout.labels.filter((l) => l.visible),
      (d) => d.key,
    )
    .join('text')
    .attr('class', (d) => (d.inside ? 'et-label et-label-inside' : 'et-label'))
    .attr('data-event-id', (d) => d.eventId)
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .attr('dy', '0.32em')
    .attr('text-anchor', (d) => (d.anchor === 'end' ? 'end' : null))
    .text((d) => d.text);

  const lines = layer(svgNode, 'et-lines')
    .selectAll<SVGGElement, TimelineLayout['lines'][number]>('g.et-ref')
    .data(layout.lines, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'et-ref');
      g.append('line').attr('class', 'et-ref-line');
      g.append('text').attr('class', 'et-ref-label');
      return g;
    });
  lines.select('line').attr('x1', (d) => d.x).attr('x2', (d) => d.x).attr('y1', (d) => d.y0).attr('y2', (d) => d.y1);
  lines.select('text').attr('x', (d) => d.labelX).attr('y', (d) => d.labelY).text((d) => d.label);

  drawLegend(layer(svgNode, 'et-legend'), layout, prefix);
}

function drawLegend(g: G, layout: TimelineLayout, prefix: string): void {
  const entries = g
    .attr('aria-hidden', 'true')
    .selectAll<SVGGElement, TimelineLayout['legend'][number]>('g.et-legend-entry')
    .data(layout.legend, (d) => d.key)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'et-legend-entry');
      e.append('rect');
      e.append('text').attr('dy', '0.32em');
      return e;
    })
    .attr('data-legend', (d) => d.key);
  entries
    .select('rect')
    .attr('class', (d) =>
      d.key === 'approximate' ? 'et-mark et-approximate' : d.key === 'uncertain' ? 'et-mark et-hollow et-uncertain' : d.key === 'target' ? 'et-mark et-hollow' : 'et-mark',
    )
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.swatchY)
    .attr('width', (d) => d.swatchWidth)
    .attr('height', (d) => d.swatchHeight)
    .attr('rx', (d) => d.swatchRx)
    .attr('fill', (d) => (d.key === 'target' || d.key === 'uncertain' ? null : 'currentColor'))
    .attr('fill-opacity', (d) => (d.key === 'aggregate' ? 0.3 : null))
    .attr('stroke', 'currentColor')
    .attr('mask', (d) => (d.key === 'approximate' ? `url(#${prefix}-fade)` : null));
  entries
    .select('text')
    .attr('x', (d) => d.textX)
    .attr('y', (d) => d.y)
    .text((d) => d.label);
}
