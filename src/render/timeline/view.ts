/**
 * The interactive timeline: the static renderer's joins plus zoom and pan (d3-zoom), tooltips,
 * keyboard navigation, selection, linked view state, collapsible lanes, an accessible data
 * table, and a canvas renderer for large datasets.
 */
import { select } from 'd3-selection';
import { zoom as d3zoom, zoomIdentity, type D3ZoomEvent, type ZoomTransform } from 'd3-zoom';
import 'd3-transition';
import type { Dataset, EntityEvent } from '../../model/types.js';
import { EMPTY_VIEW_STATE, patchViewState, type TimeWindow, type ViewState } from '../../link/state.js';
import {
  labelAnchorX,
  labelFont,
  layoutTimeline,
  linearTime,
  markGeometry,
  timeTicks,
  type AggregateRecord,
  type ItemRecord,
  type LabelRecord,
  type TimelineLayout,
  type TimeToPixel,
} from '../../layout/timeline.js';
import { formatWhen } from '../../model/dates.js';
import type { RenderContext, TextMeasurer } from '../common/context.js';
import type { EntityView, ViewEventMap } from '../common/view.js';
import { appendDataTableRows, appendTitleDesc, renderDataTable } from '../common/a11y.js';
import { eventActorsText, eventAriaLabel, eventTooltipContent } from '../common/format.js';
import { createCanvasTextMeasurer, estimateTextWidth } from '../common/measure.js';
import { prefersReducedMotion } from '../common/motion.js';
import { applyTheme, resolveTheme } from '../common/theme.js';
import { createTooltip } from '../common/tooltip.js';
import { drawAxis } from './axis.js';
import { createCanvasLayer, type CanvasLayer } from './canvas.js';
import { SVG_NS, aggregateAriaLabel, drawTimeline, layer } from './draw.js';
import { describeTimeline, domainOf, type TimelineOptions } from './svg.js';

/** Options of {@link createTimeline}. */
export interface TimelineViewOptions extends TimelineOptions {
  /** `'auto'` (default) draws on a canvas above `canvasThreshold` events, SVG otherwise. */
  readonly renderer?: 'svg' | 'canvas' | 'auto';
  /**
   * Event count above which `'auto'` switches to canvas. Default 3,000: above that, moving
   * thousands of SVG elements per zoom step costs more than a frame.
   */
  readonly canvasThreshold?: number;
  /** Add a visually hidden table of the events (default true). */
  readonly dataTable?: boolean;
  /** Text measurement; default a canvas measurer of the container's document. */
  readonly measureText?: TextMeasurer;
  /** Prefix for generated ids; default unique per view. */
  readonly idPrefix?: string;
  /** Duration of layout transitions in ms (0 for none). Default 250; 0 under reduced motion. */
  readonly transitionDuration?: number;
  /** The shortest window zooming can reach, in ms. Default one hour. */
  readonly minSpan?: number;
  /** The state to start from (window, hover, selection); fields left out start empty. */
  readonly state?: Partial<ViewState>;
}

/** The interactive timeline. */
export interface TimelineView extends EntityView {
  /** The layout currently drawn (for the visible window). */
  readonly layout: TimelineLayout;
  /** `'svg'` or `'canvas'`: what draws the events. */
  readonly renderer: 'svg' | 'canvas';
  /** Zooms to a window (epoch ms), or back to everything with `null`. Emits no statechange. */
  zoomTo(window: TimeWindow | null): void;
}

let views = 0;

/** Quiet time after a zoom or pan gesture before rows, labels and aggregates are recomputed. */
const RELAYOUT_DELAY = 150;

/**
 * Canvas mode, during a gesture or a burst of window changes: the painted bitmap is moved with
 * a CSS transform, and repainted only when it would cover less than this share of the plot…
 */
const MIN_COVERAGE = 0.8;
/** … or be stretched more than this (a zoom by 1.5× since the last paint) … */
const MAX_STRETCH = 1.5;
/** … or is older than this many ms. */
const REPAINT_AFTER = 250;

/** Canvas mode: proxies made for reading, at most (more are made as the keyboard reaches them). */
const PROXY_LIMIT = 250;

/** Rows of the hidden data table at most (events in the visible window beyond that). */
const TABLE_LIMIT = 500;
const TABLE_COLUMNS = ['Date', 'Event', 'Actors', 'Category'];
/** Rows added to the hidden table per step of deferred work. */
const TABLE_BATCH = 50;
/** Quiet time after a window change before the reading proxies and the hidden table follow it (ms). */
const TABLE_DELAY = 1500;
/** Deferred work runs in slices of about this many ms. */
const IDLE_SLICE = 4;

const KEYS_HANDLED = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Enter', ' ', 'Escape', '+', '=', '-', '_']);

/**
 * Creates an interactive timeline in `container`: zoom and pan with wheel, drag, pinch or the
 * keyboard (`+`/`-`, Shift+arrows), tooltips on hover and focus, click or Enter to select,
 * arrow keys to move between events (left/right in time, up/down between lanes), lane headers
 * that collapse nested lanes, and linking through {@link ViewState}. Above
 * `canvasThreshold` events the marks are drawn on a canvas with a focusable proxy list.
 *
 * @example
 * ```ts
 * const view = createTimeline(document.querySelector('#chart')!, dataset, { nestAffiliations: true });
 * view.on('statechange', (patch) => network.setState(patchViewState(view.getState(), patch)));
 * view.setState({ ...view.getState(), selectedActor: 'north-korea' });
 * view.destroy();
 * ```
 */
export function createTimeline(container: HTMLElement, dataset: Dataset, options: TimelineViewOptions = {}): TimelineView {
  const doc = container.ownerDocument;
  const win = doc.defaultView;
  // One layout pass with estimated widths (measuring every title on a canvas would dominate the
  // first paint), calibrated once against the canvas so the estimate fits the real font.
  let measure: TextMeasurer = options.measureText ?? calibratedEstimate(createCanvasTextMeasurer(doc), dataset, labelFont(options.fontSize ?? 12));
  const ctx: RenderContext = {
    document: doc,
    measureText: (text, font) => measure(text, font),
    idPrefix: options.idPrefix ?? `et-timeline-${++views}`,
  };
  const theme = resolveTheme(options.theme);
  const duration = prefersReducedMotion(win) ? 0 : (options.transitionDuration ?? 250);
  const minSpan = options.minSpan ?? 3_600_000;

  const wrapper = doc.createElement('div');
  wrapper.className = `et-chart et-timeline-view et-theme-${theme.name}`;
  wrapper.style.position = 'relative';
  applyTheme(wrapper, theme);
  container.appendChild(wrapper);
  const svg = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  svg.setAttribute('class', 'et-chart et-timeline');
  svg.style.display = 'block';
  svg.style.touchAction = 'none';
  applyTheme(svg, theme);
  wrapper.appendChild(svg);
  const tooltip = createTooltip(wrapper, ctx);

  let data = dataset;
  let state: ViewState = options.state ? patchViewState(EMPTY_VIEW_STATE, options.state) : EMPTY_VIEW_STATE;
  const collapsed = new Set<string>();
  let width = options.width ?? (container.clientWidth || 800);
  let fullDomain = domainOf(data, options);
  let layout: TimelineLayout;
  let transform: ZoomTransform = zoomIdentity;
  /** Unzoomed time → pixel map of the full domain, and the zoomed one derived from it. */
  let base: TimeToPixel = linearTime(fullDomain, [0, width]);
  let xz: TimeToPixel = base;
  /** The zoom scale `k` the current layout was computed for (labels stay valid while panning). */
  let layoutK = 1;
  let tableKey = '';
  let focusKey: string | null = null;
  let mode: 'svg' | 'canvas' = 'svg';
  let canvasLayer: CanvasLayer | null = null;
  let proxyList: HTMLElement | null = null;
  let table: HTMLTableElement | null = null;
  let programmatic = false;
  let zoomEndTimer: ReturnType<typeof setTimeout> | undefined;
  /** A relayout is owed (the window changed since `layout`); `emitWindow`: announce it after. */
  let relayoutPending = false;
  let emitWindow = false;
  /** The pending animation frame (cancel function) and whether it must repaint the canvas. */
  let frame: (() => void) | null = null;
  let framePaint = false;
  /** Canvas: when, at which scale, with which emphasis and whether with titles it was last painted. */
  let paintedAt = -Infinity;
  let paintedK = 1;
  let paintedText = false;
  let paintedEmphasis = '';
  let destroyed = false;
  const listeners = new Set<(patch: Partial<ViewState>) => void>();
  const disposers: (() => void)[] = [];

  // Drawn elements and their records, refreshed after each draw (cheap zoom path).
  // Each with where it is drawn (before the plot's shift) and the write generation it was drawn for.
  let markPairs: { el: SVGRectElement; item: ItemRecord; x0: number; x1: number; gen: number }[] = [];
  let labelPairs: { el: SVGTextElement; label: LabelRecord }[] = [];
  let connectorPairs: { el: SVGLineElement; t: number; eventId: string; x0: number; x1: number; gen: number }[] = [];
  let aggregatePairs: { el: SVGGElement; a: AggregateRecord; x0: number; x1: number; gen: number }[] = [];
  /** Per layout, built when first needed (keyboard, focus, hover): not part of a zoom's cost. */
  let itemIndex: { byKey: Map<string, ItemRecord>; laneItems: ItemRecord[][] } | null = null;
  const itemByKey = {
    get: (key: string): ItemRecord | undefined => indexItems().byKey.get(key),
    has: (key: string): boolean => indexItems().byKey.has(key),
  };
  let elementByKey = new Map<string, Element>();
  let keyByElement = new WeakMap<Element, string>();

  function listen<K extends keyof HTMLElementEventMap>(target: EventTarget, type: K, fn: (e: HTMLElementEventMap[K]) => void): void {
    const handler = fn as EventListener;
    target.addEventListener(type, handler);
    disposers.push(() => target.removeEventListener(type, handler));
  }

  function emit(patch: Partial<ViewState>): void {
    const next = patchViewState(state, patch);
    if (next === state) return;
    state = next;
    applyEmphasis();
    for (const l of [...listeners]) l(patch);
  }

  function chooseMode(): 'svg' | 'canvas' {
    const r = options.renderer ?? 'auto';
    if (r === 'svg' || r === 'canvas') return r;
    if (r !== 'auto') throw new TypeError(`createTimeline: unknown renderer ${JSON.stringify(r)}; use 'svg', 'canvas' or 'auto'.`);
    return data.events.length > (options.canvasThreshold ?? 3000) ? 'canvas' : 'svg';
  }

  /**
   * A plain linear map for the current transform. d3's `transform.rescaleX(scale)` copies a
   * time scale on every call; at tens of thousands of marks per frame that copying was most of
   * the zoom cost.
   */
  function updateZoomed(): void {
    const { k, x: tx } = transform;
    const b = base;
    const f = ((t: number) => k * b(t) + tx) as TimeToPixel;
    f.invert = (px: number) => b.invert((px - tx) / k);
    xz = f;
  }
  const zoomed = (): TimeToPixel => xz;
  /** The times drawn inside the plot, widened by the longest label (so labels move too). */
  const nearWindow = (x: TimeToPixel): [number, number] => [x.invert(layout.plot.x0 - 300), x.invert(layout.plot.x1 + 50)];
  /**
   * SVG: the transform (`k`, `x`) the elements' positions are written for (generation
   * `attrGen`; an element drawn for an older one sits outside the plot), and the translation
   * of the plot's groups since: a pan moves four groups instead of every mark.
   */
  let attrK = 1;
  let attrX = 0;
  let attrGen = 0;
  let shift = 0;
  const visibleDomain = (): [number, number] => {
    if (transform.k === 1 && transform.x === 0) return [fullDomain[0], fullDomain[1]];
    return [xz.invert(layout.range[0]), xz.invert(layout.range[1])];
  };

  // ---------------------------------------------------------------------------
  // Drawing
  // ---------------------------------------------------------------------------

  function relayout(animate: boolean): void {
    const domain = visibleDomain();
    const zoomedIn = domain[0] > fullDomain[0] || domain[1] < fullDomain[1];
    // Zoomed into a large dataset: lay out only the events near the window (one window's
    // width either side, so panning a little shows laid-out marks) to keep zoom end quick.
    const span = domain[1] - domain[0];
    const events = zoomedIn && data.events.length > 2000 ? data.eventsBetween(domain[0] - span, domain[1] + span) : undefined;
    layout = layoutTimeline(data, {
      ...options,
      width,
      domain,
      collapsed,
      measureText: ctx.measureText,
      ...(events ? { events } : {}),
    });
    base = linearTime(fullDomain, layout.range);
    updateZoomed();
    layoutK = transform.k;

    relayoutPending = false;
    itemIndex = null;
    if (focusKey && !layout.items.some((i) => i.key === focusKey)) focusKey = null;
    if (!focusKey) focusKey = layout.items.find((i) => i.primary)?.key ?? null;

    const wanted = chooseMode();
    if (wanted !== mode || (wanted === 'canvas' && !canvasLayer)) switchMode(wanted);

    const before = animate && duration > 0 && mode === 'svg' ? positions() : null;
    const drawn: TimelineLayout = mode === 'svg' ? layout : { ...layout, items: [], connectors: [], labels: [], aggregates: [] };
    drawTimeline(svg, drawn, { ctx, dataset: data, interactive: true, focusKey });
    // The join just placed the layout's ticks untranslated; the next frame joins afresh.
    if (axisDrawn?.dx) for (const node of Array.from(svg.querySelectorAll('g.et-axis > g.et-tick'))) node.removeAttribute('transform');
    axisDrawn = null;
    // Every element is now drawn at the layout's scale (a new write generation).
    attrGen++;
    attrK = transform.k;
    attrX = transform.x;
    appendTitleDesc(svg, ctx, options.title ?? data.meta.title ?? 'Timeline', options.description ?? describeTimeline(data, layout));
    collectPairs();
    svg.querySelector('g.et-labels')?.removeAttribute('display');
    // The joins just drew every mark at the layout's scale, which is the zoomed scale: only
    // the canvas still has to be painted (once).
    shift = NaN;
    shiftPlot(0);
    if (mode === 'svg') {
      if (before) animateFrom(before);
    } else {
      paintCanvas(false);
      buildProxies();
    }
    applyEmphasis(false);
    scheduleIdleWork();
    zoomBehavior
      .extent([
        [layout.plot.x0, 0],
        [layout.plot.x1, layout.height],
      ])
      .translateExtent([
        [layout.plot.x0, -Infinity],
        [layout.plot.x1, Infinity],
      ])
      .scaleExtent([1, Math.max(1, (fullDomain[1] - fullDomain[0]) / minSpan)]);
  }

  function indexItems(): { byKey: Map<string, ItemRecord>; laneItems: ItemRecord[][] } {
    if (itemIndex) return itemIndex;
    const byKey = new Map(layout.items.map((i) => [i.key, i]));
    const laneIndex = new Map(layout.lanes.map((l, i) => [l.id, i]));
    const laneItems: ItemRecord[][] = layout.lanes.map(() => []);
    for (const item of layout.items) laneItems[laneIndex.get(item.laneId)!]!.push(item);
    for (const list of laneItems) list.sort((a, b) => a.t0 - b.t0 || a.t1 - b.t1);
    return (itemIndex = { byKey, laneItems });
  }

  /** Runs the relayout owed after a window change now (reading `view.layout` needs it). */
  function flushRelayout(): void {
    if (!relayoutPending || destroyed) return;
    clearTimeout(zoomEndTimer);
    const announce = emitWindow;
    emitWindow = false;
    relayout(false);
    if (announce) {
      const identity = transform.k === 1 && transform.x === 0;
      emit({ window: identity ? null : visibleDomain() });
    }
  }

  /** Rows, labels and aggregates for the new window once it has stopped changing. */
  function scheduleRelayout(announce: boolean): void {
    relayoutPending = true;
    emitWindow = announce;
    clearTimeout(zoomEndTimer);
    zoomEndTimer = setTimeout(flushRelayout, RELAYOUT_DELAY);
  }

  /** Calls `fn` before the next repaint (a timer where there is no requestAnimationFrame); returns a cancel. */
  function onFrame(fn: () => void): () => void {
    if (win?.requestAnimationFrame) {
      const id = win.requestAnimationFrame(() => fn());
      return () => win.cancelAnimationFrame(id);
    }
    const id = setTimeout(fn, 16);
    return () => clearTimeout(id);
  }

  /**
   * Asks for one frame: however many zoom, pan, hover or window changes arrive before it, the
   * marks are moved (or the canvas painted) once. `paint`: repaint the canvas rather than
   * moving the last bitmap (the end of a gesture).
   */
  function requestFrame(paint = false): void {
    if (paint) framePaint = true;
    if (frame || destroyed) return;
    frame = onFrame(() => {
      frame = null;
      const repaint = framePaint;
      framePaint = false;
      if (!destroyed) reposition(repaint);
    });
  }

  function emphasisKey(): string {
    return `${state.hoveredActor ?? state.selectedActor ?? ''}|${state.selectedEvent ?? ''}|${focusedEventId() ?? ''}`;
  }

  let focusMemo: { layout: TimelineLayout; key: string; eventId: string | null } | null = null;
  /** The focused mark's event (a scan when the focus or layout changed, not a full index). */
  function focusedEventId(): string | null {
    if (!focusKey) return null;
    if (focusMemo?.layout !== layout || focusMemo.key !== focusKey) {
      const key = focusKey;
      focusMemo = { layout, key, eventId: itemIndex?.byKey.get(key)?.eventId ?? layout.items.find((i) => i.key === key)?.eventId ?? null };
    }
    return focusMemo.eventId;
  }

  /** Canvas: paints `layout` at the current transform; titles only at the scale they were placed for. */
  function paintCanvas(fast: boolean): void {
    if (!canvasLayer) return;
    const text = !fast && transform.k === layoutK;
    canvasLayer.draw(layout, xz, emphasis(), !text);
    paintedAt = now();
    paintedK = transform.k;
    paintedText = text;
    paintedEmphasis = emphasisKey();
  }

  function now(): number {
    return win?.performance?.now() ?? Date.now();
  }

  function positions(): Map<string, { x: string | null; y: string | null; w: string | null }> {
    const out = new Map<string, { x: string | null; y: string | null; w: string | null }>();
    for (const { el, item } of markPairs) out.set(item.key, { x: el.getAttribute('x'), y: el.getAttribute('y'), w: el.getAttribute('width') });
    return out;
  }

  function animateFrom(before: Map<string, { x: string | null; y: string | null; w: string | null }>): void {
    for (const { el, item } of markPairs) {
      const old = before.get(item.key);
      if (!old || old.y === el.getAttribute('y')) continue;
      const y = el.getAttribute('y');
      select(el).interrupt().attr('y', old.y).transition().duration(duration).attr('y', y);
    }
  }

  function collectPairs(): void {
    markPairs = [];
    labelPairs = [];
    connectorPairs = [];
    aggregatePairs = [];
    elementByKey = new Map();
    keyByElement = new WeakMap();
    if (mode !== 'svg') return;
    select(svg)
      .selectAll<SVGRectElement, ItemRecord>('g.et-marks > rect')
      .each(function (item) {
        markPairs.push({ el: this, item, x0: item.markX, x1: item.markX + item.markWidth, gen: attrGen });
        elementByKey.set(item.key, this);
        keyByElement.set(this, item.key);
      });
    select(svg)
      .selectAll<SVGTextElement, LabelRecord>('g.et-labels > text')
      .each(function (label) {
        labelPairs.push({ el: this, label });
      });
    select(svg)
      .selectAll<SVGLineElement, TimelineLayout['connectors'][number]>('g.et-connectors > line')
      .each(function (c) {
        connectorPairs.push({ el: this, t: c.t, eventId: c.eventId, x0: c.x, x1: c.x, gen: attrGen });
      });
    select(svg)
      .selectAll<SVGGElement, AggregateRecord>('g.et-aggregates > g')
      .each(function (a) {
        aggregatePairs.push({ el: this, a, x0: a.x0, x1: a.x1, gen: attrGen });
      });
  }

  /** The zoomed time → pixel map of the transform (`k`, `tx`). */
  function zoomAt(k: number, tx: number): TimeToPixel {
    const b = base;
    const f = ((t: number) => k * b(t) + tx) as TimeToPixel;
    f.invert = (px: number) => b.invert((px - tx) / k);
    return f;
  }

  /** SVG: moves the plot's groups (marks, labels, connectors, aggregates) by `dx` pixels. */
  function shiftPlot(dx: number): void {
    if (dx === shift) return;
    shift = dx;
    const plot = svg.querySelector('g.et-plot');
    if (!plot) return;
    for (const g of Array.from(plot.children)) {
      if (dx === 0) g.removeAttribute('transform');
      else g.setAttribute('transform', `translate(${dx},0)`);
    }
  }

  /**
   * SVG: writes, at their positions under `x` (the map of write generation `attrGen`), the
   * marks (with their labels), connectors and aggregates drawn for another generation that
   * meet the times [`v0`, `v1`] or would be shown, moved by `dx`, near the plot. Every other
   * element keeps a stale position outside the plot, so it need not be touched.
   */
  function writeMarks(x: TimeToPixel, v0: number, v1: number, dx: number): void {
    const r = layout.markRadius;
    const p0 = layout.plot.x0 - 300 - dx;
    const p1 = layout.plot.x1 + 50 - dx;
    const gen = attrGen;
    const geometry = new Map<string, { markX: number; markWidth: number }>();
    for (const pair of markPairs) {
      const { item } = pair;
      if (pair.gen === gen || ((item.t1 < v0 || item.t0 > v1) && (pair.x1 < p0 || pair.x0 > p1))) continue;
      const g = markGeometry(item.t0, item.t1, item.kind, x, r);
      geometry.set(item.key, g);
      pair.x0 = g.markX;
      pair.x1 = g.markX + g.markWidth;
      pair.gen = gen;
      pair.el.setAttribute('x', String(g.markX));
      pair.el.setAttribute('width', String(g.markWidth));
      pair.el.setAttribute('rx', String(g.rx));
    }
    if (geometry.size > 0) {
      for (const { el, label } of labelPairs) {
        const g = geometry.get(label.key);
        if (g) el.setAttribute('x', String(labelAnchorX(label, g)));
      }
    }
    for (const pair of connectorPairs) {
      if (pair.gen === gen || ((pair.t < v0 || pair.t > v1) && (pair.x1 < p0 || pair.x0 > p1))) continue;
      const cx = x(pair.t);
      pair.x0 = pair.x1 = cx;
      pair.gen = gen;
      pair.el.setAttribute('x1', String(cx));
      pair.el.setAttribute('x2', String(cx));
    }
    for (const pair of aggregatePairs) {
      const { a } = pair;
      if (pair.gen === gen || ((a.t1 < v0 || a.t0 > v1) && (pair.x1 < p0 || pair.x0 > p1))) continue;
      const x0 = x(a.t0);
      const x1 = x(a.t1);
      pair.x0 = x0;
      pair.x1 = x1;
      pair.gen = gen;
      const rect = pair.el.firstElementChild;
      rect?.setAttribute('x', String(x0));
      rect?.setAttribute('width', String(x1 - x0));
      pair.el.lastElementChild?.setAttribute('x', String((x0 + x1) / 2));
    }
  }

  /**
   * The cheap zoom path: marks, labels, connectors, aggregates, annotations and ticks move to
   * the zoomed scale; rows, labels' visibility and aggregation are recomputed at zoom end.
   */
  function reposition(paint = false): void {
    const x = xz;
    if (mode === 'svg') {
      // A pan since the marks were written (the same scale) moves the plot's groups by one
      // translation and writes only the marks coming into view; a zoom writes a new
      // generation of positions for the marks near the window.
      const [v0, v1] = nearWindow(xz);
      if (Math.abs(transform.k - attrK) > 1e-9 * attrK) {
        attrGen++;
        attrK = transform.k;
        attrX = transform.x;
      }
      const dx = transform.x - attrX;
      writeMarks(dx === 0 ? x : zoomAt(attrK, attrX), v0, v1, dx);
      shiftPlot(dx);
    } else if (canvasLayer) {
      // During a gesture the last bitmap is moved, not repainted (rasterising thousands of
      // marks without a GPU costs far more than a frame); it is repainted when it would leave
      // too much of the plot empty, be stretched too far or stay stretched too long, and when
      // the emphasis changed. At the end of a gesture it is repainted unless it was only
      // panned within its painted margin, where the moved bitmap is the same picture (the
      // relayout that follows paints anyway).
      const moved = paintedEmphasis !== emphasisKey() || (paintedText && transform.k !== paintedK) ? null : canvasLayer.preview(x);
      const stretched = moved !== null && moved.stretch > 1 + 1e-9;
      const stale = moved === null || moved.coverage < (paint ? 1 : MIN_COVERAGE) || (stretched && (paint || moved.stretch > MAX_STRETCH || now() - paintedAt > REPAINT_AFTER));
      if (stale) paintCanvas(false);
    }
    moveAxis(x);
    // The joins draw one group per band and reference line of the layout: none to move, no query.
    if (layout.bands.length > 0) {
      select(svg)
        .selectAll<SVGGElement, TimelineLayout['bands'][number]>('g.et-band-g')
        .each(function (b) {
          const x0 = Math.max(layout.plot.x0, x(b.t0));
          const x1 = Math.min(layout.plot.x1, x(b.t1));
          const rect = this.firstElementChild;
          rect?.setAttribute('x', String(x0));
          rect?.setAttribute('width', String(Math.max(0, x1 - x0)));
          this.lastElementChild?.setAttribute('x', String(x0 + 3));
        });
    }
    if (layout.lines.length > 0) {
      select(svg)
        .selectAll<SVGGElement, TimelineLayout['lines'][number]>('g.et-ref')
        .each(function (l) {
          const lx = x(l.t);
          const line = this.firstElementChild;
          line?.setAttribute('x1', String(lx));
          line?.setAttribute('x2', String(lx));
          this.lastElementChild?.setAttribute('x', String(lx + 3));
        });
    }
  }

  /**
   * The axis drawn by the last join: its ticks (values and labels), the scale they were
   * placed at, where the first one was placed, and how far the ticks are translated since.
   */
  let axisDrawn: { key: string; k: number; x0: number; dx: number } | null = null;

  /**
   * Moves the axis to the time map `x`. A pan at the scale of the last join, with the same
   * ticks, translates the tick groups instead of re-joining them (no selection, three
   * attributes less per tick); the join runs only when the tick set or the scale changes.
   */
  function moveAxis(x: TimeToPixel): void {
    const ticks = timeTicks(visibleDomain(), layout.plot.x1 - layout.plot.x0, {
      utc: layout.utc,
      ...(options.locale ? { locale: options.locale } : {}),
    });
    const first = ticks[0];
    const key = ticks.map((t) => `${t.value}|${t.label}`).join('\n');
    const g = layer(svg, 'et-axis');
    const tickNodes = (): SVGGElement[] => Array.from(g.node()?.children ?? []).filter((c): c is SVGGElement => c.getAttribute('class') === 'et-tick');
    if (first && axisDrawn && axisDrawn.key === key && Math.abs(transform.k - axisDrawn.k) <= 1e-9 * axisDrawn.k) {
      const dx = x(first.value) - axisDrawn.x0;
      if (dx !== axisDrawn.dx) {
        axisDrawn.dx = dx;
        for (const node of tickNodes()) {
          if (dx === 0) node.removeAttribute('transform');
          else node.setAttribute('transform', `translate(${dx},0)`);
        }
      }
      return;
    }
    drawAxis(
      g,
      ticks.map((t) => ({ ...t, x: x(t.value) })),
      layout,
    );
    if (axisDrawn?.dx) for (const node of tickNodes()) node.removeAttribute('transform');
    axisDrawn = first ? { key, k: transform.k, x0: x(first.value), dx: 0 } : null;
  }

  function switchMode(next: 'svg' | 'canvas'): void {
    mode = next;
    if (next === 'canvas') {
      canvasLayer = createCanvasLayer(wrapper, theme);
      proxyList = doc.createElement('div');
      proxyList.className = 'et-sr-only et-proxies';
      proxyList.setAttribute('role', 'listbox');
      proxyList.setAttribute('aria-label', 'Events in view');
      // Right after the canvas's clipping box, so the proxies follow the picture in reading order.
      const box = canvasLayer.node.parentElement === wrapper ? canvasLayer.node : canvasLayer.node.parentElement;
      wrapper.insertBefore(proxyList, box?.nextSibling ?? null);
      listen(proxyList, 'keydown', onKeydown);
      listen(proxyList, 'focusin', onFocusIn);
      listen(proxyList, 'focusout', onFocusOut);
    } else {
      canvasLayer?.destroy();
      canvasLayer = null;
      proxyList?.remove();
      proxyList = null;
    }
  }

  /**
   * Canvas mode: the focusable proxy of the focused mark at once (the tab stop), then, once
   * idle, one proxy per primary mark in the visible window (up to {@link PROXY_LIMIT}) for
   * reading. The arrow keys reach every mark: a missing proxy is made when focus moves to it.
   */
  function buildProxies(): void {
    if (!proxyList) return;
    proxyList.replaceChildren();
    // A scan, not the item index: the first paint should not pay for a map of every mark.
    const key = focusKey;
    const focused = key ? layout.items.find((i) => i.key === key) : undefined;
    if (focused) proxyList.appendChild(makeProxy(focused));
  }

  /** Canvas: the reading proxies of the visible window, a batch per step. */
  function* fillProxies(): Generator<void> {
    if (!proxyList) return;
    const list = proxyList;
    const [d0, d1] = visibleDomain();
    let fragment = doc.createDocumentFragment();
    let n = 0;
    for (const item of layout.items) {
      if (!item.primary || item.t1 < d0 || item.t0 > d1 || elementByKey.has(item.key)) continue;
      if (n++ >= PROXY_LIMIT) break;
      fragment.appendChild(makeProxy(item));
      if (n % 25 === 0) {
        list.appendChild(fragment);
        fragment = doc.createDocumentFragment();
        yield;
      }
    }
    list.appendChild(fragment);
  }

  function makeProxy(item: ItemRecord): HTMLElement {
    const el = doc.createElement('div');
    el.setAttribute('role', 'option');
    el.setAttribute('aria-selected', String(item.eventId === state.selectedEvent));
    el.setAttribute('tabindex', item.key === focusKey ? '0' : '-1');
    el.setAttribute('data-event-id', item.eventId);
    el.setAttribute('data-lane', item.laneId);
    const event = data.event(item.eventId);
    el.textContent = event ? eventAriaLabel(event, data) : item.eventId;
    elementByKey.set(item.key, el);
    keyByElement.set(el, item.key);
    return el;
  }

  /** Runs `fn` when the browser is idle (soon after, without requestIdleCallback); returns a cancel. */
  function idle(fn: () => void): () => void {
    const w = win as (Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void }) | null;
    if (w?.requestIdleCallback) {
      const id = w.requestIdleCallback(fn, { timeout: 1000 });
      return () => w.cancelIdleCallback?.(id);
    }
    const id = setTimeout(fn, 0);
    return () => clearTimeout(id);
  }

  /**
   * The deferred work in progress: a sequence of small steps, run in slices of
   * {@link IDLE_SLICE} ms when the browser is idle, so that neither the first paint nor a
   * zoom frame waits for it. A step yielding `'wait'` pauses it for {@link TABLE_DELAY} ms.
   */
  let work: Iterator<'wait' | void> | null = null;
  let workCancel: (() => void) | null = null;

  function runWork(): void {
    workCancel = idle(() => {
      workCancel = null;
      if (destroyed || !work) return;
      const end = now() + IDLE_SLICE;
      for (;;) {
        const step = work.next();
        if (step.done) {
          work = null;
          return;
        }
        if (step.value === 'wait') {
          const id = setTimeout(runWork, TABLE_DELAY);
          workCancel = () => clearTimeout(id);
          return;
        }
        if (now() >= end) break;
      }
      runWork();
    });
  }

  /**
   * Work the first paint does not wait for: the canvas's reading proxies and the hidden table
   * (rebuilt only when what it lists changes, and marked `aria-busy` until then), done once the
   * window has stayed put for a moment.
   */
  function scheduleIdleWork(): void {
    workCancel?.();
    workCancel = null;
    let key: string | null = null;
    if (options.dataTable !== false) {
      key = data.events.length <= TABLE_LIMIT ? 'all' : visibleDomain().join(',');
      if (key === tableKey && table?.isConnected) key = null;
      else table?.setAttribute('aria-busy', 'true');
    }
    work = idleWork(key);
    runWork();
  }

  /** Whether the deferred work of the first layout has run (later work waits for quiet). */
  let idleDone = false;

  function* idleWork(tableKeyWanted: string | null): Generator<'wait' | void> {
    // After the first paint, the proxies and the table are wanted soon; after a window
    // change, only once the window has stayed put (adding elements costs a style and layout
    // pass, which must not land in the frames of a gesture).
    if (idleDone) yield 'wait';
    if (mode === 'canvas') yield* fillProxies();
    if (tableKeyWanted !== null) yield* buildTable(tableKeyWanted);
    idleDone = true;
  }

  /**
   * The hidden table lists every event of a small dataset; of a large one, the events in the
   * visible window (at most {@link TABLE_LIMIT}), since a 100,000-row table takes seconds to
   * build and nobody can listen to it. The caption says how many of how many are listed and
   * how to narrow the window; every event stays reachable with the keyboard through zooming.
   * Rows are added a batch per step; the table is `aria-busy` until the last.
   */
  function* buildTable(key: string): Generator<void> {
    const wrap = table?.parentElement;
    table?.remove();
    if (wrap && wrap.children.length === 0) wrap.remove();
    const total = data.events.length;
    let events: readonly EntityEvent[] = data.events;
    let caption = `Events (${total})`;
    if (total > TABLE_LIMIT) {
      const [d0, d1] = visibleDomain();
      const inWindow = transform.k === 1 && transform.x === 0 ? data.events : data.eventsBetween(d0, d1);
      events = inWindow.slice(0, TABLE_LIMIT);
      const where = inWindow.length === total ? '' : ` (${inWindow.length.toLocaleString('en')} in the visible window)`;
      caption =
        `Events: ${events.length.toLocaleString('en')} of ${total.toLocaleString('en')} listed${where}, in time order. ` +
        'Zoom in (+ and − keys) or pan (Shift+arrow keys) to narrow the window and list others.';
    }
    const built = renderDataTable(wrapper, ctx, caption, TABLE_COLUMNS, []);
    table = built;
    built.setAttribute('aria-busy', 'true');
    for (let i = 0; i < events.length; i += TABLE_BATCH) {
      appendDataTableRows(
        built,
        events.slice(i, i + TABLE_BATCH).map((e) => [formatWhen(e.when), e.title, eventActorsText(e, data), e.category ?? '']),
      );
      yield;
    }
    built.removeAttribute('aria-busy');
    tableKey = key;
  }

  // ---------------------------------------------------------------------------
  // Emphasis (linked state)
  // ---------------------------------------------------------------------------

  function keepSet(): Set<string> | null {
    const actor = state.hoveredActor ?? state.selectedActor;
    if (!actor) return null;
    return new Set(data.eventsOf(actor).map((e) => e.id));
  }

  function emphasis(): { keep: ReadonlySet<string> | null; selected: string | null; focused: string | null } {
    return { keep: keepSet(), selected: state.selectedEvent, focused: focusedEventId() };
  }

  /** Shows the linked state; `redraw: false` when the canvas was just painted with it. */
  function applyEmphasis(redraw = true): void {
    if (mode === 'canvas') {
      // Repainted in the next frame if the emphasis differs from what is painted.
      if (redraw) requestFrame();
      // Written only where it changes: hovering emits on every new mark under the pointer, and
      // rewriting an attribute with its own value still invalidates style and accessibility.
      for (const child of Array.from(proxyList?.children ?? [])) {
        const selected = String(child.getAttribute('data-event-id') === state.selectedEvent);
        if (child.getAttribute('aria-selected') !== selected) child.setAttribute('aria-selected', selected);
      }
      return;
    }
    const keep = keepSet();
    const dim = (id: string): boolean => keep !== null && !keep.has(id);
    for (const { el, item } of markPairs) {
      el.classList.toggle('et-dim', dim(item.eventId));
      el.classList.toggle('et-selected', item.eventId === state.selectedEvent);
      el.classList.toggle('et-hovered', item.eventId === state.hoveredEvent);
      el.setAttribute('aria-selected', String(item.eventId === state.selectedEvent));
    }
    for (const { el, label } of labelPairs) el.classList.toggle('et-dim', dim(label.eventId));
    for (const { el, eventId } of connectorPairs) el.classList.toggle('et-dim', dim(eventId));
    for (const { el, a } of aggregatePairs) el.classList.toggle('et-dim', keep !== null && !a.eventIds.some((id) => keep.has(id)));
    const actor = state.hoveredActor ?? state.selectedActor;
    select(svg)
      .selectAll<SVGGElement, { actorId?: string }>('g.et-lane')
      .each(function (lane) {
        this.classList.toggle('et-highlight-lane', actor !== null && lane.actorId === actor);
      });
  }

  // ---------------------------------------------------------------------------
  // Zoom
  // ---------------------------------------------------------------------------

  const zoomBehavior = d3zoom<SVGSVGElement, unknown>()
    // d3's default reads the global navigator, which Node 20 (and so jsdom tests) lacks.
    .touchable(function (this: SVGSVGElement) {
      return 'ontouchstart' in this || (win?.navigator?.maxTouchPoints ?? 0) > 0;
    })
    .filter((event: Event) => {
      const target = event.target as Element | null;
      if (target?.closest?.('.et-lane-toggle')) return false;
      const e = event as MouseEvent;
      return (!e.ctrlKey || event.type === 'wheel') && !e.button;
    })
    .on('start', () => {
      // A new gesture: the relayout of the last one would only be thrown away.
      clearTimeout(zoomEndTimer);
    })
    .on('zoom', (event: D3ZoomEvent<SVGSVGElement, unknown>) => {
      transform = event.transform;
      updateZoomed();
      // Titles are placed for one scale: hide them while the scale changes, until zoom end.
      // Panning keeps the scale, so they move with their marks and stay.
      // Each only when it changes something: a zoom event can come several times a frame, and
      // even an attribute rewritten with its own value invalidates style.
      if (!programmatic && transform.k !== layoutK) {
        const labels = svg.querySelector('g.et-labels');
        if (labels && labels.getAttribute('display') !== 'none') labels.setAttribute('display', 'none');
      }
      hideTooltip();
      // Wheel and pointer events can come several times a frame: the marks move once a frame.
      requestFrame();
    })
    .on('end', () => {
      if (destroyed) return;
      // The marks at their final place at once; rows, labels and aggregates once the window
      // has stopped changing for a moment (a window set through the API is not announced).
      // A window set through the API may be one of a stream (a linked brush being dragged): it
      // is drawn like a gesture's frame, moving the last bitmap when that is close enough.
      requestFrame(!programmatic);
      scheduleRelayout(!programmatic);
    });

  function zoomTo(window: TimeWindow | null): void {
    let t = zoomIdentity;
    if (window) {
      const [r0, r1] = layout.range;
      const a = base(Math.max(window[0], fullDomain[0]));
      const b = base(Math.min(window[1], fullDomain[1]));
      if (b > a) {
        const k = (r1 - r0) / (b - a);
        t = zoomIdentity.translate(r0 - k * a, 0).scale(k);
      }
    }
    programmatic = true;
    try {
      select(svg).call(zoomBehavior.transform, t);
    } finally {
      programmatic = false;
    }
  }

  function zoomBy(factor: number, atX?: number): void {
    const center = atX ?? (layout.plot.x0 + layout.plot.x1) / 2;
    select(svg).call(zoomBehavior.scaleBy, factor, [center, 0]);
  }

  // ---------------------------------------------------------------------------
  // Pointer and keyboard
  // ---------------------------------------------------------------------------

  function localPoint(event: MouseEvent): [number, number] {
    const box = svg.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  }

  type Target = { kind: 'item'; item: ItemRecord } | { kind: 'aggregate'; aggregate: AggregateRecord } | null;

  function targetOf(event: MouseEvent): Target {
    if (mode === 'canvas') {
      const [px, py] = localPoint(event);
      const hit = canvasLayer?.hit(px, py) ?? null;
      return hit;
    }
    const el = (event.target as Element | null)?.closest?.('g.et-marks > rect, g.et-aggregates > g');
    if (!el) return null;
    const datum = select<Element, ItemRecord | AggregateRecord>(el).datum();
    return 'eventIds' in datum ? { kind: 'aggregate', aggregate: datum } : { kind: 'item', item: datum };
  }

  function showTooltipFor(target: Exclude<Target, null>, px: number, py: number): void {
    if (target.kind === 'item') {
      const event = data.event(target.item.eventId);
      if (event) tooltip.show(eventTooltipContent(event, data), px, py);
    } else {
      const titles = target.aggregate.eventIds.slice(0, 5).map((id) => data.event(id)?.title ?? id);
      const more = target.aggregate.count - titles.length;
      tooltip.show({ title: aggregateAriaLabel(target.aggregate, data), lines: more > 0 ? [...titles, `and ${more} more (click to zoom in)`] : titles, links: [] }, px, py);
    }
  }

  /** Hides the tooltip unless it is hidden already (no writes on every move of a drag). */
  function hideTooltip(): void {
    if (!tooltip.node.hidden) tooltip.hide();
  }

  /** Where the last pointermove was: browsers follow it with a mousemove at the same point. */
  let lastPointerMove: { x: number; y: number } | null = null;

  function onPointerMove(event: PointerEvent | MouseEvent): void {
    // One hit test and tooltip per move, not one per event of the pointer/mouse pair (jsdom
    // and old browsers send only mousemove).
    if (event.type === 'pointermove') lastPointerMove = { x: event.clientX, y: event.clientY };
    else if (lastPointerMove && lastPointerMove.x === event.clientX && lastPointerMove.y === event.clientY) {
      lastPointerMove = null;
      return;
    }
    // A pressed button is a pan being dragged: no tooltips, and no hit testing on every move.
    if (event.buttons) {
      hideTooltip();
      return;
    }
    const target = targetOf(event);
    if (!target) {
      if (state.hoveredEvent !== null) emit({ hoveredEvent: null });
      tooltip.hide();
      return;
    }
    const [px, py] = localPoint(event);
    showTooltipFor(target, px, py);
    if (target.kind === 'item') emit({ hoveredEvent: target.item.eventId });
  }

  function onPointerLeave(): void {
    tooltip.hide();
    if (state.hoveredEvent !== null) emit({ hoveredEvent: null });
  }

  function toggleLane(id: string): void {
    if (collapsed.has(id)) collapsed.delete(id);
    else collapsed.add(id);
    relayout(true);
    const toggle = svg.querySelector<SVGElement>(`g.et-lane[data-lane="${cssEscape(id)}"] .et-lane-toggle`);
    toggle?.focus();
  }

  function onClick(event: MouseEvent): void {
    const toggle = (event.target as Element | null)?.closest?.('g.et-lane');
    if (toggle && (event.target as Element).closest('.et-lane-toggle, .et-lane-label')) {
      const id = toggle.getAttribute('data-lane');
      const lane = layout.lanes.find((l) => l.id === id);
      if (lane?.collapsible) toggleLane(lane.id);
      return;
    }
    const target = targetOf(event);
    if (!target) return;
    if (target.kind === 'aggregate') {
      const span = target.aggregate.t1 - target.aggregate.t0;
      zoomTo([target.aggregate.t0 - span, target.aggregate.t1 + span]);
      emit({ window: visibleDomain() });
      return;
    }
    focusItem(target.item.key, false);
    select_(target.item.eventId);
  }

  function select_(eventId: string): void {
    emit({ selectedEvent: state.selectedEvent === eventId ? null : eventId });
  }

  function focusItem(key: string, moveFocus = true): void {
    const previous = focusKey ? elementByKey.get(focusKey) : undefined;
    focusKey = key;
    if (mode === 'canvas' && !elementByKey.has(key)) {
      const item = itemByKey.get(key);
      if (item && proxyList) proxyList.appendChild(makeProxy(item));
    }
    const el = elementByKey.get(key) as (Element & { focus?: () => void }) | undefined;
    previous?.setAttribute('tabindex', '-1');
    el?.setAttribute('tabindex', '0');
    if (moveFocus) el?.focus?.();
    if (mode === 'canvas') requestFrame();
  }

  function neighbour(key: string, direction: 'left' | 'right' | 'up' | 'down' | 'home' | 'end'): string | null {
    const item = itemByKey.get(key);
    if (!item) return null;
    const li = layout.lanes.findIndex((l) => l.id === item.laneId);
    const { laneItems } = indexItems();
    const list = laneItems[li]!;
    const i = list.indexOf(item);
    switch (direction) {
      case 'left':
        return list[i - 1]?.key ?? null;
      case 'right':
        return list[i + 1]?.key ?? null;
      case 'home':
        return list[0]?.key ?? null;
      case 'end':
        return list[list.length - 1]?.key ?? null;
      default: {
        const step = direction === 'down' ? 1 : -1;
        const t = (item.t0 + item.t1) / 2;
        for (let j = li + step; j >= 0 && j < laneItems.length; j += step) {
          const other = laneItems[j]!;
          if (other.length === 0) continue;
          let best = other[0]!;
          for (const o of other) if (Math.abs((o.t0 + o.t1) / 2 - t) < Math.abs((best.t0 + best.t1) / 2 - t)) best = o;
          return best.key;
        }
        return null;
      }
    }
  }

  function onKeydown(event: KeyboardEvent): void {
    const target = event.target as Element | null;
    const laneToggle = target?.closest?.('.et-lane-toggle');
    if (laneToggle && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      const id = laneToggle.closest('g.et-lane')?.getAttribute('data-lane');
      if (id) toggleLane(id);
      return;
    }
    if (!KEYS_HANDLED.has(event.key)) return;
    if (event.key === '+' || event.key === '=') {
      event.preventDefault();
      zoomBy(1.5, focusedX());
      return;
    }
    if (event.key === '-' || event.key === '_') {
      event.preventDefault();
      zoomBy(1 / 1.5, focusedX());
      return;
    }
    if (event.shiftKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      const dx = (layout.plot.x1 - layout.plot.x0) / 5;
      select(svg).call(zoomBehavior.translateBy, (event.key === 'ArrowLeft' ? dx : -dx) / transform.k, 0);
      return;
    }
    const key = keyOfTarget(target) ?? focusKey;
    if (!key) return;
    event.preventDefault();
    if (event.key === 'Enter' || event.key === ' ') {
      const item = itemByKey.get(key);
      if (item) select_(item.eventId);
      return;
    }
    if (event.key === 'Escape') {
      tooltip.hide();
      emit({ selectedEvent: null });
      return;
    }
    const direction = ({ ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down', Home: 'home', End: 'end' } as const)[
      event.key as 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End'
    ];
    const next = neighbour(key, direction);
    if (next) {
      ensureVisible(next);
      focusItem(next);
    }
  }

  function keyOfTarget(target: Element | null): string | null {
    return target ? (keyByElement.get(target) ?? null) : null;
  }

  function focusedX(): number | undefined {
    const item = focusKey ? itemByKey.get(focusKey) : undefined;
    return item ? zoomed()((item.t0 + item.t1) / 2) : undefined;
  }

  /** Pans so that the item is inside the plot before focusing it. */
  function ensureVisible(key: string): void {
    const item = itemByKey.get(key);
    if (!item) return;
    const cx = zoomed()((item.t0 + item.t1) / 2);
    if (cx >= layout.plot.x0 && cx <= layout.plot.x1) return;
    const mid = (layout.plot.x0 + layout.plot.x1) / 2;
    select(svg).call(zoomBehavior.translateBy, (mid - cx) / transform.k, 0);
  }

  function onFocusIn(event: FocusEvent): void {
    const key = keyOfTarget(event.target as Element | null);
    if (!key) return;
    focusKey = key;
    const item = itemByKey.get(key)!;
    const x = zoomed()((item.t0 + item.t1) / 2);
    showTooltipFor({ kind: 'item', item }, x, item.y);
    emit({ hoveredEvent: item.eventId });
  }

  function onFocusOut(): void {
    tooltip.hide();
    if (state.hoveredEvent !== null) emit({ hoveredEvent: null });
  }

  listen(svg, 'pointermove', onPointerMove);
  listen(svg, 'mousemove', onPointerMove);
  listen(svg, 'pointerleave', onPointerLeave);
  listen(svg, 'mouseleave', onPointerLeave);
  listen(svg, 'click', onClick);
  listen(svg, 'keydown', onKeydown);
  listen(svg, 'focusin', onFocusIn);
  listen(svg, 'focusout', onFocusOut);
  select(svg).call(zoomBehavior);

  // Size: follow the container when no width was given and ResizeObserver exists (not in jsdom).
  const Observer = (win as (Window & { ResizeObserver?: typeof ResizeObserver }) | null)?.ResizeObserver;
  let observer: ResizeObserver | null = null;
  if (options.width === undefined && Observer) {
    observer = new Observer(() => {
      const next = container.clientWidth;
      if (next > 0 && Math.abs(next - width) >= 1 && !destroyed) {
        width = next;
        relayout(false);
      }
    });
    observer.observe(container);
  }

  relayout(false);
  if (state.window) {
    zoomTo(state.window);
    flushRelayout();
  }

  const view: TimelineView = {
    get node() {
      return wrapper;
    },
    get layout() {
      flushRelayout();
      return layout;
    },
    get renderer() {
      return mode;
    },
    update(next) {
      data = next;
      fullDomain = domainOf(data, options);
      tableKey = '';
      relayout(true);
    },
    setState(next) {
      const windowChanged =
        (next.window === null) !== (state.window === null) || (next.window !== null && state.window !== null && (next.window[0] !== state.window[0] || next.window[1] !== state.window[1]));
      state = next;
      if (windowChanged) zoomTo(next.window);
      applyEmphasis();
    },
    getState() {
      return state;
    },
    on<K extends keyof ViewEventMap>(type: K, listener: (value: ViewEventMap[K]) => void) {
      if (type !== 'statechange') throw new TypeError(`Timeline: unknown event ${JSON.stringify(type)}; use 'statechange'.`);
      const l = listener as (patch: Partial<ViewState>) => void;
      listeners.add(l);
      return () => listeners.delete(l);
    },
    zoomTo,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(zoomEndTimer);
      frame?.();
      frame = null;
      workCancel?.();
      work = null;
      observer?.disconnect();
      select(svg).selectAll('*').interrupt();
      select(svg).on('.zoom', null);
      for (const dispose of disposers.splice(0)) dispose();
      listeners.clear();
      tooltip.destroy();
      canvasLayer?.destroy();
      wrapper.remove();
    },
  };
  return view;
}

function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

/**
 * The width estimate scaled to the font the browser really uses: the largest ratio of exact to
 * estimated width over a sample of the dataset's own titles and names (never below 1, so a
 * narrower real font keeps the estimate). Where `exact` is itself the estimate (jsdom), the
 * ratio is 1 and layout stays deterministic.
 */
function calibratedEstimate(exact: TextMeasurer, dataset: Dataset, font: string): TextMeasurer {
  const sample = [
    ...dataset.events.slice(0, 24).map((e) => e.title),
    ...dataset.actors.slice(0, 8).map((a) => a.name),
    'Event 0123456789',
  ];
  let ratio = 1;
  for (const text of sample) {
    const estimate = estimateTextWidth(text, font);
    if (estimate > 0) ratio = Math.max(ratio, exact(text, font) / estimate);
  }
  ratio = Math.min(ratio, 1.5);
  return ratio === 1 ? estimateTextWidth : (text, f) => estimateTextWidth(text, f) * ratio;
}
