// @vitest-environment node
import { describe, expect, test, vi } from 'vitest';
import { JSDOM } from 'jsdom';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { renderStorylineSVG } from '../../src/render/storyline/svg.js';
import { createStoryline } from '../../src/render/storyline/view.js';
import { layoutStoryline, panLayout, panStoryline, planStoryline } from '../../src/layout/storyline.js';
import { linkViews } from '../../src/link/linker.js';
import { estimateTextWidth } from '../../src/render/common/measure.js';
import { parseDataset } from '../../src/model/parse.js';
import { createStaticContext } from '../../src/ssr/context.js';
import { serializeSVG } from '../../src/ssr/serialize.js';
import type { RenderContext } from '../../src/render/common/context.js';
import { EMPTY_VIEW_STATE, type ViewState } from '../../src/link/state.js';
import { day, tinyDataset } from '../layout/storyline-fixture.js';

function jsdomContext(): { ctx: RenderContext; window: JSDOM['window'] } {
  const { window } = new JSDOM('<!doctype html><body></body>', { pretendToBeVisual: true });
  return { ctx: { document: window.document, measureText: estimateTextWidth, idPrefix: 'test' }, window };
}

const dataset = tinyDataset(
  [
    { id: 'e1', when: '2024-06-18', actors: ['kim', 'putin'], title: 'Putin lands in Pyongyang', sources: [{ url: 'javascript:alert(1)', publisher: 'Bad' }, { url: 'https://example.org/a', publisher: 'Good' }] },
    { id: 'e2', when: '2024-06', actors: ['shoigu', 'lavrov'], title: 'Ministers meet' },
    { id: 'e3', when: day(200), actors: ['kim', 'shoigu'], title: '<img src=x onerror=alert(1)>' },
    { id: 'e4', when: day(220), actors: ['putin', 'lavrov', 'kim'], title: 'Treaty' },
  ],
  [
    { id: 'kim', name: 'Kim Jong Un' },
    { id: 'putin', name: 'Vladimir Putin', color: '#123456' },
    { id: 'shoigu', name: 'Sergei Shoigu', parent: 'putin' },
    { id: 'lavrov', name: 'Sergei Lavrov', parent: 'putin' },
  ],
);

describe('renderStorylineSVG', () => {
  test('draws one line per actor and one focusable, labelled marker per event', () => {
    const { ctx } = jsdomContext();
    const svg = renderStorylineSVG(ctx, dataset, { width: 640, title: 'Summit' });
    expect(svg.getAttribute('class')).toBe('et-chart et-storyline');
    expect([...svg.querySelectorAll('g.et-line')].map((g) => g.getAttribute('data-actor-id')).sort()).toEqual(['kim', 'lavrov', 'putin', 'shoigu']);
    const markers = [...svg.querySelectorAll('rect.et-mark')];
    expect(markers.map((m) => m.getAttribute('data-event-id')).sort()).toEqual(['e1', 'e2', 'e3', 'e4']);
    for (const m of markers) expect(m.getAttribute('aria-label')).toBeTruthy();
    expect(svg.querySelector('title')!.textContent).toBe('Summit');
    expect(svg.querySelector('desc')!.textContent).toMatch(/4 actors across 4 events/);
    expect(svg.getAttribute('aria-labelledby')).toBe('test-title');
    expect(svg.querySelector('style')!.textContent).toContain('.et-storyline');
    expect(svg.getAttribute('style')).toContain('--et-bg');
  });

  test('colours lines by the actor’s own colour, else the palette', () => {
    const { ctx } = jsdomContext();
    const svg = renderStorylineSVG(ctx, dataset, { width: 640, palette: ['#aaaaaa', '#bbbbbb'] });
    const stroke = (id: string) => svg.querySelector(`g.et-line[data-actor-id="${id}"] .et-line-path`)!.getAttribute('stroke');
    expect(stroke('putin')).toBe('#123456');
    expect(stroke('kim')).toBe('#aaaaaa');
  });

  test('draws an actor colour only when it is a CSS colour', () => {
    const { ctx } = jsdomContext();
    const hostile = tinyDataset(
      [{ id: 'e1', when: '2024-06-18', actors: ['kim', 'putin', 'shoigu'] }],
      [
        { id: 'kim', color: 'url(javascript:alert(1))' },
        { id: 'putin', color: '<script>alert(1)</script>' },
        { id: 'shoigu', color: 'rgb(10 20 30 / 50%)' },
      ],
    );
    const svg = renderStorylineSVG(ctx, hostile, { width: 400, palette: ['#aaaaaa', '#bbbbbb', '#cccccc'] });
    const stroke = (id: string) => svg.querySelector(`g.et-line[data-actor-id="${id}"] .et-line-path`)!.getAttribute('stroke');
    expect(stroke('kim')).toBe('#aaaaaa');
    expect(stroke('putin')).toBe('#bbbbbb');
    expect(stroke('shoigu')).toBe('rgb(10 20 30 / 50%)');
  });

  test('keeps user text as text, never markup', () => {
    const { ctx } = jsdomContext();
    const svg = renderStorylineSVG(ctx, dataset, { width: 640 });
    expect(svg.querySelector('img')).toBeNull();
    expect(svg.querySelector('[data-event-id="e3"]')!.getAttribute('aria-label')).toContain('<img src=x');
  });

  test('shows a given state by dimming what is not selected', () => {
    const { ctx } = jsdomContext();
    const svg = renderStorylineSVG(ctx, dataset, { width: 640, state: { selectedActor: 'shoigu' } });
    expect(svg.querySelector('g.et-line[data-actor-id="shoigu"]')!.classList.contains('et-selected')).toBe(true);
    expect(svg.querySelector('g.et-line[data-actor-id="kim"]')!.classList.contains('et-dim')).toBe(true);
    expect(svg.querySelector('[data-event-id="e1"]')!.classList.contains('et-dim')).toBe(true);
    expect(svg.querySelector('[data-event-id="e3"]')!.classList.contains('et-dim')).toBe(false);
  });

  test('renders the same SVG in the static context as in jsdom, without a window', () => {
    const ctx = createStaticContext({ idPrefix: 'test' });
    const a = serializeSVG(renderStorylineSVG(ctx, dataset, { width: 640 }));
    const b = serializeSVG(renderStorylineSVG(jsdomContext().ctx, dataset, { width: 640 }));
    expect(a).toBe(b);
    expect(a).toContain('data-actor-id="kim"');
  });
});

describe('createStoryline', () => {
  function mount(initial?: Partial<ViewState>) {
    const { window } = jsdomContext();
    const container = window.document.createElement('div');
    window.document.body.append(container);
    const view = createStoryline(container, dataset, { width: 640, duration: 0, idPrefix: 'v', ...(initial ? { initial } : {}) });
    return { window, container, view };
  }

  test('emits hover and selection of lines and applies them itself', () => {
    const { window, view } = mount();
    const patches: unknown[] = [];
    view.on('statechange', (p) => patches.push(p));
    const line = view.node.querySelector('g.et-line[data-actor-id="kim"]')!;
    line.dispatchEvent(new window.Event('pointerenter'));
    expect(view.getState().hoveredActor).toBe('kim');
    line.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
    expect(view.getState().selectedActor).toBe('kim');
    expect(patches).toEqual([{ hoveredActor: 'kim' }, { selectedActor: 'kim' }]);
    expect(line.classList.contains('et-selected')).toBe(true);
    expect(view.node.querySelector('g.et-line[data-actor-id="lavrov"]')!.classList.contains('et-dim')).toBe(true);
  });

  test('shows a tooltip with safe source links when a marker gets focus', () => {
    const { window, view } = mount();
    const marker = view.node.querySelector<SVGRectElement>('[data-event-id="e1"]')!;
    marker.dispatchEvent(new window.FocusEvent('focus'));
    const tip = view.node.querySelector<HTMLElement>('.et-tooltip')!;
    expect(tip.hidden).toBe(false);
    expect(tip.textContent).toContain('Putin lands in Pyongyang');
    expect(tip.textContent).toContain('18 June 2024');
    const links = [...tip.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['https://example.org/a']);
    expect(view.getState().hoveredEvent).toBe('e1');
    marker.dispatchEvent(new window.FocusEvent('blur'));
    expect(tip.hidden).toBe(true);
  });

  test('moves focus along time with the arrow keys and selects with Enter', () => {
    const { window, view } = mount();
    const order = [...view.layout.markers].sort((a, b) => a.slot - b.slot || a.y0 - b.y0);
    // e1 and e2 share the first slot (a June event and a day in June, no common actor).
    expect(order[0]!.slot).toBe(order[1]!.slot);
    const first = view.node.querySelector<SVGRectElement>(`[data-event-id="${order[0]!.eventId}"]`)!;
    first.focus();
    first.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'ArrowDown' }));
    expect(window.document.activeElement?.getAttribute('data-event-id')).toBe(order[1]!.eventId);
    window.document.activeElement!.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'ArrowRight' }));
    expect(window.document.activeElement?.getAttribute('data-event-id')).toBe(order[2]!.eventId);
    // One tab stop for all markers (a roving tabindex), and it follows the focus.
    expect([...view.node.querySelectorAll('rect.et-mark[tabindex="0"]')].map((m) => m.getAttribute('data-event-id'))).toEqual([order[2]!.eventId]);
    expect(view.node.querySelectorAll('rect.et-mark[tabindex="-1"]')).toHaveLength(order.length - 1);
    window.document.activeElement!.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter' }));
    expect(view.getState().selectedEvent).toBe(order[2]!.eventId);
    window.document.activeElement!.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'ArrowLeft' }));
    expect(window.document.activeElement?.getAttribute('data-event-id')).toBe(order[0]!.eventId);
  });

  const nextFrame = (window: JSDOM['window']): Promise<void> => new Promise((done) => window.requestAnimationFrame(() => done()));
  const drawnEvents = (view: { node: Element }): string[] =>
    [...view.node.querySelectorAll('rect.et-mark')].map((m) => m.getAttribute('data-event-id')!).sort();
  const secondHalf: [number, number] = [Date.UTC(2024, 6, 1), Date.UTC(2024, 11, 31)];

  test('follows a window from setState in the next frame without emitting, keeping elements of kept events', async () => {
    const { window, view } = mount();
    const listener = vi.fn();
    view.on('statechange', listener);
    const kept = view.node.querySelector('[data-event-id="e4"]');
    const next = { ...EMPTY_VIEW_STATE, window: secondHalf };
    view.setState(next);
    // The state is taken at once; the drawing waits for the frame.
    expect(view.getState()).toBe(next);
    expect(drawnEvents(view)).toEqual(['e1', 'e2', 'e3', 'e4']);
    await nextFrame(window);
    expect(drawnEvents(view)).toEqual(['e3', 'e4']);
    expect(view.node.querySelector('[data-event-id="e4"]')).toBe(kept);
    expect(listener).not.toHaveBeenCalled();
  });

  test('lays out and draws only the last of several windows set within one frame', async () => {
    const { window, view } = mount({ window: secondHalf });
    await nextFrame(window);
    const observer = new window.MutationObserver(() => undefined);
    observer.observe(view.node, { childList: true, subtree: true });
    // A brush passing over June and back: the June markers must never be drawn.
    view.setState({ ...view.getState(), window: [Date.UTC(2024, 5, 1), Date.UTC(2024, 5, 30)] });
    view.setState({ ...view.getState(), window: [Date.UTC(2024, 5, 1), Date.UTC(2024, 8, 30)] });
    view.setState({ ...view.getState(), window: secondHalf, selectedEvent: 'e4' });
    await nextFrame(window);
    const added = observer.takeRecords().flatMap((r) => [...r.addedNodes]);
    observer.disconnect();
    expect(added.filter((n) => (n as Element).getAttribute?.('data-event-id'))).toEqual([]);
    expect(drawnEvents(view)).toEqual(['e3', 'e4']);
    // The frame drew with the latest state, selection included.
    expect(view.node.querySelector('[data-event-id="e4"]')!.classList.contains('et-selected')).toBe(true);
  });

  test('brings a pending window up to date when its layout is read, and draws at once without frames when asked', () => {
    const { view } = mount();
    view.setState({ ...EMPTY_VIEW_STATE, window: secondHalf });
    expect(view.layout.markers.map((m) => m.eventId).sort()).toEqual(['e3', 'e4']);
    expect(drawnEvents(view)).toEqual(['e3', 'e4']);

    const { window } = jsdomContext();
    const container = window.document.createElement('div');
    window.document.body.append(container);
    const sync = createStoryline(container, dataset, { width: 640, duration: 0, drawOnFrame: false });
    sync.setState({ ...EMPTY_VIEW_STATE, window: secondHalf });
    expect(drawnEvents(sync)).toEqual(['e3', 'e4']);
  });

  test('writes no DOM when a window redraw changes nothing', () => {
    const { window, view } = mount({ window: secondHalf });
    const observer = new window.MutationObserver(() => undefined);
    observer.observe(view.node, { attributes: true, childList: true, subtree: true, characterData: true });
    view.setState({ ...view.getState(), window: [secondHalf[0], secondHalf[1] + 1] });
    expect(view.layout.markers.map((m) => m.eventId).sort()).toEqual(['e3', 'e4']);
    const records = observer.takeRecords();
    observer.disconnect();
    expect(records.map((r) => `${r.type} ${r.attributeName ?? ''} ${(r.target as Element).getAttribute?.('class') ?? r.target.nodeName}`)).toEqual([]);
  });

  test('moves the focus to the nearest marker still drawn when the focused marker leaves the window', async () => {
    const { window, view } = mount();
    const listener = vi.fn();
    view.on('statechange', listener);
    const e1 = view.node.querySelector<SVGRectElement>('[data-event-id="e1"]')!;
    e1.focus();
    listener.mockClear();
    view.setState({ ...view.getState(), window: secondHalf });
    await nextFrame(window);
    // e1 (18 June) is gone; e3 (day 200) is the nearest in time of those left.
    expect(e1.isConnected).toBe(false);
    expect(window.document.activeElement?.getAttribute('data-event-id')).toBe('e3');
    expect([...view.node.querySelectorAll('rect.et-mark[tabindex="0"]')].map((m) => m.getAttribute('data-event-id'))).toEqual(['e3']);
    // Moved for the reader by a window from setState: no echo to the link.
    expect(listener).not.toHaveBeenCalled();
    // The keys go on working from there.
    window.document.activeElement!.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'ArrowRight' }));
    expect(window.document.activeElement?.getAttribute('data-event-id')).toBe('e4');
  });

  test('keeps the focus in the chart when the window leaves no marker, and on a kept marker untouched', async () => {
    const { window, view } = mount();
    const e4 = view.node.querySelector<SVGRectElement>('[data-event-id="e4"]')!;
    e4.focus();
    view.setState({ ...view.getState(), window: secondHalf });
    await nextFrame(window);
    expect(window.document.activeElement).toBe(e4);
    view.setState({ ...view.getState(), window: [Date.UTC(2030, 0, 1), Date.UTC(2030, 1, 1)] });
    await nextFrame(window);
    expect(view.node.querySelectorAll('rect.et-mark')).toHaveLength(0);
    expect(window.document.activeElement).toBe(view.node.querySelector('svg'));
    expect(window.document.activeElement).not.toBe(window.document.body);
  });

  test('pans the whole storyline to a window with more events than relayoutLimit', () => {
    const { window } = jsdomContext();
    const container = window.document.createElement('div');
    window.document.body.append(container);
    const cut = createStoryline(container, dataset, { width: 640, duration: 0, relayoutLimit: 0 });
    const fresh = createStoryline(container, dataset, { width: 640, duration: 0, relayoutLimit: Infinity });
    const range: [number, number] = [Date.UTC(2024, 5, 1), Date.UTC(2024, 11, 31)];
    cut.setState({ ...EMPTY_VIEW_STATE, window: range });
    fresh.setState({ ...EMPTY_VIEW_STATE, window: range });
    const plan = planStoryline(dataset, { width: 640, measureText: estimateTextWidth });
    expect(cut.layout).toEqual(panLayout(panStoryline(plan, range)));
    expect(fresh.layout).toEqual(layoutStoryline(dataset, { width: 640, window: range, measureText: estimateTextWidth }));
    expect(cut.layout.markers.map((m) => m.eventId).sort()).toEqual(fresh.layout.markers.map((m) => m.eventId).sort());
  });

  test('moves a panned window by one translation, keeping the marks it still shows untouched', () => {
    const { window } = jsdomContext();
    const container = window.document.createElement('div');
    window.document.body.append(container);
    const events = Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, when: day(i * 2), actors: [['kim', 'putin'], ['shoigu', 'lavrov'], ['kim', 'shoigu']][i % 3]! }));
    const data = tinyDataset(events, [{ id: 'kim' }, { id: 'putin' }, { id: 'shoigu', parent: 'putin' }, { id: 'lavrov', parent: 'putin' }]);
    const view = createStoryline(container, data, { width: 800, duration: 0, relayoutLimit: 0, drawOnFrame: false });
    const at = (from: number): [number, number] => [Date.parse(day(from)), Date.parse(day(from + 60))];
    view.setState({ ...EMPTY_VIEW_STATE, window: at(10) });
    const body = container.querySelector<SVGGElement>('g.et-pan-body')!;
    const before = body.style.transform;
    const kept = container.querySelector('[data-event-id="p30"]')!;
    const observer = new window.MutationObserver(() => undefined);
    observer.observe(container, { attributes: true, subtree: true, attributeFilter: ['x', 'y', 'd', 'height'] });
    view.setState({ ...view.getState(), window: at(14) });
    const writes = observer.takeRecords().filter((r) => (r.target as Element).isConnected && (r.target as Element).closest('g.et-pan-body'));
    observer.disconnect();
    expect(body.style.transform).not.toBe(before);
    expect(container.querySelector('[data-event-id="p30"]')).toBe(kept);
    // Only marks that entered were given positions; kept ones were not written to.
    expect(writes.filter((r) => r.target === kept)).toEqual([]);
    // Exactly the window's events are drawn, and each line at the window's left edge is named.
    const expected = data.eventsBetween(...at(14)).map((e) => e.id).sort();
    expect(drawnEvents(view)).toEqual(expected);
    const layout = view.layout;
    const atEdge = layout.orders[0]!;
    const edgeLabels = layout.labels.filter((l) => l.slot === 0).map((l) => l.actorId);
    expect(edgeLabels.sort()).toEqual([...atEdge].sort());
  });

  test('answers the reader on marks that enter as a panned window moves, through listeners on the chart alone', () => {
    const { window } = jsdomContext();
    const container = window.document.createElement('div');
    window.document.body.append(container);
    const events = Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, when: day(i * 2), actors: [['kim', 'putin'], ['shoigu', 'lavrov'], ['kim', 'shoigu']][i % 3]! }));
    const data = tinyDataset(events, [{ id: 'kim' }, { id: 'putin' }, { id: 'shoigu', parent: 'putin' }, { id: 'lavrov', parent: 'putin' }]);
    const added: string[] = [];
    const add = window.Element.prototype.addEventListener;
    window.Element.prototype.addEventListener = function (this: Element, type: string, ...rest: unknown[]) {
      if (this.matches('rect.et-mark, g.et-line')) added.push(type);
      return (add as (...args: unknown[]) => void).call(this, type, ...rest);
    } as typeof add;
    const view = createStoryline(container, data, { width: 800, duration: 0, relayoutLimit: 0, drawOnFrame: false });
    const at = (from: number): [number, number] => [Date.parse(day(from)), Date.parse(day(from + 60))];
    view.setState({ ...EMPTY_VIEW_STATE, window: at(10) });
    view.setState({ ...view.getState(), window: at(40) });
    window.Element.prototype.addEventListener = add;
    expect(added).toEqual([]);
    const entered = container.querySelector('[data-event-id="p40"]')!;
    entered.dispatchEvent(new window.Event('pointerenter'));
    expect(view.getState().hoveredEvent).toBe('p40');
    expect(container.querySelector('.et-tooltip')!.hasAttribute('hidden')).toBe(false);
    entered.dispatchEvent(new window.Event('pointerleave'));
    expect(view.getState().hoveredEvent).toBeNull();
    // A click on a line's path counts for its line; pointerenter on the path alone does not.
    const path = container.querySelector('g.et-line[data-actor-id="kim"] path')!;
    path.dispatchEvent(new window.Event('pointerenter'));
    expect(view.getState().hoveredActor).toBeNull();
    path.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
    expect(view.getState().selectedActor).toBe('kim');
    const patches: unknown[] = [];
    view.on('statechange', (p) => patches.push(p));
    const line = container.querySelector('g.et-line[data-actor-id="kim"]')!;
    view.destroy();
    line.dispatchEvent(new window.Event('pointerenter'));
    entered.dispatchEvent(new window.MouseEvent('click'));
    expect(patches).toEqual([]);
  });

  test('keeps the names at a panned window’s left edge in place on screen, rewriting only those that change', () => {
    const { window } = jsdomContext();
    const container = window.document.createElement('div');
    window.document.body.append(container);
    const events = Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, when: day(i * 2), actors: [['kim', 'putin'], ['shoigu', 'lavrov'], ['kim', 'shoigu']][i % 3]! }));
    const data = tinyDataset(events, [{ id: 'kim' }, { id: 'putin' }, { id: 'shoigu', parent: 'putin' }, { id: 'lavrov', parent: 'putin' }]);
    const view = createStoryline(container, data, { width: 800, duration: 0, relayoutLimit: 0, drawOnFrame: false });
    const at = (from: number): [number, number] => [Date.parse(day(from)), Date.parse(day(from + 60))];
    view.setState({ ...EMPTY_VIEW_STATE, window: at(10) });
    const edgeNames = (): Map<string, Element> => new Map([...container.querySelectorAll('g.et-pan-edge text.et-label')].map((t) => [t.getAttribute('data-actor-id')!, t]));
    const before = edgeNames();
    expect(before.size).toBeGreaterThan(0);
    const observer = new window.MutationObserver(() => undefined);
    observer.observe(container, { attributes: true, characterData: true, childList: true, subtree: true });
    view.setState({ ...view.getState(), window: at(12) });
    const records = observer.takeRecords();
    observer.disconnect();
    const after = edgeNames();
    // The edge layer does not move, and its names keep their x; the layout names the same lines.
    expect(container.querySelector<SVGGElement>('g.et-pan-edge')!.style.transform).toBe('');
    expect(new Set([...before.values(), ...after.values()].map((t) => t.getAttribute('x'))).size).toBe(1);
    const layout = view.layout;
    expect([...after.keys()].sort()).toEqual(layout.labels.filter((l) => l.slot === 0).map((l) => l.actorId).sort());
    for (const [actor, text] of after) {
      const record = layout.labels.find((l) => l.slot === 0 && l.actorId === actor)!;
      expect(Number(text.getAttribute('y'))).toBeCloseTo(record.y, 1);
      // A kept name with the same height was not written to.
      if (before.get(actor) === text && records.some((r) => r.target === text)) {
        expect(records.filter((r) => r.target === text).every((r) => r.attributeName === 'y')).toBe(true);
      }
    }
    expect(records.some((r) => r.attributeName === 'x' && (r.target as Element).closest?.('g.et-pan-edge'))).toBe(false);
  });

  test('keeps markers working and labelled across redraws, and relabels them for new data', () => {
    const { window, view } = mount();
    view.setState({ ...EMPTY_VIEW_STATE, window: [Date.UTC(2024, 6, 1), Date.UTC(2024, 11, 31)] });
    view.setState({ ...EMPTY_VIEW_STATE, window: null });
    const marker = view.node.querySelector('[data-event-id="e1"]')!;
    expect(marker.getAttribute('aria-label')).toContain('Putin lands in Pyongyang');
    marker.dispatchEvent(new window.Event('pointerenter'));
    expect(view.getState().hoveredEvent).toBe('e1');
    marker.dispatchEvent(new window.Event('pointerleave'));
    const renamed = tinyDataset(
      [
        { id: 'e1', when: '2024-06-18', actors: ['kim', 'putin'], title: 'Summit in Pyongyang' },
        { id: 'e4', when: day(220), actors: ['putin', 'kim'], title: 'Treaty' },
      ],
      [
        { id: 'kim', name: 'Kim Jong Un' },
        { id: 'putin', name: 'Vladimir Putin' },
      ],
    );
    view.update(renamed);
    expect(view.node.querySelector('[data-event-id="e1"]')!.getAttribute('aria-label')).toContain('Summit in Pyongyang');
    expect(view.node.querySelector('g.et-line[data-actor-id="kim"]')!.getAttribute('aria-label')).toMatch(/^Kim Jong Un, 2 events/);
  });

  test('stays consistent with another view through a link', () => {
    const a = mount();
    const b = mount();
    const link = linkViews([a.view, b.view]);
    a.view.node.querySelector('[data-event-id="e2"]')!.dispatchEvent(new a.window.MouseEvent('click'));
    expect(link.getState().selectedEvent).toBe('e2');
    expect(b.view.getState().selectedEvent).toBe('e2');
    expect(b.view.node.querySelector('[data-event-id="e2"]')!.classList.contains('et-selected')).toBe(true);
    link.destroy();
  });

  test('removes everything it created on destroy', () => {
    const { container, view } = mount();
    view.destroy();
    expect(container.childNodes.length).toBe(0);
  });
});

describe('storyline snapshot', () => {
  test('renders the Korea–Russia dataset to a stable SVG', () => {
    const input = JSON.parse(readFileSync('examples/data/korea-russia-2024.json', 'utf8')) as unknown;
    const data = parseDataset(input);
    const ctx = createStaticContext({ idPrefix: 'snap' });
    const svg = serializeSVG(renderStorylineSVG(ctx, data, { width: 960 }), { xmlDeclaration: true });
    // Normalise numbers so tiny floating-point differences between platforms do not matter.
    const normalised = svg.replace(/\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100)).replace(/></g, '>\n<') + '\n';
    const file = 'tests/output/storyline-korea-russia.svg';
    if (!existsSync(file)) {
      if (process.env.CI) throw new Error(`Missing snapshot ${file}; run the tests locally to create it.`);
      mkdirSync('tests/output', { recursive: true });
      writeFileSync(file, normalised);
    }
    expect(normalised).toBe(readFileSync(file, 'utf8'));
  });
});
