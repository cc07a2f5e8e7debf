/**
 * Static SVG arc diagram: actors on a line in order of first appearance, relations as arcs.
 */
import { select } from 'd3-selection';
import type { Dataset } from '../../model/types.js';
import type { RenderContext } from '../common/context.js';
import { buildNetwork } from '../../layout/network.js';
import { layoutArc } from '../../layout/arc.js';
import type { ArcEdge, ArcNode } from '../../layout/arc.js';
import { createChartRoot, drawLegend, legendContent, LEGEND_HEIGHT, paintNodeShapes } from './draw.js';
import type { NetworkChartBase } from './draw.js';
import { actorAriaLabel, edgeAriaLabel, networkDescription } from './text.js';
import { positive, windowFromOptions } from './options.js';
import type { WindowOptions } from './options.js';

/** Options of {@link renderArcSVG}. */
export interface ArcSVGOptions extends NetworkChartBase, WindowOptions {
  /** Draw affiliations as arcs too. Default false. */
  readonly includeAffiliations?: boolean;
  readonly labels?: boolean;
  readonly legend?: boolean;
  readonly fontSize?: number;
}

/**
 * Renders the network as an arc diagram. Forward relations (to an actor who appeared later)
 * arc above the line, backward ones below; arcs are as thick as their event count.
 *
 * @example
 * ```ts
 * const svg = renderArcSVG(createStaticContext(), dataset, { width: 900, height: 420 });
 * ```
 */
export function renderArcSVG(ctx: RenderContext, dataset: Dataset, options: ArcSVGOptions = {}): SVGSVGElement {
  const name = 'renderArcSVG';
  const width = positive(options.width, 800, name, 'width');
  const height = positive(options.height, 420, name, 'height');
  const fontSize = options.fontSize ?? 11;
  const legend = options.legend ?? true;
  const includeAffiliations = options.includeAffiliations ?? false;
  const graph = buildNetwork(dataset, { window: windowFromOptions(options, name), includeAffiliations });
  const font = `${fontSize}px system-ui, sans-serif`;
  const longest = Math.max(0, ...graph.nodes.map((n) => ctx.measureText(n.label, font)));
  const layout = layoutArc(graph, dataset, {
    width,
    height: legend ? height - LEGEND_HEIGHT : height,
    labelSpace: Math.ceil(longest * Math.SQRT1_2) + 16,
    margin: 24,
    includeAffiliations,
  });
  const svg = createChartRoot(
    ctx,
    'arc',
    width,
    height,
    options.theme,
    options.title ?? dataset.meta.title ?? 'Actor relations by first appearance',
    options.description ?? `Arc diagram: actors from left to right in order of first appearance; forward relations above the line, backward ones below. ${networkDescription(graph)}`,
  );
  const root = select(svg).append('g').attr('class', 'et-viewport');
  root.append('line').attr('class', 'et-baseline').attr('x1', 12).attr('x2', width - 12).attr('y1', layout.baseline).attr('y2', layout.baseline).attr('aria-hidden', 'true');
  root
    .append('g')
    .attr('class', 'et-edges')
    .selectAll<SVGPathElement, ArcEdge>('path.et-edge')
    .data(layout.edges, (d) => d.id)
    .join('path')
    .attr('class', (d) => `et-edge et-edge-${d.kind}`)
    .attr('d', (d) => d.path)
    .attr('stroke-width', (d) => d.width)
    .attr('data-source', (d) => d.source)
    .attr('data-target', (d) => d.target)
    .attr('data-relation', (d) => d.id)
    .attr('data-weight', (d) => d.weight)
    .attr('marker-end', (d) => (d.directed && d.kind === 'relation' ? `url(#${ctx.idPrefix}-arrow)` : null))
    // A labelled path needs a role for its label to count (axe: aria-prohibited-attr).
    .attr('role', 'img')
    .attr('aria-label', (d) => edgeAriaLabel(d, dataset));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const nodes = root
    .append('g')
    .attr('class', 'et-nodes')
    .selectAll<SVGGElement, ArcNode>('g.et-node')
    .data(layout.nodes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g');
      g.append('path').attr('class', 'et-node-shape');
      return g;
    })
    .attr('class', (d) => `et-node et-kind-${d.kind}`)
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('data-actor-id', (d) => d.id)
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-label', (d) => actorAriaLabel(byId.get(d.id)!, dataset));
  paintNodeShapes(nodes);
  if (options.labels ?? true) {
    const below = layout.edges.some((e) => !e.above);
    const labelY = below ? Math.max(layout.baseline + 14, ...layout.edges.filter((e) => !e.above).map((e) => e.labelY + 12)) : layout.baseline + 14;
    root
      .append('g')
      .attr('class', 'et-labels')
      .selectAll<SVGTextElement, ArcNode>('text.et-label')
      .data(layout.nodes, (d) => d.id)
      .join('text')
      .attr('class', 'et-label')
      .attr('transform', (d) => `translate(${d.x},${Math.round(labelY)}) rotate(45)`)
      .attr('font-size', fontSize)
      .attr('aria-hidden', 'true')
      .attr('data-actor-id', (d) => d.id)
      .text((d) => d.label);
  }
  if (legend) {
    const { kinds, edgeKinds } = legendContent(layout.nodes, layout.edges);
    drawLegend(svg, kinds, edgeKinds, ctx, width, height);
  }
  return svg;
}
