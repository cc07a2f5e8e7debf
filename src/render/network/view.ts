/**
 * The interactive actor network: zoom and pan, drag to pin, hover and keyboard focus that
 * highlight a neighbourhood, click to select, tooltips, an optional time slider, and linking
 * through {@link ViewState}. A new time window keeps nodes where they are and only fades
 * relations in and out. Above 800 actors it draws on a canvas with quadtree hit testing and lays
 * out in time slices, so the page never freezes.
 */
import { select, pointer } from 'd3-selection';
import type { Selection } from 'd3-selection';
import { zoom, zoomIdentity } from 'd3-zoom';
import type { D3ZoomEvent, ZoomBehavior, ZoomTransform } from 'd3-zoom';
import { drag } from 'd3-drag';
import type { D3DragEvent } from 'd3-drag';
import 'd3-transition';
import type { Dataset } from '../../model/types.js';
import type { TimeWindow, ViewState } from '../../link/state.js';
import { EMPTY_VIEW_STATE, patchViewState } from '../../link/state.js';
import type { EntityView, ViewEventMap } from '../common/view.js';
import type { RenderContext, TextMeasurer } from '../common/context.js';
import { createCanvasTextMeasurer, estimateTextWidth } from '../common/measure.js';
import { applyTheme, resolveTheme } from '../common/theme.js';
import type { Theme } from '../common/theme.js';
import { createTooltip } from '../common/tooltip.js';
import { renderDataTable } from '../common/a11y.js';
import { prefersReducedMotion } from '../common/motion.js';
import { buildNetwork, buildNetworkSteps } from '../../layout/network.js';
import type { BuildNetworkOptions, NetworkGraph } from '../../layout/network.js';
import { forceLayoutSteps, groupHulls, previewForceLayout, restyleForceLayout, routeEdges } from '../../layout/force.js';
import type { ForceEdge, ForceLayout, ForceLayoutOptions, ForceNode, ForcePoint } from '../../layout/force.js';
import { createChartRoot, createNodeLinkLayers, drawEdgeLabels, drawEdges, drawHulls, drawLabels, drawLegend, drawNodes, legendContent, LEGEND_HEIGHT } from './draw.js';
import type { NodeLinkLayers } from './draw.js';
import { actorTooltipContent, edgeTooltipContent, networkDescription, relationTable } from './text.js';
import { createNetworkHitTester, drawNetworkCanvas, drawNetworkCanvasSteps } from './canvas.js';
import type { NetworkCanvasScene, NetworkHitTester } from './canvas.js';
import { nextTask, runInSlices } from './worker.js';
import { emphasisedActors, eventActors } from './relation-view-common.js';
import type { LayoutProgress } from './worker.js';

/** Options of {@link createNetwork}. */
export interface NetworkViewOptions {
  /** Width in pixels. Default: the container's width, or 800. */
  readonly width?: number;
  /** Height in pixels. Default 560. */
  readonly height?: number;
  readonly theme?: 'light' | 'dark' | Theme;
  readonly title?: string;
  readonly description?: string;
  /** Seed of the force layout. Default 1. */
  readonly seed?: number;
  readonly labels?: boolean;
  readonly relationLabels?: boolean;
  readonly groupAffiliated?: boolean;
  readonly includeAffiliations?: boolean;
  readonly minWeight?: number;
  readonly legend?: boolean;
  /** `svg`, `canvas`, or `auto` (default): canvas above `canvasThreshold` actors. */
  readonly renderer?: 'svg' | 'canvas' | 'auto';
  /**
   * Actor count above which `auto` switches to canvas. Default 800: beyond that one SVG element
   * per actor and relation takes the browser over 50 ms to create and paint at once.
   */
  readonly canvasThreshold?: number;
  /** Actor count above which layouts run in time-sliced chunks. Default 800. */
  readonly chunkThreshold?: number;
  /** Layout progress for chunked layouts. */
  readonly onLayoutProgress?: (progress: LayoutProgress) => void;
  /**
   * Milliseconds a layout of a graph under `chunkThreshold` may run at once. A layout done
   * within it is drawn straight away; a longer one shows its warm start and continues in slices
   * (so the page is never blocked for long), then moves the nodes to their places. Default 8
   * (with the rest of creating the view, the first task stays well under 50 ms); `Infinity`
   * always lays out synchronously (as static output does).
   */
  readonly layoutBudget?: number;
  /**
   * Milliseconds without a window change after which the layout continues for the new window.
   * Until then (a dragged brush) nodes stay where they are and only edges and node styles follow.
   * Default 150.
   */
  readonly settleDelay?: number;
  /** Show a built-in time slider (two range inputs over the dataset's extent). Default false. */
  readonly timeSlider?: boolean;
  /** Initial state (window, hover, selection). */
  readonly state?: Partial<ViewState>;
  /** Duration of window transitions in ms. Default 300; 0 when the reader prefers reduced motion. */
  readonly transitionDuration?: number;
  /** Add a visually hidden table of the relations. Default true. */
  readonly dataTable?: boolean;
  /** @deprecated Use `dataTable`, the name every view uses; read when `dataTable` is not given. */
  readonly table?: boolean;
  readonly idPrefix?: string;
  /** Text measurement for labels. Default: the deterministic estimate. */
  readonly measureText?: TextMeasurer;
  readonly fontSize?: number;
}

/** The interactive network view. */
export interface NetworkView extends EntityView {
  /** The current layout (positions after dragging included). */
  readonly layout: ForceLayout;
  /**
   * The graph being shown (edges of the current window). A dataset of more than
   * `chunkThreshold` actors builds it after creation, in tasks of its own: until then it is an
   * empty graph (no nodes or edges), and `ready` is pending.
   */
  readonly graph: NetworkGraph;
  /** `svg` or `canvas`. */
  readonly renderer: 'svg' | 'canvas';
  /** Resolves when the graph is built and the running layout (chunked for big graphs) has been drawn. */
  readonly ready: Promise<void>;
  /** Fix an actor at a position (as dragging does). */
  pin(actorId: string, x: number, y: number): void;
  /** Release a pinned actor. */
  unpin(actorId: string): void;
}

let views = 0;

/**
 * Marks (nodes and edges) above which a new layout is painted over several tasks: painting
 * 5,000 node shapes at once took 15–30 ms.
 */
const PROGRESSIVE_MARKS = 2500;
/** Marks painted between pauses of a progressive paint (a few milliseconds' work). */
const PAINT_GRAIN = 500;

/** Milliseconds of work per slice of the view's own sliced work (building a big graph). */
const SLICE_MS = 8;

/** Rows of the hidden relations table at most. */
const TABLE_LIMIT = 300;
/** Rows of the hidden relations table added per frame (each hundred took 20 ms to lay out). */
const TABLE_CHUNK = 75;

/**
 * Creates an interactive actor network inside `container`.
 *
 * Keyboard: the actors are one Tab stop (the last one focused, at first the most involved);
 * arrow keys jump to the nearest actor in that direction;
 * `]` and `[` follow the focused actor's relations to its neighbours (announcing the relation);
 * Enter or Space selects; Escape clears the selection.
 *
 * @example
 * ```ts
 * const view = createNetwork(document.querySelector('#network')!, dataset, { height: 600, timeSlider: true });
 * view.on('statechange', (patch) => timeline.setState(patchViewState(timeline.getState(), patch)));
 * view.setState({ ...view.getState(), window: [Date.UTC(2024, 0), Date.UTC(2024, 3)] });
 * ```
 */
export function createNetwork(container: HTMLElement, dataset: Dataset, options: NetworkViewOptions = {}): NetworkView {
  const doc = container.ownerDocument;
  const win = doc.defaultView;
  // Labels are measured exactly (a canvas, in the theme's font) so that the layout keeps them
  // inside the box; the estimate is only a fallback (jsdom, Node) and for huge graphs, where
  // measuring thousands of names would cost more than it helps.
  const exact = createCanvasTextMeasurer(doc);
  const ctx: RenderContext = {
    document: doc,
    // Big graphs (laid out in slices) keep to the estimate with a tenth of slack: creating a
    // canvas context and measuring thousands of names would block the page for longer than
    // the exact widths are worth when only the most involved actors are labelled.
    measureText: options.measureText ?? ((text, font) => (graph.nodes.length > chunkThreshold ? estimateTextWidth(text, font) * 1.1 : exact(text, font))),
    idPrefix: options.idPrefix ?? `et-network-${++views}`,
  };
  const theme = resolveTheme(options.theme);
  const labelFont = (size: number): string => `${size}px ${theme.vars['--et-font'] ?? 'system-ui, sans-serif'}`;
  const duration = prefersReducedMotion(win) ? 0 : (options.transitionDuration ?? 300);
  const width = options.width ?? (container.clientWidth || 800);
  const height = options.height ?? 560;
  const fontSize = options.fontSize ?? 11;
  const legend = options.legend ?? true;
  const plotHeight = legend ? height - LEGEND_HEIGHT : height;
  const seed = options.seed ?? 1;
  const chunkThreshold = options.chunkThreshold ?? 800;
  const layoutBudget = options.layoutBudget ?? 8;
  const settleDelay = options.settleDelay ?? 150;
  const now = (): number => (win?.performance ?? globalThis.performance).now();
  // d3's default reads the global `navigator`, which Node (and so jsdom tests and SSR
  // hydration) may not have: ask the container's own window instead.
  const touchable = function (this: Element): boolean {
    return (win?.navigator?.maxTouchPoints ?? 0) > 0 || 'ontouchstart' in this;
  };

  let data = dataset;
  let state: ViewState = patchViewState(EMPTY_VIEW_STATE, options.state ?? {});
  // Big datasets (more actors than `chunkThreshold`) build their graph after the view exists:
  // deriving the relations and building the graph take hundreds of milliseconds at 5k actors,
  // so the creating task only makes the empty, busy chart, and each step runs in a task of its
  // own (see `boot`). Until the graph is built, `graph` is an empty one. Every actor is a node,
  // so the actor count decides the renderer before the graph exists.
  const deferred = data.actors.length > chunkThreshold;
  let booting = deferred;
  let graph: NetworkGraph = deferred ? { nodes: [], edges: [], window: state.window, maxWeight: 1, maxInvolvement: 1 } : build();
  const size = deferred ? data.actors.length : graph.nodes.length;
  const mode: 'svg' | 'canvas' = options.renderer === 'svg' || options.renderer === 'canvas' ? options.renderer : size > (options.canvasThreshold ?? 800) ? 'canvas' : 'svg';
  const pinned = new Map<string, ForcePoint>();
  const listeners = new Set<(patch: Partial<ViewState>) => void>();
  const disposers: (() => void)[] = [];
  let destroyed = false;
  let abort: AbortController | null = null;
  let focused: string | null = null;
  let transform: ZoomTransform = zoomIdentity;

  const wrapper = doc.createElement('div');
  wrapper.className = `et-chart et-network-view et-theme-${theme.name}`;
  wrapper.style.position = 'relative';
  applyTheme(wrapper, theme);
  container.appendChild(wrapper);
  const tooltip = createTooltip(wrapper, ctx);

  const layoutOptions = (extra: Partial<ForceLayoutOptions> = {}): ForceLayoutOptions => ({
    width,
    height: plotHeight,
    seed,
    groupAffiliated: options.groupAffiliated ?? false,
    labels: options.labels ?? true,
    fontSize,
    measureLabel: (text) => ctx.measureText(text, labelFont(fontSize)),
    pinned,
    ...extra,
  });
  // Big graphs draw a placeholder at once and lay out in time slices (see `relayout`).
  const chunked = (): boolean => graph.nodes.length > chunkThreshold;
  // The placeholder until the first layout is done (drawn only for big graphs, see the first draw).
  let layout: ForceLayout = previewForceLayout(graph, layoutOptions());
  let hits: NetworkHitTester = createNetworkHitTester(layout.nodes, layout.edges);

  // --- Drawing surfaces --------------------------------------------------------------------
  /** The chart's description: what the graph shows, or that it is being built. */
  const describe = (): string => options.description ?? (booting ? `Building the network of ${data.actors.length} actors…` : networkDescription(graph));
  const svg = createChartRoot(ctx, 'network', width, height, options.theme, options.title ?? data.meta.title ?? 'Actor network', describe());
  svg.style.display = 'block';
  svg.style.touchAction = 'none';
  wrapper.appendChild(svg);
  let layers: NodeLinkLayers | null = null;
  let canvas: HTMLCanvasElement | null = null;
  let g2d: CanvasRenderingContext2D | null = null;
  const ratio = (win?.devicePixelRatio ?? 1) || 1;
  if (mode === 'svg') {
    layers = createNodeLinkLayers(svg);
    // The nodes are one composite widget: the group is named (and, as it listens for focus,
    // Chromium would otherwise make it a nameless Tab stop of its own), and one node at a time
    // holds the Tab stop (see `rove`), so Tab enters and leaves the network in one press.
    layers.nodes.attr('role', 'group').attr('tabindex', -1).attr('aria-label', 'Actors. Arrow keys move between actors, ] and [ follow their relations, Enter selects, Escape clears.');
    wireLayers(layers);
  } else {
    canvas = doc.createElement('canvas');
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(plotHeight * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${plotHeight}px`;
    canvas.style.position = 'absolute';
    canvas.style.left = '0px';
    canvas.style.top = '0px';
    canvas.style.touchAction = 'none';
    canvas.tabIndex = 0;
    canvas.setAttribute('role', 'application');
    canvas.setAttribute('aria-roledescription', 'actor network');
    canvas.setAttribute('aria-label', canvasLabel());
    canvas.className = 'et-network-canvas';
    wrapper.insertBefore(canvas, svg.nextSibling);
    try {
      g2d = canvas.getContext('2d');
    } catch {
      g2d = null;
    }
  }
  function canvasLabel(): string {
    return `${booting ? `Building the network of ${data.actors.length} actors…` : networkDescription(graph)} Arrow keys move between actors, Enter selects, Escape clears.`;
  }
  /** Rewrites the description (and the canvas's name) for the current graph. */
  function redescribe(): void {
    select(svg).select(`#${ctx.idPrefix}-desc`).text(describe());
    canvas?.setAttribute('aria-label', canvasLabel());
  }

  // The legend shows the kinds and edge styles of the current graph; redrawn only when they change.
  let legendKey = '';
  function refreshLegend(): void {
    if (!legend) return;
    const { kinds, edgeKinds } = legendContent(graph.nodes, graph.edges);
    const key = JSON.stringify([[...kinds].sort(), edgeKinds]);
    if (key === legendKey) return;
    legendKey = key;
    select(svg).selectAll('g.et-legend').remove();
    // The legend keeps to the estimate (with a tenth of slack): it is drawn while the view is
    // created, and the first exact measurement (a canvas context and a font lookup) costs tens
    // of milliseconds there; the labels, measured later, pay it in a task of their own.
    drawLegend(svg, kinds, edgeKinds, options.measureText ? ctx : { ...ctx, measureText: (text, font) => estimateTextWidth(text, font) * 1.1 }, width, height);
  }
  refreshLegend();

  // --- State ------------------------------------------------------------------------------
  function buildOptions(): BuildNetworkOptions {
    return {
      window: state.window,
      includeAffiliations: options.includeAffiliations ?? true,
      ...(options.minWeight !== undefined ? { minWeight: options.minWeight } : {}),
    };
  }
  function build(): NetworkGraph {
    return buildNetwork(data, buildOptions());
  }

  function emit(patch: Partial<ViewState>): void {
    const next = patchViewState(state, patch);
    if (next === state) return;
    const windowChanged = next.window !== state.window;
    state = next;
    if (windowChanged) rewindow();
    highlight();
    for (const listener of [...listeners]) listener(patch);
  }

  /**
   * What the state emphasises, as the relation views show it (emphasisedActors): the active
   * actor (hovered, focused or selected) and its neighbours; the participants of the selected
   * event and the relations it contributes to (selected); the participants and relations of the
   * hovered event (highlighted, more lightly: a hovered event alone dims nothing).
   */
  function emphasis(): { active: string | null; lit: Set<string> | null; hoveredIn: ReadonlySet<string>; edgeOf: (e: ForceEdge) => 'selected' | 'highlight' | 'dim' | 'plain' } {
    const { active, lit, hoveredIn } = emphasisedActors(graph.edges, state, focused, (id) => eventActors(data, id));
    const { selectedEvent, hoveredEvent } = state;
    const edgeOf = (e: ForceEdge): 'selected' | 'highlight' | 'dim' | 'plain' => {
      if (selectedEvent !== null && e.events.includes(selectedEvent)) return 'selected';
      if ((active !== null && (e.source === active || e.target === active)) || (hoveredEvent !== null && e.events.includes(hoveredEvent))) return 'highlight';
      return lit !== null ? 'dim' : 'plain';
    };
    return { active, lit, hoveredIn, edgeOf };
  }

  // What the SVG elements show now, so that nothing is touched when nothing changed (big
  // graphs have thousands of elements, and each redraw starts from the plain state).
  let shownEmphasis: string | null = 'none';
  function highlight(fresh = false): void {
    const active = state.hoveredActor ?? focused ?? state.selectedActor;
    const key = [active, state.hoveredActor, state.selectedActor, state.hoveredEvent, state.selectedEvent].join('\u0000');
    if (layers && !fresh && key === shownEmphasis) return;
    // Freshly joined elements are plain: nothing to undo when nothing is emphasised.
    if (layers && fresh && active === null && state.selectedActor === null && state.selectedEvent === null && state.hoveredEvent === null) {
      shownEmphasis = key;
      return;
    }
    shownEmphasis = key;
    if (layers) {
      const { lit, hoveredIn, edgeOf } = emphasis();
      layers.nodes
        .selectAll<SVGGElement, ForceNode>('g.et-node')
        .classed('et-dim', (d) => lit !== null && !lit.has(d.id))
        .classed('et-highlight', (d) => d.id === state.hoveredActor || hoveredIn.has(d.id))
        .classed('et-selected', (d) => d.id === state.selectedActor)
        .attr('aria-pressed', (d) => (d.id === state.selectedActor ? 'true' : 'false'));
      layers.labels.selectAll<SVGTextElement, { id: string }>('text.et-label').classed('et-dim', (d) => lit !== null && !lit.has(d.id));
      layers.edges.selectAll<SVGPathElement, ForceEdge>('path.et-edge').each(function (d) {
        const how = edgeOf(d);
        this.classList.toggle('et-selected', how === 'selected');
        this.classList.toggle('et-highlight', how === 'highlight');
        this.classList.toggle('et-dim', how === 'dim');
        const marker = d.directed && d.kind === 'relation' ? `url(#${ctx.idPrefix}-${how === 'selected' || how === 'highlight' ? 'arrow-hl' : 'arrow'})` : null;
        if (marker === null) this.removeAttribute('marker-end');
        else if (this.getAttribute('marker-end') !== marker) this.setAttribute('marker-end', marker);
      });
    } else {
      redraw();
    }
  }

  // --- SVG drawing ------------------------------------------------------------------------
  /**
   * Draws the layout; `animateFrom` moves nodes from those positions, `fade` fades edges in and
   * out. A new window (`windowOnly`) keeps nodes in place, so labels and hulls stay as they are.
   */
  function drawSvg(animateFrom: Map<string, ForcePoint> | null, fade = animateFrom !== null, windowOnly = false): void {
    if (!layers) return;
    const animate = fade && duration > 0;
    const before = animate ? new Set(layers.edges.selectAll<SVGPathElement, ForceEdge>('path.et-edge:not(.et-exiting)').data().map((d) => d.id)) : null;
    if (!windowOnly) drawHulls(layers.hulls, layout.hulls);
    restyling?.abort();
    restyling = null;
    // A new window: relations come and go at once; the kept ones change width and end points
    // (weights and node sizes follow the window) a frame's slice at a time, so a dragged brush
    // does not rewrite thousands of paths per step (a newer window takes over the rest).
    const defer = windowOnly
      ? (work: Generator<void, void, void>): void => {
          const controller = new AbortController();
          restyling = controller;
          const nextFrame = (): Promise<void> => new Promise<void>((resolve) => (win?.requestAnimationFrame ? win.requestAnimationFrame(() => resolve()) : setTimeout(resolve, 0)));
          runInSlices(work, { signal: controller.signal, budgetMs: 6, yieldFn: nextFrame }).then(
            () => {
              if (restyling === controller) restyling = null;
            },
            () => {},
          );
        }
      : undefined;
    const edges = drawEdges(layers.edges, layout.edges, ctx, data, animate ? (exit) => void exit.classed('et-exiting', true).interrupt('fade').transition('fade').duration(duration).attr('opacity', 0).remove() : undefined, false, defer);
    if (before) {
      // New edges, and leaving ones that came back (only those can be marked as exiting).
      edges
        .filter((d) => !before.has(d.id))
        .classed('et-exiting', false)
        .interrupt('fade')
        .attr('opacity', 0)
        .transition('fade')
        .duration(duration)
        .attr('opacity', 1);
    }
    drawEdgeLabels(layers.edgeLabels, layout.edges, options.relationLabels ?? false);
    // Interactive nodes act as toggle buttons (click or Enter selects), so say so.
    drawNodes(layers.nodes, layout.nodes, graph, data, true);
    rove();
    if (!windowOnly) drawLabels(layers.labels, layout.labels, fontSize);
    if (animateFrom && duration > 0) tweenPositions(animateFrom);
    highlight(true);
  }

  // The restyle of kept edges after a window change, running in slices (see drawSvg).
  let restyling: AbortController | null = null;

  // The node holding the Tab stop: the last one focused while it is drawn, else the most
  // involved actor (where the canvas renderer's focus lands too).
  let tabStop: string | null = null;
  function rove(): void {
    if (!layers) return;
    if (tabStop === null || !layout.nodes.some((n) => n.id === tabStop)) {
      let top: ForceNode | undefined;
      for (const n of layout.nodes) if (!top || n.involvement > top.involvement) top = n;
      tabStop = top?.id ?? null;
    }
    layers.nodes.selectAll<SVGGElement, ForceNode>('g.et-node').each(function (d) {
      const tabindex = d.id === tabStop ? '0' : '-1';
      if (this.getAttribute('tabindex') !== tabindex) this.setAttribute('tabindex', tabindex);
    });
  }

  /** Moves nodes, edges and labels together from old to new positions. */
  function tweenPositions(from: Map<string, ForcePoint>): void {
    if (!layers) return;
    const target = layout;
    const labelsById = new Map(target.labels.map((l) => [l.id, l]));
    select(svg)
      .interrupt('move')
      .transition('move')
      .duration(duration)
      .tween('positions', () => (t: number) => {
        if (!layers) return;
        const nodes = target.nodes.map((n) => {
          const p = from.get(n.id) ?? n;
          return { ...n, x: p.x + (n.x - p.x) * t, y: p.y + (n.y - p.y) * t };
        });
        const at = new Map(nodes.map((n) => [n.id, n]));
        layers.nodes.selectAll<SVGGElement, ForceNode>('g.et-node').attr('transform', (d) => {
          const n = at.get(d.id) ?? d;
          return `translate(${round(n.x)},${round(n.y)})`;
        });
        const routed = new Map(routeEdges(graph, nodes).map((e) => [e.id, e.path]));
        layers.edges.selectAll<SVGPathElement, ForceEdge>('path.et-edge:not(.et-exiting)').attr('d', (d) => routed.get(d.id) ?? d.path);
        layers.labels.selectAll<SVGTextElement, { id: string }>('text.et-label').each(function (d) {
          const l = labelsById.get(d.id);
          const n = at.get(d.id);
          const orig = target.nodes.find((x) => x.id === d.id);
          if (!l || !n || !orig) return;
          this.setAttribute('x', String(round(l.x + n.x - orig.x)));
          this.setAttribute('y', String(round(l.y + n.y - orig.y)));
        });
      });
  }

  /** The datum of the mark of `selector` an event happened in (or came from), if any. */
  function markOf<D>(target: EventTarget | null, selector: string): { el: Element; d: D } | undefined {
    const el = target && typeof (target as Element).closest === 'function' ? (target as Element).closest(selector) : null;
    if (!el) return undefined;
    const d = (el as Element & { __data__?: D }).__data__;
    return d === undefined ? undefined : { el, d };
  }

  /**
   * Node and edge behaviour, delegated to the layers: one set of listeners however many
   * actors there are, so drawing thousands of nodes never re-binds thousands of handlers.
   */
  function wireLayers(target: NodeLinkLayers): void {
    target.nodes
      .on('pointerover.et', (event: PointerEvent) => {
        const hit = markOf<ForceNode>(event.target, 'g.et-node');
        if (!hit || markOf<ForceNode>(event.relatedTarget, 'g.et-node')?.el === hit.el) return;
        emit({ hoveredActor: hit.d.id });
        showNodeTip(hit.d.id, event);
      })
      .on('pointerout.et', (event: PointerEvent) => {
        const hit = markOf<ForceNode>(event.target, 'g.et-node');
        if (!hit || markOf<ForceNode>(event.relatedTarget, 'g.et-node')?.el === hit.el) return;
        emit({ hoveredActor: null });
        tooltip.hide();
      })
      .on('click.et', (event: MouseEvent) => {
        const hit = markOf<ForceNode>(event.target, 'g.et-node');
        if (!hit) return;
        event.stopPropagation();
        emit({ selectedActor: state.selectedActor === hit.d.id ? null : hit.d.id });
      })
      .on('focusin.et', (event: FocusEvent) => {
        const hit = markOf<ForceNode>(event.target, 'g.et-node');
        if (!hit) return;
        focused = hit.d.id;
        if (tabStop !== hit.d.id) {
          tabStop = hit.d.id;
          rove();
        }
        emit({ hoveredActor: hit.d.id });
        showNodeTip(hit.d.id, null);
      })
      .on('focusout.et', (event: FocusEvent) => {
        if (!markOf<ForceNode>(event.target, 'g.et-node')) return;
        focused = null;
        emit({ hoveredActor: null });
        tooltip.hide();
      })
      .on('keydown.et', (event: KeyboardEvent) => {
        const hit = markOf<ForceNode>(event.target, 'g.et-node');
        if (hit) onKey(event, hit.d.id);
      });
    target.nodes.call(
      drag<SVGGElement, unknown, { id: string; x: number; y: number } | undefined>()
        .touchable(touchable)
        .subject((event: { sourceEvent: Event }) => {
          const hit = markOf<ForceNode>(event.sourceEvent.target, 'g.et-node');
          if (!hit) return undefined;
          const n = layout.nodes.find((x) => x.id === hit.d.id) ?? hit.d;
          return { id: n.id, x: n.x, y: n.y };
        })
        .on('drag', (event: D3DragEvent<SVGGElement, unknown, { id: string; x: number; y: number }>) => moveNode(event.subject.id, event.x, event.y)),
    );
    target.edges
      .on('pointerover.et', (event: PointerEvent) => {
        const hit = markOf<ForceEdge>(event.target, 'path.et-edge');
        if (!hit) return;
        const [x, y] = pointer(event, wrapper);
        tooltip.show(edgeTooltipContent(hit.d, data), x, y);
      })
      .on('pointerout.et', (event: PointerEvent) => {
        if (markOf<ForceEdge>(event.target, 'path.et-edge')) tooltip.hide();
      });
  }

  function showNodeTip(id: string, event: Event | null): void {
    const node = graph.nodes.find((n) => n.id === id);
    const placed = layout.nodes.find((n) => n.id === id);
    if (!node || !placed) return;
    const [x, y] = event ? pointer(event, wrapper) : transform.apply([placed.x, placed.y]);
    tooltip.show(actorTooltipContent(node, data), x, y);
  }

  // --- Canvas drawing ---------------------------------------------------------------------
  let frame = 0;
  // A paint spread over several tasks (a new layout of a big graph), stopped by any newer paint.
  let painting: { steps: Generator<void, void, void>; abort: AbortController; shows: { layout: ForceLayout; transform: ZoomTransform }; progressive: boolean } | null = null;
  function redraw(): void {
    if (!canvas || frame) return;
    const raf = win?.requestAnimationFrame?.bind(win);
    if (!raf) return paint();
    frame = raf(() => {
      frame = 0;
      paint();
    });
  }
  function scene(plain = false): NetworkCanvasScene {
    const vars = theme.vars;
    const base = {
      ...layout,
      transform,
      colors: {
        background: vars['--et-bg'] ?? '#fff',
        foreground: vars['--et-fg'] ?? '#000',
        edge: vars['--et-muted'] ?? '#888',
        highlight: vars['--et-highlight'] ?? '#d55e00',
        focus: vars['--et-focus'] ?? '#1a5fb4',
      },
      fontSize,
      pixelRatio: ratio,
    };
    if (plain) return { ...base, highlighted: null, litEdges: null, selected: null, focused: null };
    const { lit, edgeOf } = emphasis();
    // Nothing emphasised (most repaints: zoom, a moved window): no edge to look at.
    const litEdges = new Set<string>();
    if (lit !== null || state.hoveredEvent !== null) {
      for (const e of layout.edges) {
        const how = edgeOf(e);
        if (how === 'selected' || how === 'highlight') litEdges.add(e.id);
      }
    }
    return {
      ...base,
      highlighted: lit,
      litEdges: lit === null && state.hoveredEvent === null ? null : litEdges,
      selected: state.selectedActor,
      focused,
    };
  }

  // The picture without emphasis, kept in a bitmap of its own: hovering and selecting copy it
  // and draw the emphasis over it (see `emphasisOnly`) instead of repainting every mark, which
  // took 100 ms and more for thousands of actors. `baseOf` says which layout and transform the
  // bitmap shows; it is complete only when set.
  let baseCanvas: HTMLCanvasElement | null = null;
  let baseG: CanvasRenderingContext2D | null = null;
  let baseOf: { layout: ForceLayout; transform: ZoomTransform } | null = null;
  function baseContext(): CanvasRenderingContext2D | null {
    if (!canvas) return null;
    if (!baseCanvas) {
      baseCanvas = doc.createElement('canvas');
      baseCanvas.width = canvas.width;
      baseCanvas.height = canvas.height;
      try {
        baseG = baseCanvas.getContext('2d');
      } catch {
        baseG = null;
      }
    }
    return baseG;
  }
  /** Shows the cached picture (painted at the current transform) with the current emphasis over it. */
  function composite(): void {
    if (!g2d || !baseCanvas) return;
    unmove();
    shownAt = transform;
    g2d.save();
    g2d.setTransform(1, 0, 0, 1, 0, 0);
    g2d.globalAlpha = 1;
    g2d.drawImage(baseCanvas, 0, 0);
    g2d.restore();
    const s = scene();
    if (s.highlighted != null || s.litEdges != null || s.selected != null || s.focused != null) drawNetworkCanvas(g2d, { ...s, emphasisOnly: true }, width, plotHeight);
  }
  function stopPainting(): void {
    if (!painting) return;
    painting.abort.abort();
    painting.steps.return();
    painting = null;
  }
  function paint(): void {
    // A new emphasis while the picture is being painted in slices: show it over the part
    // painted so far; the paint shows it again when complete.
    if (painting && painting.shows.layout === layout && painting.shows.transform === transform && baseG) {
      if (painting.progressive) composite();
      return;
    }
    stopPainting();
    if (!g2d || destroyed) return;
    // Small pictures paint faster than a cached bitmap is copied.
    const bg = bigPicture() ? baseContext() : null;
    if (!bg) {
      unmove();
      return drawNetworkCanvas(g2d, scene(), width, plotHeight);
    }
    if (baseOf === null || baseOf.layout !== layout || baseOf.transform !== transform) {
      drawNetworkCanvas(bg, scene(true), width, plotHeight);
      baseOf = { layout, transform };
    }
    composite();
  }
  /**
   * Paints the picture of a big graph over several tasks of a few milliseconds (edges, then
   * nodes, then labels appear; `progressive` false: the old picture stays until the new one is
   * complete): drawing tens of thousands of marks at once blocked the page for hundreds of
   * milliseconds. Resolves once the picture is complete or replaced by a newer one.
   */
  function paintInSlices(progressive = true): Promise<void> {
    stopPainting();
    if (frame && win?.cancelAnimationFrame) {
      win.cancelAnimationFrame(frame);
      frame = 0;
    }
    if (!g2d || destroyed) return Promise.resolve();
    const bg = baseContext();
    const target = bg ?? g2d;
    const shows = { layout, transform };
    baseOf = null;
    const steps = drawNetworkCanvasSteps(target, bg ? scene(true) : scene(), width, plotHeight, PAINT_GRAIN);
    const job = { steps, abort: new AbortController(), shows, progressive };
    painting = job;
    // While a gesture moves the picture, the partial one is not shown (it is painted for the
    // transform the gesture started from).
    const current = (): boolean => transform === shows.transform && layout === shows.layout;
    return runInSlices(steps, { signal: job.abort.signal, onSlice: () => void (progressive && bg && current() && composite()) }).then(
      () => {
        if (painting === job) painting = null;
        if (!bg) return;
        baseOf = shows;
        if (current()) composite();
        else if (moved) movePicture();
      },
      () => {},
    );
  }

  // Zooming a big graph moves and scales the last picture (a CSS transform, the timeline's way)
  // and repaints once the gesture ends: repainting thousands of marks every frame of a gesture
  // took far longer than a frame.
  let moved = false;
  // The transform of the picture on the canvas (what a gesture moves).
  let shownAt: ZoomTransform = zoomIdentity;
  function movePicture(): void {
    if (!canvas) return;
    const from = shownAt;
    const k = transform.k / from.k;
    canvas.style.transformOrigin = '0 0';
    canvas.style.transform = `translate(${transform.x - k * from.x}px, ${transform.y - k * from.y}px) scale(${k})`;
    moved = true;
  }
  function unmove(): void {
    if (!moved || !canvas) return;
    canvas.style.transform = '';
    moved = false;
  }
  /** Whether the picture is big enough to be painted in slices and cached as a bitmap. */
  function bigPicture(): boolean {
    return layout.nodes.length + layout.edges.length > PROGRESSIVE_MARKS;
  }

  function wireCanvas(target: HTMLCanvasElement): void {
    const at = (event: Event): ForceNode | undefined => {
      const [px, py] = pointer(event, target);
      const [x, y] = transform.invert([px, py]);
      return hits.nodeAt(x, y, 3 / transform.k);
    };
    const sel = select(target);
    sel
      .on('pointermove.et', (event: PointerEvent) => {
        const node = at(event);
        if (node) {
          if (state.hoveredActor !== node.id) emit({ hoveredActor: node.id });
          showNodeTip(node.id, event);
          return;
        }
        if (state.hoveredActor !== null) emit({ hoveredActor: null });
        const [px, py] = pointer(event, target);
        const [x, y] = transform.invert([px, py]);
        const edge = hits.edgeAt(x, y, 6 / transform.k);
        if (edge) tooltip.show(edgeTooltipContent(edge, data), px, py);
        else tooltip.hide();
      })
      .on('pointerleave.et', () => {
        if (state.hoveredActor !== null) emit({ hoveredActor: null });
        tooltip.hide();
      })
      .on('click.et', (event: MouseEvent) => {
        const node = at(event);
        emit({ selectedActor: node ? (state.selectedActor === node.id ? null : node.id) : null });
      })
      .on('keydown.et', (event: KeyboardEvent) => {
        const start = focused ?? state.selectedActor ?? layout.nodes[0]?.id;
        if (start) onKey(event, start);
      })
      .on('focus.et', () => {
        // Keyboard users land on the selected actor, or else the most involved one.
        if (focused !== null) return;
        const start = state.selectedActor ?? [...layout.nodes].sort((a, b) => b.involvement - a.involvement)[0]?.id;
        if (start) moveFocus(start);
      })
      .on('blur.et', () => {
        focused = null;
        tooltip.hide();
        redraw();
      });
    sel.call(
      drag<HTMLCanvasElement, unknown>()
        .touchable(touchable)
        .subject((event: { sourceEvent: Event }) => {
          const node = at(event.sourceEvent);
          return node ? { id: node.id, x: transform.applyX(node.x), y: transform.applyY(node.y) } : null;
        })
        .on('drag', (event: D3DragEvent<HTMLCanvasElement, unknown, { id: string }>) => {
          const [x, y] = transform.invert([event.x, event.y]);
          moveNode(event.subject.id, x, y);
        }),
    );
  }

  // --- Behaviours shared by both renderers --------------------------------------------------
  function moveNode(id: string, x: number, y: number): void {
    pinned.set(id, { x, y });
    const old = layout.nodes.find((n) => n.id === id);
    if (!old) return;
    const dx = x - old.x;
    const dy = y - old.y;
    const nodes = layout.nodes.map((n) => (n.id === id ? { ...n, x, y, pinned: true } : n));
    const labels = layout.labels.map((l) => (l.id === id ? { ...l, x: l.x + dx, y: l.y + dy, box: { x0: l.box.x0 + dx, y0: l.box.y0 + dy, x1: l.box.x1 + dx, y1: l.box.y1 + dy } } : l));
    layout = { ...layout, nodes, labels, edges: routeEdges(graph, nodes), hulls: layout.hulls.length ? groupHulls(nodes) : [] };
    hits = createNetworkHitTester(layout.nodes, layout.edges);
    if (layers) {
      nodeElements(id).attr('transform', `translate(${round(x)},${round(y)})`);
      const paths = new Map(layout.edges.map((e) => [e.id, e.path]));
      layers.edges.selectAll<SVGPathElement, ForceEdge>('path.et-edge').attr('d', function (d) {
        return paths.get(d.id) ?? this.getAttribute('d') ?? '';
      });
      drawLabels(layers.labels, layout.labels, fontSize);
      drawHulls(layers.hulls, layout.hulls);
      drawEdgeLabels(layers.edgeLabels, layout.edges, options.relationLabels ?? false);
    } else redraw();
  }

  /** The node element of an actor, found by datum rather than by a selector built from user text. */
  function nodeElements(id: string): Selection<SVGGElement, ForceNode, SVGGElement, unknown> {
    return layers!.nodes.selectAll<SVGGElement, ForceNode>('g.et-node').filter((d) => d.id === id);
  }

  function onKey(event: KeyboardEvent, id: string): void {
    const dirs: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const dir = dirs[event.key];
    let next: string | undefined;
    if (dir) next = nearestInDirection(id, dir);
    else if (event.key === ']' || event.key === '[') {
      const step = event.key === ']' ? 1 : -1;
      const around = layout.edges.filter((e) => e.source === id || e.target === id);
      if (around.length) {
        const key = `${ctx.idPrefix}:${id}`;
        const i = ((edgeCursor.get(key) ?? (step > 0 ? -1 : 0)) + step + around.length) % around.length;
        edgeCursor.set(key, i);
        const edge = around[i]!;
        next = edge.source === id ? edge.target : edge.source;
        moveFocus(next);
        const placed = layout.nodes.find((n) => n.id === next);
        if (placed) {
          const [x, y] = transform.apply([placed.x, placed.y]);
          tooltip.show(edgeTooltipContent(edge, data), x, y);
        }
        event.preventDefault();
        return;
      }
    } else if (event.key === 'Enter' || event.key === ' ') {
      emit({ selectedActor: state.selectedActor === id ? null : id });
      event.preventDefault();
      return;
    } else if (event.key === 'Escape') {
      emit({ selectedActor: null, selectedEvent: null, hoveredActor: null });
      tooltip.hide();
      return;
    } else return;
    event.preventDefault();
    if (next) moveFocus(next);
  }
  const edgeCursor = new Map<string, number>();

  function moveFocus(id: string): void {
    if (layers) {
      const el = nodeElements(id).node();
      if (el && typeof el.focus === 'function') el.focus();
      else {
        focused = id;
        emit({ hoveredActor: id });
      }
    } else {
      focused = id;
      emit({ hoveredActor: id });
      showNodeTip(id, null);
      redraw();
    }
  }

  function nearestInDirection(id: string, [dx, dy]: [number, number]): string | undefined {
    const from = layout.nodes.find((n) => n.id === id);
    if (!from) return undefined;
    let best: string | undefined;
    let bestScore = Infinity;
    for (const n of layout.nodes) {
      if (n.id === id) continue;
      const vx = n.x - from.x;
      const vy = n.y - from.y;
      const dist = Math.hypot(vx, vy);
      const along = (vx * dx + vy * dy) / (dist || 1);
      // Within 60° of the direction; straighter and closer wins.
      if (along < 0.5) continue;
      const score = dist * (2 - along);
      if (score < bestScore) {
        bestScore = score;
        best = n.id;
      }
    }
    return best;
  }

  // --- Zoom -------------------------------------------------------------------------------
  const zoomTarget: Element = canvas ?? svg;
  if (canvas) wireCanvas(canvas);
  const zoomer: ZoomBehavior<Element, unknown> = zoom<Element, unknown>()
    .touchable(touchable)
    .scaleExtent([0.1, 12])
    .on('zoom', (event: D3ZoomEvent<Element, unknown>) => {
      transform = event.transform;
      if (layers) layers.viewport.attr('transform', transform.toString());
      else if (bigPicture() && (baseOf !== null || painting !== null)) movePicture();
      else redraw();
    })
    .on('end', () => {
      if (moved) void paintInSlices(false);
    });
  select(zoomTarget).call(zoomer);
  select(svg).on('click.et', () => {
    if (state.selectedActor !== null) emit({ selectedActor: null });
  });
  disposers.push(() => {
    select(zoomTarget).on('.zoom', null).on('.et', null).on('.drag', null);
    select(svg).on('.et', null);
    layers?.nodes.on('.et', null).on('.drag', null);
    layers?.edges.on('.et', null);
  });

  // --- Time slider ------------------------------------------------------------------------
  let slider: { from: HTMLInputElement; to: HTMLInputElement; output: HTMLOutputElement; root: HTMLElement } | null = null;
  if (options.timeSlider && data.extent) makeSlider(data.extent);
  function makeSlider(extent: readonly [number, number]): void {
    const root = doc.createElement('div');
    root.className = 'et-time-slider';
    const day = 86_400_000;
    const make = (label: string, value: number): HTMLInputElement => {
      const l = doc.createElement('label');
      l.textContent = `${label} `;
      const input = doc.createElement('input');
      input.type = 'range';
      input.min = String(extent[0]);
      input.max = String(extent[1]);
      input.step = String(day);
      input.value = String(value);
      l.append(input);
      root.append(l);
      return input;
    };
    const from = make('From', state.window?.[0] ?? extent[0]);
    const to = make('To', state.window?.[1] ?? extent[1]);
    const output = doc.createElement('output');
    root.append(output);
    wrapper.append(root);
    slider = { from, to, output, root };
    const onInput = (): void => {
      const a = Number(from.value);
      const b = Number(to.value);
      const window: TimeWindow = [Math.min(a, b), Math.max(a, b)];
      const full = window[0] <= extent[0] && window[1] >= extent[1];
      emit({ window: full ? null : window });
    };
    from.addEventListener('input', onInput);
    to.addEventListener('input', onInput);
    disposers.push(() => {
      from.removeEventListener('input', onInput);
      to.removeEventListener('input', onInput);
    });
    syncSlider();
  }
  function syncSlider(): void {
    if (!slider || !data.extent) return;
    const [a, b] = state.window ?? data.extent;
    slider.from.value = String(Math.max(a, data.extent[0]));
    slider.to.value = String(Math.min(b, data.extent[1]));
    const d = (ms: number): string => new Date(Math.min(Math.max(ms, data.extent![0]), data.extent![1])).toISOString().slice(0, 10);
    slider.output.textContent = `${d(a)} – ${d(b)}`;
  }

  // --- Table ------------------------------------------------------------------------------
  let table: HTMLTableElement | null = null;
  /**
   * Draws the hidden relations table. Its first rows come at once and the rest a frame at a
   * time: styling and laying out hundreds of rows in one frame blocked the page for tens of
   * milliseconds. Resolves once every row is in (or the table was replaced).
   */
  function drawTable(): Promise<void> {
    if ((options.dataTable ?? options.table) === false) return Promise.resolve();
    table?.remove();
    let edges = graph.edges;
    let caption = `Relations${state.window ? ' in the selected period' : ''}`;
    if (edges.length > TABLE_LIMIT) {
      // Tens of thousands of hidden rows would take seconds to lay out and nobody can listen to
      // them all: keep the relations with the most events (ties in graph order), as the
      // timeline keeps the events of its window.
      const keep = edges
        .map((e, i) => ({ w: e.weight, i }))
        .sort((a, b) => b.w - a.w || a.i - b.i)
        .slice(0, TABLE_LIMIT)
        .map((x) => x.i)
        .sort((a, b) => a - b);
      caption += `: the ${TABLE_LIMIT} with the most events, of ${edges.length}`;
      const all = edges;
      edges = keep.map((i) => all[i]!);
    }
    const { columns, rows: shown } = relationTable({ ...graph, edges }, data);
    const drawn = renderDataTable(wrapper, ctx, caption, columns, shown.slice(0, TABLE_CHUNK));
    table = drawn;
    const body = drawn.tBodies[0];
    if (shown.length <= TABLE_CHUNK || !body) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let from = TABLE_CHUNK;
      const more = (): void => {
        if (table !== drawn || destroyed) return resolve();
        const to = Math.min(shown.length, from + TABLE_CHUNK);
        // The rows renderDataTable makes: one cell per column, text only.
        for (let r = from; r < to; r++) {
          const tr = doc.createElement('tr');
          const row = shown[r]!;
          for (let i = 0; i < columns.length; i++) {
            const td = doc.createElement('td');
            td.textContent = row[i] ?? '';
            tr.append(td);
          }
          body.append(tr);
        }
        from = to;
        if (from < shown.length) afterFrame(more);
        else resolve();
      };
      afterFrame(more);
    });
  }

  // --- Layout updates -----------------------------------------------------------------------
  // `ready` is pending while a layout is running or waiting for the window to settle, and
  // resolves once the settled picture (and the relations table) is drawn. A newer layout takes
  // over the same promise; `generation` voids the callbacks of the one it replaced.
  let ready: Promise<void> = Promise.resolve();
  let resolveReady: (() => void) | null = null;
  let generation = 0;
  let settleTimer: ReturnType<typeof setTimeout> | null = null;
  // Whether a fresh layout ever finished: until then, a continuation would start from a
  // placeholder or a half-done warm start, so the next layout starts afresh.
  let laidOut = false;

  function positions(): Map<string, ForcePoint> {
    return new Map(layout.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
  }

  /** Says whether a layout is running, for assistive technology and styling. */
  function busy(on: boolean): void {
    if (on) wrapper.setAttribute('aria-busy', 'true');
    else wrapper.removeAttribute('aria-busy');
  }

  function pending(): void {
    if (!resolveReady) ready = new Promise<void>((resolve) => (resolveReady = resolve));
    busy(true);
  }

  function settled(): void {
    busy(false);
    const resolve = resolveReady;
    resolveReady = null;
    resolve?.();
  }

  function cancelLayout(): void {
    generation += 1;
    abort?.abort();
    abort = null;
    if (settleTimer !== null) clearTimeout(settleTimer);
    settleTimer = null;
  }

  /** Shows a layout; resolves once it is completely drawn (big canvases paint over several tasks). */
  function show(next: ForceLayout, from: Map<string, ForcePoint> | null): Promise<void> {
    layout = next;
    hits = createNetworkHitTester(layout.nodes, layout.edges);
    if (layers) drawSvg(from);
    else if (layout.nodes.length + layout.edges.length > PROGRESSIVE_MARKS) return paintInSlices();
    else redraw();
    return Promise.resolve();
  }

  /**
   * Lays the current graph out, afresh or continuing from the positions shown. The work runs at
   * once while it fits `budget` milliseconds (small graphs: drawn in the same task, as before);
   * the rest runs in slices of a few milliseconds, so the page stays responsive, with the warm
   * start on screen meanwhile. The relations table waits for a frame of its own.
   */
  function relayout(fresh: boolean, budget: number): void {
    cancelLayout();
    const gen = generation;
    pending();
    const from = positions();
    const run = forceLayoutSteps(graph, layoutOptions(fresh ? {} : { initial: from }));
    const start = now();
    let next = run.steps.next();
    while (!next.done && now() - start < budget) next = run.steps.next();
    const done = (result: ForceLayout, moveFrom: Map<string, ForcePoint> | null): void => {
      if (fresh) laidOut = true;
      void show(result, moveFrom).then(() =>
        afterFrame(() => {
          if (gen !== generation || destroyed) return;
          void drawTable().then(() => {
            if (gen === generation && !destroyed) settled();
          });
        }),
      );
    };
    if (next.done) return done(next.value, fresh ? null : from);
    const controller = new AbortController();
    abort = controller;
    let shownStart = !fresh;
    const progress = (): void => {
      options.onLayoutProgress?.({ ticksDone: run.ticksDone, totalTicks: run.totalTicks, fraction: run.phase === 'done' ? 1 : run.phase === 'start' ? 0 : run.phase === 'finish' ? 0.9 : 0.1 + (0.8 * run.ticksDone) / Math.max(1, run.totalTicks), phase: run.phase });
      if (shownStart || run.phase === 'start') return;
      // The warm start already shows the communities: draw it while the simulation untangles
      // them (big graphs: nodes only; their edges would cost more to draw than they tell).
      shownStart = true;
      const showStart = (): void => {
        const nodes = run.positions();
        void show({ ...layout, nodes, edges: chunked() ? [] : routeEdges(graph, nodes), labels: [], hulls: [] }, null);
      };
      // Big graphs: placing thousands of nodes and starting their paint is a task's worth of
      // work of its own, not an addition to a layout slice.
      if (!chunked()) return showStart();
      void nextTask().then(() => {
        if (gen === generation && !destroyed && run.phase !== 'done') showStart();
      });
    };
    progress();
    runInSlices(run.steps, { signal: controller.signal, onSlice: progress }).then(
      (result) => {
        if (gen !== generation || destroyed) return;
        abort = null;
        // Small graphs move from the warm start to their places; big ones jump (moving
        // thousands of elements every frame would cost more than it shows).
        done(result, fresh && chunked() ? null : positions());
      },
      // Aborted: the layout that replaced this one settles `ready`.
      () => {},
    );
  }

  /** Runs `fn` after the next frame has been painted (or soon, where there are no frames). */
  function afterFrame(fn: () => void): void {
    const raf = win?.requestAnimationFrame?.bind(win);
    if (raf) raf(() => void setTimeout(fn, 0));
    else setTimeout(fn, 0);
  }

  /**
   * A new window: edges and node styles follow at once while every node keeps its place (no
   * simulation, so a dragged brush stays smooth); the layout continues in slices once no new
   * window came for `settleDelay` ms, and the relations table follows it.
   */
  function rewindow(): void {
    // While booting, the graph is built for the window of that moment.
    if (booting) return;
    graph = build();
    cancelLayout();
    const gen = generation;
    layout = restyleForceLayout(graph, layout, layoutOptions());
    hits = createNetworkHitTester(layout.nodes, layout.edges);
    if (layers) drawSvg(null, true, true);
    else redraw();
    refreshLegend();
    syncSlider();
    redescribe();
    pending();
    settleTimer = setTimeout(() => {
      settleTimer = null;
      if (gen === generation && !destroyed) relayout(!laidOut, 0);
    }, settleDelay);
  }

  // --- First draw ---------------------------------------------------------------------------
  // Big graphs show the placeholder at once and lay out in slices; small ones are laid out
  // within the budget and drawn in the same task, or else show their warm start first.
  // Big datasets first build their graph in tasks of their own (see `boot`).
  let booted: AbortController | null = null;
  if (deferred) boot();
  else firstLayout();
  function firstLayout(): void {
    if (chunked()) {
      void show(layout, null);
      relayout(true, 0);
    } else if (layoutBudget === Infinity || deferred) relayout(true, layoutBudget);
    else {
      // Its first slice gets a task of its own (before the first frame, so nothing shows the
      // difference): in the creating task, the warm start's first run of cold code took tens of
      // milliseconds on top of building the chart.
      pending();
      const gen = generation;
      void nextTask().then(() => {
        if (gen === generation && !destroyed) relayout(true, layoutBudget);
      });
    }
  }

  /**
   * Builds a big dataset's graph after the view was created, in slices of a few milliseconds:
   * the relations derived from the events, the graph ({@link buildNetworkSteps}), the
   * placeholder layout, then the sliced layout as for any big graph. The empty chart is painted
   * first. `view.graph` is empty until then and `ready` pending; a window or dataset given
   * meanwhile is the one built.
   */
  function boot(): void {
    pending();
    const controller = new AbortController();
    booted = controller;
    const steps = (function* (): Generator<void, void, void> {
      // A newer dataset or window while building: build that one (the relations of an
      // unchanged dataset are kept by buildNetworkSteps, so only the graph is built again).
      let source = data;
      let built = yield* buildNetworkSteps(source, buildOptions());
      while (built.window !== state.window || source !== data) {
        source = data;
        built = yield* buildNetworkSteps(source, buildOptions());
      }
      yield;
      const preview = previewForceLayout(built, layoutOptions());
      yield;
      const previewHits = createNetworkHitTester(preview.nodes, preview.edges);
      yield;
      // The graph becomes the view's in the step that draws it.
      graph = built;
      booting = false;
      booted = null;
      layout = preview;
      hits = previewHits;
      refreshLegend();
      syncSlider();
      redescribe();
      firstLayout();
    })();
    // Nothing in the creating task: the work starts after the empty chart was painted.
    afterFrame(() => {
      runInSlices(steps, { signal: controller.signal, budgetMs: SLICE_MS, yieldFn: nextTask }).then(
        () => {},
        () => {},
      );
    });
  }

  const view: NetworkView = {
    node: wrapper,
    get layout() {
      return layout;
    },
    get graph() {
      return graph;
    },
    get renderer() {
      return mode;
    },
    get ready() {
      return ready;
    },
    update(next: Dataset) {
      if (destroyed) return;
      data = next;
      // While booting, the graph is built from the newest dataset.
      if (booting) return;
      graph = build();
      refreshLegend();
      redescribe();
      relayout(!laidOut, chunked() ? 0 : layoutBudget);
    },
    setState(next: ViewState) {
      if (destroyed) return;
      const merged = patchViewState(state, next);
      if (merged === state) return;
      const windowChanged = merged.window !== state.window;
      state = merged;
      if (windowChanged) rewindow();
      highlight();
    },
    getState() {
      return state;
    },
    on<K extends keyof ViewEventMap>(type: K, listener: (value: ViewEventMap[K]) => void): () => void {
      if (type !== 'statechange') throw new TypeError(`NetworkView.on: unknown event ${JSON.stringify(type)}; expected "statechange"`);
      const l = listener as (patch: Partial<ViewState>) => void;
      listeners.add(l);
      return () => listeners.delete(l);
    },
    pin(actorId: string, x: number, y: number) {
      moveNode(actorId, x, y);
    },
    unpin(actorId: string) {
      pinned.delete(actorId);
      const n = layout.nodes.find((x) => x.id === actorId);
      if (n) layout = { ...layout, nodes: layout.nodes.map((x) => (x.id === actorId ? { ...x, pinned: false } : x)) };
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      booted?.abort();
      restyling?.abort();
      cancelLayout();
      stopPainting();
      // Nothing will settle any more: release whoever awaits `ready`.
      settled();
      if (frame && win?.cancelAnimationFrame) win.cancelAnimationFrame(frame);
      select(svg).interrupt('move');
      layers?.edges.selectAll('path.et-edge').interrupt('fade');
      for (const dispose of disposers) dispose();
      tooltip.destroy();
      listeners.clear();
      wrapper.remove();
    },
  };
  return view;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

