/**
 * The interactive arc diagram: actors on one line in order of first appearance, relations as
 * arcs (forward above the line, backward below). Hover and focus light an actor's arcs and
 * neighbours, click or Enter selects, tooltips give the events behind an arc, and it follows a
 * shared {@link ViewState}: a time window keeps actors in place and only changes the arcs.
 */
import { select } from 'd3-selection';
import type { Dataset } from '../../model/types.js';
import type { ViewState } from '../../link/state.js';
import type { EntityView } from '../common/view.js';
import { buildNetwork } from '../../layout/network.js';
import type { NetworkGraph } from '../../layout/network.js';
import type { ArcLayout, ArcNode } from '../../layout/arc.js';
import { drawLegend, legendContent, LEGEND_HEIGHT, createChartRoot } from './draw.js';
import { edgeTooltipContent, networkDescription } from './text.js';
import { arcLabelY, arcLayoutFor, drawArcEdges, drawArcLabels, drawArcNodes } from './arc-svg.js';
import { fitText } from '../../layout/timeline.js';
import { createRelationCore, emphasiseNodeLink, eventActors, relationCss, relationStep, wireNodeLink } from './relation-view-common.js';
import type { NodeLinkTargets, RelationViewOptions } from './relation-view-common.js';

/** Options of {@link createArcDiagram}. */
export interface ArcViewOptions extends RelationViewOptions {
  /** Draw affiliations as arcs too. Default false. */
  readonly includeAffiliations?: boolean;
  /** Actor labels under the line. Default true. */
  readonly labels?: boolean;
  /** The legend row. Default true. */
  readonly legend?: boolean;
}

/** The interactive arc diagram. */
export interface ArcView extends EntityView {
  /** The layout shown (arcs of the current window). */
  readonly layout: ArcLayout;
  /** The graph of the current window. */
  readonly graph: NetworkGraph;
}

/**
 * Creates an interactive arc diagram inside `container`: reading left to right follows the
 * story, since actors are placed in the order they first appear.
 *
 * Keyboard: Tab reaches the actors; Left and Right (Home, End) move along the line in order of
 * appearance; `]` and `[` follow the focused actor's relations to the actor at the other end,
 * showing the relation's events; Enter or Space selects; Escape clears.
 *
 * @example
 * ```ts
 * const arc = createArcDiagram(document.querySelector('#arc')!, dataset, { height: 420 });
 * arc.on('statechange', (patch) => console.log(patch.selectedActor));
 * ```
 */
export function createArcDiagram(container: HTMLElement, dataset: Dataset, options: ArcViewOptions = {}): ArcView {
  const includeAffiliations = options.includeAffiliations ?? false;
  const legend = options.legend ?? true;
  let data = dataset;
  let graph!: NetworkGraph;
  let layout!: ArcLayout;
  let focused: string | null = null;
  const cursors = new Map<string, number>();

  const core = createRelationCore(container, options, 'arc', { width: 800, height: 420 }, (prev, next) => {
    if (prev.window !== next.window) {
      compute();
      draw();
      core.drawTable(graph, data, tableCaption());
    }
    emphasise();
  });
  const { ctx, wrapper, width, height, fontSize } = core;
  const plotHeight = legend ? height - LEGEND_HEIGHT : height;

  function compute(): void {
    graph = buildNetwork(data, { window: core.state().window, includeAffiliations });
    layout = arcLayoutFor(ctx, graph, data, width, plotHeight, fontSize, includeAffiliations);
  }
  compute();

  const title = (): string => options.title ?? data.meta.title ?? 'Actor relations by first appearance';
  const description = (): string =>
    options.description ?? `Arc diagram: actors from left to right in order of first appearance; forward relations above the line, backward ones below. ${networkDescription(graph)}`;
  const tableCaption = (): string => `Relations${core.state().window ? ' in the selected period' : ''}`;

  const svg = createChartRoot(ctx, 'arc', width, height, options.theme, title(), description());
  svg.style.display = 'block';
  select(svg).append('style').text(relationCss('et-relation-view'));
  wrapper.appendChild(svg);
  const root = select(svg).append('g').attr('class', 'et-viewport');
  const baseline = root.append('line').attr('class', 'et-baseline').attr('x1', 12).attr('x2', width - 12).attr('aria-hidden', 'true');
  const layers: NodeLinkTargets = {
    edges: root.append('g').attr('class', 'et-edges'),
    nodes: root.append('g').attr('class', 'et-nodes').attr('role', 'group').attr('aria-label', 'Actors in order of first appearance'),
    labels: root.append('g').attr('class', 'et-labels'),
  };

  function draw(): void {
    select(svg).select(`#${ctx.idPrefix}-desc`).text(description());
    baseline.attr('y1', layout.baseline).attr('y2', layout.baseline);
    drawArcEdges(layers.edges, layout.edges, ctx, data, false);
    drawArcNodes(layers.nodes, layout.nodes, graph, data, true);
    if (options.labels ?? true) {
      drawArcLabels(layers.labels, layout, fontSize);
      // Labels run down at 45°: cut those that would reach the legend (or the bottom edge); the
      // full name is in the tooltip, the actor's accessible name and the table.
      const room = Math.max(0, (plotHeight - arcLabelY(layout) - 4) / Math.SQRT1_2);
      const font = `${fontSize}px ${core.theme.vars['--et-font'] ?? 'system-ui, sans-serif'}`;
      layers.labels.selectAll<SVGTextElement, ArcNode>('text.et-label').text((d) => fitText(d.label, room, ctx.measureText, font));
    }
    select(svg).selectChildren('g.et-legend').remove();
    if (legend) {
      const { kinds, edgeKinds } = legendContent(layout.nodes, layout.edges);
      drawLegend(svg, kinds, edgeKinds, ctx, width, height);
    }
  }

  function emphasise(): void {
    emphasiseNodeLink(layers, layout.edges, core.state(), focused, ctx.idPrefix, (id) => eventActors(data, id));
  }

  const position = (id: string): readonly [number, number] | undefined => {
    const n = layout.nodes.find((x) => x.id === id);
    return n ? [n.x, n.y] : undefined;
  };

  function focusActor(id: string): void {
    const el = layers.nodes
      .selectAll<SVGGElement, { id: string }>('g.et-node')
      .filter((d) => d.id === id)
      .node();
    if (el && typeof el.focus === 'function') el.focus();
  }

  const unwire = wireNodeLink(core, layers, {
    graph: () => graph,
    dataset: () => data,
    position,
    onFocus: (id) => {
      focused = id;
    },
    onKey(event, id) {
      const i = layout.nodes.findIndex((n) => n.id === id);
      const at = (k: number): string | undefined => layout.nodes[Math.max(0, Math.min(layout.nodes.length - 1, k))]?.id;
      const moves: Record<string, string | undefined> = { ArrowRight: at(i + 1), ArrowLeft: at(i - 1), Home: at(0), End: at(layout.nodes.length - 1) };
      if (event.key in moves) {
        const next = moves[event.key];
        if (next && next !== id) focusActor(next);
        return true;
      }
      if (event.key === ']' || event.key === '[') {
        const rank = new Map(layout.nodes.map((n, k) => [n.id, k]));
        const step = relationStep(cursors, layout.edges, id, event.key === ']' ? 1 : -1, (a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
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

  return {
    node: wrapper,
    get layout() {
      return layout;
    },
    get graph() {
      return graph;
    },
    update(next: Dataset) {
      if (core.destroyed) return;
      data = next;
      compute();
      select(svg).select(`#${ctx.idPrefix}-title`).text(title());
      draw();
      emphasise();
      core.drawTable(graph, data, tableCaption());
    },
    setState(next: ViewState) {
      core.follow(next);
    },
    getState: () => core.state(),
    on: core.on,
    destroy: core.destroy,
  };
}
