// The XSS corpus in a real Chromium: a page with no Content-Security-Policy (so a slip would
// really run) loads the shipped browser bundle and draws a dataset whose every string field
// carries payloads through createTimeline, createNetwork, createStoryline and <entity-timeline>;
// marks are hovered and focused so tooltips open, the data tables are made visible, and no
// payload may have called `__xss`, left a script URL or an event-handler attribute, or lost its text.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, builtExports, openGallery, watchProblems, type Gallery } from './harness.js';
import { PAYLOADS, hook } from '../hardening/payloads.js';
import { displayForm } from '../hardening/xss-build.js';

const unavailable = browserUnavailable();
const exported = await builtExports();

// Long payloads make every aria-label and table cell 20,000 characters: the Node corpus covers
// them; here they would only slow the page down.
const USED = PAYLOADS.filter((p) => p.text.length < 2000);

/** A JSON dataset with a payload in every string field; each payload also gets an event of its own for its URL. */
function payloadDataset(): object {
  const actors: object[] = [{ id: 'hub', name: 'Hub', kind: 'organisation' }];
  const events: object[] = [];
  const relations: object[] = [];
  USED.forEach(({ text }, i) => {
    actors.push({ id: `a${i}`, name: text, aliases: [`alias ${i} ${text}`], description: text, affiliations: [{ actor: 'hub', role: text }] });
    events.push({
      id: `e${i}`,
      title: text,
      when: new Date(Date.UTC(1800 + i, 5, 15)).toISOString().slice(0, 10),
      description: text,
      category: text,
      location: { name: text },
      participants: [{ actor: `a${i}`, role: 'source' }, { actor: 'hub', role: 'target' }],
      tags: [text],
      sources: [{ url: 'https://example.org/a', publisher: text, title: text }],
    });
    events.push({ id: `u${i}`, title: `url ${i}`, when: `${1800 + i}`, participants: ['hub'], sources: [{ url: text }] });
    relations.push({ id: `r${i}`, source: `a${i}`, target: 'hub', type: text });
  });
  return { title: 'Payloads', description: 'Every field carries a payload.', actors, events, relations };
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>XSS corpus</title></head>
<body>
<main>
  <div id="timeline" style="width: 1200px; height: 900px"></div>
  <div id="network" style="width: 1200px; height: 800px"></div>
  <div id="storyline" style="width: 1200px; height: 700px"></div>
  <div id="element"></div>
  <div id="control"></div>
</main>
<script src="/dist/entity-timeline.min.js"></script>
</body></html>`;

interface Findings {
  hits: number[];
  scriptLinks: string[];
  dataLinks: string[];
  unsafeHrefs: string[];
  handlers: string[];
  text: string;
  tooltips: number;
  element: string;
}

/** What the page holds that it must not: hook calls, script and data links, handler attributes. */
async function findings(page: Page): Promise<Findings> {
  return page.evaluate(() => {
    const w = window as unknown as { __hits: number[] };
    const all = Array.from(document.querySelectorAll('*'));
    const handlers: string[] = [];
    const unsafeHrefs: string[] = [];
    for (const el of all) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.localName)) handlers.push(`<${el.localName} ${attr.name}>`);
        if (/^href$/i.test(attr.localName) && !/^(https?:|mailto:|#)/i.test(attr.value.trim()) && !(el.localName === 'script' || el.localName === 'link')) {
          unsafeHrefs.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 60)}">`);
        }
      }
    }
    return {
      hits: [...w.__hits],
      scriptLinks: Array.from(document.querySelectorAll('a[href^="javascript:" i], [href*="script:" i], [*|href*="script:" i]')).map((e) => e.outerHTML.slice(0, 120)),
      dataLinks: Array.from(document.querySelectorAll('[href^="data:" i], [*|href^="data:" i]')).map((e) => e.outerHTML.slice(0, 120)),
      unsafeHrefs,
      handlers,
      text: document.body.textContent ?? '',
      tooltips: document.querySelectorAll('.et-tooltip').length,
      element: document.querySelector('#element')?.textContent?.slice(0, 300) ?? '',
    };
  });
}

describe.skipIf(unavailable !== null)(`the XSS corpus in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let gallery: Gallery;
  let page: Page;
  let problems: { errors: string[] };

  beforeAll(async () => {
    gallery = await openGallery();
    page = await gallery.context.newPage();
    problems = watchProblems(page);
    // Defined before any script of the page runs: every payload calls it if it ever executes.
    await page.addInitScript(() => {
      const w = window as unknown as { __hits: number[]; __xss: (id: number) => void };
      w.__hits = [];
      w.__xss = (id: number) => w.__hits.push(id);
    });
    await page.route(`${gallery.url}/__xss__/page.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: PAGE }));
    await page.goto(`${gallery.url}/__xss__/page.html`, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await gallery?.close();
  });

  it('runs a payload that a page does insert as HTML (the hook and the page can catch an execution)', async () => {
    await page.evaluate(() => {
      const control = document.getElementById('control')!;
      control.innerHTML = '<img src="x" onerror="__xss(-1)">';
    });
    await page.waitForFunction(() => (window as unknown as { __hits: number[] }).__hits.includes(-1), undefined, { timeout: 5000 });
    await page.evaluate(() => {
      document.getElementById('control')!.replaceChildren();
      (window as unknown as { __hits: number[] }).__hits.length = 0;
    });
    // The control's broken image is the only request allowed to fail.
    problems.errors.length = 0;
  });

  const withElement = exported.has('defineEntityTimelineElement');
  it(`draws ${USED.length} payloads in every field through createTimeline, createNetwork, createStoryline${withElement ? ' and <entity-timeline>' : ' (<entity-timeline>: not in this build yet)'}, opens tooltips and tables, and nothing runs`, async () => {
    const summary = await page.evaluate(
      ({ input, withElement }) => {
        type Api = Record<string, (...args: unknown[]) => unknown>;
        const ET = (window as unknown as { EntityTimeline: Api }).EntityTimeline;
        const parsed = ET.parseDataset!(input, { mode: 'lenient' }) as { dataset: { events: unknown[] }; rejected: unknown[] };
        const dataset = parsed.dataset;
        ET.createTimeline!(document.getElementById('timeline'), dataset, { width: 1200 });
        ET.createNetwork!(document.getElementById('network'), dataset, { width: 1200, height: 800 });
        ET.createStoryline!(document.getElementById('storyline'), dataset, { width: 1200 });
        if (withElement) {
          if (typeof ET.defineEntityTimelineElement === 'function' && !customElements.get('entity-timeline')) ET.defineEntityTimelineElement();
          const element = document.createElement('entity-timeline');
          element.setAttribute('view', 'timeline');
          const data = document.createElement('script');
          data.type = 'application/json';
          // Set as text: the JSON (with its `</script>` payloads) never goes through the HTML parser.
          data.textContent = JSON.stringify(input);
          element.append(data);
          document.getElementById('element')!.append(element);
        }
        return { events: dataset.events.length, rejected: parsed.rejected.length };
      },
      { input: payloadDataset(), withElement },
    );
    expect(summary.events).toBeGreaterThanOrEqual(USED.length);
    expect(summary.events + summary.rejected).toBeGreaterThanOrEqual(USED.length * 2);
    // Network and element draw in frames of their own.
    await page.waitForTimeout(1500);

    // Hover and focus every interactive mark (pointer events and keyboard focus open tooltips).
    const touched = await page.evaluate(async () => {
      const marks = Array.from(document.querySelectorAll<SVGElement | HTMLElement>('main [tabindex], main .et-mark, main .et-node'));
      for (const mark of marks) {
        const box = mark.getBoundingClientRect();
        const at = { bubbles: true, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, pointerId: 1, pointerType: 'mouse' };
        for (const type of ['pointerover', 'pointerenter', 'pointermove', 'mouseover', 'mouseenter', 'mousemove']) {
          mark.dispatchEvent(type.startsWith('pointer') ? new PointerEvent(type, at) : new MouseEvent(type, at));
        }
        (mark as HTMLElement).focus?.();
      }
      await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      return marks.length;
    });
    expect(touched).toBeGreaterThan(USED.length);
    // Real pointer moves over a sample of marks too, so hover code driven by the mouse runs.
    const boxes = await page.locator('#timeline .et-mark').evaluateAll((els) => els.slice(0, 40).map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    for (const box of boxes) if (box.width > 0) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // Show the visually hidden tables so their cells are read as a sighted reader would.
    await page.evaluate(() => {
      for (const wrap of Array.from(document.querySelectorAll('.et-table-wrap'))) wrap.classList.remove('et-sr-only');
    });
    await page.waitForTimeout(700);

    const found = await findings(page);
    expect(found.hits, 'payloads that ran').toEqual([]);
    expect(found.scriptLinks).toEqual([]);
    expect(found.dataLinks).toEqual([]);
    expect(found.unsafeHrefs).toEqual([]);
    expect(found.handlers).toEqual([]);
    expect(found.tooltips).toBeGreaterThan(0);
    // Each payload is shown as text (titles in tables and labels, names in labels): escaped, not stripped.
    const text = displayForm(found.text);
    const missing = USED.map((p) => ({ p, shown: displayForm(p.text) })).filter(({ shown }) => shown !== '' && !text.includes(shown));
    expect(missing.map(({ p }) => `#${p.id} ${hook(p.id)}`)).toEqual([]);
    if (withElement) expect(found.element).not.toBe('');
    expect(problems.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  }, 180_000);
});
