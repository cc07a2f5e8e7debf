/**
 * Keyed D3 joins of network layout records into SVG, shared by the static renderers and the
 * interactive view. Nothing here computes geometry: it comes from the layouts.
 */
import { select } from 'd3-selection';
import type { Selection } from 'd3-selection';
import type { ActorKind, Dataset } from '../../model/types.js';
import type { ForceEdge, ForceHull, ForceLabel, ForceNode } from '../../layout/force.js';
import type { NetworkGraph, NetworkNode } from '../../layout/network.js';
import type { RenderContext } from '../common/context.js';
import { appendTitleDesc } from '../common/a11y.js';
import { applyTheme, chartCss, resolveTheme } from '../common/theme.js';
import type { Theme } from '../common/theme.js';
import { KIND_NAMES, nodeShapePath } from './shapes.js';
import { actorAriaLabel, edgeAriaLabel } from './text.js';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Styles of the network views, scoped under `.${root}.et-network`-like roots; colours only from theme variables. */
export function networkCss(root: string): string {
  const r = `.${root}`;
  return [
    `${r} .et-edge { fill: none; stroke: var(--et-muted); stroke-opacity: 0.7; }`,
    `${r} .et-edge-affiliation { stroke-dasharray: 4 3; stroke-opacity: 0.8; }`,
    `${r} .et-edge.et-highlight { stroke: var(--et-highlight); stroke-opacity: 1; }`,
    `${r} .et-arrow { fill: var(--et-muted); }`,
    `${r} .et-arrow-highlight { fill: var(--et-highlight); }`,
    `${r} .et-node path { stroke: var(--et-bg); stroke-width: 1.5px; }`,
    `${r} .et-node.et-kind-other path { fill: var(--et-bg); stroke: currentColor; stroke-width: 2px; }`,
    `${r} .et-node.et-inactive { opacity: 0.35; }`,
    `${r} .et-node.et-highlight path { stroke: var(--et-highlight); stroke-width: 2.5px; }`,
    `${r} .et-node.et-selected path { stroke: var(--et-fg); stroke-width: 3px; }`,
    `${r} .et-node:focus-visible path { stroke: var(--et-focus); stroke-width: 3px; }`,
    `${r} .et-node { cursor: pointer; }`,
    `${r} .et-label { font-size: 11px; paint-order: stroke; stroke: var(--et-bg); stroke-width: 3px; stroke-linejoin: round; pointer-events: none; }`,
    `${r} .et-edge-label { font-size: 10px; fill: var(--et-muted); paint-order: stroke; stroke: var(--et-bg); stroke-width: 3px; pointer-events: none; }`,
    `${r} .et-hull { fill-opacity: 0.07; stroke-opacity: 0.35; stroke-width: 1px; }`,
    `${r} .et-legend text { font-size: 11px; fill: var(--et-muted); }`,
    `${r} .et-legend path.et-legend-shape { fill: var(--et-muted); }`,
    `${r} .et-legend .et-kind-other path.et-legend-shape { fill: none; stroke: var(--et-muted); stroke-width: 1.5px; }`,
    `${r} .et-cell { stroke: none; }`,
    `${r} .et-matrix-grid { stroke: var(--et-grid); }`,
    `${r} .et-cluster { fill: none; stroke: var(--et-axis); stroke-width: 1px; }`,
    `${r} .et-baseline { stroke: var(--et-axis); }`,
    `${r} .et-ring { fill: none; stroke: var(--et-grid); }`,
  ].join('\n');
}

/** Options common to every static network renderer. */
export interface NetworkChartBase {
  readonly width?: number;
  readonly height?: number;
  readonly theme?: 'light' | 'dark' | Theme;
  readonly title?: string;
  readonly description?: string;
}

/**
 * Creates the chart root `<svg class="et-chart et-<view>">` with theme, stylesheet, title,
 * description and the arrowhead markers (ids prefixed by `ctx.idPrefix`).
 */
export function createChartRoot(ctx: RenderContext, view: string, width: number, height: number, theme: NetworkChartBase['theme'], title: string, desc: string): SVGSVGElement {
  const svg = ctx.document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('class', `et-chart et-network-chart et-${view}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  applyTheme(svg, resolveTheme(theme));
  appendTitleDesc(svg, ctx, title, desc);
  const root = select(svg);
  root.append('style').text(`${chartCss('et-chart')}\n${networkCss('et-network-chart')}`);
  const defs = root.append('defs');
  for (const [suffix, cls] of [['arrow', 'et-arrow'], ['arrow-hl', 'et-arrow et-arrow-highlight']] as const) {
    defs
      .append('marker')
      .attr('id', `${ctx.idPrefix}-${suffix}`)
      .attr('viewBox', '0 -5 10 10')
      .attr('refX', 10)
      .attr('refY', 0)
      .attr('markerWidth', 8)
      .attr('markerHeight', 8)
      .attr('markerUnits', 'userSpaceOnUse')
      .attr('orient', 'auto')
      .append('path')
      .attr('class', cls)
      .attr('d', 'M0,-4L10,0L0,4Z');
  }
  root.append('rect').attr('class', 'et-background').attr('width', width).attr('height', height).attr('fill', 'var(--et-bg)');
  return svg;
}

/** The `<g>` layers of a node-link drawing, in paint order. */
export interface NodeLinkLayers {
  readonly viewport: Selection<SVGGElement, unknown, null, undefined>;
  readonly hulls: Selection<SVGGElement, unknown, null, undefined>;
  readonly edges: Selection<SVGGElement, unknown, null, undefined>;
  readonly edgeLabels: Selection<SVGGElement, unknown, null, undefined>;
  readonly nodes: Selection<SVGGElement, unknown, null, undefined>;
  readonly labels: Selection<SVGGElement, unknown, null, undefined>;
}

export function createNodeLinkLayers(svg: SVGSVGElement): NodeLinkLayers {
  const viewport = select(svg).append('g').attr('class', 'et-viewport');
  return {
    viewport,
    hulls: viewport.append('g').attr('class', 'et-hulls'),
    edges: viewport.append('g').attr('class', 'et-edges'),
    edgeLabels: viewport.append('g').attr('class', 'et-edge-labels'),
    nodes: viewport.append('g').attr('class', 'et-nodes'),
    labels: viewport.append('g').attr('class', 'et-labels'),
  };
}

/** How removed edges leave (the interactive view fades them; static output just removes). */
export type ExitStrategy = (exit: Selection<SVGPathElement, ForceEdge, SVGGElement, unknown>) => void;

/** The edge record each path was last drawn from, so a redraw only touches what changed. */
const drawnEdges = new WeakMap<Element, ForceEdge>();

/**
 * Joins edges by id. Directed relations get the arrowhead marker. With `defer`, edges that
 * enter or leave do so at once, and the kept ones are restyled (paths, widths, weights) by the
 * resumable work handed to `defer`, which the caller runs in slices.
 *
 *
 * With `labelled` (static output) each edge is an image named by its relation, so a reader
 * exploring an inline SVG hears who relates to whom. Interactive views pass false: their edges
 * are not focusable, the relations table and the `[`/`]` keys carry the same facts, and a
 * labelled but unreachable element only clutters the accessibility tree.
 *
 * Redrawing (a new time window in an interactive view) only sets the attributes whose values
 * changed, and leaves kept paths where they are in the document: with thousands of edges,
 * rewriting every attribute and reordering every element took most of a window change.
 */
export function drawEdges(
  layer: NodeLinkLayers['edges'],
  edges: readonly ForceEdge[],
  ctx: RenderContext,
  dataset: Dataset,
  exit?: ExitStrategy,
  labelled = true,
  defer?: (restyle: Generator<void, void, void>) => void,
): Selection<SVGPathElement, ForceEdge, SVGGElement, unknown> {
  if (!labelled) layer.attr('aria-hidden', 'true');
  const marker = (d: ForceEdge): string | null => (d.directed && d.kind === 'relation' ? `url(#${ctx.idPrefix}-arrow)` : null);
  const bound = layer.selectAll<SVGPathElement, ForceEdge>('path.et-edge').data(edges, (d) => d.id);
  const leaving = bound.exit<ForceEdge>();
  if (exit) exit(leaving);
  else leaving.remove();
  const entered = bound
    .enter()
    .append('path')
    .attr('class', (d) => `et-edge et-edge-${d.kind}`)
    .attr('d', (d) => d.path)
    .attr('stroke-width', (d) => d.width)
    .attr('data-source', (d) => d.source)
    .attr('data-target', (d) => d.target)
    .attr('data-relation', (d) => d.id)
    .attr('data-weight', (d) => d.weight)
    .attr('marker-end', marker)
    .attr('role', labelled ? 'img' : null)
    .attr('aria-label', labelled ? (d) => edgeAriaLabel(d, dataset) : null)
    .each(function (d) {
      drawnEdges.set(this, d);
    });
  const restyle = function (this: SVGPathElement, d: ForceEdge): void {
    const old = drawnEdges.get(this);
    if (old === d) return;
    const set = (name: string, value: string | null): void => {
      if (value === null) this.removeAttribute(name);
      else this.setAttribute(name, value);
    };
    // Paths drawn by someone else (or before this module was loaded) are redrawn in full.
    if (!old || old.kind !== d.kind) set('class', `et-edge et-edge-${d.kind}`);
    if (!old || old.path !== d.path) set('d', d.path);
    if (!old || old.width !== d.width) set('stroke-width', String(d.width));
    if (!old || old.source !== d.source) set('data-source', d.source);
    if (!old || old.target !== d.target) set('data-target', d.target);
    if (!old) set('data-relation', d.id);
    if (!old || old.weight !== d.weight) set('data-weight', String(d.weight));
    if (!old || old.directed !== d.directed || old.kind !== d.kind) set('marker-end', marker(d));
    if (!old) set('role', labelled ? 'img' : null);
    // Unlabelled edges (the interactive view's) only ever lose a label: each window brings new
    // event lists, and removing an absent attribute thousands of times per step was not free.
    if (!labelled) {
      if (!old || this.hasAttribute('aria-label')) set('aria-label', null);
    } else if (!old || old.events !== d.events || old.weight !== d.weight || old.type !== d.type || !this.hasAttribute('aria-label')) set('aria-label', edgeAriaLabel(d, dataset));
    drawnEdges.set(this, d);
  };
  if (!defer) bound.each(restyle);
  else {
    // Kept edges are restyled later, a few hundred at a time; an edge given a newer datum
    // meanwhile (a newer join) is left to that join's own restyle.
    const kept = bound.nodes();
    const data = kept.map((el) => (el as SVGPathElement & { __data__: ForceEdge }).__data__);
    defer(
      (function* (): Generator<void, void, void> {
        for (let i = 0; i < kept.length; i++) {
          const el = kept[i]! as SVGPathElement & { __data__?: ForceEdge };
          if (el.__data__ === data[i] && el.isConnected) restyle.call(el, data[i]!);
          if ((i + 1) % 256 === 0) yield;
        }
      })(),
    );
  }
  return entered.merge(bound);
}

/** Optional labels on relations: the declared type, or the event count when above one. */
export function drawEdgeLabels(layer: NodeLinkLayers['edgeLabels'], edges: readonly ForceEdge[], show: boolean): void {
  const data = show ? edges.filter((e) => e.kind === 'relation' && (e.type !== 'derived' || e.weight > 1)) : [];
  layer
    .selectAll<SVGTextElement, ForceEdge>('text.et-edge-label')
    .data(data, (d) => d.id)
    .join('text')
    .attr('class', 'et-edge-label')
    .attr('x', (d) => d.labelX)
    .attr('y', (d) => d.labelY)
    .attr('text-anchor', 'middle')
    .attr('dy', '0.32em')
    .attr('aria-hidden', 'true')
    .attr('data-relation', (d) => d.id)
    .text((d) => (d.type === 'derived' ? `×${d.weight}` : d.type));
}

/**
 * Joins nodes by actor id: a focusable `<g>` with the kind's shape, labelled for screen readers.
 * Static output makes each node an image; `interactive` makes it a toggle button (Enter or a
 * click selects it), whose `aria-pressed` the view keeps in step with the selection.
 */
export function drawNodes(layer: NodeLinkLayers['nodes'], nodes: readonly ForceNode[], graph: NetworkGraph, dataset: Dataset, interactive = false): Selection<SVGGElement, ForceNode, SVGGElement, unknown> {
  const byId = new Map<string, NetworkNode>(graph.nodes.map((n) => [n.id, n]));
  const joined = layer
    .selectAll<SVGGElement, ForceNode>('g.et-node')
    .data(nodes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g');
      g.append('path').attr('class', 'et-node-shape');
      return g;
    })
    .attr('class', (d) => `et-node et-kind-${d.kind}${d.active ? '' : ' et-inactive'}`)
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('data-actor-id', (d) => d.id)
    .attr('tabindex', 0)
    .attr('role', interactive ? 'button' : 'img')
    .attr('aria-pressed', interactive ? 'false' : null)
    .attr('aria-label', (d) => {
      const node = byId.get(d.id);
      return node ? actorAriaLabel(node, dataset) : d.label;
    });
  paintNodeShapes(joined);
  return joined;
}

/**
 * Sets each node's shape and colour. The colour goes on the `<g>` as `color` so the hollow
 * shape of kind `other` can stroke with `currentColor` while the stylesheet's highlight and
 * focus rules still win over it.
 */
export function paintNodeShapes<D extends { readonly kind: ActorKind; readonly r: number; readonly color: string }>(nodes: Selection<SVGGElement, D, SVGGElement, unknown>): void {
  nodes.attr('color', (d) => d.color);
  nodes
    .select<SVGPathElement>('path.et-node-shape')
    .attr('d', (d) => nodeShapePath(d.kind, d.r))
    .attr('fill', (d) => (d.kind === 'other' ? null : d.color));
}

/** Joins visible node labels by actor id. */
export function drawLabels(layer: NodeLinkLayers['labels'], labels: readonly ForceLabel[], fontSize: number): void {
  layer
    .selectAll<SVGTextElement, ForceLabel>('text.et-label')
    .data(labels.filter((l) => l.visible), (d) => d.id)
    .join('text')
    .attr('class', 'et-label')
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .attr('dy', '0.32em')
    .attr('text-anchor', (d) => d.anchor)
    .attr('font-size', fontSize)
    .attr('aria-hidden', 'true')
    .attr('data-actor-id', (d) => d.id)
    .text((d) => d.text);
}

/** Joins affiliation hulls by group. */
export function drawHulls(layer: NodeLinkLayers['hulls'], hulls: readonly ForceHull[]): void {
  layer
    .selectAll<SVGPathElement, ForceHull>('path.et-hull')
    .data(hulls, (d) => d.group)
    .join('path')
    .attr('class', 'et-hull')
    .attr('d', (d) => d.path)
    .attr('fill', (d) => d.color)
    .attr('stroke', (d) => d.color)
    .attr('data-group', (d) => d.group)
    .attr('aria-hidden', 'true');
}

/** Height of the legend row. */
export const LEGEND_HEIGHT = 28;

/**
 * A one-row legend at the bottom: the kinds present (by shape) and the edge styles used.
 */
export function drawLegend(svg: SVGSVGElement, kinds: readonly ActorKind[], edgeKinds: { directed: boolean; undirected: boolean; affiliation: boolean }, ctx: RenderContext, width: number, height: number): void {
  const font = '11px system-ui, sans-serif';
  const g = select(svg).append('g').attr('class', 'et-legend').attr('transform', `translate(12,${height - LEGEND_HEIGHT / 2})`).attr('aria-hidden', 'true');
  let x = 0;
  const order: ActorKind[] = ['state', 'organisation', 'person', 'group', 'other'];
  for (const kind of order.filter((k) => kinds.includes(k))) {
    const item = g.append('g').attr('class', `et-legend-item et-kind-${kind}`).attr('transform', `translate(${x},0)`);
    item.append('path').attr('class', 'et-legend-shape').attr('d', nodeShapePath(kind, 5));
    item.append('text').attr('x', 9).attr('dy', '0.32em').text(KIND_NAMES[kind]);
    x += 9 + ctx.measureText(KIND_NAMES[kind], font) * 1.15 + 16;
  }
  const lines: [string, string, string | null][] = [];
  if (edgeKinds.directed) lines.push(['acts on', 'et-edge et-edge-relation', `url(#${ctx.idPrefix}-arrow)`]);
  if (edgeKinds.undirected) lines.push(['together', 'et-edge et-edge-relation', null]);
  if (edgeKinds.affiliation) lines.push(['affiliated to', 'et-edge et-edge-affiliation', null]);
  for (const [text, cls, marker] of lines) {
    if (x + 22 + ctx.measureText(text, font) > width - 12) break;
    const item = g.append('g').attr('class', 'et-legend-item').attr('transform', `translate(${x},0)`);
    item.append('path').attr('class', cls).attr('d', 'M0,0H18').attr('stroke-width', 1.5).attr('marker-end', marker);
    item.append('text').attr('x', 22).attr('dy', '0.32em').text(text);
    x += 22 + ctx.measureText(text, font) * 1.15 + 16;
  }
}

/** Kinds present in a list of nodes and the edge styles used by a list of edges. */
export function legendContent(nodes: readonly { kind: ActorKind }[], edges: readonly { kind: string; directed: boolean }[]): { kinds: ActorKind[]; edgeKinds: { directed: boolean; undirected: boolean; affiliation: boolean } } {
  return {
    kinds: [...new Set(nodes.map((n) => n.kind))],
    edgeKinds: {
      directed: edges.some((e) => e.kind === 'relation' && e.directed),
      undirected: edges.some((e) => e.kind === 'relation' && !e.directed),
      affiliation: edges.some((e) => e.kind === 'affiliation'),
    },
  };
}
