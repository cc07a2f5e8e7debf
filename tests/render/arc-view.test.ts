import { afterEach, describe, expect, it } from 'vitest';
import { createArcDiagram } from '../../src/render/network/arc-view.js';
import type { ArcView } from '../../src/render/network/arc-view.js';
import { createMatrix } from '../../src/render/network/matrix-view.js';
import { renderArcSVG } from '../../src/render/network/arc-svg.js';
import { linkViews } from '../../src/link/linker.js';
import { EMPTY_VIEW_STATE, patchViewState } from '../../src/link/state.js';
import type { ViewState } from '../../src/link/state.js';
import type { EntityView } from '../../src/render/common/view.js';
import { estimateTextWidth } from '../../src/render/common/measure.js';
import { fire, hostile, key, makeDom, seed } from './relation-view-fixture.js';

const { dom, container } = makeDom();
let views: EntityView[] = [];
afterEach(() => {
  for (const v of views) v.destroy();
  views = [];
});
function make(root: HTMLElement, options: Parameters<typeof createArcDiagram>[2] = {}, ds = seed): ArcView {
  const view = createArcDiagram(root, ds, { width: 900, height: 460, ...options });
  views.push(view);
  return view;
}
const node = (root: Element, id: string) => root.querySelector(`g.et-node[data-actor-id="${id}"]`) as SVGGElement;
const tip = (root: Element) => root.querySelector('[role="tooltip"]') as HTMLElement;

describe('createArcDiagram', () => {
  it('draws the same arcs and actors as the static arc diagram, actors as toggle buttons', () => {
    const root = container();
    const view = make(root);
    const stat = renderArcSVG({ document: dom.window.document, measureText: estimateTextWidth, idPrefix: 's' }, seed, { width: 900, height: 460 });
    const attrs = (el: Element, sel: string, names: string[]) => [...el.querySelectorAll(sel)].map((c) => names.map((a) => c.getAttribute(a)).join('|'));
    expect(attrs(view.node, 'path.et-edge', ['d', 'data-relation', 'stroke-width'])).toEqual(attrs(stat, 'path.et-edge', ['d', 'data-relation', 'stroke-width']));
    expect(attrs(view.node, 'g.et-node', ['transform', 'data-actor-id', 'aria-label'])).toEqual(attrs(stat, 'g.et-node', ['transform', 'data-actor-id', 'aria-label']));
    for (const n of root.querySelectorAll('g.et-node')) {
      expect(n.getAttribute('role')).toBe('button');
      expect(n.getAttribute('aria-pressed')).toBe('false');
      expect(n.getAttribute('tabindex')).toBe('0');
    }
    // Arcs are reachable through the keyboard and the table, not as unreachable images.
    expect(root.querySelector('g.et-edges')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('emits a hovered actor, lights its arcs and dims the rest', () => {
    const root = container();
    const view = make(root);
    const patches: Partial<ViewState>[] = [];
    view.on('statechange', (p) => patches.push(p));
    fire(dom, node(root, 'john-kirby'), 'pointerover');
    expect(patches).toEqual([{ hoveredActor: 'john-kirby' }]);
    expect(tip(root).textContent).toMatch(/John Kirby.*person.*\d+ events?/s);
    for (const e of root.querySelectorAll('g.et-edges path.et-edge')) {
      const touches = e.getAttribute('data-source') === 'john-kirby' || e.getAttribute('data-target') === 'john-kirby';
      expect(e.classList.contains('et-highlight')).toBe(touches);
      expect(e.classList.contains('et-dim')).toBe(!touches);
    }
    fire(dom, node(root, 'john-kirby'), 'pointerout');
    expect(patches.at(-1)).toEqual({ hoveredActor: null });
    expect(root.querySelectorAll('.et-dim')).toHaveLength(0);
  });

  it('shows an arc’s events with dates at their own precision and only safe links', () => {
    const root = container();
    make(root, { width: 500, height: 300 }, hostile());
    const arc = [...root.querySelectorAll('path.et-edge')].find((e) => e.getAttribute('data-source') === 'a' && e.getAttribute('data-target') === 'b')!;
    fire(dom, arc, 'pointerover');
    const t = tip(root);
    expect(t.hidden).toBe(false);
    expect(t.textContent).toContain('March 2024: <img');
    expect(t.querySelector('img')).toBeNull();
    expect([...t.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://example.org/m2']);
  });

  it('follows selection, hover and event selection from outside', () => {
    const root = container();
    const view = make(root);
    let emitted = 0;
    view.on('statechange', () => emitted++);
    view.setState(patchViewState(EMPTY_VIEW_STATE, { selectedActor: 'russia', selectedEvent: 'kharkiv-strike' }));
    expect(node(root, 'russia').getAttribute('aria-pressed')).toBe('true');
    expect(node(root, 'russia').classList.contains('et-selected')).toBe(true);
    const marked = [...root.querySelectorAll('path.et-edge.et-selected')];
    expect(marked.length).toBeGreaterThan(0);
    for (const e of marked) expect(view.layout.edges.find((x) => x.id === e.getAttribute('data-relation'))!.events).toContain('kharkiv-strike');
    expect(emitted).toBe(0);
  });

  it("keeps another view's selected event's participants clear and dims the rest, as the network does", () => {
    const root = container();
    const view = make(root);
    view.setState(patchViewState(EMPTY_VIEW_STATE, { selectedEvent: 'kharkiv-strike' }));
    const participants = new Set(seed.event('kharkiv-strike')!.participants.map((p) => p.actor));
    const drawn = [...root.querySelectorAll('g.et-node')];
    expect(drawn.some((n) => participants.has(n.getAttribute('data-actor-id')!))).toBe(true);
    for (const n of drawn) expect(n.classList.contains('et-dim')).toBe(!participants.has(n.getAttribute('data-actor-id')!));
    // A hovered event alone lights its participants and dims nothing.
    view.setState(patchViewState(EMPTY_VIEW_STATE, { hoveredEvent: 'kharkiv-strike' }));
    expect(root.querySelectorAll('g.et-node.et-dim')).toHaveLength(0);
    expect(node(root, 'russia').classList.contains('et-highlight')).toBe(true);
  });

  it('keeps actors in place and shows only arcs of the window', () => {
    const root = container();
    const view = make(root);
    const places = view.layout.nodes.map((n) => `${n.id}@${n.x}`);
    const before = root.querySelectorAll('g.et-edges path.et-edge').length;
    view.setState(patchViewState(view.getState(), { window: [Date.UTC(2023, 0, 1), Date.UTC(2023, 11, 31)] }));
    const after = root.querySelectorAll('g.et-edges path.et-edge').length;
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    expect(view.layout.nodes.map((n) => `${n.id}@${n.x}`)).toEqual(places);
    expect(root.querySelector('caption')!.textContent).toContain('selected period');
  });

  it('moves along the line with Left and Right and along relations with ] and [', () => {
    const root = container();
    const view = make(root);
    const order = view.layout.nodes.map((n) => n.id);
    node(root, order[0]!).focus();
    expect(view.getState().hoveredActor).toBe(order[0]);
    expect(key(dom, node(root, order[0]!), 'ArrowRight')).toBe(true);
    expect(dom.window.document.activeElement!.getAttribute('data-actor-id')).toBe(order[1]);
    key(dom, node(root, order[1]!), 'ArrowLeft');
    expect(dom.window.document.activeElement!.getAttribute('data-actor-id')).toBe(order[0]);
    key(dom, node(root, order[0]!), 'End');
    expect(dom.window.document.activeElement!.getAttribute('data-actor-id')).toBe(order.at(-1));
    node(root, 'north-korea').focus();
    key(dom, node(root, 'north-korea'), ']');
    const other = dom.window.document.activeElement!.getAttribute('data-actor-id')!;
    expect(view.layout.edges.some((e) => (e.source === 'north-korea' && e.target === other) || (e.target === 'north-korea' && e.source === other))).toBe(true);
    expect(tip(root).textContent).toContain('North Korea');
    key(dom, node(root, other), 'Enter');
    expect(view.getState().selectedActor).toBe(other);
    key(dom, node(root, other), 'Escape');
    expect(view.getState().selectedActor).toBeNull();
  });

  it('cuts labels that would run into the legend, keeping the full name on the actor', () => {
    const root = container();
    make(root, { height: 300 });
    const label = root.querySelector('text.et-label[data-actor-id="white-house-nsc"]')!;
    expect(label.textContent).toMatch(/…$/);
    expect(node(root, 'white-house-nsc').getAttribute('aria-label')).toContain(seed.actor('white-house-nsc')!.name);
  });

  it('toggles the selection on click', () => {
    const root = container();
    const view = make(root);
    fire(dom, node(root, 'ukraine'), 'click');
    expect(view.getState().selectedActor).toBe('ukraine');
    fire(dom, node(root, 'ukraine'), 'click');
    expect(view.getState().selectedActor).toBeNull();
  });

  it('links with a matrix: hovering an actor in one lights it in the other', () => {
    const root = container();
    const arc = make(root);
    const matrix = createMatrix(root, seed, { width: 500, height: 500 });
    views.push(matrix);
    const link = linkViews([arc, matrix]);
    fire(dom, node(root, 'ukraine'), 'pointerover');
    expect(link.getState().hoveredActor).toBe('ukraine');
    expect(matrix.getState().hoveredActor).toBe('ukraine');
    expect(root.querySelector('.et-matrix-view text.et-row-label[data-actor-id="ukraine"]')!.classList.contains('et-highlight')).toBe(true);
    const cell = root.querySelector('.et-matrix-view rect.et-cell[data-source="north-korea"][data-target="russia"]')!;
    fire(dom, cell, 'click');
    expect(arc.getState().selectedActor).toBe('north-korea');
    expect(node(root, 'north-korea').getAttribute('aria-pressed')).toBe('true');
    link.destroy();
  });

  it('removes its elements and listeners when destroyed', () => {
    const root = container();
    const view = make(root);
    let emitted = 0;
    view.on('statechange', () => emitted++);
    const n = node(root, 'russia');
    view.destroy();
    expect(root.children).toHaveLength(0);
    fire(dom, n, 'pointerover');
    fire(dom, n, 'click');
    expect(emitted).toBe(0);
  });
});
