/**
 * The plumbing the interactive matrix, arc and ego views share: a themed wrapper with a
 * tooltip, the view state with its `statechange` listeners, the hidden relation table and the
 * delegated-event helpers. Each view keeps only what it draws and how its keyboard moves.
 */
import { pointer } from 'd3-selection';
import type { Selection } from 'd3-selection';
import type { Dataset } from '../../model/types.js';
import type { ViewState } from '../../link/state.js';
import { EMPTY_VIEW_STATE, patchViewState } from '../../link/state.js';
import type { ViewEventMap } from '../common/view.js';
import type { RenderContext, TextMeasurer } from '../common/context.js';
import { createCanvasTextMeasurer } from '../common/measure.js';
import { applyTheme, resolveTheme } from '../common/theme.js';
import type { Theme } from '../common/theme.js';
import { createTooltip } from '../common/tooltip.js';
import type { Tooltip, TooltipContent } from '../common/tooltip.js';
import { renderDataTable } from '../common/a11y.js';
import type { NetworkGraph } from '../../layout/network.js';
import type { EdgeFacts } from '../../layout/network.js';
import { actorTooltipContent, edgeTooltipContent, relationTable } from './text.js';

/** Options every relation view (matrix, arc, ego) takes. */
export interface RelationViewOptions {
  /** Width in pixels. Default: the container's width, or the view's own default. */
  readonly width?: number;
  /** Height in pixels. Default: the view's own. */
  readonly height?: number;
  readonly theme?: 'light' | 'dark' | Theme;
  readonly title?: string;
  readonly description?: string;
  /** Initial state (window, hover, selection). */
  readonly state?: Partial<ViewState>;
  /** Add a visually hidden table of the relations shown. Default true. */
  readonly dataTable?: boolean;
  /** @deprecated Use `dataTable`, the name every view uses; read when `dataTable` is not given. */
  readonly table?: boolean;
  /** Prefix of generated ids (markers, title, tooltip). Default: unique per view. */
  readonly idPrefix?: string;
  /** Text measurement for the label margins. Default: a canvas where there is one, else the deterministic estimate. */
  readonly measureText?: TextMeasurer;
  /** Label font size in pixels. Default 11. */
  readonly fontSize?: number;
}

/** What a relation view gets from {@link createRelationCore}. */
export interface RelationCore {
  readonly ctx: RenderContext;
  readonly theme: Theme;
  readonly win: Window | null;
  /** `div.et-chart.et-relation-view.et-<kind>-view`, positioned, themed, inside the container. */
  readonly wrapper: HTMLDivElement;
  readonly tooltip: Tooltip;
  readonly width: number;
  readonly height: number;
  readonly fontSize: number;
  /** The state shown now. */
  state(): ViewState;
  /** Applies a patch from the reader's interaction: redraws (through `onState`) and tells listeners. */
  emit(patch: Partial<ViewState>): void;
  /** Follows a state from outside; listeners are not told. */
  follow(next: ViewState): void;
  on<K extends keyof ViewEventMap>(type: K, listener: (value: ViewEventMap[K]) => void): () => void;
  /** Shows `content` at the pointer of `event`, or at (`x`, `y`) in wrapper pixels for keyboard focus. */
  showTip(content: TooltipContent, at: Event | readonly [number, number]): void;
  /** Replaces the hidden relations table (no-op with `dataTable: false`). */
  drawTable(graph: NetworkGraph, dataset: Dataset, caption: string): void;
  /** Runs `fn` on destroy. */
  onDestroy(fn: () => void): void;
  readonly destroyed: boolean;
  destroy(): void;
}

let views = 0;

/** Rows of the hidden relations table at most (as the network view). */
const TABLE_LIMIT = 300;

/**
 * Creates the wrapper, tooltip and state of a relation view. `onState(prev, next)` redraws the
 * emphasis (and the marks, when the window changed) whenever the state changes.
 *
 * @example
 * ```ts
 * const core = createRelationCore(container, options, 'matrix', { width: 600, height: 600 }, (prev, next) => redraw(prev, next));
 * core.emit({ hoveredActor: 'north-korea' });
 * ```
 */
export function createRelationCore(
  container: HTMLElement,
  options: RelationViewOptions,
  kind: string,
  defaults: { readonly width: number; readonly height: number },
  onState: (prev: ViewState, next: ViewState) => void,
): RelationCore {
  const doc = container.ownerDocument;
  const win = doc.defaultView;
  const name = `create${kind[0]!.toUpperCase()}${kind.slice(1)}`;
  // Exact widths where a canvas exists (browsers), the deterministic estimate elsewhere.
  const ctx: RenderContext = { document: doc, measureText: options.measureText ?? createCanvasTextMeasurer(doc), idPrefix: options.idPrefix ?? `et-${kind}-${++views}` };
  const theme = resolveTheme(options.theme);
  const width = options.width ?? (container.clientWidth || defaults.width);
  const height = options.height ?? defaults.height;
  for (const [key, v] of [['width', width], ['height', height]] as const) {
    if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) throw new RangeError(`${name}: ${key} must be a positive number, got ${String(v)}`);
  }
  const fontSize = options.fontSize ?? 11;
  let state: ViewState = patchViewState(EMPTY_VIEW_STATE, options.state ?? {});
  const listeners = new Set<(patch: Partial<ViewState>) => void>();
  const disposers: (() => void)[] = [];
  let destroyed = false;

  const wrapper = doc.createElement('div');
  wrapper.className = `et-chart et-relation-view et-${kind}-view et-theme-${theme.name}`;
  wrapper.style.position = 'relative';
  applyTheme(wrapper, theme);
  container.appendChild(wrapper);
  const tooltip = createTooltip(wrapper, ctx);
  let table: HTMLTableElement | null = null;

  return {
    ctx,
    theme,
    win,
    wrapper,
    tooltip,
    width,
    height,
    fontSize,
    state: () => state,
    emit(patch) {
      if (destroyed) return;
      const next = patchViewState(state, patch);
      if (next === state) return;
      const prev = state;
      state = next;
      onState(prev, next);
      for (const listener of [...listeners]) listener(patch);
    },
    follow(next) {
      if (destroyed) return;
      const merged = patchViewState(state, next);
      if (merged === state) return;
      const prev = state;
      state = merged;
      onState(prev, merged);
    },
    on<K extends keyof ViewEventMap>(type: K, listener: (value: ViewEventMap[K]) => void): () => void {
      if (type !== 'statechange') throw new TypeError(`${name}: unknown event ${JSON.stringify(type)}; expected "statechange"`);
      const l = listener as (patch: Partial<ViewState>) => void;
      listeners.add(l);
      return () => listeners.delete(l);
    },
    showTip(content, at) {
      const [x, y] = Array.isArray(at) ? (at as readonly [number, number]) : pointer(at as Event, wrapper);
      tooltip.show(content, x, y);
    },
    drawTable(graph, dataset, caption) {
      if ((options.dataTable ?? options.table) === false || destroyed) return;
      table?.remove();
      let shown = graph;
      let text = caption;
      if (graph.edges.length > TABLE_LIMIT) {
        // Keep the relations with the most events (ties in graph order), as the network view does.
        const keep = graph.edges
          .map((e, i) => ({ w: e.weight, i }))
          .sort((a, b) => b.w - a.w || a.i - b.i)
          .slice(0, TABLE_LIMIT)
          .map((x) => x.i)
          .sort((a, b) => a - b);
        text += `: the ${TABLE_LIMIT} with the most events, of ${graph.edges.length}`;
        shown = { ...graph, edges: keep.map((i) => graph.edges[i]!) };
      }
      const { columns, rows } = relationTable(shown, dataset);
      table = renderDataTable(wrapper, ctx, text, columns, rows);
    },
    onDestroy(fn) {
      disposers.push(fn);
    },
    get destroyed() {
      return destroyed;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const dispose of disposers) dispose();
      tooltip.destroy();
      listeners.clear();
      wrapper.remove();
    },
  };
}

/**
 * The mark matching `selector` that an event happened in (or came from), with its D3 datum.
 * Views listen once on a layer and find the mark here, so thousands of marks never each bind
 * a handler.
 *
 * @example
 * ```ts
 * const hit = markOf<MatrixCell>(event.target, 'rect.et-cell');
 * ```
 */
export function markOf<D>(target: EventTarget | null, selector: string): { el: Element; d: D } | undefined {
  const el = target && typeof (target as Element).closest === 'function' ? (target as Element).closest(selector) : null;
  if (!el) return undefined;
  const d = (el as Element & { __data__?: D }).__data__;
  return d === undefined ? undefined : { el, d };
}

/**
 * Whether a pointerover/pointerout only moved between children of the same mark (so hover
 * should not flicker).
 *
 * @example
 * ```ts
 * if (sameMark(event, 'g.et-node')) return;
 * ```
 */
export function sameMark(event: PointerEvent, selector: string): boolean {
  const a = markOf<unknown>(event.target, selector);
  const b = markOf<unknown>(event.relatedTarget, selector);
  return a !== undefined && b !== undefined && a.el === b.el;
}

/**
 * The actors next to `id` in a graph (itself included), or null for no actor.
 *
 * @example
 * ```ts
 * neighbourhood(graph, 'north-korea')?.has('russia'); // true
 * ```
 */
export function neighbourhood(graph: { readonly edges: readonly Pick<EdgeFacts, 'source' | 'target'>[] }, id: string | null): Set<string> | null {
  if (id === null) return null;
  const set = new Set([id]);
  for (const e of graph.edges) {
    if (e.source === id) set.add(e.target);
    else if (e.target === id) set.add(e.source);
  }
  return set;
}

/**
 * Styles the relation views add to the network stylesheet: emphasis of labels, cells and bands.
 *
 * @example
 * ```ts
 * select(svg).append('style').text(relationCss('et-relation-view'));
 * ```
 */
export function relationCss(root: string): string {
  const r = `.${root}`;
  return [
    `${r} .et-row-label, ${r} .et-col-label { cursor: pointer; }`,
    `${r} .et-row-label.et-highlight, ${r} .et-col-label.et-highlight { fill: var(--et-highlight); stroke: none; font-weight: 600; }`,
    `${r} .et-row-label.et-selected, ${r} .et-col-label.et-selected { stroke: none; font-weight: 700; text-decoration: underline; }`,
    `${r} .et-cell { cursor: pointer; }`,
    `${r} .et-cell.et-highlight { stroke: var(--et-highlight); stroke-width: 2px; }`,
    `${r} .et-cell.et-selected { stroke: var(--et-fg); stroke-width: 2px; }`,
    `${r} .et-cell:focus-visible { outline: none; stroke: var(--et-focus); stroke-width: 3px; }`,
    `${r} .et-matrix-band { fill: var(--et-highlight); fill-opacity: 0.12; pointer-events: none; }`,
    `${r} .et-edge { pointer-events: visibleStroke; }`,
    `${r} .et-edge.et-selected { stroke: var(--et-fg); stroke-opacity: 1; }`,
  ].join('\n');
}

/** The layers of a node-link drawing (arc or ego) that {@link wireNodeLink} listens on. */
export interface NodeLinkTargets {
  readonly nodes: Selection<SVGGElement, unknown, null, undefined>;
  readonly edges: Selection<SVGGElement, unknown, null, undefined>;
  readonly labels: Selection<SVGGElement, unknown, null, undefined>;
}

/** A drawn edge as the node-link helpers need it. */
export type LinkDatum = EdgeFacts;

/** What {@link wireNodeLink} asks of the view. */
export interface NodeLinkHooks {
  /** The graph shown now (for actor tooltips). */
  graph(): NetworkGraph;
  dataset(): Dataset;
  /** Where an actor is drawn, in wrapper pixels (for keyboard tooltips). */
  position(id: string): readonly [number, number] | undefined;
  /** A key pressed on a focused actor; return true when handled (the default is then prevented). */
  onKey(event: KeyboardEvent, id: string): boolean;
  /** The actor with keyboard focus changed (null: focus left the nodes). */
  onFocus(id: string | null): void;
  /** Optional double-click on an actor. */
  onDoubleClick?(id: string): void;
}

/**
 * Wires pointer, focus and keyboard behaviour on the node and edge layers of an arc or ego
 * view, with one delegated listener per layer: hover and focus emit `hoveredActor` and show
 * the actor's tooltip; click toggles `selectedActor`; hovering an edge shows its events.
 * Returns a function that removes the listeners.
 *
 * @example
 * ```ts
 * const unwire = wireNodeLink(core, layers, { graph: () => graph, dataset: () => data, position, onKey, onFocus });
 * ```
 */
export function wireNodeLink(core: RelationCore, targets: NodeLinkTargets, hooks: NodeLinkHooks): () => void {
  const node = 'g.et-node';
  const showActor = (id: string, at: Event | readonly [number, number]): void => {
    const n = hooks.graph().nodes.find((x) => x.id === id);
    if (n) core.showTip(actorTooltipContent(n, hooks.dataset()), at);
  };
  targets.nodes
    .on('pointerover.et', (event: PointerEvent) => {
      const hit = markOf<{ id: string }>(event.target, node);
      if (!hit || sameMark(event, node)) return;
      core.emit({ hoveredActor: hit.d.id });
      showActor(hit.d.id, event);
    })
    .on('pointerout.et', (event: PointerEvent) => {
      if (!markOf<{ id: string }>(event.target, node) || sameMark(event, node)) return;
      core.emit({ hoveredActor: null });
      core.tooltip.hide();
    })
    .on('click.et', (event: MouseEvent) => {
      const hit = markOf<{ id: string }>(event.target, node);
      if (!hit) return;
      event.stopPropagation();
      core.emit({ selectedActor: core.state().selectedActor === hit.d.id ? null : hit.d.id });
    })
    .on('dblclick.et', (event: MouseEvent) => {
      const hit = markOf<{ id: string }>(event.target, node);
      if (hit && hooks.onDoubleClick) hooks.onDoubleClick(hit.d.id);
    })
    .on('focusin.et', (event: FocusEvent) => {
      const hit = markOf<{ id: string }>(event.target, node);
      if (!hit) return;
      hooks.onFocus(hit.d.id);
      core.emit({ hoveredActor: hit.d.id });
      const at = hooks.position(hit.d.id);
      if (at) showActor(hit.d.id, at);
    })
    .on('focusout.et', (event: FocusEvent) => {
      if (!markOf<{ id: string }>(event.target, node)) return;
      hooks.onFocus(null);
      core.emit({ hoveredActor: null });
      core.tooltip.hide();
    })
    .on('keydown.et', (event: KeyboardEvent) => {
      const hit = markOf<{ id: string }>(event.target, node);
      if (!hit) return;
      if (event.key === 'Enter' || event.key === ' ') {
        core.emit({ selectedActor: core.state().selectedActor === hit.d.id ? null : hit.d.id });
        event.preventDefault();
      } else if (event.key === 'Escape') {
        core.emit({ selectedActor: null, selectedEvent: null, hoveredActor: null });
        core.tooltip.hide();
      } else if (hooks.onKey(event, hit.d.id)) event.preventDefault();
    });
  targets.edges
    .on('pointerover.et', (event: PointerEvent) => {
      const hit = markOf<LinkDatum>(event.target, 'path.et-edge');
      if (hit) core.showTip(edgeTooltipContent(hit.d, hooks.dataset()), event);
    })
    .on('pointerout.et', (event: PointerEvent) => {
      if (markOf<LinkDatum>(event.target, 'path.et-edge')) core.tooltip.hide();
    });
  return () => {
    targets.nodes.on('.et', null);
    targets.edges.on('.et', null);
  };
}

/**
 * Shows a state on a node-link drawing, as the force network does: the active actor (hovered,
 * focused or selected) and its neighbours stay, and so do the participants of the selected
 * event, while others dim; the active actor's edges and the hovered event's participants and
 * edges light up (a hovered event alone dims nothing); edges of the selected event are marked
 * selected; `aria-pressed` follows the selection. `participantsOf` names an event's actors
 * (default: the ends of the drawn edges that carry it, which misses a lone participant).
 *
 * @example
 * ```ts
 * emphasiseNodeLink(layers, layout.edges, view.getState(), focused, ctx.idPrefix, (id) => eventActors(dataset, id));
 * ```
 */
/**
 * The actors a state emphasises on a node-link drawing, shared by the force network and the
 * relation views so they agree: `active` is the hovered, focused or selected actor; `lit` (null
 * when nothing is emphasised) holds it and its neighbours, the selected event's participants and
 * the hovered event's; `hoveredIn` the hovered event's participants (a hovered event alone dims
 * nothing, so sweeping the pointer along a timeline does not flash the whole network).
 *
 * @example
 * ```ts
 * const { lit } = emphasisedActors(graph.edges, state, null, (id) => eventActors(dataset, id));
 * ```
 */
export function emphasisedActors(
  edges: readonly Pick<EdgeFacts, 'source' | 'target'>[],
  state: ViewState,
  focused: string | null,
  participantsOf: (eventId: string) => ReadonlySet<string>,
): { active: string | null; lit: Set<string> | null; hoveredIn: ReadonlySet<string> } {
  const active = state.hoveredActor ?? focused ?? state.selectedActor;
  const around = neighbourhood({ edges }, active);
  const none: ReadonlySet<string> = new Set();
  const selectedIn = state.selectedEvent === null ? none : participantsOf(state.selectedEvent);
  const hoveredIn = state.hoveredEvent === null ? none : participantsOf(state.hoveredEvent);
  const lit = around || selectedIn.size > 0 ? new Set([...(around ?? []), ...selectedIn, ...hoveredIn]) : null;
  return { active, lit, hoveredIn };
}

export function emphasiseNodeLink(
  targets: NodeLinkTargets,
  edges: readonly LinkDatum[],
  state: ViewState,
  focused: string | null,
  idPrefix: string,
  participantsOf: (eventId: string) => ReadonlySet<string> = (id) => new Set(edges.filter((e) => e.events.includes(id)).flatMap((e) => [e.source, e.target])),
): void {
  const { active, lit, hoveredIn } = emphasisedActors(edges, state, focused, participantsOf);
  const touches = (d: LinkDatum): boolean => active !== null && (d.source === active || d.target === active);
  const hasEvent = (d: LinkDatum, id: string | null): boolean => id !== null && d.events.includes(id);
  targets.nodes
    .selectAll<SVGGElement, { id: string }>('g.et-node')
    .classed('et-dim', (d) => lit !== null && !lit.has(d.id))
    .classed('et-highlight', (d) => d.id === state.hoveredActor || hoveredIn.has(d.id))
    .classed('et-selected', (d) => d.id === state.selectedActor)
    .attr('aria-pressed', (d) => (d.id === state.selectedActor ? 'true' : 'false'));
  targets.labels.selectAll<SVGTextElement, { id: string }>('text.et-label').classed('et-dim', (d) => lit !== null && !lit.has(d.id));
  targets.edges
    .selectAll<SVGPathElement, LinkDatum>('path.et-edge')
    .classed('et-highlight', (d) => touches(d) || hasEvent(d, state.hoveredEvent))
    .classed('et-selected', (d) => hasEvent(d, state.selectedEvent))
    .classed('et-dim', (d) => lit !== null && !touches(d) && !hasEvent(d, state.selectedEvent) && !hasEvent(d, state.hoveredEvent))
    .attr('marker-end', (d) => (d.directed && d.kind === 'relation' ? `url(#${idPrefix}-${touches(d) || hasEvent(d, state.hoveredEvent) ? 'arrow-hl' : 'arrow'})` : null));
}

/**
 * The actors taking part in an event of `dataset` (none when it has no such event).
 *
 * @example
 * ```ts
 * eventActors(dataset, 'kharkiv-strike'); // Set { 'russia', 'kharkiv', 'north-korea' }
 * ```
 */
export function eventActors(dataset: Dataset, eventId: string): ReadonlySet<string> {
  return new Set(dataset.event(eventId)?.participants.map((p) => p.actor) ?? []);
}

/**
 * Steps through the relations of `id` (`]` forwards, `[` back), remembering where each actor's
 * cursor stands. Returns the relation and the actor at its other end, or undefined when the
 * actor has none.
 *
 * @example
 * ```ts
 * const step = relationStep(cursors, layout.edges, 'north-korea', 1);
 * if (step) focus(step.other);
 * ```
 */
export function relationStep<E extends LinkDatum>(cursors: Map<string, number>, edges: readonly E[], id: string, dir: 1 | -1, order?: (a: string, b: string) => number): { edge: E; other: string } | undefined {
  const around = edges.filter((e) => e.source === id || e.target === id);
  if (around.length === 0) return undefined;
  const other = (e: E): string => (e.source === id ? e.target : e.source);
  if (order) around.sort((a, b) => order(other(a), other(b)));
  const i = ((cursors.get(id) ?? (dir > 0 ? -1 : 0)) + dir + around.length) % around.length;
  cursors.set(id, i);
  const edge = around[i]!;
  return { edge, other: other(edge) };
}
