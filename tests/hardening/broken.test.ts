// Broken input: through the CLI (validate and render, in memory) every file ends within 2 s with
// exit status 0, 1 or 2, invalid files with exit 1 and a path or line with a message, and no stack
// trace; through parseDataset and the importers in lenient mode no record goes missing.
import { afterAll, describe, expect, it } from 'vitest';
import { fromCSV, importText, parseDataset } from '../../src/index.js';
import { run } from '../cli/run-cli.js';

const STACK = /\bat .*:\d+:\d+/;
const WHERE = /^\s*(\$|line \d+|[A-Za-z_$][\w$]*(\[\d+\]|\.[\w$]+)*)[^\n]*: \S/m;
const LIMIT_MS = 2000;
const timings: { name: string; command: string; ms: number }[] = [];

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const seeded = (seed: number) => () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const random = seeded(8);
const noise = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...noise(4000)]);
const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
const deepObject = `{"events":[{"id":"a","title":"A","when":"2024","attributes":${'{"x":'.repeat(10_000)}1${'}'.repeat(10_000)}}]}`;
const event = (fields: object) => ({ id: 'e', title: 'E', when: '2024-01-18', ...fields });
const json = (value: unknown) => JSON.stringify(value);

interface Broken {
  readonly name: string;
  readonly file: string;
  readonly content: string | Uint8Array;
  /** true: validate must exit 1; false: it must exit 0; undefined: either (a value some readers accept). */
  readonly invalid: boolean | undefined;
}

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

const BROKEN: readonly Broken[] = [
  { name: 'an empty file', file: 'empty.json', content: '', invalid: true },
  { name: 'only white space', file: 'blank.json', content: '  \n\t \r\n  ', invalid: true },
  { name: 'truncated JSON', file: 'cut.json', content: '{"events": [{"id": "a", "title": "A", "when": "2024', invalid: true },
  { name: 'JSON arrays nested 10,000 deep', file: 'deep.json', content: deepArray, invalid: true },
  { name: 'JSON objects nested 10,000 deep in an event', file: 'deep-object.json', content: deepObject, invalid: true },
  { name: 'events that is not an array', file: 'types1.json', content: json({ events: { id: 1 } }), invalid: true },
  {
    name: 'wrong types everywhere',
    file: 'types2.json',
    content: json({
      title: 5,
      actors: [1, null, { id: 7, name: [], kind: 'robot', aliases: 'x', affiliations: {}, color: 3 }],
      events: [1, 'x', null, [], { id: 5, title: [], when: 2024, participants: 'a', tags: 'x', sources: {}, location: 9 }],
      relations: [{ source: 1, target: null, type: {} }],
    }),
    invalid: true,
  },
  { name: 'NaN as a JSON token', file: 'nan.json', content: '{"events":[{"id":"a","title":"A","when":"2024","location":{"name":"x","lat":NaN}}]}', invalid: true },
  { name: 'Infinity and 1e309', file: 'inf.json', content: '{"events":[{"id":"a","title":"A","when":"2024","location":{"name":"x","lat":1e309,"lon":-Infinity}}]}', invalid: true },
  { name: 'a latitude of 1e309', file: 'big.json', content: '{"events":[{"id":"a","title":"A","when":"2024","location":{"name":"x","lat":1e309,"lon":0}}]}', invalid: true },
  { name: 'year 0', file: 'year0.json', content: json({ events: [event({ when: '0000' })] }), invalid: undefined },
  { name: 'negative years', file: 'bce.json', content: json({ events: [event({ when: '-0044-03-15' }), event({ id: 'f', when: '-9999/-0001' })] }), invalid: undefined },
  { name: 'year +10000', file: 'y1.json', content: json({ events: [event({ when: '+10000' })] }), invalid: undefined },
  { name: 'year Y10000', file: 'y2.json', content: json({ events: [event({ when: 'Y10000' }), event({ id: 'f', when: 'Y-170000002' })] }), invalid: undefined },
  { name: '30 February', file: 'feb.json', content: json({ events: [event({ when: '2024-02-30' })] }), invalid: true },
  { name: 'T24:60', file: 't2460.json', content: json({ events: [event({ when: '2024-01-01T24:60' })] }), invalid: true },
  { name: 'an interval that ends before it starts', file: 'backwards.json', content: json({ events: [event({ when: { start: '2024-05', end: '2024-01' } })] }), invalid: true },
  { name: 'a dangling actor reference', file: 'ghost.json', content: json({ actors: [{ id: 'a', name: 'A' }], events: [event({ participants: ['a', 'ghost'] })], relations: [{ source: 'a', target: 'nobody', type: 'x' }] }), invalid: true },
  {
    name: 'duplicate ids',
    file: 'dupes.json',
    content: json({ actors: [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }], events: [event({}), event({ title: 'again' })], relations: [{ id: 'r', source: 'a', target: 'a', type: 'x' }, { id: 'r', source: 'a', target: 'a', type: 'y' }] }),
    invalid: true,
  },
  {
    name: 'an affiliation cycle',
    file: 'cycle.json',
    content: json({ actors: [{ id: 'a', name: 'A', affiliations: [{ actor: 'b' }] }, { id: 'b', name: 'B', affiliations: [{ actor: 'c' }] }, { id: 'c', name: 'C', affiliations: [{ actor: 'a' }] }], events: [event({ participants: ['a'] })] }),
    invalid: true,
  },
  { name: 'a 10 MB title', file: 'huge.json', content: json({ events: [event({ title: TEN_MB })] }), invalid: false },
  { name: 'a 10 MB string where a date belongs', file: 'huge-date.json', content: json({ events: [event({ when: TEN_MB })] }), invalid: true },
  { name: 'a byte-order mark', file: 'bom.json', content: `\uFEFF${json({ events: [event({})] })}`, invalid: false },
  { name: 'invalid UTF-8 bytes', file: 'latin1.json', content: Uint8Array.from([...bytes('{"events":[{"id":"a","title":"Caf'), 0xe9, 0xff, 0xfe, ...bytes('","when":"2024"}]}')]), invalid: true },
  { name: '__proto__ keys', file: 'proto.json', content: '{"__proto__":{"events":[]},"events":[{"id":"a","title":"A","when":"2024","__proto__":{"title":"polluted"},"constructor":{"prototype":{"x":1}}}]}', invalid: undefined },
  { name: 'CSV with ragged rows', file: 'ragged.csv', content: 'date,title,actors\n2024-01-01,One\n2024-01-02,Two,A;B,extra,cells\n2024-01-03\n,,\n2024-01-04,Four,A\n', invalid: true },
  { name: 'CSV with an unclosed quote', file: 'quote.csv', content: 'date,title,actors\n2024-01-01,"One,A\n2024-01-02,Two,B\n', invalid: true },
  { name: 'CSV with only a header', file: 'header.csv', content: 'date,title,actors\n', invalid: undefined },
  { name: 'CSV without a date column', file: 'nodate.csv', content: 'title,actors\nOne,A\n', invalid: true },
  { name: 'a PNG given as CSV', file: 'image.csv', content: PNG, invalid: true },
  { name: 'random bytes given as CSV', file: 'noise.csv', content: noise(5000), invalid: true },
  { name: 'a NUL-filled file', file: 'nul.json', content: new Uint8Array(1000), invalid: true },
];

function check(name: string, command: string, result: { status: number; stdout: string; stderr: string }, ms: number): void {
  timings.push({ name, command, ms });
  expect(ms, `${command} ${name} took ${Math.round(ms)} ms`).toBeLessThan(LIMIT_MS);
  expect([0, 1, 2]).toContain(result.status);
  expect(result.stdout.slice(0, 20_000) + result.stderr, `${command} ${name}: a stack trace`).not.toMatch(STACK);
  expect(result.stderr).not.toMatch(/unexpected error/);
}

describe('broken input through the CLI', () => {
  for (const broken of BROKEN) {
    it(`validate and render answer ${broken.name} within 2 s, with a path and a message and no stack trace`, async () => {
      const files = { [broken.file]: broken.content };
      let t = performance.now();
      const validated = await run(['validate', broken.file], files);
      check(broken.name, 'validate', validated, performance.now() - t);
      if (broken.invalid === true) {
        expect(validated.status).toBe(1);
        expect(validated.stdout).toMatch(WHERE);
      } else if (broken.invalid === false) {
        expect(validated.status, validated.stdout.slice(0, 300)).toBe(0);
      } else {
        expect([0, 1]).toContain(validated.status);
        if (validated.status === 1) expect(validated.stdout).toMatch(WHERE);
      }

      t = performance.now();
      const json = await run(['validate', broken.file, '--json'], files);
      check(broken.name, 'validate --json', json, performance.now() - t);
      const report = JSON.parse(json.stdout) as { valid: boolean; problems: { path: string; message: string }[] };
      expect(report.valid).toBe(validated.status === 0);
      for (const p of report.problems) expect(p.path !== '' && p.message !== '').toBe(true);

      t = performance.now();
      const rendered = await run(['render', broken.file, '--view', 'timeline'], files);
      check(broken.name, 'render', rendered, performance.now() - t);
      // Render draws what it could keep (exit 0) and names every problem on stderr.
      expect(rendered.status, rendered.stderr.slice(0, 300)).toBe(0);
      if (validated.status === 1) expect(rendered.stderr).toMatch(WHERE);
      expect(rendered.stdout).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
    });
  }
});

/** How many records of each kind a parsed JSON value gives. */
function given(value: unknown): Record<'events' | 'actors' | 'relations', number> {
  const count = (key: string): number => {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return 0;
    const list = (value as Record<string, unknown>)[key];
    return Array.isArray(list) ? list.length : 0;
  };
  return { events: count('events'), actors: count('actors'), relations: count('relations') };
}

describe('broken input through parseDataset and the importers in lenient mode', () => {
  const textual = BROKEN.filter((b) => typeof b.content === 'string') as (Broken & { content: string })[];

  for (const broken of textual.filter((b) => b.file.endsWith('.json'))) {
    it(`keeps or rejects every record of ${broken.name}`, () => {
      const result = parseDataset(broken.content, { mode: 'lenient' });
      let value: unknown;
      try {
        value = JSON.parse(broken.content.replace(/^\uFEFF/, ''));
      } catch {
        value = undefined;
      }
      const counts = given(value);
      for (const key of ['events', 'actors', 'relations'] as const) {
        const rejected = result.rejected.filter((r) => new RegExp(`^${key}\\[\\d+\\]$`).test(r.path)).length;
        const kept = key === 'events' ? result.dataset.events.length : key === 'actors' ? result.dataset.actors.length : result.dataset.declaredRelations.length;
        expect(kept + rejected, `${key} of ${broken.name}`).toBe(counts[key]);
      }
      if (broken.invalid === true) expect(result.problems.some((p) => p.severity === 'error')).toBe(true);
    });
  }

  it('keeps or rejects every row of ragged CSV, counted by line', () => {
    const text = 'date,title,actors\n2024-01-01,One\n2024-01-02,Two,A;B,extra,cells\n2024-01-03\n\n2024-01-04,Four,A\n2024-01-04,Four,A\n';
    const result = fromCSV(text);
    // Five data rows, one blank line.
    expect(result.counts.records).toBe(5);
    expect(result.counts.blank).toBe(1);
    expect(result.counts.kept + result.counts.rejected + result.counts.duplicates).toBe(5);
    expect(result.dataset.events.length).toBe(result.counts.kept);
    const rows = result.rejected.length;
    expect(rows).toBe(result.counts.rejected);
  });

  for (const broken of textual.filter((b) => !b.file.endsWith('.json'))) {
    it(`accounts for every record of ${broken.name} (kept + rejected + duplicates = records)`, () => {
      const result = importText(broken.content, { fileName: broken.file });
      expect(result.counts.kept + result.counts.rejected + result.counts.duplicates).toBe(result.counts.records);
      expect(result.dataset.events.length).toBe(result.counts.kept);
    });
  }

  it('reads binary bytes decoded leniently as CSV without throwing and accounts for every record', () => {
    for (const content of [PNG, noise(5000), noise(100)]) {
      const text = new TextDecoder('utf-8').decode(content);
      for (const format of ['csv', 'tsv', 'gdelt', 'acled', 'auto'] as const) {
        const result = importText(text, { format, fileName: 'x.csv' });
        expect(result.counts.kept + result.counts.rejected + result.counts.duplicates).toBe(result.counts.records);
      }
    }
  });

  it('reads values no JSON text can hold (NaN, Infinity, -0, sparse arrays, getters that throw) as problems', () => {
    const hostile = {
      events: [
        { id: 'a', title: 'A', when: '2024', location: { name: 'x', lat: Number.NaN, lon: Infinity } },
        { id: 'b', title: 'B', when: '2024', sources: [{ url: 'https://example.org', confidence: Number.NaN }] },
        // eslint-disable-next-line no-sparse-arrays
        { id: 'c', title: 'C', when: '2024', tags: [, 'x'] },
        Object.defineProperty({ id: 'd', when: '2024' }, 'title', { enumerable: true, get: () => { throw new Error('boom'); } }),
        { id: 'e', title: 'E', when: '2024', location: { name: 'y', lat: -0, lon: 0 } },
      ],
    };
    const result = parseDataset(hostile, { mode: 'lenient' });
    const rejected = result.rejected.filter((r) => /^events\[\d+\]$/.test(r.path)).length;
    expect(result.dataset.events.length + rejected).toBe(5);
    expect(result.problems.filter((p) => p.severity === 'error').length).toBeGreaterThanOrEqual(3);
    expect(() => parseDataset(hostile)).toThrow(/error/);
  });
});

afterAll(() => {
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(
    `broken inputs: ${BROKEN.length} files × ${new Set(timings.map((t) => t.command)).size} CLI commands = ${timings.length} runs; slowest: ` +
      slowest.map((t) => `${t.command} ${t.name} ${Math.round(t.ms)} ms`).join('; '),
  );
});
