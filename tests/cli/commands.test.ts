import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { parseDataset } from '../../src/model/parse.js';
import { run } from './run-cli.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const seed = read('examples/data/korea-russia-2024.json');
const csv = read('tests/fixtures/io/events.csv');
const acled = read('tests/fixtures/io/acled.csv');
const gdelt = read('tests/fixtures/io/gdelt-2.0.export.CSV');
const timeline = read('tests/fixtures/io/timeline.json');

/** Parses SVG text as XML (throws on ill-formed output) and returns its root. */
function svgRoot(text: string): Element {
  const dom = new JSDOM(text, { contentType: 'image/svg+xml' });
  return dom.window.document.documentElement;
}

describe('entity-timeline render', () => {
  it('writes one data-event-id mark per valid event of the founding dataset for every view that draws events', async () => {
    const valid = parseDataset(seed);
    for (const view of ['timeline', 'storyline']) {
      const { status, written, stderr } = await run(['render', 'seed.json', '--view', view, '--out', 'chart.svg'], { 'seed.json': seed });
      expect(status, stderr).toBe(0);
      const root = svgRoot(written['chart.svg']!);
      const ids = new Set<string>();
      for (const el of root.querySelectorAll('[data-event-id]')) ids.add(el.getAttribute('data-event-id')!);
      for (const el of root.querySelectorAll('[data-event-ids]')) for (const id of el.getAttribute('data-event-ids')!.split(' ')) ids.add(id);
      expect([...ids].sort()).toEqual(valid.events.map((e) => e.id).sort());
      expect(root.querySelector('script, foreignObject')).toBeNull();
      expect(stderr).toContain(`chart.svg: ${view} of 12 events`);
    }
  });

  it('draws every actor of the network views with data-actor-id', async () => {
    for (const argv of [['--view', 'network'], ['--view', 'arc'], ['--view', 'matrix'], ['--view', 'ego', '--actor', 'north-korea']]) {
      const { status, stdout, stderr } = await run(['render', 'seed.json', ...argv], { 'seed.json': seed });
      expect(status, stderr).toBe(0);
      const root = svgRoot(stdout);
      expect(root.querySelector('[data-actor-id="north-korea"]'), argv.join(' ')).not.toBeNull();
    }
  });

  it('renders the same bytes twice (deterministic static output)', async () => {
    const a = await run(['render', 'seed.json', '--view', 'network', '--seed', '7'], { 'seed.json': seed });
    const b = await run(['render', 'seed.json', '--view', 'network', '--seed', '7'], { 'seed.json': seed });
    expect(a.stdout).toBe(b.stdout);
  });

  it('renders the valid records of a broken file, lists the rest, and refuses with --strict', async () => {
    const broken = seed.replace('"when": "2023?"', '"when": "2024-02-30"');
    const lenient = await run(['render', 'bad.json', '--out', 'out.svg'], { 'bad.json': broken });
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toContain('bad.json: events[4].when: "2024-02-30" is not a calendar date');
    expect(lenient.stderr).toContain('timeline of 11 events; 1 invalid record left out');
    const strict = await run(['render', 'bad.json', '--strict', '--out', 'out.svg'], { 'bad.json': broken });
    expect(strict.status).toBe(1);
    expect(strict.written['out.svg']).toBeUndefined();
  });

  it('treats a bad view, a missing ego actor and an unreadable --from as usage errors', async () => {
    const files = { 'seed.json': seed };
    expect((await run(['render', 'seed.json', '--view', 'pie'], files)).status).toBe(2);
    const ego = await run(['render', 'seed.json', '--view', 'ego'], files);
    expect(ego.status).toBe(2);
    expect(ego.stderr).toContain('--view ego needs --actor <id>');
    expect((await run(['render', 'seed.json', '--view', 'ego', '--actor', 'atlantis'], files)).stderr).toContain('is not an actor');
    const from = await run(['render', 'seed.json', '--from', '2024-13'], files);
    expect(from.status).toBe(2);
    expect(from.stderr).toContain('"2024-13" is not a date');
  });

  it('lists every option with an example in its help', async () => {
    const { status, stdout } = await run(['render', '--help']);
    expect(status).toBe(0);
    for (const flag of ['--view', '--out', '--width', '--height', '--theme', '--from', '--to', '--lanes', '--actor', '--format', '--aliases', '--day-first']) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('entity-timeline render events.json --view timeline --out timeline.svg');
  });
});

describe('entity-timeline validate with other formats', () => {
  it('says which format --format auto chose, for every importer', async () => {
    const cases: [string, string, string][] = [
      ['events.csv', csv, 'csv'],
      ['acled.csv', acled, 'acled'],
      ['export.CSV', gdelt, 'gdelt'],
      ['timeline.json', timeline, 'timelinejs'],
      ['seed.json', seed, 'json'],
    ];
    for (const [name, text, format] of cases) {
      const { stdout } = await run(['validate', name, '--json'], { [name]: text });
      const report = JSON.parse(stdout) as { format: string; formatReason: string };
      expect(report.format, name).toBe(format);
      expect(report.formatReason.length).toBeGreaterThan(0);
    }
  });

  it('names the line of an ambiguous date and reads it with --day-first', async () => {
    const plain = JSON.parse((await run(['validate', 'e.csv', '--json'], { 'e.csv': csv })).stdout) as { problems: { path: string; message: string }[] };
    expect(plain.problems.some((p) => /^line \d+/.test(p.path) && p.message.includes('01/02/2024'))).toBe(true);
    const dayFirst = JSON.parse((await run(['validate', 'e.csv', '--json', '--day-first'], { 'e.csv': csv })).stdout) as { problems: { message: string }[] };
    expect(dayFirst.problems.some((p) => p.message.includes('01/02/2024'))).toBe(false);
  });

  it('merges actor names through an aliases file and lists the merge', async () => {
    const aliases = 'alias,canonical,kind\nDPRK,North Korea,state\n';
    const text = 'date,title,actors\n2024-01-18,Talks,DPRK;Russia\n2024-01-19,More talks,North Korea;russia\n';
    const { stdout } = await run(['validate', 'e.csv', '--json', '--aliases', 'aliases.csv'], { 'e.csv': text, 'aliases.csv': aliases });
    const report = JSON.parse(stdout) as { actors: number; merges: { actor: string; names: string[] }[] };
    expect(report.actors).toBe(2);
    expect(report.merges.map((m) => m.actor).sort()).toEqual(['north-korea', 'russia']);
  });

  it('refuses --day-first with --month-first, and a missing aliases file, as usage errors', async () => {
    expect((await run(['validate', 'e.csv', '--day-first', '--month-first'], { 'e.csv': csv })).status).toBe(2);
    expect((await run(['validate', 'e.csv', '--aliases', 'nope.csv'], { 'e.csv': csv })).status).toBe(2);
  });
});

describe('entity-timeline convert', () => {
  it('converts CSV to the JSON format, which then validates with the same counts', async () => {
    const { status, written, stderr } = await run(['convert', 'e.csv', '--to', 'json', '--day-first', '--out', 'e.json'], { 'e.csv': csv });
    expect(status, stderr).toBe(0);
    const back = parseDataset(written['e.json']!);
    const direct = JSON.parse((await run(['validate', 'e.csv', '--json', '--day-first'], { 'e.csv': csv })).stdout) as { events: number; actors: number };
    expect(back.events.length).toBe(direct.events);
    expect(back.actors.length).toBe(direct.actors);
  });

  it('converts the founding dataset to TimelineJS and back without losing an event, a precision or an actor', async () => {
    const there = await run(['convert', 'seed.json', '--to', 'timelinejs'], { 'seed.json': seed });
    expect(there.status).toBe(0);
    const back = await run(['convert', 'tl.json', '--format', 'timelinejs', '--to', 'json'], { 'tl.json': there.stdout });
    expect(back.status, back.stderr).toBe(0);
    const original = parseDataset(seed);
    const roundTrip = parseDataset(back.stdout);
    expect(roundTrip.events.map((e) => [e.id, e.when.edtf, e.participants.map((p) => `${p.actor}:${p.role}`)])).toEqual(
      original.events.map((e) => [e.id, e.when.edtf, e.participants.map((p) => `${p.actor}:${p.role}`)]),
    );
    expect(roundTrip.actors.map((a) => a.id).sort()).toEqual(original.actors.map((a) => a.id).sort());
  });

  it('requires --to', async () => {
    const { status, stderr } = await run(['convert', 'seed.json'], { 'seed.json': seed });
    expect(status).toBe(2);
    expect(stderr).toContain('--to json|timelinejs is required');
  });
});
