import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/model/parse.js';
import { createStaticContext } from '../../src/ssr/context.js';
import { serializeSVG } from '../../src/ssr/serialize.js';
import { estimateTextWidth } from '../../src/render/common/measure.js';
import type { RenderContext } from '../../src/render/common/context.js';
import { renderNetworkSVG, renderEgoSVG } from '../../src/render/network/svg.js';
import { renderMatrixSVG } from '../../src/render/network/matrix-svg.js';
import { renderArcSVG } from '../../src/render/network/arc-svg.js';
import { buildNetwork } from '../../src/layout/network.js';
import { expectSnapshot } from './network-snapshot.js';
import { networkDescription } from '../../src/render/network/text.js';
import { createMatrix } from '../../src/render/network/matrix-view.js';
import { createArcDiagram } from '../../src/render/network/arc-view.js';
import { createEgoNetwork } from '../../src/render/network/ego-view.js';
import { actor, dataset, event } from '../layout/network-fixture.js';

const seed = parseDataset(JSON.parse(readFileSync(new URL('../../examples/data/korea-russia-2024.json', import.meta.url), 'utf8')));

function jsdomContext(): RenderContext {
  return { document: new JSDOM('').window.document, measureText: estimateTextWidth, idPrefix: 'net' };
}

describe('network SVG renderers on the seed dataset', () => {
  it('renders the force network like the snapshot', () => {
    expectSnapshot('network-korea-russia', serializeSVG(renderNetworkSVG(jsdomContext(), seed, { width: 720, height: 540, seed: 1 })));
  });

  it('renders the grouped force network like the snapshot', () => {
    expectSnapshot('network-korea-russia-grouped', serializeSVG(renderNetworkSVG(jsdomContext(), seed, { width: 720, height: 540, seed: 1, groupAffiliated: true, relationLabels: true, theme: 'dark' })));
  });

  it('renders the matrix like the snapshot', () => {
    expectSnapshot('matrix-korea-russia', serializeSVG(renderMatrixSVG(jsdomContext(), seed, { width: 600, height: 600 })));
  });

  it('renders the arc diagram like the snapshot', () => {
    expectSnapshot('arc-korea-russia', serializeSVG(renderArcSVG(jsdomContext(), seed, { width: 900, height: 460 })));
  });

  it('renders the ego network of North Korea like the snapshot', () => {
    expectSnapshot('ego-north-korea', serializeSVG(renderEgoSVG(jsdomContext(), seed, { actor: 'north-korea', width: 600, height: 600 })));
  });

  it('gives the same markup in the static Node context as in jsdom', () => {
    const a = serializeSVG(renderNetworkSVG(jsdomContext(), seed, { seed: 3 }));
    const b = serializeSVG(renderNetworkSVG(createStaticContext({ idPrefix: 'net' }), seed, { seed: 3 }));
    expect(b).toBe(a);
  });
});

describe('network SVG contract', () => {
  const svg = renderNetworkSVG(jsdomContext(), seed, { width: 720, height: 540 });
  const graph = buildNetwork(seed);

  it('has one focusable, labelled node per actor with data-actor-id', () => {
    const nodes = [...svg.querySelectorAll('g.et-node')];
    expect(nodes.map((n) => n.getAttribute('data-actor-id'))).toEqual(graph.nodes.map((n) => n.id));
    for (const n of nodes) {
      expect(n.getAttribute('tabindex')).toBe('0');
      expect(n.getAttribute('aria-label')).toMatch(/, (state|person|organisation|group|other), .*\d+ events?$/);
    }
  });

  it('names affiliations in the accessible label of an official', () => {
    const kirby = svg.querySelector('[data-actor-id="john-kirby"].et-node');
    expect(kirby?.getAttribute('aria-label')).toContain('National Security Council Coordinator of White House National Security Council');
  });

  it('has one edge per relation with source, target and relation id', () => {
    const edges = [...svg.querySelectorAll('.et-edges path.et-edge')];
    expect(edges.map((e) => e.getAttribute('data-relation'))).toEqual(graph.edges.map((e) => e.id));
    for (const e of edges) {
      expect(e.getAttribute('data-source')).toBeTruthy();
      expect(e.getAttribute('data-target')).toBeTruthy();
    }
  });

  it('puts arrowheads only on directed relations, with prefixed marker ids', () => {
    expect(svg.querySelector('marker#net-arrow')).not.toBeNull();
    for (const e of svg.querySelectorAll('.et-edges path.et-edge')) {
      const edge = graph.edges.find((x) => x.id === e.getAttribute('data-relation'))!;
      expect(e.getAttribute('marker-end')).toBe(edge.directed && edge.kind === 'relation' ? 'url(#net-arrow)' : null);
    }
  });

  it('has a title, a description and the chart classes', () => {
    expect(svg.getAttribute('class')).toContain('et-chart');
    expect(svg.getAttribute('class')).toContain('et-network');
    expect(svg.querySelector('title#net-title')?.textContent).toBe(seed.meta.title);
    expect(svg.querySelector('desc#net-desc')?.textContent).toMatch(/\d+ actors and \d+ relations/);
  });

  it('shows a legend of the kinds present', () => {
    const legend = [...svg.querySelectorAll('.et-legend text')].map((t) => t.textContent);
    expect(legend).toEqual(expect.arrayContaining(['state', 'person', 'organisation']));
  });

  it('marks matrix cells with data-source and data-target', () => {
    const m = renderMatrixSVG(jsdomContext(), seed);
    const cells = [...m.querySelectorAll('rect.et-cell')];
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c.getAttribute('data-source') && c.getAttribute('data-target')).toBeTruthy();
  });

  it('keeps user text out of markup: a name with tags stays text', () => {
    const ds = dataset([{ ...actor('x'), name: '<img src=x onerror=alert(1)>' }, actor('y')], [event('e', '2024-01-01', [['x', 'source'], ['y', 'target']])]);
    const out = serializeSVG(renderNetworkSVG(jsdomContext(), ds));
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img');
  });

  it('only draws relations of the window', () => {
    const jan = renderNetworkSVG(jsdomContext(), seed, { from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 31) });
    const all = svg.querySelectorAll('path.et-edge-relation').length;
    const inJan = jan.querySelectorAll('path.et-edge-relation').length;
    expect(inJan).toBeLessThanOrEqual(all);
    expect(jan.querySelectorAll('g.et-node').length).toBe(svg.querySelectorAll('g.et-node').length);
  });

  it('names a bad size option', () => {
    expect(() => renderNetworkSVG(jsdomContext(), seed, { width: -1 })).toThrow(/width must be a positive number/);
  });
});

describe('a window open at one end', () => {
  const june = Date.UTC(2024, 5, 1);
  const desc = (svg: SVGSVGElement): string => svg.querySelector('desc')?.textContent ?? '';

  it('reads as "from" or "until" a day in the description, and an open window says nothing', () => {
    const graph = buildNetwork(seed);
    expect(networkDescription({ ...graph, window: [june, Infinity] })).toMatch(/ from 2024-06-01\./);
    expect(networkDescription({ ...graph, window: [-Infinity, june] })).toMatch(/ until 2024-06-01\./);
    expect(networkDescription({ ...graph, window: [june, june + 86_400_000] })).toMatch(/ from 2024-06-01 to 2024-06-02\./);
    expect(networkDescription({ ...graph, window: [-Infinity, Infinity] })).toBe(networkDescription({ ...graph, window: null }));
  });

  it('is described by every static renderer, given only from or only to', () => {
    const renderers = [
      (o: { from?: number; to?: number }) => renderNetworkSVG(jsdomContext(), seed, o),
      (o: { from?: number; to?: number }) => renderEgoSVG(jsdomContext(), seed, { actor: 'north-korea', ...o }),
      (o: { from?: number; to?: number }) => renderMatrixSVG(jsdomContext(), seed, o),
      (o: { from?: number; to?: number }) => renderArcSVG(jsdomContext(), seed, o),
    ];
    for (const render of renderers) {
      expect(desc(render({ from: june }))).toContain('from 2024-06-01.');
      expect(desc(render({ to: june }))).toContain('until 2024-06-01.');
    }
  });

  it('is described by the matrix, arc and ego views, whatever end is open', () => {
    const doc = new JSDOM('<!doctype html><body></body>', { pretendToBeVisual: true }).window.document;
    const views = [
      (root: HTMLElement, state: { window: readonly [number, number] }) => createMatrix(root, seed, { width: 500, height: 500, state }),
      (root: HTMLElement, state: { window: readonly [number, number] }) => createArcDiagram(root, seed, { width: 500, height: 400, state }),
      (root: HTMLElement, state: { window: readonly [number, number] }) => createEgoNetwork(root, seed, { actor: 'north-korea', width: 500, height: 500, state }),
    ];
    for (const create of views) {
      for (const [window, text] of [
        [[june, Infinity], 'from 2024-06-01.'],
        [[-Infinity, june], 'until 2024-06-01.'],
      ] as const) {
        const root = doc.createElement('div');
        doc.body.append(root);
        const view = create(root, { window });
        expect(root.querySelector('desc')?.textContent ?? '').toContain(text);
        view.destroy();
      }
    }
  });
});
