import { afterEach, describe, expect, it } from 'vitest';
import { createEgoNetwork } from '../../src/render/network/ego-view.js';
import type { EgoView } from '../../src/render/network/ego-view.js';
import { EMPTY_VIEW_STATE, patchViewState } from '../../src/link/state.js';
import type { ViewState } from '../../src/link/state.js';
import { fire, hostile, key, makeDom, seed } from './relation-view-fixture.js';

const { dom, container } = makeDom();
let views: EgoView[] = [];
afterEach(() => {
  for (const v of views) v.destroy();
  views = [];
});
function make(root: HTMLElement, options: Partial<Parameters<typeof createEgoNetwork>[2]> = {}, ds = seed): EgoView {
  const view = createEgoNetwork(root, ds, { actor: 'north-korea', width: 600, height: 600, ...options });
  views.push(view);
  return view;
}
const node = (root: Element, id: string) => root.querySelector(`g.et-node[data-actor-id="${id}"]`) as SVGGElement;
const active = () => dom.window.document.activeElement!.getAttribute('data-actor-id');
const tip = (root: Element) => root.querySelector('[role="tooltip"]') as HTMLElement;

describe('createEgoNetwork', () => {
  it('puts the actor in the centre with rings of neighbours, each a labelled toggle button', () => {
    const root = container();
    const view = make(root);
    const centre = view.layout.nodes.find((n) => n.depth === 0)!;
    expect(centre.id).toBe('north-korea');
    expect(node(root, 'north-korea').classList.contains('et-centre')).toBe(true);
    expect(root.querySelectorAll('circle.et-ring').length).toBe(view.layout.rings.length);
    expect(root.querySelectorAll('g.et-node').length).toBe(view.layout.nodes.length);
    for (const n of root.querySelectorAll('g.et-node')) {
      expect(n.getAttribute('role')).toBe('button');
      expect(n.getAttribute('aria-label')).toMatch(/, (state|person|organisation|group|other), .*\d+ events?$/);
    }
    expect(root.querySelector('svg > title')!.textContent).toBe('North Korea: ego network');
  });

  it('requires a known actor', () => {
    expect(() => createEgoNetwork(container(), seed, {} as never)).toThrow(TypeError);
    expect(() => createEgoNetwork(container(), seed, { actor: 'atlantis' })).toThrow(/"atlantis" is not in the network/);
  });

  it('emits hover and selection and shows the actor tooltip', () => {
    const root = container();
    const view = make(root);
    const patches: Partial<ViewState>[] = [];
    view.on('statechange', (p) => patches.push(p));
    fire(dom, node(root, 'russia'), 'pointerover');
    fire(dom, node(root, 'russia'), 'click');
    expect(patches).toEqual([{ hoveredActor: 'russia' }, { selectedActor: 'russia' }]);
    expect(tip(root).textContent).toMatch(/Russia.*state/s);
    expect(node(root, 'russia').getAttribute('aria-pressed')).toBe('true');
  });

  it('follows hover from outside, dimming actors that are not neighbours', () => {
    const root = container();
    const view = make(root);
    view.setState(patchViewState(EMPTY_VIEW_STATE, { hoveredActor: 'john-kirby' }));
    const lit = new Set(['john-kirby', ...view.layout.edges.filter((e) => e.source === 'john-kirby' || e.target === 'john-kirby').flatMap((e) => [e.source, e.target])]);
    for (const n of root.querySelectorAll('g.et-node')) expect(n.classList.contains('et-dim')).toBe(!lit.has(n.getAttribute('data-actor-id')!));
  });

  it('shows an edge’s events with only safe links', () => {
    const root = container();
    make(root, { actor: 'a', width: 400, height: 400 }, hostile());
    const edge = [...root.querySelectorAll('path.et-edge')].find((e) => e.getAttribute('data-source') === 'a')!;
    fire(dom, edge, 'pointerover');
    const t = tip(root);
    expect(t.textContent).toContain('March 2024');
    expect([...t.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://example.org/m2']);
  });

  it('moves around a ring with Left and Right, inwards with Up and outwards with Down', () => {
    const root = container();
    const view = make(root);
    node(root, 'north-korea').focus();
    key(dom, node(root, 'north-korea'), 'ArrowDown');
    const first = active()!;
    expect(view.layout.nodes.find((n) => n.id === first)!.depth).toBe(1);
    const ring = view.layout.nodes.filter((n) => n.depth === 1);
    key(dom, node(root, first), 'ArrowRight');
    const second = active()!;
    expect(second).not.toBe(first);
    expect(ring.map((n) => n.id)).toContain(second);
    key(dom, node(root, second), 'ArrowLeft');
    expect(active()).toBe(first);
    // Left from the first of the ring wraps around to the last.
    key(dom, node(root, first), 'ArrowLeft');
    expect(ring.map((n) => n.id)).toContain(active());
    key(dom, node(root, active()!), 'ArrowUp');
    expect(active()).toBe('north-korea');
    const outer = view.layout.nodes.find((n) => n.depth === 2);
    if (outer) {
      node(root, outer.id).focus();
      key(dom, node(root, outer.id), 'ArrowUp');
      expect(active()).toBe(outer.parent);
    }
  });

  it('re-centres on another actor and on double-click', () => {
    const root = container();
    const view = make(root);
    view.setActor('russia');
    expect(view.actor).toBe('russia');
    expect(view.layout.nodes.find((n) => n.depth === 0)!.id).toBe('russia');
    expect(root.querySelector('svg > title')!.textContent).toBe('Russia: ego network');
    fire(dom, node(root, 'ukraine'), 'dblclick');
    expect(view.actor).toBe('ukraine');
    expect(() => view.setActor('atlantis')).toThrow(RangeError);
  });

  it('follows the window: only relations with events in it', () => {
    const root = container();
    const view = make(root);
    const before = view.layout.nodes.length;
    view.setState(patchViewState(view.getState(), { window: [Date.UTC(2023, 0, 1), Date.UTC(2023, 11, 31)] }));
    expect(view.layout.nodes.length).toBeLessThan(before);
    expect(view.layout.nodes.map((n) => n.id)).toContain('russia');
    expect(root.querySelectorAll('g.et-node').length).toBe(view.layout.nodes.length);
  });

  it('centres on the first actor left when an update drops the centre', () => {
    const root = container();
    const view = make(root);
    view.update(hostile());
    expect(view.actor).toBe('a');
    expect([...root.querySelectorAll('g.et-node')].map((n) => n.getAttribute('data-actor-id')).sort()).toEqual(['a', 'b', 'c']);
  });

  it('themes the chart dark', () => {
    const root = container();
    const view = make(root, { theme: 'dark' });
    expect(view.node.classList.contains('et-theme-dark')).toBe(true);
    expect((root.querySelector('svg') as SVGSVGElement).style.getPropertyValue('--et-bg')).toBe('#16161a');
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
    expect(emitted).toBe(0);
  });
});
