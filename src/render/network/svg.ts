/**
 * Static SVG of the actor network (force layout) and of one actor's ego network. Deterministic
 * for a given seed, built in `ctx.document` only, so it runs in Node, jsdom and browsers alike.
 */
import { select } from 'd3-selection';
import type { Dataset } from '../../model/types.js';
import type { RenderContext } from '../common/context.js';
import { buildNetwork } from '../../layout/network.js';
import type { NetworkGraph } from '../../layout/network.js';
import { layoutForce } from '../../layout/force.js';
import type { ForceLayout } from '../../layout/force.js';
import { layoutEgo } from '../../layout/ego.js';
import { createChartRoot, createNodeLinkLayers, drawEdgeLabels, drawEdges, drawHulls, drawLabels, drawLegend, drawNodes, legendContent, LEGEND_HEIGHT } from './draw.js';
import type { NetworkChartBase } from './draw.js';
import { networkDescription } from './text.js';
import { positive, windowFromOptions } from './options.js';
import type { WindowOptions } from './options.js';

/** Options of {@link renderNetworkSVG}. */
export interface NetworkSVGOptions extends NetworkChartBase, WindowOptions {
  /** Seed of the force layout. Default 1. */
  readonly seed?: number;
  /** Actor labels. Default true. */
  readonly labels?: boolean;
  /** Labels on relations (declared type, or `×n` events). Default false. */
  readonly relationLabels?: boolean;
  /** Pull affiliated actors together and draw hulls around affiliation groups. Default false. */
  readonly groupAffiliated?: boolean;
  /** Draw affiliation edges. Default true. */
  readonly includeAffiliations?: boolean;
  /** Hide relations with fewer events. Default 1. */
  readonly minWeight?: number;
  /** Draw the legend. Default true. */
  readonly legend?: boolean;
  /** Label font size in pixels. Default 11. */
  readonly fontSize?: number;
  /** Simulation ticks (default: by graph size). */
  readonly ticks?: number;
}

/**
 * Renders the actor network as a static SVG: nodes shaped by kind and sized by involvement,
 * directed relations with arrowheads, parallel relations as separate curves, affiliations
 * dashed, a legend, `<title>`/`<desc>` and focusable, labelled nodes.
 *
 * SVG contract: nodes carry `data-actor-id`; edges `data-source`, `data-target`, `data-relation`.
 *
 * @example
 * ```ts
 * const ctx = createStaticContext();
 * const svg = renderNetworkSVG(ctx, dataset, { width: 800, height: 600, seed: 1 });
 * fs.writeFileSync('network.svg', serializeSVG(svg));
 * ```
 */
export function renderNetworkSVG(ctx: RenderContext, dataset: Dataset, options: NetworkSVGOptions = {}): SVGSVGElement {
  const name = 'renderNetworkSVG';
  const width = positive(options.width, 640, name, 'width');
  const height = positive(options.height, 480, name, 'height');
  const graph = buildNetwork(dataset, {
    window: windowFromOptions(options, name),
    includeAffiliations: options.includeAffiliations ?? true,
    ...(options.minWeight !== undefined ? { minWeight: options.minWeight } : {}),
  });
  const fontSize = options.fontSize ?? 11;
  const legend = options.legend ?? true;
  const layout = layoutForce(graph, {
    width,
    height: legend ? height - LEGEND_HEIGHT : height,
    seed: options.seed ?? 1,
    groupAffiliated: options.groupAffiliated ?? false,
    labels: options.labels ?? true,
    fontSize,
    measureLabel: (text) => ctx.measureText(text, `${fontSize}px system-ui, sans-serif`),
    ...(options.ticks !== undefined ? { ticks: options.ticks } : {}),
  });
  return drawForceChart(ctx, dataset, graph, layout, { ...options, width, height, fontSize, legend, view: 'network' });
}

/** Draws a positioned force (or ego) layout into a new chart root. Shared with the interactive view. */
export function drawForceChart(
  ctx: RenderContext,
  dataset: Dataset,
  graph: NetworkGraph,
  layout: Pick<ForceLayout, 'nodes' | 'edges' | 'labels' | 'hulls'>,
  options: NetworkChartBase & { width: number; height: number; fontSize: number; legend: boolean; relationLabels?: boolean; view: string; before?: (svg: SVGSVGElement) => void },
): SVGSVGElement {
  const title = options.title ?? dataset.meta.title ?? 'Actor network';
  const svg = createChartRoot(ctx, options.view, options.width, options.height, options.theme, title, options.description ?? networkDescription(graph));
  options.before?.(svg);
  const layers = createNodeLinkLayers(svg);
  drawHulls(layers.hulls, layout.hulls);
  drawEdges(layers.edges, layout.edges, ctx, dataset);
  drawEdgeLabels(layers.edgeLabels, layout.edges, options.relationLabels ?? false);
  drawNodes(layers.nodes, layout.nodes, graph, dataset);
  drawLabels(layers.labels, layout.labels, options.fontSize);
  if (options.legend) {
    const { kinds, edgeKinds } = legendContent(layout.nodes, layout.edges);
    drawLegend(svg, kinds, edgeKinds, ctx, options.width, options.height);
  }
  return svg;
}

/** Options of {@link renderEgoSVG}. */
export interface EgoSVGOptions extends NetworkChartBase, WindowOptions {
  /** The actor in the centre (required). */
  readonly actor: string;
  /** Largest graph distance shown. Default 2. */
  readonly maxDepth?: number;
  readonly labels?: boolean;
  readonly relationLabels?: boolean;
  readonly includeAffiliations?: boolean;
  readonly legend?: boolean;
  readonly fontSize?: number;
}

/**
 * Renders one actor's ego network: the actor in the centre, everyone within `maxDepth` steps
 * on rings by graph distance.
 *
 * @example
 * ```ts
 * const svg = renderEgoSVG(createStaticContext(), dataset, { actor: 'north-korea', width: 600, height: 600 });
 * ```
 */
export function renderEgoSVG(ctx: RenderContext, dataset: Dataset, options: EgoSVGOptions): SVGSVGElement {
  const name = 'renderEgoSVG';
  const width = positive(options.width, 560, name, 'width');
  const height = positive(options.height, 560, name, 'height');
  if (typeof options.actor !== 'string') throw new TypeError(`${name}: the actor option (an actor id) is required`);
  const graph = buildNetwork(dataset, { window: windowFromOptions(options, name), includeAffiliations: options.includeAffiliations ?? true });
  const fontSize = options.fontSize ?? 11;
  const legend = options.legend ?? true;
  const layout = layoutEgo(graph, {
    width,
    height: legend ? height - LEGEND_HEIGHT : height,
    actor: options.actor,
    ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
    labels: options.labels ?? true,
    fontSize,
    measureLabel: (text) => ctx.measureText(text, `${fontSize}px system-ui, sans-serif`),
  });
  const center = graph.nodes.find((n) => n.id === options.actor)!;
  const shown = new Set(layout.nodes.map((n) => n.id));
  const sub: NetworkGraph = { ...graph, nodes: graph.nodes.filter((n) => shown.has(n.id)), edges: graph.edges.filter((e) => shown.has(e.source) && shown.has(e.target)) };
  return drawForceChart(ctx, dataset, sub, { ...layout, hulls: [] }, {
    ...options,
    title: options.title ?? `${center.label}: ego network`,
    description: options.description ?? `${center.label} and ${layout.nodes.length - 1} actors within ${layout.rings.length} step${layout.rings.length === 1 ? '' : 's'}. ${networkDescription(sub)}`,
    width,
    height,
    fontSize,
    legend,
    view: 'ego',
    before: (svg) => {
      select(svg)
        .append('g')
        .attr('class', 'et-rings')
        .attr('aria-hidden', 'true')
        .selectAll('circle')
        .data(layout.rings)
        .join('circle')
        .attr('class', 'et-ring')
        .attr('cx', layout.cx)
        .attr('cy', layout.cy)
        .attr('r', (d) => d.radius);
    },
  });
}
