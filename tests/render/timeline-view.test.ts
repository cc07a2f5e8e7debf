import { afterEach, describe, expect, it, vi } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { createDataset } from '../../src/model/dataset.js';
import { estimateTextWidth } from '../../src/render/common/measure.js';
import { EMPTY_VIEW_STATE, patchViewState, type ViewState } from '../../src/link/state.js';
import { createTimeline, type TimelineView, type TimelineViewOptions } from '../../src/render/timeline/view.js';
import type { Dataset } from '../../src/model/types.js';
import { appendDataTableRows, renderDataTable } from '../../src/render/common/a11y.js';
import { event, koreaRussia, synthetic } from '../layout/timeline.fixture.js';

interface Env {
  window: Window & typeof globalThis;
  document: Document;
  container: HTMLElement;
  /** Listeners added and not yet removed, per target. */
  active: Set<string>;
  targets: Map<EventTarget, number>;
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function setup(): Env {
  const virtualConsole = new VirtualConsole(); // jsdom's "not implemented: getContext" stays quiet
  const dom = new JSDOM('<!doctype html><body><div id="c"></div></body>', { pretendToBeVisual: true, virtualConsole });
  const window = dom.window as unknown as Window & typeof globalThis;
  const active = new Set<string>();
  const targets = new Map<EventTarget, number>();
  const proto = window.EventTarget.prototype;
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  const ids = new WeakMap<object, number>();
  let next = 0;
  const id = (o: object): number => {
    if (!ids.has(o)) ids.set(o, ++next);
    return ids.get(o)!;
  };
  proto.addEventListener = function (this: EventTarget, type: string, fn: EventListenerOrEventListenerObject | null, opts?: boolean | AddEventListenerOptions) {
    if (fn) active.add(`${id(this)}:${type}:${id(fn)}:${typeof opts === 'object' ? !!opts.capture : !!opts}`);
    return add.call(this, type, fn, opts);
  };
  proto.removeEventListener = function (this: EventTarget, type: string, fn: EventListenerOrEventListenerObject | null, opts?: boolean | EventListenerOptions) {
    if (fn) active.delete(`${id(this)}:${type}:${id(fn)}:${typeof opts === 'object' ? !!opts.capture : !!opts}`);
    return remove.call(this, type, fn, opts);
  };
  cleanup = () => window.close();
  return { window, document: window.document, container: window.document.getElementById('c')!, active, targets };
}

function make(env: Env, dataset: Dataset = koreaRussia(), options: TimelineViewOptions = {}): TimelineView {
  return createTimeline(env.container, dataset, { width: 900, measureText: estimateTextWidth, transitionDuration: 0, idPrefix: 't', ...options });
}

function mark(view: TimelineView, eventId: string, lane?: string): SVGRectElement {
  const el = view.node.querySelector<SVGRectElement>(`g.et-marks > rect[data-event-id="${eventId}"]${lane ? `[data-lane="${lane}"]` : ''}`);
  if (!el) throw new Error(`no mark for ${eventId}`);
  return el;
}

function key(env: Env, target: Element, k: string, extra: KeyboardEventInit = {}): void {
  target.dispatchEvent(new env.window.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...extra }));
}

/**
 * Lets the view's deferred (idle) work run: a moment, then (given a view with a hidden table)
 * until its table is there and no longer `aria-busy` (a rebuild for a new window waits for
 * the window to stay put).
 */
async function idle(view?: TimelineView): Promise<void> {
  await new Promise((r) => setTimeout(r, 20));
  if (view) await vi.waitFor(() => expect(view.node.querySelector('table:not([aria-busy])')).not.toBeNull(), { timeout: 3000, interval: 20 });
}

function patches(view: TimelineView): Partial<ViewState>[] {
  const list: Partial<ViewState>[] = [];
  view.on('statechange', (p) => list.push(p));
  return list;
}

describe('createTimeline', () => {
  it('draws an SVG with one mark per event lane, then a data table once idle, and a tooltip', async () => {
    const env = setup();
    const ds = koreaRussia();
    const view = make(env, ds);
    expect(view.renderer).toBe('svg');
    // The table is not part of the first paint.
    expect(view.node.querySelector('table')).toBeNull();
    await idle(view);
    expect(view.node.classList.contains('et-chart')).toBe(true);
    const ids = new Set([...view.node.querySelectorAll('g.et-marks > rect')].map((el) => el.getAttribute('data-event-id')));
    expect(ids).toEqual(new Set(ds.events.map((e) => e.id)));
    const table = view.node.querySelector('table')!;
    expect(table.querySelectorAll('tbody tr')).toHaveLength(ds.events.length);
    expect(view.node.querySelector('[role="tooltip"]')).not.toBeNull();
    // Exactly one mark is in the tab order (roving tabindex).
    expect(view.node.querySelectorAll('g.et-marks > rect[tabindex="0"]')).toHaveLength(1);
  });

  it('exposes the marks as options of a listbox, whose aria-selected follows the selection', () => {
    const env = setup();
    const view = make(env);
    const box = view.node.querySelector('g.et-marks')!;
    expect(box.getAttribute('role')).toBe('listbox');
    expect(box.getAttribute('aria-label')).toBe('Events');
    const marks = [...box.querySelectorAll('rect')];
    // aria-selected is only allowed on options (and a few other roles), never on listitems.
    expect(marks.every((m) => m.getAttribute('role') === 'option' && m.getAttribute('aria-selected') === 'false')).toBe(true);
    key(env, mark(view, 'summit', 'kim'), 'Enter');
    expect(mark(view, 'summit', 'kim').getAttribute('aria-selected')).toBe('true');
    expect(mark(view, 'summit', 'russia').getAttribute('aria-selected')).toBe('true');
    expect(box.querySelectorAll('[aria-selected="true"]')).toHaveLength(2);
  });

  it('lists at most 500 events of a large dataset in the hidden table, saying how many of how many', async () => {
    const env = setup();
    const ds = synthetic(700, 4);
    const view = make(env, ds, { renderer: 'canvas', dataTable: true, labels: false });
    await idle(view);
    const rows = (): number => view.node.querySelectorAll('table tbody tr').length;
    const caption = (): string => view.node.querySelector('table caption')!.textContent!;
    expect(rows()).toBe(500);
    expect(caption()).toMatch(/^Events: 500 of 700 listed, in time order\. Zoom in/);
    expect(view.node.querySelector('table')!.parentElement!.classList.contains('et-sr-only')).toBe(true);
    // Zoomed in: the events of the window, counted in the caption. Reading `layout` lays out
    // the new window at once (otherwise that waits until the window stops changing).
    const [a, b] = view.layout.domain;
    view.zoomTo([a, a + (b - a) / 10]);
    const [d0, d1] = view.layout.domain;
    // The listed rows are stale until the rebuild (after the window stays put): busy meanwhile.
    expect(view.node.querySelector('table')!.getAttribute('aria-busy')).toBe('true');
    await idle(view);
    const inWindow = ds.eventsBetween(d0, d1).length;
    expect(rows()).toBe(Math.min(500, inWindow));
    expect(caption()).toContain(`(${inWindow.toLocaleString('en')} in the visible window)`);
    expect(view.node.querySelectorAll('div.et-table-wrap')).toHaveLength(1);
  });

  it('emits hoveredEvent on hover and shows a tooltip with the title and date', () => {
    const env = setup();
    const view = make(env);
    const seen = patches(view);
    mark(view, 'treaty').dispatchEvent(new env.window.MouseEvent('mousemove', { bubbles: true, clientX: 100, clientY: 50 }));
    expect(seen).toContainEqual({ hoveredEvent: 'treaty' });
    expect(view.getState().hoveredEvent).toBe('treaty');
    const tip = view.node.querySelector<HTMLElement>('[role="tooltip"]')!;
    expect(tip.hidden).toBe(false);
    expect(tip.textContent).toContain('Comprehensive partnership treaty');
    expect(tip.textContent).toContain('19 June 2024');
    view.node.querySelector('svg')!.dispatchEvent(new env.window.MouseEvent('mouseleave'));
    expect(seen.at(-1)).toEqual({ hoveredEvent: null });
    expect(tip.hidden).toBe(true);
  });

  it('selects with Enter and with a click, and Enter again deselects', () => {
    const env = setup();
    const view = make(env);
    const seen = patches(view);
    const el = mark(view, 'summit', 'kim');
    key(env, el, 'Enter');
    expect(seen.at(-1)).toEqual({ selectedEvent: 'summit' });
    expect(mark(view, 'summit', 'russia').classList.contains('et-selected')).toBe(true);
    key(env, el, 'Enter');
    expect(seen.at(-1)).toEqual({ selectedEvent: null });
    mark(view, 'treaty', 'russia').dispatchEvent(new env.window.MouseEvent('click', { bubbles: true }));
    expect(seen.at(-1)).toEqual({ selectedEvent: 'treaty' });
  });

  it('moves focus through events in time order with left/right and between lanes with up/down', () => {
    const env = setup();
    const view = make(env);
    const first = mark(view, 'summit', 'russia');
    first.focus();
    expect(env.document.activeElement).toBe(first);
    key(env, first, 'ArrowRight');
    const second = env.document.activeElement!;
    expect(second.getAttribute('data-event-id')).toBe('shells');
    expect(second.getAttribute('data-lane')).toBe('russia');
    expect(second.getAttribute('tabindex')).toBe('0');
    expect(first.getAttribute('tabindex')).toBe('-1');
    key(env, second, 'ArrowLeft');
    expect(env.document.activeElement).toBe(first);
    key(env, first, 'ArrowDown');
    const below = env.document.activeElement!;
    expect(below.getAttribute('data-lane')).toBe('belousov');
    key(env, below, 'ArrowUp');
    expect(env.document.activeElement!.getAttribute('data-lane')).toBe('russia');
    key(env, env.document.activeElement!, 'End');
    expect(env.document.activeElement!.getAttribute('data-event-id')).toBe('troops');
  });

  it('announces focus as a hover, with a tooltip', () => {
    const env = setup();
    const view = make(env);
    const seen = patches(view);
    mark(view, 'missiles', 'ukraine').focus();
    expect(seen).toContainEqual({ hoveredEvent: 'missiles' });
    expect(view.node.querySelector<HTMLElement>('[role="tooltip"]')!.textContent).toContain('Missile strike on Kharkiv');
  });

  it('dims events without the selected actor when setState selects one', () => {
    const env = setup();
    const view = make(env);
    view.setState(patchViewState(EMPTY_VIEW_STATE, { selectedActor: 'kim' }));
    expect(mark(view, 'summit', 'russia').classList.contains('et-dim')).toBe(false);
    expect(mark(view, 'visit', 'kim').classList.contains('et-dim')).toBe(false);
    expect(mark(view, 'treaty', 'russia').classList.contains('et-dim')).toBe(true);
    expect(view.node.querySelector('g.et-lane[data-lane="kim"]')!.classList.contains('et-highlight-lane')).toBe(true);
    view.setState(EMPTY_VIEW_STATE);
    expect(view.node.querySelectorAll('.et-dim')).toHaveLength(0);
  });

  it('shows the window given by setState and re-renders the axis for it, without emitting', () => {
    const env = setup();
    const view = make(env);
    const seen = patches(view);
    const window = [Date.UTC(2024, 5, 1), Date.UTC(2024, 6, 1)] as const;
    view.setState(patchViewState(EMPTY_VIEW_STATE, { window }));
    expect(view.layout.domain[0]).toBeCloseTo(window[0], -3);
    expect(view.layout.domain[1]).toBeCloseTo(window[1], -3);
    const labels = [...view.node.querySelectorAll('.et-axis text')].map((t) => t.textContent);
    expect(labels[0]).toMatch(/Jun 2024/);
    expect(seen).toEqual([]);
    view.setState(EMPTY_VIEW_STATE);
    expect(view.layout.domain[1] - view.layout.domain[0]).toBeGreaterThan(365 * 86_400_000);
  });

  it('zooms with + and - and reports the visible window', async () => {
    const env = setup();
    const view = make(env);
    const seen = patches(view);
    const span = (): number => view.layout.domain[1] - view.layout.domain[0];
    const full = span();
    const el = mark(view, 'treaty', 'russia');
    el.focus();
    key(env, el, '+');
    await new Promise((r) => setTimeout(r, 300));
    expect(span()).toBeLessThan(full * 0.8);
    const windowPatch = seen.find((p) => p.window);
    expect(windowPatch?.window?.[1]! - windowPatch?.window?.[0]!).toBeCloseTo(span(), -3);
    key(env, env.document.activeElement!, '-');
    await new Promise((r) => setTimeout(r, 300));
    expect(span()).toBeCloseTo(full, -3);
    expect(seen.at(-1)).toEqual({ window: null });
  });

  it('keeps the elements of unchanged events on update and adds new ones', () => {
    const env = setup();
    const ds = koreaRussia();
    const view = make(env, ds);
    const before = mark(view, 'summit', 'kim');
    const more = createDataset({ actors: [...ds.actors], events: [...ds.events, event('new', '2024-03-01', ['kim'], { title: 'New event' })] });
    view.update(more);
    expect(mark(view, 'summit', 'kim')).toBe(before);
    expect(mark(view, 'new', 'kim')).toBeTruthy();
    view.update(createDataset({ actors: [...ds.actors], events: ds.events.filter((e) => e.id !== 'summit') }));
    expect(view.node.querySelector('[data-event-id="summit"]')).toBeNull();
    expect(before.isConnected).toBe(false);
  });

  it('collapses and expands nested lanes from their headers, with click and Enter', () => {
    const env = setup();
    const view = make(env, koreaRussia(), { nestAffiliations: true });
    const lanes = (): (string | null)[] => [...view.node.querySelectorAll('g.et-lane')].map((g) => g.getAttribute('data-lane'));
    expect(lanes()).toContain('mod-ru');
    const toggle = view.node.querySelector('g.et-lane[data-lane="russia"] .et-lane-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    toggle.dispatchEvent(new env.window.MouseEvent('click', { bubbles: true }));
    expect(lanes()).not.toContain('mod-ru');
    expect(lanes()).not.toContain('belousov');
    expect(view.node.querySelector('g.et-lane[data-lane="russia"] .et-lane-toggle')!.getAttribute('aria-expanded')).toBe('false');
    expect(mark(view, 'visit', 'russia')).toBeTruthy();
    key(env, view.node.querySelector('g.et-lane[data-lane="russia"] .et-lane-toggle')!, 'Enter');
    expect(lanes()).toContain('belousov');
  });

  it('removes every element and listener on destroy', () => {
    const env = setup();
    // jsdom's selector engine registers its own window listeners on first use.
    env.document.body.querySelector('div');
    const before = new Set(env.active);
    const view = make(env);
    mark(view, 'summit', 'kim').dispatchEvent(new env.window.MouseEvent('mousemove', { bubbles: true }));
    view.destroy();
    expect(env.container.childNodes).toHaveLength(0);
    const leaked = [...env.active].filter((l) => !before.has(l));
    expect(leaked).toEqual([]);
    view.destroy(); // twice is harmless
  });

  it('draws large datasets on a canvas with a focusable proxy list and hit testing', async () => {
    const env = setup();
    const ds = synthetic(300, 4);
    const view = make(env, ds, { renderer: 'canvas' });
    expect(view.renderer).toBe('canvas');
    expect(view.node.querySelector('canvas')).not.toBeNull();
    expect(view.node.querySelectorAll('g.et-marks > rect')).toHaveLength(0);
    expect(view.node.querySelector('.et-proxies')!.getAttribute('role')).toBe('listbox');
    // The tab stop exists at once; the rest of the window's proxies once idle.
    expect(view.node.querySelectorAll('.et-proxies [tabindex="0"]')).toHaveLength(1);
    await idle();
    const proxies = view.node.querySelectorAll('.et-proxies [role="option"]');
    expect(proxies.length).toBeGreaterThan(1);
    expect(proxies.length).toBeLessThanOrEqual(251);
    expect(proxies[0]!.getAttribute('aria-label') ?? proxies[0]!.textContent).toMatch(/Event e\d+/);
    const seen = patches(view);
    // Hover over an item's centre (jsdom's bounding boxes are at 0,0).
    const item = view.layout.items.find((i) => i.markWidth < 20)!;
    view.node.querySelector('svg')!.dispatchEvent(new env.window.MouseEvent('mousemove', { bubbles: true, clientX: item.markX + item.markWidth / 2, clientY: item.y }));
    expect(seen).toContainEqual({ hoveredEvent: item.eventId });
    // Keyboard: Enter on a proxy selects its event; arrows move along the lane.
    const first = proxies[0] as HTMLElement;
    first.focus();
    key(env, first, 'Enter');
    expect(seen.at(-1)).toEqual({ selectedEvent: first.getAttribute('data-event-id') });
    expect(first.getAttribute('aria-selected')).toBe('true');
    key(env, first, 'ArrowRight');
    expect(env.document.activeElement).not.toBe(first);
    expect(env.document.activeElement!.getAttribute('data-lane')).toBe(first.getAttribute('data-lane'));
    view.destroy();
    expect(env.container.childNodes).toHaveLength(0);
  });

  it('chooses the canvas automatically above the threshold', () => {
    const env = setup();
    const view = make(env, synthetic(120, 3), { canvasThreshold: 100 });
    expect(view.renderer).toBe('canvas');
    expect(() => make(env, synthetic(5), { renderer: 'webgl' as 'svg' })).toThrow(/unknown renderer "webgl"/);
  });
});

describe('createTimeline transitions', () => {
  it('moves marks at once under reduced motion', () => {
    const env = setup();
    Object.defineProperty(env.window, 'matchMedia', { value: (q: string) => ({ matches: q.includes('reduce') }) });
    const view = make(env, koreaRussia(), { nestAffiliations: true, transitionDuration: 500 });
    const before = Number(mark(view, 'treaty', 'dprk').getAttribute('y'));
    view.node.querySelector('g.et-lane[data-lane="russia"] .et-lane-toggle')!.dispatchEvent(new env.window.MouseEvent('click', { bubbles: true }));
    const target = view.layout.items.find((i) => i.key === 'treaty|dprk')!.markY;
    expect(target).toBeLessThan(before);
    expect(Number(mark(view, 'treaty', 'dprk').getAttribute('y'))).toBe(target);
    view.destroy();
  });

  it('animates marks to their new rows otherwise, and destroy stops the animation', async () => {
    const env = setup();
    const view = make(env, koreaRussia(), { nestAffiliations: true, transitionDuration: 60 });
    const before = Number(mark(view, 'treaty', 'dprk').getAttribute('y'));
    view.node.querySelector('g.et-lane[data-lane="russia"] .et-lane-toggle')!.dispatchEvent(new env.window.MouseEvent('click', { bubbles: true }));
    const target = view.layout.items.find((i) => i.key === 'treaty|dprk')!.markY;
    expect(Number(mark(view, 'treaty', 'dprk').getAttribute('y'))).toBe(before);
    await new Promise((r) => setTimeout(r, 250));
    expect(Number(mark(view, 'treaty', 'dprk').getAttribute('y'))).toBeCloseTo(target, 5);
    view.destroy();
  });
});

describe('appendDataTableRows', () => {
  it('adds rows with the cells renderDataTable would have made, padding short rows to the columns', () => {
    const doc = new JSDOM('<!doctype html><body></body>').window.document;
    const ctx = { document: doc, measureText: estimateTextWidth, idPrefix: 't' };
    const rows = [['12 Sep 2023', 'Summit <b>', 'Kim, Putin', 'meeting'], ['13 Sep 2023', 'Visit']];
    const whole = renderDataTable(doc.body, ctx, 'Events (2)', ['Date', 'Event', 'Actors', 'Category'], rows);
    const batched = renderDataTable(doc.body, ctx, 'Events (2)', ['Date', 'Event', 'Actors', 'Category'], []);
    appendDataTableRows(batched, rows.slice(0, 1));
    appendDataTableRows(batched, rows.slice(1));
    expect(batched.outerHTML).toBe(whole.outerHTML);
    expect(batched.tBodies[0]!.rows[1]!.cells).toHaveLength(4);
    expect(batched.querySelector('b')).toBeNull();
  });
});
