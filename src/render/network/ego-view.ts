/**
 * The interactive ego network: one actor in the centre and everyone within a few steps on
 * rings by graph distance. Same interaction as the other network views (hover, select,
 * tooltips, linking through {@link ViewState}); the keyboard moves around and between rings,
 * and double-clicking an actor (or {@link EgoView.setActor}) puts it in the centre.
 */
import { select } from 'd3-selection';
import type { Dataset } from '../../model/types.js';
import type { ViewState } from '../../link/state.js';
import type { EntityView } from '../common/view.js';
import { buildNetwork } from '../../layout/network.js';
import type { NetworkGraph } from '../../layout/network.js';
import { layoutEgo } from '../../layout/ego.js';
import type { EgoLayout, EgoNode } from '../../layout/ego.js';
import { createChartRoot, createNodeLinkLayers, drawEdgeLabels, drawEdges, drawLabels, drawLegend, drawNodes, legendContent, LEGEND_HEIGHT } from './draw.js';
import { edgeTooltipContent, networkDescription } from './text.js';
import { createRelationCore, emphasiseNodeLink, eventActors, relationCss, relationStep, wireNodeLink } from './relation-view-common.js';
import type { RelationViewOptions } from './relation-view-common.js';

/** Options of {@link createEgoNetwork}. */
export interface EgoViewOptions extends RelationViewOptions {
  /** Id of the actor in the centre (required). */
  readonly actor: string;
  /** Largest graph distance shown. Default 2. */
  readonly maxDepth?: number;
  /** Follow and draw affiliations too. Default true. */
  readonly includeAffiliations?: boolean;
  /** Actor labels. Default true. */
  readonly labels?: boolean;
  /** Labels on relations (declared type, or `×n` events). Default false. */
  readonly relationLabels?: boolean;
  /** The legend row. Default true. */
  readonly legend?: boolean;
}

/** The interactive ego network. */
export interface EgoView extends EntityView {
  /** The layout shown (rings of the current window). */
  readonly layout: EgoLayout;
  /** The part of the window's graph that is shown (the centre and its rings). */
  readonly graph: NetworkGraph;
  /** The actor in the centre. */
  readonly actor: string;
  /** Puts another actor in the centre. Throws a RangeError for an unknown actor. */
  setActor(actorId: string): void;
}

/**
 * Creates an interactive ego network of `options.actor` inside `container`.
 *
 * Keyboard: Tab reaches the actors; Left and Right move around the focused actor's ring; Up
 * moves inwards (to the actor it was reached from), Down outwards; `]` and `[` follow its
 * relations; Enter or Space selects; Escape clears.
 *
 * @example
 * ```ts
 * const ego = createEgoNetwork(document.querySelector('#ego')!, dataset, { actor: 'north-korea', maxDepth: 2 });
 * ego.setActor('russia');
 * ```
 */
export function createEgoNetwork(container: HTMLElement, dataset: Dataset, options: EgoViewOptions): EgoView {
  if (typeof options?.actor !== 'string') throw new TypeError('createEgoNetwork: the actor option (an actor id) is required');
  const includeAffiliations = options.includeAffiliations ?? true;
  const legend = options.legend ?? true;
  let data = dataset;
  let centre = options.actor;
  let graph!: NetworkGraph;
  let layout!: EgoLayout;
  let focused: string | null = null;
  const cursors = new Map<string, number>();

  // Fail before anything is added to the page.
  const known = (id: string): boolean => buildNetwork(data, { includeAffiliations }).nodes.some((n) => n.id === id);
  if (!known(centre)) throw new RangeError(`createEgoNetwork: actor ${JSON.stringify(centre)} is not in the network`);

  const core = createRelationCore(container, options, 'ego', { width: 560, height: 560 }, (prev, next) => {
    if (prev.window !== next.window) relayout();
    emphasise();
  });
  const { ctx, wrapper, width, height, fontSize } = core;
  const plotHeight = legend ? height - LEGEND_HEIGHT : height;

  function compute(): void {
    const whole = buildNetwork(data, { window: core.state().window, includeAffiliations });
    layout = layoutEgo(whole, {
      width,
      height: plotHeight,
      actor: centre,
      ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
      labels: options.labels ?? true,
      fontSize,
      measureLabel: (text) => ctx.measureText(text, `${fontSize}px system-ui, sans-serif`),
    });
    const shown = new Set(layout.nodes.map((n) => n.id));
    graph = { ...whole, nodes: whole.nodes.filter((n) => shown.has(n.id)), edges: whole.edges.filter((e) => shown.has(e.source) && shown.has(e.target)) };
  }
  compute();

  const centreName = (): string => graph.nodes.find((n) => n.id === centre)?.label ?? centre;
  const title = (): string => options.title ?? `${centreName()}: ego network`;
  const description = (): string =>
    options.description ?? `${centreName()} and ${layout.nodes.length - 1} actors within ${layout.rings.length} step${layout.rings.length === 1 ? '' : 's'}. ${networkDescription(graph)}`;
  const tableCaption = (): string => `Relations around ${centreName()}${core.state().window ? ' in the selected period' : ''}`;

  const svg = createChartRoot(ctx, 'ego', width, height, options.theme, title(), description());
  svg.style.display = 'block';
  select(svg).append('style').text(relationCss('et-relation-view'));
  wrapper.appendChild(svg);
  const rings = select(svg).append('g').attr('class', 'et-rings').attr('aria-hidden', 'true');
  const layers = createNodeLinkLayers(svg);
  layers.nodes.attr('role', 'group').attr('aria-label', 'Actors by distance');

  function draw(): void {
    select(svg).select(`#${ctx.idPrefix}-title`).text(title());
    select(svg).select(`#${ctx.idPrefix}-desc`).text(description());
    rings
      .selectAll('circle')
      .data(layout.rings)
      .join('circle')
      .attr('class', 'et-ring')
      .attr('cx', layout.cx)
      .attr('cy', layout.cy)
      .attr('r', (d) => d.radius);
    drawEdges(layers.edges, layout.edges, ctx, data, undefined, false);
    drawEdgeLabels(layers.edgeLabels, layout.edges, options.relationLabels ?? false);
    drawNodes(layers.nodes, layout.nodes, graph, data, true);
    layers.nodes.selectAll<SVGGElement, EgoNode>('g.et-node').classed('et-centre', (d) => d.id === centre);
    drawLabels(layers.labels, layout.labels, fontSize);
    select(svg).selectChildren('g.et-legend').remove();
    if (legend) {
      const { kinds, edgeKinds } = legendContent(layout.nodes, layout.edges);
      drawLegend(svg, kinds, edgeKinds, ctx, width, height);
    }
  }

  function relayout(): void {
    compute();
    draw();
    core.drawTable(graph, data, tableCaption());
  }

  function emphasise(): void {
    emphasiseNodeLink(layers, layout.edges, core.state(), focused, ctx.idPrefix, (id) => eventActors(data, id));
  }

  const placed = (id: string): EgoNode | undefined => layout.nodes.find((n) => n.id === id);
  const position = (id: string): readonly [number, number] | undefined => {
    const n = placed(id);
    return n ? [n.x, n.y] : undefined;
  };

  function focusActor(id: string): void {
    const el = layers.nodes
      .selectAll<SVGGElement, EgoNode>('g.et-node')
      .filter((d) => d.id === id)
      .node();
    if (el && typeof el.focus === 'function') el.focus();
  }

  /** Actors of a ring, clockwise from the top. */
  function ring(depth: number): EgoNode[] {
    const turn = (a: number): number => (((a + Math.PI / 2) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
    return layout.nodes.filter((n) => n.depth === depth).sort((a, b) => turn(a.angle) - turn(b.angle));
  }

  /** The actor of ring `depth` whose angle is closest to `angle` (children of `parent` first). */
  function nearestOn(depth: number, angle: number, parent?: string): EgoNode | undefined {
    const all = ring(depth);
    const pool = parent !== undefined && all.some((n) => n.parent === parent) ? all.filter((n) => n.parent === parent) : all;
    const gap = (a: number): number => Math.abs(Math.atan2(Math.sin(a - angle), Math.cos(a - angle)));
    return pool.sort((a, b) => gap(a.angle) - gap(b.angle))[0];
  }

  function move(id: string, key: string): string | undefined {
    const n = placed(id);
    if (!n) return undefined;
    if (key === 'ArrowRight' || key === 'ArrowLeft') {
      if (n.depth === 0) return ring(1)[0]?.id;
      const around = ring(n.depth);
      const i = around.findIndex((x) => x.id === id);
      return around[(i + (key === 'ArrowRight' ? 1 : -1) + around.length) % around.length]?.id;
    }
    if (key === 'ArrowUp') return n.depth === 0 ? undefined : (n.parent ?? centre);
    if (key === 'ArrowDown') return nearestOn(n.depth + 1, n.angle, id)?.id;
    return undefined;
  }

  const unwire = wireNodeLink(core, layers, {
    graph: () => graph,
    dataset: () => data,
    position,
    onFocus: (id) => {
      focused = id;
    },
    onDoubleClick: (id) => view.setActor(id),
    onKey(event, id) {
      if (event.key.startsWith('Arrow')) {
        const next = move(id, event.key);
        if (next && next !== id) focusActor(next);
        return true;
      }
      if (event.key === ']' || event.key === '[') {
        const step = relationStep(cursors, layout.edges, id, event.key === ']' ? 1 : -1);
        if (!step) return true;
        focusActor(step.other);
        const p = position(step.other);
        if (p) core.showTip(edgeTooltipContent(step.edge, data), p);
        return true;
      }
      return false;
    },
  });
  select(svg).on('click.et', () => {
    if (core.state().selectedActor !== null) core.emit({ selectedActor: null });
  });
  core.onDestroy(() => {
    unwire();
    select(svg).on('.et', null);
  });

  draw();
  emphasise();
  core.drawTable(graph, data, tableCaption());

  const view: EgoView = {
    node: wrapper,
    get layout() {
      return layout;
    },
    get graph() {
      return graph;
    },
    get actor() {
      return centre;
    },
    setActor(actorId: string) {
      if (core.destroyed || actorId === centre) return;
      if (!known(actorId)) throw new RangeError(`EgoView.setActor: actor ${JSON.stringify(actorId)} is not in the network`);
      centre = actorId;
      cursors.clear();
      relayout();
      emphasise();
    },
    update(next: Dataset) {
      if (core.destroyed) return;
      data = next;
      // The centre may have left the data: keep the view alive on the first actor left.
      if (!known(centre)) {
        const first = buildNetwork(data, { includeAffiliations }).nodes[0];
        if (!first) throw new RangeError('EgoView.update: the dataset has no actors to centre on');
        centre = first.id;
      }
      relayout();
      emphasise();
    },
    setState(next: ViewState) {
      core.follow(next);
    },
    getState: () => core.state(),
    on: core.on,
    destroy: core.destroy,
  };
  return view;
}
