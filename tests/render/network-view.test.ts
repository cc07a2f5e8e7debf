import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/model/parse.js';
import { createNetwork } from '../../src/render/network/view.js';
import type { NetworkView } from '../../src/render/network/view.js';
import type { ViewState } from '../../src/link/state.js';
import { EMPTY_VIEW_STATE } from '../../src/link/state.js';
import { actor, dataset, event, smallWorld } from '../layout/network-fixture.js';
import { buildNetwork } from '../../src/layout/network.js';
import { layoutForce } from '../../src/layout/force.js';

const seed = parseDataset(JSON.parse(readFileSync(new URL('../../examples/data/korea-russia-2024.json', import.meta.url), 'utf8')));

// One document for the file (creating a JSDOM costs more than the tests); each test gets a fresh container.
const dom = new JSDOM('<!doctype html><body></body>', { pretendToBeVisual: true });
let views: NetworkView[] = [];
function setup(): HTMLElement {
  dom.window.document.body.replaceChildren();
  const root = dom.window.document.createElement('div');
  dom.window.document.body.append(root);
  return root;
}
afterEach(() => {
  for (const v of views) v.destroy();
  views = [];
});
// Small graphs are laid out at once unless the budget runs out, which depends on the machine:
// the tests that are not about slicing make it unlimited, so they see the same view every run.
function make(container: HTMLElement, options: Parameters<typeof createNetwork>[2] = {}, ds = seed): NetworkView {
  const view = createNetwork(container, ds, { width: 640, height: 480, transitionDuration: 0, layoutBudget: Infinity, ...options });
  views.push(view);
  return view;
}
const edgeIds = (root: Element) => [...root.querySelectorAll('.et-edges path.et-edge:not(.et-exiting)')].map((e) => e.getAttribute('data-relation')).sort();

describe('createNetwork', () => {
  it('draws one focusable node per actor inside the container', () => {
    const root = setup();
    const view = make(root);
    expect(root.contains(view.node)).toBe(true);
    expect(root.querySelectorAll('g.et-node[tabindex]').length).toBe(view.graph.nodes.length);
    expect(view.renderer).toBe('svg');
  });

  it('keeps one Tab stop among the nodes, in a named group, and moves it to the last actor focused', () => {
    const root = setup();
    const view = make(root);
    const group = root.querySelector('g.et-nodes')!;
    expect(group.getAttribute('role')).toBe('group');
    expect(group.getAttribute('aria-label')).toMatch(/^Actors\b/);
    // The group listens for focus; without tabindex -1 Chromium would make it a Tab stop.
    expect(group.getAttribute('tabindex')).toBe('-1');
    const stops = () => [...root.querySelectorAll('g.et-node[tabindex="0"]')].map((n) => n.getAttribute('data-actor-id'));
    const top = [...view.layout.nodes].sort((a, b) => b.involvement - a.involvement)[0]!;
    expect(stops()).toEqual([top.id]);
    for (const node of root.querySelectorAll('g.et-node')) expect(node.getAttribute('aria-label')).toMatch(/\S/);
    const other = view.layout.nodes.find((n) => n.id !== top.id)!;
    (root.querySelector(`g.et-node[data-actor-id="${other.id}"]`) as unknown as HTMLElement).focus();
    expect(stops()).toEqual([other.id]);
    // A new window redraws the nodes; the stop stays where the reader left it.
    view.setState({ ...view.getState(), window: [Date.UTC(2024, 0, 1), Date.UTC(2024, 11, 31)] });
    expect(stops()).toEqual([other.id]);
  });

  it('highlights the participants of an event selected in another view and the relations it contributes to', () => {
    const root = setup();
    const view = make(root);
    let emitted = 0;
    view.on('statechange', () => emitted++);
    const chosen = seed.events.find((e) => e.participants.length >= 2 && view.graph.edges.some((x) => x.events.includes(e.id)))!;
    const inIt = new Set(chosen.participants.map((p) => p.actor));
    view.setState({ ...EMPTY_VIEW_STATE, selectedEvent: chosen.id });
    expect(emitted).toBe(0);
    for (const node of root.querySelectorAll('g.et-node')) {
      const id = node.getAttribute('data-actor-id')!;
      expect({ id, dim: node.classList.contains('et-dim') }).toEqual({ id, dim: !inIt.has(id) });
    }
    const edges = [...root.querySelectorAll('.et-edges path.et-edge')] as unknown as { __data__: { events: string[] }; classList: DOMTokenList }[];
    expect(edges.some((e) => e.__data__.events.includes(chosen.id))).toBe(true);
    for (const edge of edges) {
      const contributes = edge.__data__.events.includes(chosen.id);
      expect(edge.classList.contains('et-selected')).toBe(contributes);
      expect(edge.classList.contains('et-dim')).toBe(!contributes);
    }
    // Clearing the event undoes every mark.
    view.setState({ ...EMPTY_VIEW_STATE });
    expect(root.querySelectorAll('.et-dim, .et-selected').length).toBe(0);
  });

  it('highlights a hovered event more lightly: its participants and relations light up, nothing dims', () => {
    const root = setup();
    const view = make(root);
    const chosen = seed.events.find((e) => e.participants.length >= 2 && view.graph.edges.some((x) => x.events.includes(e.id)))!;
    const inIt = new Set(chosen.participants.map((p) => p.actor));
    view.setState({ ...EMPTY_VIEW_STATE, hoveredEvent: chosen.id });
    expect(root.querySelectorAll('.et-dim, .et-selected').length).toBe(0);
    const lit = [...root.querySelectorAll('g.et-node.et-highlight')].map((n) => n.getAttribute('data-actor-id')!);
    expect(new Set(lit)).toEqual(new Set([...inIt].filter((id) => view.graph.nodes.some((n) => n.id === id))));
    for (const edge of root.querySelectorAll('.et-edges path.et-edge') as unknown as Iterable<{ __data__: { events: string[] }; classList: DOMTokenList }>) {
      expect(edge.classList.contains('et-highlight')).toBe(edge.__data__.events.includes(chosen.id));
    }
    // A hovered actor on top dims the rest but keeps the hovered event's participants clear.
    const outsider = view.graph.nodes.find((n) => !inIt.has(n.id))!;
    view.setState({ ...view.getState(), hoveredActor: outsider.id });
    for (const id of inIt) {
      const node = root.querySelector(`g.et-node[data-actor-id="${id}"]`);
      if (node) expect(node.classList.contains('et-dim')).toBe(false);
    }
  });

  it('clears a selected event, like a selected actor, with Escape', () => {
    const root = setup();
    const view = make(root);
    const patches: Partial<ViewState>[] = [];
    view.on('statechange', (p) => patches.push(p));
    view.setState({ ...EMPTY_VIEW_STATE, selectedEvent: seed.events[0]!.id });
    const node = root.querySelector('g.et-node') as unknown as HTMLElement;
    node.focus();
    node.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(view.getState().selectedEvent).toBe(null);
    expect(patches.at(-1)).toEqual({ selectedActor: null, selectedEvent: null, hoveredActor: null });
  });

  it('describes a window open at one end as "from" or "until" a day', () => {
    for (const [state, text] of [
      [{ window: [Date.UTC(2024, 5, 1), Infinity] }, 'from 2024-06-01.'],
      [{ window: [-Infinity, Date.UTC(2024, 5, 1)] }, 'until 2024-06-01.'],
    ] as const) {
      const root = setup();
      const view = make(root, { state });
      expect(view.node.querySelector('desc')!.textContent).toContain(text);
      view.setState({ ...view.getState(), window: [Date.UTC(2024, 0, 1), Infinity] });
      expect(view.node.querySelector('desc')!.textContent).toContain('from 2024-01-01.');
      expect(make(setup(), { state, renderer: 'canvas' }).node.querySelector('canvas')!.getAttribute('aria-label')).toContain(text);
    }
  });

  it('emits a statechange with the hovered actor and dims non-neighbours', () => {
    const root = setup();
    const view = make(root);
    const patches: Partial<ViewState>[] = [];
    view.on('statechange', (p) => patches.push(p));
    const node = root.querySelector('g.et-node[data-actor-id="north-korea"]')!;
    node.dispatchEvent(new dom.window.PointerEvent('pointerover', { bubbles: true }));
    expect(patches).toEqual([{ hoveredActor: 'north-korea' }]);
    expect(view.getState().hoveredActor).toBe('north-korea');
    expect(node.classList.contains('et-highlight')).toBe(true);
    const neighbours = new Set(view.graph.edges.filter((e) => e.source === 'north-korea' || e.target === 'north-korea').flatMap((e) => [e.source, e.target]));
    for (const other of root.querySelectorAll('g.et-node')) {
      const id = other.getAttribute('data-actor-id')!;
      expect(other.classList.contains('et-dim')).toBe(!neighbours.has(id) && id !== 'north-korea');
    }
    node.dispatchEvent(new dom.window.PointerEvent('pointerout', { bubbles: true }));
    expect(patches.at(-1)).toEqual({ hoveredActor: null });
  });

  it('shows a tooltip with the actor kind and event count on hover', () => {
    const root = setup();
    make(root);
    root.querySelector('g.et-node[data-actor-id="john-kirby"]')!.dispatchEvent(new dom.window.PointerEvent('pointerover', { bubbles: true }));
    const tip = root.querySelector('[role="tooltip"]') as HTMLElement;
    expect(tip.hidden).toBe(false);
    expect(tip.textContent).toContain('John Kirby');
    expect(tip.textContent).toMatch(/person.*\d+ events?/s);
  });

  it('shows the events behind an edge with safe source links', () => {
    const root = setup();
    make(root);
    const edge = root.querySelector('.et-edges path.et-edge-relation')!;
    edge.dispatchEvent(new dom.window.PointerEvent('pointerover', { bubbles: true }));
    const tip = root.querySelector('[role="tooltip"]') as HTMLElement;
    expect(tip.hidden).toBe(false);
    for (const a of tip.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^(https?|mailto):/);
  });

  it('selects on click and clears on a second click', () => {
    const root = setup();
    const view = make(root);
    const node = root.querySelector('g.et-node[data-actor-id="russia"]')!;
    node.dispatchEvent(new dom.window.MouseEvent('click', { bubbles: true }));
    expect(view.getState().selectedActor).toBe('russia');
    expect(node.classList.contains('et-selected')).toBe(true);
    expect([node.getAttribute('role'), node.getAttribute('aria-pressed')]).toEqual(['button', 'true']);
    node.dispatchEvent(new dom.window.MouseEvent('click', { bubbles: true }));
    expect(view.getState().selectedActor).toBeNull();
  });

  it('changes which edges exist for a new window while nodes keep their places', () => {
    const root = setup();
    const view = make(root);
    const allEdges = edgeIds(root);
    const before = view.layout.nodes.map((n) => [n.id, n.x, n.y] as const);
    const window = [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 31)] as const;
    view.setState({ ...EMPTY_VIEW_STATE, window });
    const inWindow = edgeIds(root);
    expect(inWindow).not.toEqual(allEdges);
    expect(inWindow).toEqual(view.graph.edges.map((e) => e.id).sort());
    expect(view.graph.nodes.length).toBe(before.length);
    const after = new Map(view.layout.nodes.map((n) => [n.id, n]));
    const drift = before.reduce((s, [id, x, y]) => s + Math.hypot(after.get(id)!.x - x, after.get(id)!.y - y), 0) / before.length;
    expect(drift).toBeLessThan(40);
  });

  it('marks leaving edges and fades them when transitions are on', () => {
    const root = setup();
    const view = make(root, { transitionDuration: 200 });
    view.setState({ ...EMPTY_VIEW_STATE, window: [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 31)] });
    expect(root.querySelectorAll('.et-edges path.et-exiting').length).toBeGreaterThan(0);
  });

  it('follows hovered and selected actors set from outside without emitting', () => {
    const root = setup();
    const view = make(root);
    let emitted = 0;
    view.on('statechange', () => emitted++);
    view.setState({ ...EMPTY_VIEW_STATE, selectedActor: 'japan' });
    expect(root.querySelector('g.et-node[data-actor-id="japan"]')!.classList.contains('et-selected')).toBe(true);
    expect(emitted).toBe(0);
  });

  it('moves keyboard focus to the nearest actor in the arrow direction', () => {
    const root = setup();
    const view = make(root);
    const start = view.layout.nodes.find((n) => n.id === 'north-korea')!;
    const node = root.querySelector('g.et-node[data-actor-id="north-korea"]') as unknown as HTMLElement;
    node.focus();
    node.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    const now = dom.window.document.activeElement!.getAttribute('data-actor-id')!;
    expect(now).not.toBe('north-korea');
    expect(view.layout.nodes.find((n) => n.id === now)!.x).toBeGreaterThan(start.x);
  });

  it('follows relations to neighbours with ] and selects with Enter', () => {
    const root = setup();
    const view = make(root);
    const node = root.querySelector('g.et-node[data-actor-id="north-korea"]') as unknown as HTMLElement;
    node.focus();
    node.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: ']', bubbles: true }));
    const now = dom.window.document.activeElement!.getAttribute('data-actor-id')!;
    expect(view.graph.edges.some((e) => (e.source === 'north-korea' && e.target === now) || (e.target === 'north-korea' && e.source === now))).toBe(true);
    dom.window.document.activeElement!.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(view.getState().selectedActor).toBe(now);
  });

  it('pins a node where it is put and reroutes its edges', () => {
    const root = setup();
    const view = make(root, {}, smallWorld());
    view.pin('kp', 100, 120);
    expect(root.querySelector('g.et-node[data-actor-id="kp"]')!.getAttribute('transform')).toBe('translate(100,120)');
    const edge = view.layout.edges.find((e) => e.target === 'kp' && e.source === 'us')!;
    expect(Math.hypot(edge.x2 - 100, edge.y2 - 120)).toBeLessThan(30);
    view.setState({ ...EMPTY_VIEW_STATE, window: [Date.UTC(2024, 5, 1), Date.UTC(2024, 11, 31)] });
    const kp = view.layout.nodes.find((n) => n.id === 'kp')!;
    expect([kp.x, kp.y]).toEqual([100, 120]);
  });

  it('drives the window from its built-in time slider', () => {
    const root = setup();
    const view = make(root, { timeSlider: true });
    const patches: Partial<ViewState>[] = [];
    view.on('statechange', (p) => patches.push(p));
    const [from] = root.querySelectorAll<HTMLInputElement>('.et-time-slider input[type="range"]');
    from!.value = String(Date.UTC(2024, 0, 10));
    from!.dispatchEvent(new dom.window.Event('input'));
    expect(patches.at(-1)?.window?.[0]).toBe(Date.UTC(2024, 0, 10));
    expect(view.getState().window).not.toBeNull();
  });

  it('keeps a hidden table of the relations, drawn after the chart', async () => {
    const root = setup();
    const view = make(root);
    await view.ready;
    const rows = root.querySelectorAll('table.et-table tbody tr');
    expect(rows.length).toBe(view.graph.edges.length);
  });

  it('draws on a canvas above the threshold and hit-tests nodes with a quadtree', () => {
    const root = setup();
    const view = make(root, { renderer: 'canvas' });
    expect(view.renderer).toBe('canvas');
    const canvas = root.querySelector('canvas')!;
    expect(root.querySelectorAll('g.et-node').length).toBe(0);
    const target = view.layout.nodes.find((n) => n.id === 'russia')!;
    const patches: Partial<ViewState>[] = [];
    view.on('statechange', (p) => patches.push(p));
    // jsdom has no layout: the canvas sits at (0, 0), so client coordinates are layout coordinates.
    canvas.dispatchEvent(new dom.window.MouseEvent('pointermove', { clientX: target.x, clientY: target.y }) as unknown as Event);
    expect(patches).toEqual([{ hoveredActor: 'russia' }]);
    // Keyboard: focusing the canvas lands on the most involved actor; arrows move from there.
    canvas.focus();
    const top = [...view.layout.nodes].sort((a, b) => b.involvement - a.involvement)[0]!;
    expect(patches.at(-1)).toEqual({ hoveredActor: top.id });
    canvas.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    const next = view.layout.nodes.find((n) => n.id === patches.at(-1)!.hoveredActor)!;
    expect(next.x).toBeLessThan(top.x);
  });

  it('removes every element and listener on destroy', () => {
    const root = setup();
    const view = make(root, { timeSlider: true });
    const patches: unknown[] = [];
    view.on('statechange', (p) => patches.push(p));
    const node = root.querySelector('g.et-node')!;
    view.destroy();
    views = [];
    expect(root.children.length).toBe(0);
    node.dispatchEvent(new dom.window.PointerEvent('pointerover', { bubbles: true }));
    expect(patches).toEqual([]);
    view.setState({ ...EMPTY_VIEW_STATE, selectedActor: 'japan' });
    expect(view.getState().selectedActor).toBeNull();
  });

  it('makes actors toggle buttons and leaves the unfocusable edges to the relations table', () => {
    const root = setup();
    make(root);
    for (const node of root.querySelectorAll('g.et-node')) {
      expect([node.getAttribute('role'), node.getAttribute('aria-pressed')]).toEqual(['button', 'false']);
      expect(node.getAttribute('aria-label')).toBeTruthy();
    }
    expect(root.querySelector('g.et-edges')!.getAttribute('aria-hidden')).toBe('true');
    for (const edge of root.querySelectorAll('path.et-edge')) expect(edge.hasAttribute('aria-label')).toBe(false);
  });

  it('draws big graphs at once, lays them out in slices and resolves ready when settled', async () => {
    const root = setup();
    const progress: string[] = [];
    const view = make(root, { chunkThreshold: 5, renderer: 'svg', onLayoutProgress: (p) => progress.push(p.phase ?? '') });
    // At once: the empty chart says it is busy; the graph is built in tasks of its own.
    expect(view.graph.nodes.length).toBe(0);
    expect(root.querySelectorAll('g.et-node').length).toBe(0);
    expect(view.node.getAttribute('aria-busy')).toBe('true');
    expect(view.node.querySelector('desc')!.textContent).toBe(`Building the network of ${seed.actors.length} actors…`);
    // Then every actor is drawn (a placeholder) before any relation, while the layout runs.
    await new Promise<void>((resolve) => {
      const poll = (): void => (view.graph.nodes.length ? resolve() : void setTimeout(poll, 1));
      poll();
    });
    expect(root.querySelectorAll('g.et-node').length).toBe(seed.actors.length);
    expect(root.querySelectorAll('.et-edges path.et-edge').length).toBe(0);
    expect(view.node.getAttribute('aria-busy')).toBe('true');
    await view.ready;
    expect(view.node.querySelector('desc')!.textContent).toMatch(/^\d+ actors and \d+ relations/);
    expect(view.node.hasAttribute('aria-busy')).toBe(false);
    expect(root.querySelectorAll('.et-edges path.et-edge').length).toBe(view.graph.edges.length);
    expect(view.layout.ticks).toBeGreaterThan(0);
    expect(progress).toContain('ticks');
    expect(progress.at(-1)).toBe('done');
    expect(root.querySelectorAll('table.et-table tbody tr').length).toBe(view.graph.edges.length);
  });
  it('builds a big graph for the window and dataset given while it was being built', async () => {
    const root = setup();
    const view = make(root, { chunkThreshold: 5, renderer: 'canvas' });
    const window = [Date.UTC(2024, 0, 1), Date.UTC(2024, 2, 31)] as const;
    view.setState({ ...view.getState(), window });
    await view.ready;
    expect(view.graph.window).toEqual(window);
    expect(view.graph).toEqual(buildNetwork(seed, { window }));
    expect(view.layout.nodes.length).toBe(seed.actors.length);
    // Destroyed while building: nothing is built any more, and whoever awaits ready is released.
    const gone = make(setup(), { chunkThreshold: 5, renderer: 'canvas' });
    gone.destroy();
    await gone.ready;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gone.graph.nodes.length).toBe(0);
  });

  it('lays a small graph out in slices once its budget is spent, ending where a synchronous layout ends', async () => {
    const sync = make(setup(), { layoutBudget: Infinity });
    const expected = sync.layout.nodes.map((n) => [n.id, n.x, n.y]);
    const root = setup();
    const progress: string[] = [];
    // What was on screen while the simulation ticked: the warm start, with every actor.
    const during: { nodes: number; ticks: number }[] = [];
    const view: NetworkView = make(root, {
      layoutBudget: 0,
      onLayoutProgress: (p) => {
        progress.push(p.phase ?? '');
        if (p.phase === 'ticks') during.push({ nodes: root.querySelectorAll('g.et-node').length, ticks: view.layout.ticks });
      },
    });
    // At once: the view says it is busy; the layout starts in a task of its own.
    expect(view.node.getAttribute('aria-busy')).toBe('true');
    expect(progress).toEqual([]);
    await view.ready;
    expect(during.length).toBeGreaterThan(1);
    expect(during.slice(1).every((d) => d.nodes === view.graph.nodes.length && d.ticks === 0)).toBe(true);
    expect(view.node.hasAttribute('aria-busy')).toBe(false);
    expect(progress.at(-1)).toBe('done');
    expect(view.layout.nodes.map((n) => [n.id, n.x, n.y])).toEqual(expected);
    expect(edgeIds(root)).toEqual(view.graph.edges.map((e) => e.id).sort());
  });

  it('follows a moving window without running the layout, and continues it once the window settles', async () => {
    const root = setup();
    const view = make(root, { settleDelay: 30 });
    const before = view.layout.nodes.map((n) => [n.id, n.x, n.y] as const);
    const ticks = view.layout.ticks;
    for (const month of [0, 1, 2, 3]) {
      view.setState({ ...view.getState(), window: [Date.UTC(2024, month, 1), Date.UTC(2024, month + 2, 1)] });
      // Every step: the window's edges at once, nodes exactly where they were, no simulation run.
      expect(edgeIds(root)).toEqual(view.graph.edges.map((e) => e.id).sort());
      expect(view.layout.nodes.map((n) => [n.id, n.x, n.y])).toEqual(before);
      expect(view.layout.ticks).toBe(ticks);
      expect(view.node.getAttribute('aria-busy')).toBe('true');
    }
    await view.ready;
    expect(view.node.hasAttribute('aria-busy')).toBe(false);
    // Then the layout continued from the kept positions, once, for the last window.
    const initial = new Map(before.map(([id, x, y]) => [id, { x, y }]));
    const continued = layoutForce(buildNetwork(seed, { window: view.getState().window }), { width: 640, height: 480 - 28, seed: 1, initial, labels: false });
    expect(view.layout.nodes.map((n) => [n.id, n.x, n.y])).toEqual(continued.nodes.map((n) => [n.id, n.x, n.y]));
    expect(view.layout.nodes.map((n) => [n.id, n.x, n.y])).not.toEqual(before);
    expect(root.querySelectorAll('table.et-table tbody tr').length).toBe(view.graph.edges.length);
  });

  it('restyles nodes for the window at once: actors without events in it are drawn inactive', () => {
    const root = setup();
    const view = make(root, { settleDelay: 10_000 }, smallWorld());
    view.setState({ ...view.getState(), window: [Date.UTC(2024, 5, 1), Date.UTC(2024, 5, 30)] });
    const inactive = [...root.querySelectorAll('g.et-node.et-inactive')].map((n) => n.getAttribute('data-actor-id')).sort();
    expect(inactive).toEqual(view.graph.nodes.filter((n) => !n.active).map((n) => n.id).sort());
    expect(inactive).toContain('us');
    expect(inactive).not.toContain('kp');
  });

  it('redraws the legend when update() brings other kinds of actors', async () => {
    const root = setup();
    const states = dataset([actor('a'), actor('b')], [event('e1', '2024-01-10', [['a', 'source'], ['b', 'target']])]);
    const view = make(root, {}, states);
    const kinds = (): string[] => [...root.querySelectorAll('g.et-legend .et-legend-item[class*="et-kind-"]')].map((g) => g.getAttribute('class')!.replace('et-legend-item et-kind-', ''));
    expect(kinds()).toEqual(['state']);
    view.update(dataset([actor('a'), actor('b'), actor('c', 'person')], [event('e1', '2024-01-10', [['a', 'source'], ['b', 'target']]), event('e2', '2024-02-10', [['c', 'participant'], ['a', 'participant']])]));
    expect(kinds()).toEqual(['state', 'person']);
    expect(root.querySelectorAll('g.et-legend').length).toBe(1);
    await view.ready;
    expect(root.querySelectorAll('g.et-node').length).toBe(3);
  });
});
