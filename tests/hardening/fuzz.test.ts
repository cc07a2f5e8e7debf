// Fuzzing with fixed seeds: random strings and mutated real files (the importer fixtures and the
// gallery's data) through every parser. The only errors allowed are the documented ones
// (DateSyntaxError; DatasetValidationError and ImportError in strict mode; AliasTableError for a
// bad alias table); lenient mode never throws and never loses a record. Also the layout
// invariants the layout tests do not yet check on random datasets.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AliasTableError,
  DatasetValidationError,
  DateSyntaxError,
  ImportError,
  fromACLED,
  fromCSV,
  fromGDELT,
  fromTSV,
  fromTimelineJS,
  importText,
  layoutTimeline,
  parseDataset,
  parseDate,
  type ImportResult,
} from '../../src/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (dir: string) => readdirSync(join(ROOT, dir)).map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(ROOT, dir, f), 'utf8') }));
const FIXTURES = [...read('tests/fixtures/io'), ...read('examples/data')];
const byExt = (re: RegExp) => FIXTURES.filter((f) => re.test(f.name)).map((f) => f.text);
const JSON_FILES = byExt(/korea-russia-2024\.json|partial-dates|deep-history/);
const CSV_FILES = byExt(/\.csv$/i).filter((t) => !t.startsWith('1145'));
const TLJS_FILES = byExt(/timeline(js)?\.json$/);
const GDELT_FILES = byExt(/gdelt/i);
const ACLED_FILES = byExt(/acled/i);
const ALL_FILES = FIXTURES.map((f) => f.text);

const counted: Record<string, number> = {};
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);

// Characters that matter to the parsers: delimiters, quotes, brackets, EDTF marks, white space,
// controls, a BOM, surrogates and non-ASCII digits.
const SPECIAL = [',', ';', '\t', '\n', '\r', '"', "'", '{', '}', '[', ']', ':', '/', '-', '~', '?', '%', 'X', '.', '..', '\\', '\u0000', '\uFEFF', '\uD800', '\u00E9', '٣', ' ', '0', '9', '1e309', 'null', 'true', '<', '&'];
const piece = fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 }));

type Mutation = { kind: 'insert' | 'delete' | 'replace' | 'truncate' | 'duplicate' | 'swap'; at: number; length: number; text: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace', 'truncate', 'duplicate', 'swap'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.integer({ min: 1, max: 200 }),
  text: piece,
});

function mutate(source: string, mutations: readonly Mutation[]): string {
  let text = source;
  for (const m of mutations) {
    const at = Math.floor(m.at * text.length);
    const end = Math.min(text.length, at + m.length);
    switch (m.kind) {
      case 'insert':
        text = text.slice(0, at) + m.text + text.slice(at);
        break;
      case 'delete':
        text = text.slice(0, at) + text.slice(end);
        break;
      case 'replace':
        text = text.slice(0, at) + m.text + text.slice(at + m.text.length);
        break;
      case 'truncate':
        text = text.slice(0, at);
        break;
      case 'duplicate':
        text = text.slice(0, end) + text.slice(at, end) + text.slice(end);
        break;
      case 'swap': {
        const lines = text.split('\n');
        const i = Math.floor(m.at * lines.length);
        const j = (i + m.length) % Math.max(1, lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        text = lines.join('\n');
        break;
      }
    }
  }
  return text;
}

/** Mutated copies of the given files, or (one case in eight) a random string. */
const mutated = (files: readonly string[]) =>
  fc.oneof(
    { weight: 7, arbitrary: fc.tuple(fc.constantFrom(...files), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([text, ms]) => mutate(text, ms)) },
    { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 1 })), maxLength: 300 }) },
  );

/** Lenient results account for every record, and strict mode throws only an ImportError. */
function checkImport(name: string, importer: (text: string, mode: 'lenient' | 'strict') => ImportResult, text: string): void {
  counted[name] = (counted[name] ?? 0) + 1;
  const result = importer(text, 'lenient');
  const { counts } = result;
  expect(counts.kept + counts.rejected + counts.duplicates).toBe(counts.records);
  expect(result.dataset.events.length).toBe(counts.kept);
  try {
    importer(text, 'strict');
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    expect(error.problems.some((p) => p.severity === 'error')).toBe(true);
  }
}

describe('fuzzing the parsers with mutated real files and random text', () => {
  it('parseDate returns a value or throws a DateSyntaxError, and a value reads back the same', () => {
    const dates = ['2024', '2024-01-18', '2024-01~', '2024-02-29T23:59:59.999+14:00', '-0044-03-15', 'Y-170000002', '2024-21', '2024-XX', '1984?', '2004-06-11T09:30Z', '0000', '2023/2024'];
    fc.assert(
      fc.property(fc.oneof(mutated(dates), fc.string({ maxLength: 40 })), (text) => {
        counted.parseDate = (counted.parseDate ?? 0) + 1;
        let value;
        try {
          value = parseDate(text);
        } catch (error) {
          if (error instanceof DateSyntaxError) return;
          throw error;
        }
        expect(value.earliest).toBeLessThanOrEqual(value.latest);
        expect(Number.isFinite(value.earliest) && Number.isFinite(value.latest)).toBe(true);
        expect(parseDate(value.edtf)).toEqual(value);
      }),
      { numRuns: RUNS * 3, seed: 101 },
    );
  });

  it('parseDataset (JSON text) never throws when lenient, and strict mode throws only DatasetValidationError', () => {
    fc.assert(
      fc.property(mutated(JSON_FILES), (text) => {
        counted.parseDataset = (counted.parseDataset ?? 0) + 1;
        const { dataset, rejected } = parseDataset(text, { mode: 'lenient' });
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          value = undefined;
        }
        if (typeof value === 'object' && value !== null && Array.isArray((value as { events?: unknown }).events)) {
          const given = (value as { events: unknown[] }).events.length;
          expect(dataset.events.length + rejected.filter((r) => /^events\[\d+\]$/.test(r.path)).length).toBe(given);
        }
        try {
          parseDataset(text);
        } catch (error) {
          if (!(error instanceof DatasetValidationError)) throw error;
        }
      }),
      { numRuns: RUNS, seed: 102 },
    );
  });

  it('fromCSV accounts for every row, strict or lenient', () => {
    fc.assert(fc.property(mutated(CSV_FILES), (text) => checkImport('fromCSV', (t, mode) => fromCSV(t, { mode }), text)), { numRuns: RUNS, seed: 103 });
  });

  it('fromTSV accounts for every row, strict or lenient', () => {
    const tsv = CSV_FILES.map((t) => t.replace(/,/g, '\t'));
    fc.assert(fc.property(mutated(tsv), (text) => checkImport('fromTSV', (t, mode) => fromTSV(t, { mode }), text)), { numRuns: RUNS, seed: 104 });
  });

  it('fromTimelineJS accounts for every slide, strict or lenient', () => {
    fc.assert(fc.property(mutated(TLJS_FILES), (text) => checkImport('fromTimelineJS', (t, mode) => fromTimelineJS(t, { mode }), text)), { numRuns: RUNS, seed: 105 });
  });

  it('fromGDELT accounts for every row, strict or lenient', () => {
    fc.assert(fc.property(mutated(GDELT_FILES), (text) => checkImport('fromGDELT', (t, mode) => fromGDELT(t, { mode }), text)), { numRuns: RUNS, seed: 106 });
  });

  it('fromACLED accounts for every row, strict or lenient', () => {
    fc.assert(fc.property(mutated(ACLED_FILES), (text) => checkImport('fromACLED', (t, mode) => fromACLED(t, { mode }), text)), { numRuns: RUNS, seed: 107 });
  });

  it('importText (auto) reads any mutated file in any format, strict or lenient', () => {
    fc.assert(
      fc.property(mutated(ALL_FILES), fc.constantFrom('a.json', 'a.csv', 'a.tsv', 'a.export.CSV', undefined), (text, fileName) =>
        checkImport('importText', (t, mode) => importText(t, { mode, ...(fileName !== undefined && { fileName }) }), text),
      ),
      { numRuns: RUNS, seed: 108 },
    );
  });

  it('a broken alias table is an AliasTableError and nothing else', () => {
    const csv = CSV_FILES[0]!;
    fc.assert(
      fc.property(mutated(['alias,canonical,kind\nrussia,Russian Federation,state\nDPRK,North Korea,state\n']), (aliases) => {
        counted.aliases = (counted.aliases ?? 0) + 1;
        try {
          const result = fromCSV(csv, { aliases });
          expect(result.counts.kept + result.counts.rejected + result.counts.duplicates).toBe(result.counts.records);
        } catch (error) {
          if (!(error instanceof AliasTableError)) throw error;
        }
      }),
      { numRuns: Math.ceil(RUNS / 3), seed: 109 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Layout invariants on random datasets (tests/layout checks these on fixed data only).

const ACTORS = ['a', 'b', 'c', 'd', 'e'];
const randomDataset = fc
  .array(
    fc.record({
      day: fc.integer({ min: 0, max: 400 }),
      length: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 90 })),
      actors: fc.uniqueArray(fc.constantFrom(...ACTORS), { maxLength: 4 }),
      title: fc.string({ maxLength: 30 }),
    }),
    { maxLength: 120 },
  )
  .map((specs) => {
    const day = (n: number): string => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10);
    const input = {
      actors: ACTORS.map((id) => ({ id, name: id.toUpperCase() })),
      events: specs.map((s, i) => ({
        id: `e${i}`,
        title: s.title.trim() === '' ? `Event ${i}` : s.title,
        when: s.length === 0 ? day(s.day) : `${day(s.day)}/${day(s.day + s.length)}`,
        participants: s.actors.map((actor, k) => ({ actor, role: k === 0 ? 'source' : 'target' })),
      })),
    };
    return parseDataset(input);
  });

const measure = (text: string): number => text.length * 7;

describe('timeline layout invariants on random datasets', () => {
  it('never lets two marks in one lane row overlap and draws each (event, lane) pair exactly once', () => {
    fc.assert(
      fc.property(randomDataset, fc.integer({ min: 200, max: 1200 }), fc.boolean(), (dataset, width, density) => {
        counted.layoutTimeline = (counted.layoutTimeline ?? 0) + 1;
        const layout = layoutTimeline(dataset, { width, measureText: measure, maxRows: 1000, ...(density ? {} : { density: false as const }) });
        const rows = new Map<string, { x0: number; x1: number }[]>();
        for (const item of layout.items) {
          const key = `${item.laneId}:${item.row}`;
          const placed = rows.get(key) ?? [];
          for (const other of placed) expect(item.markX < other.x1 && other.x0 < item.markX + item.markWidth).toBe(false);
          placed.push({ x0: item.markX, x1: item.markX + item.markWidth });
          rows.set(key, placed);
        }
        const pairs = new Set<string>();
        for (const item of layout.items) {
          expect(pairs.has(item.key)).toBe(false);
          pairs.add(item.key);
        }
        for (const aggregate of layout.aggregates) {
          for (const id of aggregate.eventIds) {
            const key = `${id}|${aggregate.laneId}`;
            expect(pairs.has(key)).toBe(false);
            pairs.add(key);
          }
        }
        const expected = dataset.events.reduce((n, e) => n + Math.max(1, new Set(e.participants.map((p) => p.actor)).size), 0);
        expect(pairs.size).toBe(expected);
      }),
      { numRuns: 200, seed: 110 },
    );
  });
});

afterAll(() => {
  const total = Object.values(counted).reduce((a, b) => a + b, 0);
  console.log(`fuzz cases: ${total} (${Object.entries(counted).map(([k, v]) => `${k} ${v}`).join(', ')})`);
});
