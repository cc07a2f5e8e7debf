import { afterEach, describe, expect, it } from 'vitest';
import { createMatrix } from '../../src/render/network/matrix-view.js';
import type { MatrixView } from '../../src/render/network/matrix-view.js';
import { renderMatrixSVG } from '../../src/render/network/matrix-svg.js';
import { EMPTY_VIEW_STATE, patchViewState } from '../../src/link/state.js';
import type { ViewState } from '../../src/link/state.js';
import { estimateTextWidth } from '../../src/render/common/measure.js';
import { fire, hostile, key, makeDom, seed } from './relation-view-fixture.js';

const { dom, container } = makeDom();
let views: MatrixView[] = [];
afterEach(() => {
  for (const v of views) v.destroy();
  views = [];
});
function make(root: HTMLElement, options: Parameters<typeof createMatrix>[2] = {}, ds = seed): MatrixView {
  const view = createMatrix(root, ds, { width: 600, height: 600, ...options });
  views.push(view);
  return view;
}
const cellOf = (root: Element, source: string, target: string) => [...root.querySelectorAll('rect.et-cell')].find((c) => c.getAttribute('data-source') === source && c.getAttribute('data-target') === target)!;
const cellKeys = (root: Element) => [...root.querySelectorAll('rect.et-cell')].map((c) => `${c.getAttribute('data-source')}>${c.getAttribute('data-target')}`);
const tip = (root: Element) => root.querySelector('[role="tooltip"]') as HTMLElement;

describe('createMatrix', () => {
  it('draws the same cells, in the same places, as the static matrix', () => {
    const root = container();
    const view = make(root);
    const stat = renderMatrixSVG({ document: dom.window.document, measureText: estimateTextWidth, idPrefix: 's' }, seed, { width: 600, height: 600 });
    const place = (el: Element) => [...el.querySelectorAll('rect.et-cell')].map((c) => ['data-source', 'data-target', 'x', 'y', 'fill-opacity', 'aria-label'].map((a) => c.getAttribute(a)).join('|'));
    expect(place(view.node)).toEqual(place(stat));
    expect(view.renderer).toBe('svg');
    expect(root.querySelectorAll('rect.et-cell').length).toBe(view.layout.cells.length);
  });

  it('puts exactly one cell in the tab order and labels every cell as a toggle button', () => {
    const root = container();
    make(root);
    const cells = [...root.querySelectorAll('rect.et-cell')];
    expect(cells.filter((c) => c.getAttribute('tabindex') === '0')).toHaveLength(1);
    for (const c of cells) {
      expect(c.getAttribute('role')).toBe('button');
      expect(c.getAttribute('aria-label')).toMatch(/ to .+: \d+ events?$/);
    }
  });

  it('emits the row actor on hovering a cell and lights its row and column', () => {
    const root = container();
    const view = make(root);
    const patches: Partial<ViewState>[] = [];
    view.on('statechange', (p) => patches.push(p));
    const cell = cellOf(root, 'north-korea', 'russia');
    fire(dom, cell, 'pointerover');
    expect(patches).toEqual([{ hoveredActor: 'north-korea' }]);
    expect(cell.classList.contains('et-highlight')).toBe(true);
    // Cells of the row actor's row and column, and of the hovered cell's column, stay lit.
    for (const c of root.querySelectorAll('rect.et-cell')) {
      const inCross = c.getAttribute('data-source') === 'north-korea' || c.getAttribute('data-target') === 'north-korea' || c.getAttribute('data-target') === 'russia';
      expect(c.classList.contains('et-dim')).toBe(!inCross);
    }
    const bands = [...root.querySelectorAll('rect.et-matrix-band')];
    expect(bands.every((b) => b.getAttribute('visibility') === null)).toBe(true);
    fire(dom, cell, 'pointerout');
    expect(patches.at(-1)).toEqual({ hoveredActor: null });
    expect(tip(root).hidden).toBe(true);
  });

  it('shows the events behind a cell with dates at their own precision, markup as text and only safe links', () => {
    const root = container();
    make(root, { width: 300, height: 300 }, hostile());
    fire(dom, cellOf(root, 'a', 'b'), 'pointerover');
    const t = tip(root);
    expect(t.hidden).toBe(false);
    expect(t.textContent).toContain('March 2024: <img src=x');
    expect(t.textContent).toContain('2023: <img');
    expect(t.textContent).toContain('<b>Alpha</b>');
    expect(t.querySelector('img, b')).toBeNull();
    const hrefs = [...t.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.org/m2']);
    expect(t.textContent).toContain('Publisher m1');
    for (const a of t.querySelectorAll('a')) expect(a.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows an actor tooltip with kind and event count on hovering a row label', () => {
    const root = container();
    const view = make(root);
    const seen: Partial<ViewState>[] = [];
    view.on('statechange', (p) => seen.push(p));
    fire(dom, root.querySelector('text.et-row-label[data-actor-id="john-kirby"]')!, 'pointerover');
    expect(seen).toEqual([{ hoveredActor: 'john-kirby' }]);
    expect(tip(root).textContent).toMatch(/John Kirby.*person.*\d+ events?/s);
    expect(root.querySelector('text.et-row-label[data-actor-id="john-kirby"]')!.classList.contains('et-highlight')).toBe(true);
  });

  it("dims the labels of actors outside another view's selected event, as the network does", () => {
    const root = container();
    const view = make(root);
    view.setState(patchViewState(EMPTY_VIEW_STATE, { selectedEvent: 'kharkiv-strike' }));
    const participants = new Set(seed.event('kharkiv-strike')!.participants.map((p) => p.actor));
    const labels = [...root.querySelectorAll('.et-matrix-labels text[data-actor-id]')];
    expect(labels.some((l) => participants.has(l.getAttribute('data-actor-id')!))).toBe(true);
    for (const l of labels) expect(l.classList.contains('et-dim')).toBe(!participants.has(l.getAttribute('data-actor-id')!));
  });

  it('follows a hovered actor from outside without emitting', () => {
    const root = container();
    const view = make(root);
    let emitted = 0;
    view.on('statechange', () => emitted++);
    view.setState(patchViewState(EMPTY_VIEW_STATE, { hoveredActor: 'russia' }));
    expect(root.querySelector('text.et-col-label[data-actor-id="russia"]')!.classList.contains('et-highlight')).toBe(true);
    expect(cellOf(root, 'north-korea', 'russia').classList.contains('et-highlight')).toBe(true);
    expect(root.querySelector('rect.et-cell:not([data-source="russia"]):not([data-target="russia"])')!.classList.contains('et-dim')).toBe(true);
    expect(emitted).toBe(0);
    expect(view.getState().hoveredActor).toBe('russia');
  });

  it('shows only the cells of events in the window, keeping the rows in place', () => {
    const root = container();
    const view = make(root);
    const rows = view.layout.actors.map((a) => a.id);
    const all = cellKeys(root);
    const window = [Date.UTC(2023, 0, 1), Date.UTC(2023, 11, 31)] as const;
    view.setState(patchViewState(view.getState(), { window }));
    const inside = cellKeys(root);
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.length).toBeLessThan(all.length);
    expect(view.layout.actors.map((a) => a.id)).toEqual(rows);
    for (const c of root.querySelectorAll('rect.et-cell')) {
      for (const id of c.getAttribute('data-event-ids')!.split(' ')) {
        const e = seed.event(id)!;
        expect(e.when.latest >= window[0] && e.when.earliest <= window[1]).toBe(true);
      }
    }
    expect(root.querySelector('caption')!.textContent).toContain('selected period');
    view.setState(patchViewState(view.getState(), { window: null }));
    expect(cellKeys(root)).toEqual(all);
  });

  it('selects the row actor on click, marks its cells pressed, and clears on a click outside', () => {
    const root = container();
    const view = make(root);
    const patches: Partial<ViewState>[] = [];
    view.on('statechange', (p) => patches.push(p));
    fire(dom, cellOf(root, 'north-korea', 'russia'), 'click');
    expect(patches).toEqual([{ selectedActor: 'north-korea' }]);
    const pressed = [...root.querySelectorAll('rect.et-cell[aria-pressed="true"]')];
    expect(pressed.length).toBeGreaterThan(0);
    expect(pressed.every((c) => c.getAttribute('data-source') === 'north-korea')).toBe(true);
    expect(root.querySelector('text.et-row-label[data-actor-id="north-korea"]')!.classList.contains('et-selected')).toBe(true);
    fire(dom, root.querySelector('svg')!, 'click');
    expect(patches.at(-1)).toEqual({ selectedActor: null });
  });

  it('marks the cells of an event selected elsewhere', () => {
    const root = container();
    const view = make(root);
    const cell = root.querySelector('rect.et-cell')!;
    const event = cell.getAttribute('data-event-ids')!.split(' ')[0]!;
    view.setState(patchViewState(view.getState(), { selectedEvent: event }));
    const marked = [...root.querySelectorAll('rect.et-cell.et-selected')];
    expect(marked.length).toBeGreaterThan(0);
    for (const c of marked) expect(c.getAttribute('data-event-ids')!.split(' ')).toContain(event);
  });

  it('moves between cells with the arrow keys, selects with Enter and clears with Escape', () => {
    const root = container();
    const view = make(root, {}, hostile());
    const patches: Partial<ViewState>[] = [];
    view.on('statechange', (p) => patches.push(p));
    // Cells: a→b and b→c. Right from the first goes on to the next row's cell.
    const first = root.querySelector('rect.et-cell[tabindex="0"]') as unknown as SVGElement;
    first.focus();
    expect(dom.window.document.activeElement).toBe(first);
    const order = view.layout.cells.map((c) => `${c.source}>${c.target}`);
    expect(key(dom, first, 'ArrowRight')).toBe(true);
    const second = dom.window.document.activeElement!;
    expect(`${second.getAttribute('data-source')}>${second.getAttribute('data-target')}`).toBe(order[1]);
    expect(second.getAttribute('tabindex')).toBe('0');
    expect(first.getAttribute('tabindex')).toBe('-1');
    expect(tip(root).hidden).toBe(false);
    key(dom, second, 'ArrowLeft');
    expect(dom.window.document.activeElement).toBe(first);
    key(dom, first, 'Enter');
    expect(view.getState().selectedActor).toBe(first.getAttribute('data-source'));
    key(dom, first, 'Escape');
    expect(patches.at(-1)).toEqual({ selectedActor: null, selectedEvent: null, hoveredActor: null });
    expect(view.getState().selectedActor).toBeNull();
  });

  it('steps down a column and on to the next column', () => {
    const root = container();
    const view = make(root);
    const start = view.layout.cells[0]!;
    const el = cellOf(root, start.source, start.target) as unknown as SVGElement;
    el.focus();
    key(dom, el, 'ArrowDown');
    const now = dom.window.document.activeElement!;
    const below = view.layout.cells.filter((c) => c.col === start.col && c.row > start.row).sort((a, b) => a.row - b.row)[0];
    if (below) expect([now.getAttribute('data-source'), now.getAttribute('data-target')]).toEqual([below.source, below.target]);
    else expect(Number(now.getAttribute('x'))).toBeGreaterThan(start.x);
  });

  it('draws on a canvas above the threshold and hit-tests cells by position', () => {
    const root = container();
    const view = make(root, { canvasThreshold: 3 });
    expect(view.renderer).toBe('canvas');
    const canvas = root.querySelector('canvas.et-matrix-canvas')!;
    expect(canvas.getAttribute('role')).toBe('application');
    expect(canvas.getAttribute('aria-label')).toMatch(/Adjacency matrix.*Arrow keys/);
    expect(root.querySelectorAll('rect.et-cell')).toHaveLength(0);
    const cell = view.layout.cells.find((c) => c.source === 'north-korea' && c.target === 'russia')!;
    const patches: Partial<ViewState>[] = [];
    view.on('statechange', (p) => patches.push(p));
    const at = { clientX: cell.x + view.layout.cellSize / 2, clientY: cell.y + view.layout.cellSize / 2 };
    fire(dom, canvas, 'pointermove', at);
    expect(patches).toEqual([{ hoveredActor: 'north-korea' }]);
    expect(tip(root).textContent).toContain('Russia');
    fire(dom, canvas, 'click', at);
    expect(view.getState().selectedActor).toBe('north-korea');
    fire(dom, canvas, 'pointermove', { clientX: 2, clientY: view.layout.offset.y + view.layout.actors[2]!.position + 1 });
    expect(view.getState().hoveredActor).toBe(view.layout.actors[2]!.id);
    fire(dom, canvas, 'pointerleave');
    expect(view.getState().hoveredActor).toBeNull();
  });

  it('moves a keyboard cursor on the canvas and announces the cell', () => {
    const root = container();
    const view = make(root, { renderer: 'canvas' });
    const canvas = root.querySelector('canvas')! as HTMLCanvasElement;
    canvas.focus();
    // The cursor starts on the first cell; the first arrow moves it on from there.
    key(dom, canvas, 'ArrowRight');
    expect(view.getState().hoveredActor).toBe(view.layout.cells[1]!.source);
    const live = root.querySelector('[aria-live]')!;
    expect(live.textContent).toContain(seed.actor(view.layout.cells[1]!.target)!.name);
    key(dom, canvas, 'Enter');
    expect(view.getState().selectedActor).toBe(view.layout.cells[1]!.source);
  });

  it('rejects an unknown renderer by name', () => {
    expect(() => createMatrix(container(), seed, { renderer: 'webgl' as 'svg' })).toThrow(/renderer "webgl".*svg, canvas, auto/);
  });

  it('cuts names longer than the label margin, keeping the full name in the tooltip', () => {
    const root = container();
    const view = make(root, { width: 300, height: 300 });
    const label = root.querySelector('text.et-row-label[data-actor-id="white-house-nsc"]')!;
    expect(label.textContent).toMatch(/…$/);
    expect(seed.actor('white-house-nsc')!.name.startsWith(label.textContent!.slice(0, -1))).toBe(true);
    fire(dom, label, 'pointerover');
    expect(tip(root).textContent).toContain(seed.actor('white-house-nsc')!.name);
    expect(view.layout.offset.x).toBeLessThanOrEqual(300 * 0.4);
  });

  it('keeps a visually hidden relations table', () => {
    const root = container();
    const view = make(root);
    const table = root.querySelector('.et-sr-only table')!;
    expect(table.querySelectorAll('tbody tr').length).toBe(view.graph.edges.length);
  });

  it('replaces the data on update, joining cells by pair', () => {
    const root = container();
    const view = make(root);
    const kept = cellOf(root, 'north-korea', 'russia');
    view.update(seed);
    expect(cellOf(root, 'north-korea', 'russia')).toBe(kept);
    view.update(hostile());
    expect(cellKeys(root).sort()).toEqual(['a>b', 'b>c']);
  });

  it('removes its elements and stops emitting when destroyed', () => {
    const root = container();
    const view = make(root);
    let emitted = 0;
    view.on('statechange', () => emitted++);
    const cell = cellOf(root, 'north-korea', 'russia');
    view.destroy();
    expect(root.children).toHaveLength(0);
    fire(dom, cell, 'pointerover');
    fire(dom, cell, 'click');
    expect(emitted).toBe(0);
    view.setState(patchViewState(EMPTY_VIEW_STATE, { hoveredActor: 'russia' }));
    expect(view.getState().hoveredActor).toBeNull();
  });
});
