// The XSS corpus in Node: every payload in every string field of every input format, imported
// leniently and drawn as every static view; the SVG must parse as XML, hold nothing that can run
// or load script, and still show the payload's text wherever the field is shown.
import { afterAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { importText, parseDataset, renderToSVG, SVG_VIEWS, type Dataset, type SVGView } from '../../src/index.js';
import { run } from '../cli/run-cli.js';
import { PAYLOADS, chunks, hook } from './payloads.js';
import { BUILDERS, FIELDS, type Expectation, type PayloadFile } from './xss-build.js';
import { shownText, unsafeParts } from './svg-safety.js';

const CHUNK = 49;
// Each format draws 24 charts of 49 payloads; a loaded 2-core machine needs far more than the default 20 s.
const TIMEOUT = 180_000;
const FORMATS = Object.keys(BUILDERS) as (keyof typeof BUILDERS)[];
const totals = { combinations: 0, renders: 0, records: 0, cliRuns: 0 };
const planned = FORMATS.reduce((n, f) => n + PAYLOADS.length * FIELDS[f].length * SVG_VIEWS.length, 0);

// One window's DOMParser is the same XML parser as `new JSDOM(svg, { contentType })` (which the
// first chart of each format also goes through) without building a window per chart.
const { window } = new JSDOM('');
const parser = new window.DOMParser();

function parseSvg(svg: string): Document {
  const doc = parser.parseFromString(svg, 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error !== undefined) throw new Error(`not well-formed XML: ${error.textContent?.slice(0, 200)}`);
  return doc;
}

function render(dataset: Dataset, view: SVGView, file: PayloadFile): string {
  const ego = file.egoActor !== '' && dataset.actor(file.egoActor) !== undefined ? file.egoActor : dataset.actors[0]?.id;
  if (view === 'ego') return ego === undefined ? '' : renderToSVG(dataset, { view, actor: ego, width: 900, height: 700 });
  return renderToSVG(dataset, { view, width: 1400 } as never);
}

/** Which views show a kind of text (for the "still shown" checks). */
const SHOWN_IN: Record<Expectation['kind'], readonly SVGView[]> = {
  'event title': ['timeline', 'storyline'],
  'actor name': ['timeline', 'network', 'matrix', 'arc', 'ego', 'storyline'],
};

describe(`the XSS corpus in Node: ${PAYLOADS.length} payloads × the string fields of 5 formats × ${SVG_VIEWS.length} views = ${planned} combinations`, () => {
  for (const format of FORMATS) {
    it(`imports ${format} with payloads in ${FIELDS[format].join(', ')} and draws every view with no script, handler or script URL, payload text kept`, () => {
      let first = true;
      for (const payloads of chunks(CHUNK)) {
        const file = BUILDERS[format](payloads);
        const result = importText(file.text, { format, fileName: file.fileName });
        // Nothing is lost: every record is kept, rejected or counted as a duplicate.
        expect(result.counts.kept + result.counts.rejected + result.counts.duplicates).toBe(result.counts.records);
        totals.records += result.counts.records;
        const dataset = result.dataset;
        expect(dataset.events.length).toBeGreaterThan(0);
        for (const view of SVG_VIEWS) {
          const svg = render(dataset, view, file);
          if (svg === '') continue;
          totals.renders++;
          if (first) {
            expect(() => new JSDOM(svg, { contentType: 'image/svg+xml' })).not.toThrow();
            first = false;
          }
          const doc = parseSvg(svg);
          expect(unsafeParts(doc), `${format} ${view}`).toEqual([]);
          const shown = shownText(doc);
          const missing = file.expectations
            .filter((e) => (e.views ?? SHOWN_IN[e.kind]).includes(view))
            .filter((e) => (e.kind === 'actor name' || e.payload.text.trim() !== '') && !shown.includes(e.text))
            .map((e) => `${e.kind} #${e.payload.id}: ${JSON.stringify(e.text.slice(0, 60))}`);
          expect(missing, `${format} ${view}: payload text not shown`).toEqual([]);
        }
        totals.combinations += payloads.length * FIELDS[format].length * SVG_VIEWS.length;
      }
    }, TIMEOUT);
  }

  it('escapes every payload in the CLI’s render output and keeps it verbatim in validate --json', async () => {
    for (const format of FORMATS) {
      for (const payloads of chunks(CHUNK)) {
        const file = BUILDERS[format](payloads);
        const files = { [file.fileName]: file.text };
        const rendered = await run(['render', file.fileName, '--format', format, '--view', 'timeline'], files);
        totals.cliRuns++;
        expect(rendered.status, rendered.stderr.slice(0, 300)).toBe(0);
        const doc = parseSvg(rendered.stdout);
        expect(unsafeParts(doc), `${format} render`).toEqual([]);
        const shown = shownText(doc);
        for (const e of file.expectations) if (e.kind === 'event title' && e.text !== '') expect(shown).toContain(e.text);

        const validated = await run(['validate', file.fileName, '--format', format, '--json'], files);
        totals.cliRuns++;
        expect([0, 1]).toContain(validated.status);
        const report = JSON.parse(validated.stdout) as { problems: { message: string }[]; events: number };
        const expected = importText(file.text, { format, fileName: file.fileName });
        expect(report.events).toBe(expected.dataset.events.length);
        // Messages quote values as written: never HTML-escaped, so the JSON says what the file says.
        const messages = report.problems.map((p) => p.message).join('\n');
        expect(messages).toBe(expected.problems.map((p) => p.message).join('\n'));
        // A short printable payload quoted in a message is quoted whole and unescaped (text
        // formats split source cells at `;`, `|` and spaces, so those payloads are quoted in parts).
        for (const payload of payloads) {
          if (!/^[\x21-\x7e]{1,50}$/.test(payload.text) || /[;|]/.test(payload.text) || !messages.includes(hook(payload.id))) continue;
          expect(messages).toContain(payload.text);
        }
      }
    }
  }, TIMEOUT);

  it('keeps an actor colour that is not a CSS colour out of every fill, stroke and color attribute', () => {
    // Colours are drawn as presentation attributes; a "colour" like url(javascript:…) must be refused or dropped.
    const payloads = PAYLOADS;
    const input = {
      actors: [{ id: 'hub', name: 'Hub' }, ...payloads.map((p, i) => ({ id: `a${i}`, name: `Actor ${i}`, color: p.text }))],
      events: payloads.map((_, i) => ({ id: `e${i}`, title: `Event ${i}`, when: `${1900 + i}`, participants: [`a${i}`, 'hub'] })),
    };
    const { dataset, rejected } = parseDataset(input, { mode: 'lenient' });
    expect(dataset.events.length + rejected.filter((r) => r.path.startsWith('events[')).length).toBe(payloads.length);
    for (const view of SVG_VIEWS) {
      const svg = renderToSVG(dataset, view === 'ego' ? { view, actor: 'hub' } : ({ view } as never));
      expect(unsafeParts(parseSvg(svg)), view).toEqual([]);
    }
    totals.combinations += payloads.length * SVG_VIEWS.length;
  }, TIMEOUT);
});

afterAll(() => {
  console.log(
    `XSS corpus (Node): ${PAYLOADS.length} payloads; ${totals.combinations} payload × field × view combinations checked (${planned} planned + colours); ` +
      `${totals.renders} SVG charts parsed; ${totals.records} records imported; ${totals.cliRuns} CLI runs`,
  );
});
