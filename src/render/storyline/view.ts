import { select } from 'd3-selection';
import type { Dataset } from '../../model/types.js';
import { EMPTY_VIEW_STATE, patchViewState, type ViewState } from '../../link/state.js';
import {
  layoutStoryline,
  layoutStorylineWindow,
  panLayout,
  panStoryline,
  planStoryline,
  type StorylineLayout,
  type StorylineLine,
  type StorylineMarker,
  type StorylinePan,
  type StorylinePlan,
  type StorylineSlot,
} from '../../layout/storyline.js';
import type { EntityView, ViewEventMap } from '../common/view.js';
import type { RenderContext, TextMeasurer } from '../common/context.js';
import { createCanvasTextMeasurer } from '../common/measure.js';
import { applyTheme, resolveTheme } from '../common/theme.js';
import { createTooltip } from '../common/tooltip.js';
import { eventTooltipContent } from '../common/format.js';
import { prefersReducedMotion } from '../common/motion.js';
import { applyStorylineState, drawStoryline, drawStorylinePan, SVG_NS } from './draw.js';
import type { StorylineSVGOptions } from './svg.js';

/**
 * Options of {@link createStoryline}.
 *
 * @example
 * ```ts
 * const options: StorylineViewOptions = { width: 960, transitionDuration: 400, state: { selectedActor: 'kim-jong-un' } };
 * ```
 */
export interface StorylineViewOptions extends Omit<StorylineSVGOptions, 'layout' | 'state' | 'width'> {
  /** Width in pixels. Default: the container's width (followed as it resizes), or 960 when it has none. */
  readonly width?: number;
  /** Text measurer. Default: canvas measurement where available, else the estimate. */
  readonly measureText?: TextMeasurer;
  /** Transition length in ms when the window or data change. Default 300; 0 when the reader prefers reduced motion. */
  readonly transitionDuration?: number;
  /** @deprecated Use `transitionDuration`, the name every view uses; read when it is not given. */
  readonly duration?: number;
  /** Prefix for generated ids. Default: a unique `et-storyline-N`. */
  readonly idPrefix?: string;
  /** The state to start from (window, hover, selection); fields left out start empty. */
  readonly state?: Partial<ViewState>;
  /** @deprecated Use `state`, the name every view uses; read when `state` is not given. */
  readonly initial?: Partial<ViewState>;
  /**
   * When the window holds more events than this, the view pans the storyline it laid out for
   * the whole dataset to the window ({@link panStoryline}) instead of laying the window out
   * afresh, so that moving a brush stays fast and lines keep their places and heights: lines run
   * on to the window's edges, where each is named, and the scale holds while a moved window
   * still fills most of the width. Default 300; `Infinity` always lays out afresh, 0 always pans.
   */
  readonly relayoutLimit?: number;
  /**
   * Whether a window that arrives through `setState` (a linked brush or zoom) is laid out and
   * drawn in the next animation frame rather than inside `setState`. The state itself is taken
   * at once (`getState` returns it, and reading `layout` brings the drawing up to date first),
   * and however many windows arrive before the frame, only the last is laid out and drawn, so a
   * brush that fires faster than the screen refreshes costs one layout a frame. Default `true`
   * where the window has `requestAnimationFrame`; `false` draws inside `setState`, as the
   * reader's own interactions always are.
   */
  readonly drawOnFrame?: boolean;
}

/** The interactive storyline: an {@link EntityView} plus access to its current layout. */
export interface StorylineView extends EntityView {
  /** The layout currently drawn (it follows the window). */
  readonly layout: StorylineLayout;
}

let instances = 0;

/**
 * Draws an interactive storyline into `container`. Hovering a line highlights its actor and
 * clicking selects it; hovering or focusing an event marker shows a tooltip (title, date at its
 * own precision, participants, safe source links) and Enter selects it. Lines are in the Tab
 * order, and so is one marker (a roving tabindex: the last one focused), from which the arrow
 * keys move along time (←/→) and across a slot (↑/↓); Escape clears the selection.
 * `setState` follows the window (re-laying out the events in it, animated unless the reader
 * prefers reduced motion; past `relayoutLimit` events, cutting the whole storyline to it) and
 * shows hover and selection from linked views. A window from `setState` is drawn in the next
 * animation frame (see {@link StorylineViewOptions.drawOnFrame}).
 *
 * @example
 * ```ts
 * const storyline = createStoryline(document.querySelector('#story')!, dataset);
 * storyline.on('statechange', (patch) => console.log(patch));
 * storyline.setState({ ...storyline.getState(), selectedActor: 'vladimir-putin' });
 * ```
 */
export function createStoryline(container: HTMLElement, dataset: Dataset, options: StorylineViewOptions = {}): StorylineView {
  const document = container.ownerDocument;
  const win = document.defaultView;
  const ctx: RenderContext = {
    document,
    measureText: options.measureText ?? createCanvasTextMeasurer(document),
    idPrefix: options.idPrefix ?? `et-storyline-${++instances}`,
  };
  const wrapper = document.createElement('div');
  wrapper.className = 'et-chart et-storyline-view';
  wrapper.style.position = 'relative';
  const theme = resolveTheme(options.theme);
  applyTheme(wrapper, theme);
  const svg = document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  // Once: the theme's variables never change, and rewriting inherited custom properties on
  // the root would make the browser restyle every mark of the chart.
  applyTheme(svg, theme);
  wrapper.append(svg);
  container.append(wrapper);
  const tooltip = createTooltip(wrapper, ctx);

  let data = dataset;
  let width = options.width ?? (container.clientWidth > 0 ? container.clientWidth : 960);
  const initial = options.state ?? options.initial;
  let state: ViewState = initial ? patchViewState(EMPTY_VIEW_STATE, initial) : EMPTY_VIEW_STATE;
  // The whole dataset laid out once (per data and width); windows with many events are cut
  // from it rather than laid out again.
  let plan: StorylinePlan | null = null;
  const relayoutLimit = options.relayoutLimit ?? 300;
  // What is drawn: a layout of the window, or (for windows with many events) the plan panned.
  let layout: StorylineLayout | null = null;
  let pan: StorylinePan | null = null;
  compute();
  const listeners = new Set<(patch: Partial<ViewState>) => void>();
  let destroyed = false;

  function compute(): void {
    const layoutOptions = { ...options, width, window: null, measureText: ctx.measureText };
    const w = state.window;
    if (w !== null && data.eventsBetween(w[0], w[1]).length <= relayoutLimit) {
      layout = layoutStoryline(data, { ...layoutOptions, window: w });
      pan = null;
      return;
    }
    plan ??= planStoryline(data, layoutOptions);
    if (w === null) {
      layout = layoutStorylineWindow(plan, null);
      pan = null;
    } else {
      pan = panStoryline(plan, w, pan);
      layout = null;
    }
  }

  /** The layout drawn (for a pan, made when first asked for). */
  function currentLayout(): StorylineLayout {
    return pan ? panLayout(pan) : layout!;
  }

  /** Slots and markers drawn, to move the focus among markers (slot indexes `slots`). */
  function records(): { readonly slots: readonly StorylineSlot[]; readonly markers: readonly StorylineMarker[] } {
    return pan ?? layout!;
  }

  function duration(): number {
    return prefersReducedMotion(win) ? 0 : Math.max(0, options.transitionDuration ?? options.duration ?? 300);
  }

  // The records last drawn, to know where a focused marker was when its event leaves the window.
  let drawn: ReturnType<typeof records> | null = null;
  // The state whose highlight the drawn marks show: a pan that moves under an unchanged
  // highlight only gives it to the marks it added.
  let highlighted: ViewState | null = null;
  const sameHighlight = (a: ViewState, b: ViewState): boolean =>
    a.hoveredActor === b.hoveredActor && a.selectedActor === b.selectedActor && a.hoveredEvent === b.hoveredEvent && a.selectedEvent === b.selectedEvent;

  function draw(animate: boolean): void {
    const lost = focusedMarker();
    const drawOptions = {
      title: options.title ?? data.meta.title ?? 'Storyline',
      ...(options.description !== undefined ? { description: options.description } : {}),
      ...(options.palette ? { palette: options.palette } : {}),
      interactive: true,
    };
    let created: Element[] | null = null;
    if (pan) created = drawStorylinePan(svg, ctx, data, pan, drawOptions);
    else drawStoryline(svg, ctx, data, layout!, drawOptions, { duration: animate ? duration() : 0 });
    if (lost && !lost.node.isConnected) tabStop = nearestMarker(lost)?.eventId ?? null;
    rove();
    const shown = records();
    if (created && highlighted && sameHighlight(highlighted, state)) applyStorylineState(svg, shown, state, created);
    else applyStorylineState(svg, shown, state);
    highlighted = pan ? state : null;
    drawn = shown;
    if (lost && !lost.node.isConnected) refocus();
  }

  /** The marker holding the focus, with its time and height in the layout it was drawn from. */
  function focusedMarker(): { node: Element; time: number; y: number } | null {
    const active = document.activeElement;
    if (!drawn || !active || !svg.contains(active) || !active.matches('rect.et-mark')) return null;
    const d = select<Element, StorylineMarker>(active).datum();
    const slot = drawn.slots[d.slot];
    return slot ? { node: active, time: slot.time, y: (d.y0 + d.y1) / 2 } : null;
  }

  /** The drawn marker nearest in time (then in height) to where a lost one was. */
  function nearestMarker(lost: { time: number; y: number }): StorylineMarker | undefined {
    let best: StorylineMarker | undefined;
    let bestDt = Infinity;
    let bestDy = Infinity;
    const { slots, markers } = records();
    for (const m of markers) {
      const slot = slots[m.slot]!;
      const dt = lost.time < slot.time ? slot.time - lost.time : lost.time > slot.end ? lost.time - slot.end : 0;
      const dy = Math.abs((m.y0 + m.y1) / 2 - lost.y);
      if (dt < bestDt || (dt === bestDt && dy < bestDy)) {
        best = m;
        bestDt = dt;
        bestDy = dy;
      }
    }
    return best;
  }

  // True while focus is moved for the reader (not by them): the moved-to marker shows its
  // tooltip but does not emit a hover, since a window from setState must not echo to the link.
  let refocusing = false;

  /**
   * The focused marker's event left the window and its element was removed, which would drop
   * the focus to the page body: a keyboard reader would have to Tab back from the top. Focus
   * moves to the marker nearest in time instead (already made the tab stop), or to the chart
   * when no marker is left.
   */
  function refocus(): void {
    const target = tabStop === null ? null : svg.querySelector<SVGRectElement>(`rect.et-mark[data-event-id="${cssEscape(tabStop)}"]`);
    refocusing = true;
    try {
      if (target) target.focus();
      else {
        tooltip.hide();
        if (!svg.hasAttribute('tabindex')) svg.setAttribute('tabindex', '-1');
        svg.focus();
      }
    } finally {
      refocusing = false;
    }
  }

  // The marker holding the tab stop: the last one focused while it is drawn, else the first.
  let tabStop: string | null = null;

  function rove(): void {
    const { markers } = records();
    if (tabStop === null || !markers.some((m) => m.eventId === tabStop)) {
      let first: StorylineMarker | undefined;
      for (const m of markers) if (!first || m.slot < first.slot || (m.slot === first.slot && m.y0 < first.y0)) first = m;
      tabStop = first?.eventId ?? null;
    }
    // Markers enter with tabindex -1: only the old and the new stop can need a write, and
    // looking them up beats visiting thousands of markers on every move of a window.
    const stop = tabStop === null ? null : svg.querySelector(`rect.et-mark[data-event-id="${cssEscape(tabStop)}"]`);
    for (const node of svg.querySelectorAll('rect.et-mark[tabindex="0"]')) if (node !== stop) node.setAttribute('tabindex', '-1');
    if (stop && stop.getAttribute('tabindex') !== '0') stop.setAttribute('tabindex', '0');
  }

  /** Applies the reader's interaction locally, then tells listeners (a link, the page). */
  function emit(patch: Partial<ViewState>): void {
    const next = patchViewState(state, patch);
    if (next === state) return;
    show(next);
    for (const listener of [...listeners]) listener(patch);
  }

  // A window taken from setState but not yet laid out and drawn (see options.drawOnFrame).
  const requestFrame = options.drawOnFrame === false ? null : (win?.requestAnimationFrame?.bind(win) ?? null);
  let frame: number | null = null;
  let stale = false;

  /** Lays out and draws a pending window now; no-op when nothing is pending. */
  function flush(): void {
    if (frame !== null) {
      win?.cancelAnimationFrame?.(frame);
      frame = null;
    }
    if (!stale || destroyed) return;
    stale = false;
    compute();
    draw(true);
  }

  function show(next: ViewState, deferWindow = false): void {
    const a = next.window;
    const b = state.window;
    const windowChanged = a !== b && !(a && b && a[0] === b[0] && a[1] === b[1]);
    state = next;
    if (windowChanged) stale = true;
    if (stale && deferWindow && requestFrame) {
      // The frame draws with the latest state, hover and selection included.
      frame ??= requestFrame(() => {
        frame = null;
        flush();
      });
    } else if (stale) flush();
    else {
      applyStorylineState(svg, records(), state);
      if (pan) highlighted = state;
    }
  }

  function markerCentre(d: StorylineMarker): [number, number] {
    // A pan's markers are in plan pixels, drawn translated by its offset.
    return [d.x + (pan?.offset ?? 0), (d.y0 + d.y1) / 2];
  }

  function showTooltip(d: StorylineMarker): void {
    const event = data.event(d.eventId);
    if (!event) return;
    const [x, y] = markerCentre(d);
    tooltip.show(eventTooltipContent(event, data), x, y);
  }

  function markersInOrder(): StorylineMarker[] {
    return [...records().markers].sort((a, b) => a.slot - b.slot || a.y0 - b.y0);
  }

  function focusMarker(eventId: string): void {
    const node = svg.querySelector<SVGRectElement>(`rect.et-mark[data-event-id="${cssEscape(eventId)}"]`);
    if (!node) return;
    tabStop = eventId;
    rove();
    node.focus();
  }

  function onKey(keyEvent: KeyboardEvent, d: StorylineMarker): void {
    flush();
    const ordered = markersInOrder();
    const i = ordered.findIndex((m) => m.eventId === d.eventId);
    let target: StorylineMarker | undefined;
    switch (keyEvent.key) {
      case 'ArrowRight':
        target = ordered.find((m, j) => j > i && m.slot > d.slot) ?? ordered[i + 1];
        break;
      case 'ArrowLeft': {
        const before = ordered.filter((m) => m.slot < d.slot);
        const slot = before[before.length - 1]?.slot;
        target = slot === undefined ? undefined : before.find((m) => m.slot === slot);
        break;
      }
      case 'ArrowDown':
        target = ordered[i + 1]?.slot === d.slot ? ordered[i + 1] : undefined;
        break;
      case 'ArrowUp':
        target = ordered[i - 1]?.slot === d.slot ? ordered[i - 1] : undefined;
        break;
      case 'Home':
        target = ordered[0];
        break;
      case 'End':
        target = ordered[ordered.length - 1];
        break;
      case 'Enter':
      case ' ':
        keyEvent.preventDefault();
        emit({ selectedEvent: state.selectedEvent === d.eventId ? null : d.eventId });
        return;
      case 'Escape':
        tooltip.hide();
        emit({ selectedEvent: null, selectedActor: null });
        return;
      default:
        return;
    }
    keyEvent.preventDefault();
    if (target) focusMarker(target.eventId);
  }

  /**
   * The reader's pointer, focus and key events on lines and markers, handled by one listener
   * per type on the chart's wrapper rather than six on each mark: a moving window adds and
   * removes hundreds of markers, and binding each one cost more than drawing it. The listeners capture, so
   * events that do not bubble (pointerenter, focus and their pairs) still pass the wrapper on the
   * way to their mark; those are taken only from the mark itself (not from its children), as
   * listeners on the mark would, while clicks and keys count for the mark they happen in.
   * Handlers read the mark's current datum when they fire.
   */
  function onMarkEvent(event: Event): void {
    const target = event.target as Element | null;
    if (!target || typeof target.closest !== 'function') return;
    const inside = event.type === 'click' || event.type === 'keydown';
    const mark = inside ? target.closest('g.et-line, rect.et-mark') : target;
    if (!mark || mark === svg || !svg.contains(mark)) return;
    if (mark.matches('rect.et-mark')) onMarker(event, select<Element, StorylineMarker>(mark).datum());
    else if (mark.matches('g.et-line')) onLine(event, select<Element, StorylineLine>(mark).datum());
  }

  function onLine(event: Event, d: StorylineLine): void {
    switch (event.type) {
      case 'pointerenter':
      case 'focus':
        emit({ hoveredActor: d.actorId });
        break;
      case 'pointerleave':
      case 'blur':
        emit({ hoveredActor: null });
        break;
      case 'click':
        emit({ selectedActor: state.selectedActor === d.actorId ? null : d.actorId });
        break;
      case 'keydown': {
        const e = event as KeyboardEvent;
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          emit({ selectedActor: state.selectedActor === d.actorId ? null : d.actorId });
        } else if (e.key === 'Escape') emit({ selectedActor: null, selectedEvent: null });
        break;
      }
    }
  }

  function onMarker(event: Event, d: StorylineMarker): void {
    switch (event.type) {
      case 'pointerenter':
        showTooltip(d);
        emit({ hoveredEvent: d.eventId });
        break;
      case 'pointerleave':
      case 'blur':
        tooltip.hide();
        emit({ hoveredEvent: null });
        break;
      case 'focus':
        if (tabStop !== d.eventId) {
          tabStop = d.eventId;
          rove();
        }
        showTooltip(d);
        if (!refocusing) emit({ hoveredEvent: d.eventId });
        break;
      case 'click':
        emit({ selectedEvent: state.selectedEvent === d.eventId ? null : d.eventId });
        break;
      case 'keydown':
        onKey(event as KeyboardEvent, d);
        break;
    }
  }

  const markEvents = ['pointerenter', 'pointerleave', 'focus', 'blur', 'click', 'keydown'] as const;
  // On the wrapper, not the svg: Chromium makes an SVG element with focus listeners a Tab stop.
  for (const type of markEvents) wrapper.addEventListener(type, onMarkEvent, true);

  draw(false);

  // Size: follow the container when no width was given and ResizeObserver exists (not in jsdom).
  const Observer = (win as (Window & { ResizeObserver?: typeof ResizeObserver }) | null)?.ResizeObserver;
  let observer: ResizeObserver | null = null;
  if (options.width === undefined && Observer) {
    observer = new Observer(() => {
      const next = container.clientWidth;
      if (destroyed || next <= 0 || Math.abs(next - width) < 1) return;
      width = next;
      plan = null;
      pan = null;
      stale = false;
      flush();
      compute();
      draw(false);
    });
    observer.observe(container);
  }

  return {
    node: wrapper,
    get layout() {
      flush();
      return currentLayout();
    },
    update(next) {
      if (destroyed) return;
      data = next;
      plan = null;
      pan = null;
      stale = false;
      flush();
      compute();
      draw(true);
    },
    setState(next) {
      // Never emits: linked views call this, and an echo would loop.
      if (destroyed || next === state) return;
      show(next, true);
    },
    getState: () => state,
    on<K extends keyof ViewEventMap>(type: K, listener: (value: ViewEventMap[K]) => void) {
      if (type !== 'statechange') throw new TypeError(`createStoryline: unknown event ${JSON.stringify(type)}; use 'statechange'.`);
      const l = listener as (patch: Partial<ViewState>) => void;
      listeners.add(l);
      return () => listeners.delete(l);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      if (frame !== null) win?.cancelAnimationFrame?.(frame);
      frame = null;
      observer?.disconnect();
      const root = select(svg);
      root.selectAll('*').interrupt();
      for (const type of markEvents) wrapper.removeEventListener(type, onMarkEvent, true);
      listeners.clear();
      tooltip.destroy();
      wrapper.remove();
    },
  };
}

function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
