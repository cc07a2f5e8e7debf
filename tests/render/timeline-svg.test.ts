import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { parseDataset } from '../../src/model/parse.js';
import { createDataset } from '../../src/model/dataset.js';
import { createStaticContext } from '../../src/ssr/context.js';
import { serializeSVG } from '../../src/ssr/serialize.js';
import { estimateTextWidth } from '../../src/render/common/measure.js';
import type { RenderContext } from '../../src/render/common/context.js';
import { renderTimelineSVG } from '../../src/render/timeline/svg.js';
import type { Dataset } from '../../src/model/types.js';
import { event, koreaRussia, synthetic } from '../layout/timeline.fixture.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function seed(): Dataset {
  return parseDataset(JSON.parse(readFileSync(join(root, 'examples/data/korea-russia-2024.json'), 'utf8')));
}

function jsdomContext(): RenderContext {
  return { document: new JSDOM('').window.document, measureText: estimateTextWidth, idPrefix: 'et' };
}

/** Rounds long decimals so snapshots do not churn on floating-point noise. */
function normalise(svg: string): string {
  return svg.replace(/-?\d+\.\d{3,}/g, (n) => String(Number(Number(n).toFixed(2)))).replace(/></g, '>\n<');
}

function snapshot(name: string, actual: string): void {
  const file = join(root, 'tests/output', name);
  if (!existsSync(file)) {
    if (process.env.CI) throw new Error(`Missing snapshot ${name}; run the tests locally to create it.`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** Event ids drawn: marks plus aggregate members. */
function drawnIds(svg: Element): Set<string> {
  const ids = new Set<string>();
  for (const el of svg.querySelectorAll('[data-event-id]')) ids.add(el.getAttribute('data-event-id')!);
  for (const el of svg.querySelectorAll('[data-event-ids]')) for (const id of el.getAttribute('data-event-ids')!.split(' ')) ids.add(id);
  return ids;
}

describe('renderTimelineSVG', () => {
  it('matches the snapshot of the founding dataset', () => {
    const ds = seed();
    const svg = renderTimelineSVG(jsdomContext(), ds, { width: 960, nestAffiliations: true });
    snapshot('timeline-korea-russia.svg', normalise(serializeSVG(svg)));
  });

  it('renders the same markup with the dependency-free static document as with jsdom', () => {
    const ds = seed();
    const a = serializeSVG(renderTimelineSVG(jsdomContext(), ds, { width: 800 }));
    const b = serializeSVG(renderTimelineSVG(createStaticContext(), ds, { width: 800 }));
    expect(normalise(b)).toBe(normalise(a));
  });

  it('draws one focusable, labelled mark per event and accounts for every event', () => {
    const ds = seed();
    const svg = renderTimelineSVG(jsdomContext(), ds, { width: 960 });
    expect(drawnIds(svg)).toEqual(new Set(ds.events.map((e) => e.id)));
    const focusable = [...svg.querySelectorAll('rect.et-mark[tabindex="0"]')];
    expect(focusable.map((el) => el.getAttribute('data-event-id')).sort()).toEqual(ds.events.map((e) => e.id).sort());
    for (const el of focusable) {
      const id = el.getAttribute('data-event-id')!;
      const e = ds.event(id)!;
      expect(el.getAttribute('aria-label')).toContain(e.title);
      expect(el.getAttribute('role')).toBe('listitem');
    }
    // Repeated marks of an event in other lanes are hidden from assistive technology.
    for (const el of svg.querySelectorAll('.et-marks rect:not([tabindex])')) expect(el.getAttribute('aria-hidden')).toBe('true');
  });

  it('follows the SVG contract: lanes, actor labels, roles and the chart classes', () => {
    const ds = koreaRussia();
    const svg = renderTimelineSVG(jsdomContext(), ds, { nestAffiliations: true });
    expect(svg.getAttribute('class')).toContain('et-chart et-timeline');
    expect(svg.getAttribute('style')).toContain('--et-bg');
    expect(svg.querySelector('style')!.textContent).toContain('.et-chart .et-dim');
    expect(svg.getAttribute('aria-labelledby')).toBe('et-title');
    expect(svg.querySelector('title')!.textContent).toBe('North Korea and Russia');
    const lanes = [...svg.querySelectorAll('g.et-lane')].map((g) => g.getAttribute('data-lane'));
    expect(lanes).toEqual(['russia', 'mod-ru', 'belousov', 'dprk', 'kim', 'ukraine', 'et:unassigned']);
    expect(svg.querySelector('text.et-lane-label[data-actor-id="kim"]')!.textContent).toBe('Kim Jong Un');
    const summit = [...svg.querySelectorAll('rect[data-event-id="summit"]')];
    expect(summit.map((el) => el.getAttribute('data-lane'))).toEqual(['russia', 'kim']);
    expect(svg.querySelector('rect[data-event-id="summit"][data-lane="russia"]')!.getAttribute('class')).toContain('et-hollow');
    const connector = svg.querySelector('line.et-connector[data-event-id="summit"]')!;
    expect(connector.getAttribute('marker-end')).toBe('url(#et-arrow)');
    expect(svg.querySelector('rect[data-event-id="shells"]')!.getAttribute('mask')).toBe('url(#et-fade)');
    expect(svg.querySelector('rect[data-event-id="troops"]')!.getAttribute('class')).toContain('et-uncertain');
    expect(svg.querySelector('[data-event-id="summit"][aria-label]')!.getAttribute('aria-label')).toBe(
      'Kim visits Vostochny, 13 September 2023, Kim Jong Un (source), Russia (target)',
    );
  });

  it('writes user text as text only', () => {
    const ds = createDataset({
      actors: [{ id: 'x', name: '<img src=x onerror=alert(1)>', kind: 'person', aliases: [], affiliations: [] }],
      events: [event('e1', '2024-01-01', ['x'], { title: '<script>alert(1)</script>' })],
    });
    const svg = renderTimelineSVG(jsdomContext(), ds, { title: '</title><script>' });
    expect(svg.querySelector('script')).toBeNull();
    expect(svg.querySelector('img')).toBeNull();
    expect(serializeSVG(svg)).not.toContain('<script>');
    expect(svg.querySelector('.et-label')!.textContent).toBe('<script>alert(1)</script>');
  });

  it('applies the dark theme, a window, annotations and highlights', () => {
    const ds = koreaRussia();
    const svg = renderTimelineSVG(jsdomContext(), ds, {
      theme: 'dark',
      from: Date.UTC(2024, 0, 1),
      to: Date.UTC(2025, 0, 1),
      annotations: [{ type: 'line', at: Date.UTC(2024, 5, 19), label: 'Treaty' }, { type: 'band', from: Date.UTC(2024, 9, 1), to: Date.UTC(2024, 11, 31), label: 'Kursk' }],
      highlight: ['treaty'],
    });
    expect(svg.getAttribute('style')).toContain('--et-bg: #16161a');
    expect(svg.querySelector('.et-ref-label')!.textContent).toBe('Treaty');
    expect(svg.querySelector('.et-band-label')!.textContent).toBe('Kursk');
    expect(svg.querySelectorAll('rect.et-highlight[data-event-id="treaty"]')).toHaveLength(2);
    expect(svg.querySelector('.et-axis text')!.textContent).toBe('Jan 2024');
    expect(() => renderTimelineSVG(jsdomContext(), ds, { from: 10, to: 5 })).toThrow(/after/);
  });

  it('accounts for every event when crowded events are aggregated', () => {
    const ds = synthetic(800, 3);
    const svg = renderTimelineSVG(jsdomContext(), ds, { width: 400 });
    expect(svg.querySelectorAll('[data-event-ids]').length).toBeGreaterThan(0);
    expect(drawnIds(svg)).toEqual(new Set(ds.events.map((e) => e.id)));
  });
});
