/**
 * Static SVG arc diagram: actors on a line in order of first appearance, relations as arcs.
 * The joins here are shared with the interactive arc diagram (arc-view.ts).
 */
import { select } from 'd3-selection';
import type { Selection } from 'd3-selection';
import type { Dataset } from '../../model/types.js';
import type { RenderContext } from '../common/context.js';
import { buildNetwork } from '../../layout/network.js';
import { layoutArc } from '../../layout/arc.js';
import type { ArcEdge, ArcLayout, ArcNode } from '../../layout/arc.js';
import type { NetworkGraph } from '../../layout/network.js';
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
  const layout = arcLayoutFor(ctx, graph, dataset, width, legend ? height - LEGEND_HEIGHT : height, fontSize, includeAffiliations);
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
  drawArcEdges(root.append('g').attr('class', 'et-edges'), layout.edges, ctx, dataset);
  drawArcNodes(root.append('g').attr('class', 'et-nodes'), layout.nodes, graph, dataset);
  if (options.labels ?? true) drawArcLabels(root.append('g').attr('class', 'et-labels'), layout, fontSize);
  if (legend) {
    const { kinds, edgeKinds } = legendContent(layout.nodes, layout.edges);
    drawLegend(svg, kinds, edgeKinds, ctx, width, height);
  }
  return svg;
}

/**
 * Lays the arc diagram out in `width` × `height`, keeping room under the line for the longest
 * rotated label. Shared with the interactive view, so both draw the same picture.
 *
 * @example
 * ```ts
 * const layout = arcLayoutFor(ctx, buildNetwork(dataset), dataset, 900, 432, 11, false);
 * ```
 */
export function arcLayoutFor(ctx: RenderContext, graph: NetworkGraph, dataset: Dataset, width: number, height: number, fontSize: number, includeAffiliations: boolean): ArcLayout {
  const font = `${fontSize}px system-ui, sans-serif`;
  const longest = Math.max(0, ...graph.nodes.map((n) => ctx.measureText(n.label, font)));
  return layoutArc(graph, dataset, {
    width,
    height,
    labelSpace: Math.ceil(longest * Math.SQRT1_2) + 16,
    margin: 24,
    includeAffiliations,
  });
}

/** A `<g>` the arc joins draw into. */
type Layer = Selection<SVGGElement, unknown, null, undefined>;

/**
 * Joins arcs by relation id into `layer`. With `labelled` (static output) each arc is an image
 * named by its relation; interactive views pass false and hide the layer from assistive
 * technology, since their keyboard and relation table carry the same facts.
 *
 * @example
 * ```ts
 * drawArcEdges(root.append('g').attr('class', 'et-edges'), layout.edges, ctx, dataset);
 * ```
 */
export function drawArcEdges(layer: Layer, edges: readonly ArcEdge[], ctx: RenderContext, dataset: Dataset, labelled = true): Selection<SVGPathElement, ArcEdge, SVGGElement, unknown> {
  if (!labelled) layer.attr('aria-hidden', 'true');
  return (
    layer
      .selectAll<SVGPathElement, ArcEdge>('path.et-edge')
      .data(edges, (d) => d.id)
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
      .attr('role', labelled ? 'img' : null)
      .attr('aria-label', labelled ? (d) => edgeAriaLabel(d, dataset) : null)
  );
}

/**
 * Joins actors by id into `layer`: a focusable `<g>` with the kind's shape on the line. Static
 * output makes each an image; `interactive` makes it a toggle button whose `aria-pressed` the
 * view keeps in step with the selection.
 *
 * @example
 * ```ts
 * drawArcNodes(root.append('g').attr('class', 'et-nodes'), layout.nodes, graph, dataset, true);
 * ```
 */
export function drawArcNodes(layer: Layer, nodes: readonly ArcNode[], graph: NetworkGraph, dataset: Dataset, interactive = false): Selection<SVGGElement, ArcNode, SVGGElement, unknown> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const joined = layer
    .selectAll<SVGGElement, ArcNode>('g.et-node')
    .data(nodes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g');
      g.append('path').attr('class', 'et-node-shape');
      return g;
    })
    .attr('class', (d) => `et-node et-kind-${d.kind}`)
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('data-actor-id', (d) => d.id)
    .attr('tabindex', 0)
    .attr('role', interactive ? 'button' : 'img')
    .attr('aria-label', (d) => {
      const node = byId.get(d.id);
      return node ? actorAriaLabel(node, dataset) : d.label;
    });
  if (interactive) joined.attr('aria-pressed', 'false');
  paintNodeShapes(joined);
  return joined;
}

/**
 * Joins the rotated actor labels under the line (below the lowest backward arc) by actor id.
 *
 * @example
 * ```ts
 * drawArcLabels(root.append('g').attr('class', 'et-labels'), layout, 11);
 * ```
 */
export function drawArcLabels(layer: Layer, layout: Pick<ArcLayout, 'nodes' | 'edges' | 'baseline'>, fontSize: number): void {
  const labelY = arcLabelY(layout);
  layer
    .selectAll<SVGTextElement, ArcNode>('text.et-label')
    .data(layout.nodes, (d) => d.id)
    .join('text')
    .attr('class', 'et-label')
    .attr('transform', (d) => `translate(${d.x},${labelY}) rotate(45)`)
    .attr('font-size', fontSize)
    .attr('aria-hidden', 'true')
    .attr('data-actor-id', (d) => d.id)
    .text((d) => d.label);
}

/**
 * Where the rotated actor labels start: just under the line, or under the lowest backward arc.
 *
 * @example
 * ```ts
 * const room = height - arcLabelY(layout); // vertical room left for the labels
 * ```
 */
export function arcLabelY(layout: Pick<ArcLayout, 'edges' | 'baseline'>): number {
  const below = layout.edges.some((e) => !e.above);
  return Math.round(below ? Math.max(layout.baseline + 14, ...layout.edges.filter((e) => !e.above).map((e) => e.labelY + 12)) : layout.baseline + 14);
}
