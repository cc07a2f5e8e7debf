// Render budgets: renderToSVG refuses a chart bigger than its view's budget at once, with a
// RenderLimitError that names the count, the limit and how to proceed, instead of running for
// minutes. Small budgets keep these tests fast; one test checks the defaults on generated data.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/model/parse.js';
import { buildNetwork } from '../../src/layout/network.js';
import { renderToSVG, SVG_VIEWS, type RenderToSVGOptions } from '../../src/ssr/render-to-svg.js';
import { DEFAULT_RENDER_LIMITS, RenderLimitError, checkRenderLimits, networkSize } from '../../src/ssr/limits.js';

const seed = parseDataset(readFileSync(new URL('../../examples/data/korea-russia-2024.json', import.meta.url), 'utf8'));

/** `n` events, one a day from 2020-01-01, each joining actor `a{i}` and `a{i+1}` (a chain). */
function chain(n: number) {
  return parseDataset({
    actors: Array.from({ length: n + 1 }, (_, i) => ({ id: `a${i}`, name: `Actor ${i}` })),
    events: Array.from({ length: n }, (_, i) => ({
      id: `e${i}`,
      title: `Event ${i}`,
      when: new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10),
      participants: [`a${i}`, `a${i + 1}`],
    })),
  });
}

function refusal(fn: () => unknown): RenderLimitError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RenderLimitError) return error;
    throw error;
  }
  throw new Error('expected a RenderLimitError');
}

describe('render budgets in renderToSVG', () => {
  it('refuses a timeline with more events than maxEvents, naming the count, the limit and the ways on', () => {
    const error = refusal(() => renderToSVG(chain(10), { view: 'timeline', maxEvents: 9 }));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.name).toBe('RenderLimitError');
    expect([error.view, error.kind, error.count, error.limit]).toEqual(['timeline', 'events', 10, 9]);
    expect(error.message).toBe(
      'renderToSVG: the timeline view would draw 10 events, over its limit of 9. Draw a shorter period with from/to, or raise the limit with { maxEvents: 10 } (rendering that much takes a long time and memory).',
    );
  });

  it('draws a timeline of exactly maxEvents events', () => {
    const svg = renderToSVG(chain(10), { view: 'timeline', maxEvents: 10 });
    expect(svg.match(/data-event-id="e\d+"/g)?.length).toBeGreaterThanOrEqual(10);
  });

  it('counts only the events of the from/to window, and draws only those', () => {
    const dataset = chain(30);
    expect(() => renderToSVG(dataset, { view: 'timeline', maxEvents: 5 })).toThrow(RenderLimitError);
    const svg = renderToSVG(dataset, { view: 'timeline', maxEvents: 5, from: '2020-01-03', to: '2020-01-05' });
    const ids = new Set([...svg.matchAll(/data-event-id="(e\d+)"/g)].map((m) => m[1]));
    expect([...ids].sort()).toEqual(['e2', 'e3', 'e4']);
  });

  it('draws the same window as before when the whole dataset is within the window', () => {
    const dataset = chain(12);
    expect(renderToSVG(dataset, { view: 'timeline', from: '2019', to: '2021' })).toBe(
      renderToSVG(dataset, { view: 'timeline', from: '2019', to: '2021', events: dataset.events }),
    );
  });

  it('refuses network, matrix and arc views with more actors than maxActors, pointing to the ego view', () => {
    const dataset = chain(10); // 11 actors
    for (const view of ['network', 'matrix', 'arc'] as const) {
      const error = refusal(() => renderToSVG(dataset, { view, maxActors: 10 }));
      expect([error.view, error.kind, error.count, error.limit, error.windowHelps]).toEqual([view, 'actors', 11, 10, false]);
      expect(error.message).toContain("Draw one actor's neighbourhood with { view: 'ego', actor }");
      expect(error.message).not.toContain('from/to');
      expect(renderToSVG(dataset, { view, maxActors: 11, ...(view === 'network' ? { ticks: 5 } : {}) })).toMatch(/^<svg/);
    }
  });

  it('counts affiliated actors for the network view only, as each view builds its graph by default', () => {
    const affiliated = parseDataset({
      actors: [{ id: 'p', name: 'P', affiliations: [{ actor: 's' }] }, { id: 's', name: 'S' }, { id: 'q', name: 'Q' }],
      events: [{ id: 'e', title: 'E', when: '2024', participants: ['p', 'q'] }],
    });
    expect(refusal(() => renderToSVG(affiliated, { view: 'network', maxActors: 2 })).count).toBe(3);
    for (const view of ['matrix', 'arc'] as const) expect(renderToSVG(affiliated, { view, maxActors: 2 }), view).toMatch(/^<svg/);
    expect(refusal(() => renderToSVG(affiliated, { view: 'arc', maxActors: 2, includeAffiliations: true })).count).toBe(3);
  });

  it('counts the actors of the network the way buildNetwork does, with and without affiliations', () => {
    for (const includeAffiliations of [true, false]) {
      expect(networkSize(seed, includeAffiliations)).toBe(buildNetwork(seed, { includeAffiliations }).nodes.length);
    }
    const affiliated = parseDataset({
      actors: [{ id: 'p', name: 'P', affiliations: [{ actor: 'm' }] }, { id: 'm', name: 'M', affiliations: [{ actor: 's' }] }, { id: 's', name: 'S' }, { id: 'q', name: 'Q' }],
      events: [{ id: 'e', title: 'E', when: '2024', participants: ['p', 'q'] }],
    });
    expect(networkSize(affiliated, true)).toBe(buildNetwork(affiliated).nodes.length);
    expect(networkSize(affiliated, true)).toBe(4);
    expect(networkSize(affiliated, false)).toBe(2);
  });

  it('counts the actors within maxDepth steps for the ego view', () => {
    const dataset = chain(10);
    // a0 – a1 – a2 at depth 2.
    expect(refusal(() => renderToSVG(dataset, { view: 'ego', actor: 'a0', maxActors: 2 })).count).toBe(3);
    expect(renderToSVG(dataset, { view: 'ego', actor: 'a0', maxActors: 3 })).toMatch(/^<svg/);
    expect(refusal(() => renderToSVG(dataset, { view: 'ego', actor: 'a5', maxActors: 4, maxDepth: 2 })).count).toBe(5);
    expect(renderToSVG(dataset, { view: 'ego', actor: 'a5', maxActors: 4, maxDepth: 1 })).toMatch(/^<svg/);
  });

  it("counts a storyline's events and lines in its window, or among the chosen actors", () => {
    const dataset = chain(10);
    expect(refusal(() => renderToSVG(dataset, { view: 'storyline', width: 800, maxEvents: 9 })).count).toBe(10);
    const lines = refusal(() => renderToSVG(dataset, { view: 'storyline', width: 800, maxActors: 10 }));
    expect([lines.kind, lines.count, lines.windowHelps]).toEqual(['actors', 11, true]);
    // a0 and a1 take part in e0 and e1 only.
    expect(renderToSVG(dataset, { view: 'storyline', width: 800, actors: ['a0', 'a1'], maxEvents: 2, maxActors: 2 })).toMatch(/^<svg/);
    expect(refusal(() => renderToSVG(dataset, { view: 'storyline', width: 800, actors: ['a0', 'a1'], maxEvents: 1 })).count).toBe(2);
  });

  it('turns a budget off with Infinity and refuses budgets that are not numbers of at least 0', () => {
    expect(renderToSVG(chain(3), { view: 'timeline', maxEvents: Infinity })).toMatch(/^<svg/);
    for (const bad of [-1, Number.NaN]) {
      expect(() => renderToSVG(chain(3), { view: 'timeline', maxEvents: bad })).toThrow(/maxEvents must be a number of at least 0/);
    }
    expect(() => checkRenderLimits(chain(3), { view: 'network', window: null, maxActors: -5 })).toThrow(/maxActors must be/);
  });

  it('lets the seed dataset through every view with the default budgets', () => {
    for (const view of SVG_VIEWS) {
      const options: RenderToSVGOptions = view === 'ego' ? { view, actor: seed.actors[0]!.id } : view === 'storyline' ? { view, width: 960 } : { view };
      const svg = renderToSVG(seed, options);
      expect(svg, view).toMatch(/^<svg/);
    }
  });

  it('refuses a network of 10,001 actors and a timeline of 100,001 events by default, in well under a second', () => {
    expect(DEFAULT_RENDER_LIMITS.network.maxActors).toBe(10_000);
    expect(DEFAULT_RENDER_LIMITS.timeline.maxEvents).toBe(100_000);
    const network = parseDataset({
      actors: Array.from({ length: 10_001 }, (_, i) => ({ id: `a${i}`, name: `A${i}` })),
      events: Array.from({ length: 10_001 }, (_, i) => ({ id: `e${i}`, title: 'x', when: '2024', participants: [`a${i}`] })),
    });
    let t = performance.now();
    expect(refusal(() => renderToSVG(network, { view: 'network' })).count).toBe(10_001);
    expect(performance.now() - t).toBeLessThan(1000);

    const when = { earliest: 0, latest: 0 };
    const events = Array.from({ length: 100_001 }, () => ({ when, participants: [] }));
    // Only what the check reads: a refusal must come before any layout touches the rest.
    const huge = { events, eventsBetween: () => events } as unknown as Parameters<typeof renderToSVG>[0];
    t = performance.now();
    expect(refusal(() => renderToSVG(huge, { view: 'timeline' })).count).toBe(100_001);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
