import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fromACLED } from '../../src/io/acled.js';
import { fromCSV, splitActors } from '../../src/io/csv.js';
import { fromGDELT } from '../../src/io/gdelt.js';
import { fromTimelineJS, toTimelineJS } from '../../src/io/timelinejs.js';
import { ImportError, type ImportResult } from '../../src/io/import-result.js';
import { validateImportsInFull } from '../../src/io/import-records.js';
import { isPlainHttpUrl, UniqueIds } from '../../src/io/util.js';
import { parseDataset } from '../../src/model/parse.js';
import { safeUrl } from '../../src/render/common/safe-url.js';

// Importers build validated records straight from each row; before, they built the JSON shape
// and ran parseDataset's validator over it. These tests hold the two paths to the same answers.

afterEach(() => {
  validateImportsInFull(false);
});

/** The import through the validator (the old path) and through records built directly. */
function both<T>(run: () => T): { reference: T; direct: T } {
  validateImportsInFull(true);
  let reference: T;
  try {
    reference = run();
  } finally {
    validateImportsInFull(false);
  }
  return { reference, direct: run() };
}

function expectSameImport(direct: ImportResult, reference: ImportResult): void {
  expect(direct.dataset.events).toEqual(reference.dataset.events);
  expect(direct.dataset.events.map((e) => e.id)).toEqual(reference.dataset.events.map((e) => e.id));
  expect(direct.dataset.actors).toEqual(reference.dataset.actors);
  expect(direct.dataset.meta).toEqual(reference.dataset.meta);
  expect(direct.problems).toEqual(reference.problems);
  expect(direct.rejected).toEqual(reference.rejected);
  expect(direct.counts).toEqual(reference.counts);
  expect(direct.merges).toEqual(reference.merges);
  // The JSON shape is derived from the records on first read: same values, same key order.
  expect(JSON.stringify(direct.input)).toBe(JSON.stringify(reference.input));
  expect(direct.dataset.relations).toEqual(reference.dataset.relations);
}

const csvCells = {
  id: ['', 'e1', 'e1', 'e2', ' e3 ', 'row-2'],
  date: ['2024-01-18', '18 Jan 2024', 'Jan 2024', '2024', '2024-02-30', '01/02/2024', '18/01/2024', '2023/2024', '2024/2023', 'c. 2020', '2024-01-18 09:30', '', 'soon', '2024-01-18/2024-01-20', 'Jan 2024 to Mar 2024'],
  end_date: ['', '2024-01-20', '2023-12-31', 'bad'],
  title: ['Talks', '', '  ', 'Talks, day 1', '"Quoted" title', 'Ünïcode title'],
  description: ['', 'First line\nsecond line', 'Officials met'],
  actors: ['', 'Russia:source;North Korea:target', 'russia ; RUSSIA', 'UN|Russia:target:x', 'Russia:Source', ':target', 'A:b:c'],
  source_url: ['', 'https://example.org/a', 'javascript:alert(1)', 'Reuters', 'https://a.org/x https://b.org/y', 'mailto:x@y.org', 'ftp://x.org'],
  publisher: ['', 'AP'],
  category: ['', 'diplomacy', ' talks '],
  location: ['', 'Pyongyang'],
  lat: ['', '39.0', '91', 'x'],
  lon: ['', '125.7', '-181'],
  tags: ['', 'a;b', 'a,a', ' , '],
  reported: ['', '2024-01-19', 'yesterday'],
  constructor: ['', 'x'],
  __proto__: ['', 'polluted'],
  extra: ['', '1', 'two'],
} as const;

type CsvColumn = keyof typeof csvCells;
const COLUMNS = Object.keys(csvCells) as CsvColumn[];

function csvField(value: string): string {
  return /[",\n]/.test(value) || value.trim() !== value ? `"${value.replace(/"/g, '""')}"` : value;
}

const csvTable = fc
  .record({
    columns: fc.subarray(COLUMNS, { minLength: 1 }),
    rows: fc.array(fc.array(fc.nat(), { minLength: COLUMNS.length, maxLength: COLUMNS.length }), { maxLength: 12 }),
    blankAt: fc.option(fc.nat({ max: 12 })),
    ragged: fc.boolean(),
  })
  .map(({ columns, rows, blankAt, ragged }) => {
    const header = columns.includes('date') ? columns : (['date', ...columns] as CsvColumn[]);
    const lines = [header.join(',')];
    rows.forEach((picks, r) => {
      if (blankAt === r) lines.push('');
      const cells = header.map((column, i) => {
        const pool = csvCells[column];
        return csvField(pool[picks[i]! % pool.length]!);
      });
      if (ragged && r === 1) cells.pop();
      lines.push(cells.join(','));
      if (r === 2) lines.push(lines[lines.length - 1]!); // an exact duplicate row
    });
    return lines.join('\n') + '\n';
  });

describe('records built directly from rows', () => {
  it('give a CSV import the same dataset, problems, rejections, counts and JSON as validating the JSON shape', () => {
    fc.assert(
      fc.property(csvTable, (text) => {
        const { reference, direct } = both(() => fromCSV(text));
        expectSameImport(direct, reference);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('give a CSV import with an end column and day-first dates the same answers as the validator', () => {
    const text = 'date,end_date,title,actors\n01/02/2024,03/02/2024,A,X\n2024-01-20,2024-01-18,B,Y\n2024,2025,C,X:source;Y:target\n';
    const { reference, direct } = both(() => fromCSV(text, { dayFirst: true }));
    expectSameImport(direct, reference);
    // The interval that ends before it starts is the validator's finding, named by its line.
    expect(direct.problems.map((p) => p.path)).toContain('line 3 (events[1].when)');
    expect(direct.counts).toMatchObject({ records: 3, kept: 2, rejected: 1 });
  });

  it('keep the validator’s warning for attribute keys that reach a prototype', () => {
    const text = 'date,title,constructor,__proto__,note\n2024-01-18,A,x,y,z\n';
    const { reference, direct } = both(() => fromCSV(text));
    expectSameImport(direct, reference);
    expect(direct.dataset.events[0]!.attributes).toEqual({ note: 'z' });
    expect(direct.problems.map((p) => [p.path, p.severity])).toEqual([
      ['line 2 (events[0].attributes.constructor)', 'warning'],
      ['line 2 (events[0].attributes.__proto__)', 'warning'],
    ]);
  });

  it('throw the same ImportError in strict mode', () => {
    const text = 'date,title\n2024-02-30,A\n2024-01-18,B\n2024/2023,C\n';
    const { reference, direct } = both(() => {
      try {
        fromCSV(text, { mode: 'strict' });
      } catch (error) {
        return error;
      }
      return undefined;
    });
    expect(direct).toBeInstanceOf(ImportError);
    expect((direct as ImportError).message).toBe((reference as ImportError).message);
    expect((direct as ImportError).problems).toEqual((reference as ImportError).problems);
  });

  it('leave the dataset deeply frozen and equal to parseDataset of the derived JSON shape', () => {
    const text = 'id,date,title,actors,source_url,location,lat,lon,tags\na,2024-01-18,A,Russia:source;UN:target,https://example.org/a,Here,1,2,x;y\n';
    const result = fromCSV(text);
    const event = result.dataset.events[0]!;
    expect(Object.isFrozen(event)).toBe(true);
    for (const part of [event.when, event.location, event.participants, event.participants[0], event.tags, event.sources, event.sources[0]]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    const again = parseDataset(result.input, { mode: 'lenient' });
    expect(again.problems).toEqual([]);
    expect(again.dataset.events).toEqual(result.dataset.events);
    expect(again.dataset.actors).toEqual(result.dataset.actors);
  });

  it('derive the JSON shape once, as a plain object the caller may change without touching the dataset', () => {
    const result = fromCSV('id,date,title,tags\na,2024-01-18,A,x\n');
    const input = result.input;
    expect(result.input).toBe(input);
    input.events[0]!.title = 'changed';
    input.events[0]!.tags!.push('y');
    expect(result.dataset.events[0]!.title).toBe('A');
    expect(result.dataset.events[0]!.tags).toEqual(['x']);
  });

  it('give a JSON shape whose tags and attributes are the caller’s, apart from the frozen record', () => {
    const result = fromCSV('id,date,title,tags,extra\na,2024-01-18/2024-01-20,A,x,1\n');
    const input = result.input;
    expect(input.events[0]!.when).toEqual({ start: '2024-01-18', end: '2024-01-20' });
    input.events[0]!.tags!.push('y');
    input.events[0]!.attributes!['extra'] = '2';
    expect(result.dataset.events[0]!.tags).toEqual(['x']);
    expect(result.dataset.events[0]!.attributes).toEqual({ extra: '1' });
    expect(Object.isFrozen(result.dataset.events[0]!.attributes)).toBe(true);
  });
});

const GDELT_FIELDS = 61;

const gdeltCells: Partial<Record<number, readonly string[]>> = {
  0: ['1145073501', '1145073502', '', ' 1145073503 ', '1145073501'],
  1: ['20240118', '20240119', '2024011', ' 20240118', '20240230', '', '2024-01-18', '20000229', '21000229'],
  5: ['RUS', 'USAGOV', '', ' RUS ', 'ÉTAT', 'SYRREB', 'A B'],
  6: ['RUSSIA', 'UNITED STATES', '', 'REBEL'],
  7: ['RUS', 'USA', ''],
  15: ['PRK', '', 'KORGOV', 'RUS', 'ÉTAT'],
  16: ['NORTH KOREA', '', 'SOUTH KOREA', 'RUSSIA'],
  17: ['PRK', 'KOR', ''],
  25: ['1', '0', '', 'x'],
  26: ['042', '190', '', '0211', ' 042', 'ä1'],
  27: ['042', '19', ''],
  28: ['04', '19', '', '99'],
  29: ['1', '4', '', 'x'],
  30: ['-2.0', '3.4', '', 'NaN'],
  31: ['10', ''],
  34: ['-1.234567', '', '1e400'],
  52: ['Moscow, Russia', '', 'Pyongyang'],
  53: ['RS', ''],
  56: ['55.75', '', '91'],
  57: ['37.61', '', '-181'],
  58: ['-2960561', '', '1234567890'],
  59: ['20240118093000', '20240118', '2024011809300', '', '20240118246000'],
  60: ['https://example.org/news/1', '', 'javascript:alert(1)', 'Reuters', 'mailto:a@b.org'],
};

const gdeltText = fc
  .array(fc.tuple(fc.array(fc.nat(), { minLength: GDELT_FIELDS, maxLength: GDELT_FIELDS }), fc.constantFrom(61, 61, 61, 60, 0)), { maxLength: 12 })
  .map((rows) =>
    rows
      .map(([picks, width]) => {
        if (width === 0) return '';
        const fields = Array.from({ length: width }, (_, i) => {
          const pool = gdeltCells[i];
          return pool === undefined ? '' : pool[picks[i]! % pool.length]!;
        });
        return fields.join('\t');
      })
      .join('\n'),
  );

describe('GDELT records built directly from rows', () => {
  it('give the same dataset, problems, rejections, counts and JSON as validating the JSON shape', () => {
    fc.assert(
      fc.property(gdeltText, (text) => {
        const { reference, direct } = both(() => fromGDELT(text));
        expectSameImport(direct, reference);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('read repeated codes, dates and actors the same on every row, padded or not', () => {
    const row = (id: string, date: string, code: string): string => {
      const f = new Array<string>(61).fill('');
      f[0] = id;
      f[1] = date;
      f[5] = code;
      f[6] = 'RUSSIA';
      f[7] = 'RUS';
      f[26] = '042';
      f[28] = '04';
      f[59] = `${date.trim()}093000`;
      return f.join('\t');
    };
    const text = [row('1', '20240118', 'RUS'), row('2', ' 20240118', ' RUS'), row('3', '20240118', 'RUS'), row('4', '20240118 ', 'RUS ')].join('\n');
    const { reference, direct } = both(() => fromGDELT(text));
    expectSameImport(direct, reference);
    expect(direct.dataset.events.map((e) => [e.id, e.when.edtf, e.reported?.edtf, e.title, e.attributes?.Actor1Code])).toEqual([
      ['1', '2024-01-18', '2024-01-18T09:30:00Z', 'RUSSIA: consult (042)', 'RUS'],
      ['2', '2024-01-18', '2024-01-18T09:30:00Z', 'RUSSIA: consult (042)', 'RUS'],
      ['3', '2024-01-18', '2024-01-18T09:30:00Z', 'RUSSIA: consult (042)', 'RUS'],
      ['4', '2024-01-18', '2024-01-18T09:30:00Z', 'RUSSIA: consult (042)', 'RUS'],
    ]);
  });
});

const acledCells = {
  event_id_cnty: ['NIG1', 'NIG2', 'NIG1', '', ' NIG3 '],
  event_date: ['2024-01-18', '18 January 2024', '2024-02-30', '', 'Jan 2024', '01/02/2024', '1850-12-31'],
  time_precision: ['1', '2', '3', '', '4'],
  disorder_type: ['', 'Political violence', 'Demonstrations; Political violence'],
  event_type: ['Battles', '', 'Protests'],
  sub_event_type: ['Armed clash', '', 'Peaceful protest'],
  actor1: ['Military Forces of Nigeria', '', 'Protesters (Nigeria)', 'protesters (nigeria) '],
  assoc_actor_1: ['', 'Labour Group; Students', ';'],
  inter1: ['State forces', '1', '', 'Rioters', 'unknown'],
  actor2: ['', 'Civilians (Nigeria)', 'Military Forces of Nigeria'],
  assoc_actor_2: ['', 'Farmers'],
  inter2: ['', 'Civilians', '7'],
  country: ['Nigeria', ''],
  admin1: ['Borno', '', 'Nigeria'],
  location: ['Maiduguri', '', 'Borno'],
  latitude: ['11.8464', '', '95', 'x'],
  longitude: ['13.1603', '', '-200'],
  source: ['Premium Times; Vanguard', '', ' ; '],
  notes: ['', 'Troops "clashed", then left.', 'Line one\nline two'],
  fatalities: ['0', '3', '', 'unknown'],
  tags: ['', 'crowd size=200'],
  timestamp: ['1705968000', ''],
  constructor: ['', 'x'],
  extra: ['', 'y'],
} as const;

type AcledColumn = keyof typeof acledCells;
const ACLED_COLUMNS = Object.keys(acledCells) as AcledColumn[];

const acledTable = fc
  .record({
    columns: fc.subarray(ACLED_COLUMNS, { minLength: 1 }),
    rows: fc.array(fc.array(fc.nat(), { minLength: ACLED_COLUMNS.length, maxLength: ACLED_COLUMNS.length }), { maxLength: 10 }),
  })
  .map(({ columns, rows }) => {
    const header = (['event_date', 'actor1'] as AcledColumn[]).concat(columns.filter((c) => c !== 'event_date' && c !== 'actor1'));
    const lines = [header.join(',')];
    rows.forEach((picks, r) => {
      lines.push(header.map((column, i) => csvField(acledCells[column][picks[i]! % acledCells[column].length]!)).join(','));
      if (r === 1) lines.push(lines[lines.length - 1]!); // an exact duplicate row
      if (r === 2) lines.push('');
    });
    return lines.join('\n') + '\n';
  });

describe('ACLED records built directly from rows', () => {
  it('give the same dataset, problems, rejections, counts and JSON as validating the JSON shape', () => {
    fc.assert(
      fc.property(acledTable, fc.constantFrom('lenient', 'strict') as fc.Arbitrary<'lenient' | 'strict'>, (text, mode) => {
        const { reference, direct } = both(() => {
          try {
            return fromACLED(text, { mode });
          } catch (error) {
            return error as ImportError;
          }
        });
        if (reference instanceof ImportError) {
          expect(direct).toBeInstanceOf(ImportError);
          expect((direct as ImportError).problems).toEqual(reference.problems);
        } else {
          expectSameImport(direct as ImportResult, reference);
        }
      }),
      { numRuns: 150, seed: 13 },
    );
  });
});

// Slides with every part a TimelineJS document (or a hand-edited round trip) may hold, good or not.
const opt = <T,>(...values: T[]): fc.Arbitrary<T | undefined> => fc.constantFrom<T | undefined>(undefined, ...values);
const slide = fc.record({
  start_date: opt<unknown>({ year: 2024 }, { year: 2024, month: 1, day: 18 }, { year: 2024, month: 13 }, { year: '2024', month: '2' }, '2024-01-18', { year: -50 }),
  end_date: opt<unknown>({ year: 2025 }, { year: 2023 }, { year: 2024, month: 1, day: 18, hour: 9 }),
  text: opt<unknown>({ headline: 'Talks', text: '<p>One &amp; two</p>' }, { headline: '', text: 'First line<br>second' }, { headline: '<b>  </b>' }, { text: ' ' }, 'text'),
  unique_id: opt<unknown>('a', 'a', ' b ', '', 7),
  group: opt<unknown>('g', ' ', 3),
  display_date: opt<unknown>('Early 2024', ''),
  media: opt<unknown>({ url: 'https://example.org/a', caption: 'Cap' }, { url: 'javascript:alert(1)' }, { url: 'HTTPS://EXAMPLE.ORG/A' }, { caption: '<i>only</i>' }),
  entity_timeline: opt<unknown>(
    { participants: [{ actor: 'russia', role: 'source' }], tags: ['a', 'a'], location: { name: 'X', lat: 1, lon: 2 }, sources: [{ url: 'https://a.org/x', publisher: 'AP' }], reported: '2024-01-19', attributes: { n: 1, b: true, z: null } },
    { participants: ['russia', 'un'], tags: ['', 'b'], location: { name: 'X' }, sources: [{ url: 'javascript:x' }], reported: 'bad', attributes: { constructor: 'x' } },
    { participants: [{ actor: 'un', role: 'x' }], location: { name: 'X', lat: 100, lon: 0 }, sources: [{ url: 'HTTPS://A.ORG' }], attributes: { bad: {} } },
    { participants: [{ actor: 'un', role: 'target' }], sources: [{ url: 'javascript:alert(1)' }] },
    { participants: [{ actor: 'un', role: 'target' }], sources: [{ url: 'HTTPS://A.ORG/x' }], tags: ['t'] },
    { participants: [{ actor: 'nobody', role: 'x' }] },
    { participants: [{ actor: 'russia', role: ' ' }], tags: [], sources: [], location: { name: '' }, when: '2024-01-18/2024-01-20' },
    { participants: [], sources: [{ publisher: 'AP', title: 'T' }], when: 'bad' },
    { when: '2024-01-18', location: { name: 'Y', lat: 1 }, tags: ['era'] },
  ),
});
const defined = (record: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
const timelineDocument = fc.record({
  events: fc.array(slide.map(defined), { maxLength: 8 }),
  eras: fc.option(fc.array(slide.map(defined), { maxLength: 3 }), { nil: undefined }),
  title: opt<unknown>({ text: { headline: 'Doc', text: 'About' }, media: { url: 'https://example.org/t' } }, { text: { headline: '' } }),
  // Mostly the actors every slide names: one unknown actor sends a whole import to the validator.
  entity_timeline: opt<unknown>(
    { actors: [] },
    { actors: [{ id: 'russia', name: 'Russia' }, { id: 'un', name: 'UN', kind: 'organisation' }] },
    { actors: [{ id: 'russia', name: 'Russia' }, { id: 'un', name: 'UN', kind: 'organisation' }] },
    { actors: [{ id: 'russia', name: 'Russia' }, { id: 'un', name: 'UN', kind: 'organisation' }] },
    { actors: [{ id: 'russia', name: 'Russia' }, { id: 'russia', name: 'Again' }] },
    { actors: [{ id: 'russia' }] },
  ),
}).map(defined);

describe('TimelineJS records built directly from slides', () => {
  it('give the same dataset, problems, rejections, counts and JSON as validating the JSON shape', () => {
    fc.assert(
      fc.property(timelineDocument, fc.constantFrom('lenient', 'strict') as fc.Arbitrary<'lenient' | 'strict'>, (doc, mode) => {
        const { reference, direct } = both(() => {
          try {
            return fromTimelineJS(JSON.stringify(doc), { mode });
          } catch (error) {
            return error as ImportError;
          }
        });
        if (reference instanceof ImportError) {
          expect(direct).toBeInstanceOf(ImportError);
          expect((direct as ImportError).problems).toEqual(reference.problems);
        } else {
          expectSameImport(direct as ImportResult, reference);
        }
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  it('keep a document’s empty actor list and an era’s key order in the JSON shape', () => {
    const doc = {
      events: [{ start_date: { year: 2024 }, text: { headline: 'A' } }],
      eras: [{ start_date: { year: 2020 }, end_date: { year: 2021 }, text: { headline: 'E' }, entity_timeline: { participants: [] } }],
      entity_timeline: { actors: [] },
    };
    const { reference, direct } = both(() => fromTimelineJS(doc));
    expectSameImport(direct, reference);
    expect(direct.input.actors).toEqual([]);
    expect(Object.keys(direct.input.events[1]!)).toEqual(['id', 'title', 'when', 'category', 'tags', 'participants']);
  });

  it('give the same answers for documents written by toTimelineJS', () => {
    fc.assert(
      fc.property(csvTable, (text) => {
        const doc = toTimelineJS(fromCSV(text).dataset);
        const { reference, direct } = both(() => fromTimelineJS(doc));
        expectSameImport(direct, reference);
      }),
      { numRuns: 100, seed: 19 },
    );
  });
});

describe('splitActors', () => {
  it('reads the same actors and roles as splitting the cell on ; and |', () => {
    // The reference: the rule as documented, with String.prototype.split.
    const reference = (cell: string): { name: string; role?: string }[] =>
      cell
        .split(/[;|]/)
        .filter((part) => part.trim() !== '')
        .map((part) => {
          const colon = part.lastIndexOf(':');
          const role = part.slice(colon + 1).trim();
          return colon > 0 && /^[A-Za-z][\w-]{0,29}$/.test(role) && part.slice(0, colon).trim() !== ''
            ? { name: part.slice(0, colon), role: role.toLowerCase() }
            : { name: part };
        });
    const cell = fc.array(fc.constantFrom('Russia', ' UN ', ':', ';', '|', 'target', 'Source', ' ', 'a-b', 'é', ''), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(cell, (text) => {
        expect(splitActors(text)).toEqual(reference(text));
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe('isPlainHttpUrl', () => {
  it('accepts only URLs that safeUrl gives back unchanged', () => {
    // Built from the pieces that trip the WHATWG parser: numeric hosts, punycode, empty labels,
    // ports, percent signs, backslashes, user info, white space and upper case.
    const piece = fc.constantFrom('http', 'https', 'HTTP', 'ftp', ':', '//', '/', 'example', 'xn--', 'a', '-', '.', '0x1', '1', '255', '999', ':80', ':99999', '%', '%zz', '@', '\\', '?', '#', ' ', '\t', 'é', '[', ']', 'org', 'com');
    const url = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));
    const likely = fc.tuple(fc.constantFrom('http://', 'https://', 'HTTPS://', 'http:/'), url).map(([scheme, rest]) => scheme + rest);
    fc.assert(
      fc.property(fc.oneof(url, likely), (text) => {
        if (isPlainHttpUrl(text)) expect(safeUrl(text)).toBe(text);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('recognises the URLs news exports usually hold', () => {
    for (const text of ['https://example.org/news/1', 'http://www.bbc.co.uk/news/world-12345?ref=rss#top', 'https://a-b.example:8080/x%20y']) {
      expect(isPlainHttpUrl(text)).toBe(true);
    }
    for (const text of ['http://1.2.3.4/', 'http://xn--a.com/', 'http://a..b/', 'https://Example.org/', 'mailto:a@b.org', ' https://a.org', 'https://a.org/x y']) {
      expect(isPlainHttpUrl(text)).toBe(false);
    }
  });
});

describe('GDELT participants', () => {
  it('share one frozen list between events of the same source and target, and keep roles apart', () => {
    const row = (id: string, a1: string, a2: string): string => {
      const f = new Array<string>(61).fill('');
      f[0] = id;
      f[1] = '20240118';
      f[5] = a1;
      f[15] = a2;
      f[26] = '042';
      return f.join('\t');
    };
    const { reference, direct } = both(() => fromGDELT([row('1', 'RUS', 'PRK'), row('2', 'RUS', 'PRK'), row('3', 'RUS', ''), row('4', '', 'RUS'), row('5', 'RUS', 'RUS')].join('\n')));
    expectSameImport(direct, reference);
    const [a, b, c, d, e] = direct.dataset.events.slice().sort((x, y) => Number(x.id) - Number(y.id));
    expect(a!.participants).toBe(b!.participants);
    expect(Object.isFrozen(a!.participants)).toBe(true);
    expect(c!.participants.map((p) => p.role)).toEqual(['source']);
    expect(d!.participants.map((p) => p.role)).toEqual(['target']);
    expect(e!.participants.map((p) => p.role)).toEqual(['source', 'target']);
  });
});

describe('UniqueIds', () => {
  it('gives the same ids and first places as one map of every id taken, numbered ids with or without a prefix in any order', () => {
    // The reference: the rule as documented, with a plain Map.
    const reference = (): ((id: string, origin: number) => { id: string; firstAt?: string }) => {
      const seen = new Map<string, number>();
      return (id, origin) => {
        const first = seen.get(id);
        if (first === undefined) {
          seen.set(id, origin);
          return { id };
        }
        let n = 2;
        while (seen.has(`${id}-${n}`)) n++;
        seen.set(`${id}-${n}`, origin);
        return { id: `${id}-${n}`, firstAt: `line ${first}` };
      };
    };
    const id = fc.oneof(
      fc.nat({ max: 40 }).map(String),
      fc.constantFrom('0', '00', '01', '1-2', '3-2', 'a', '', '999999999999999', '9999999999999999', '1e3', ' 1'),
      fc.nat({ max: 40 }).map((n) => `${n}-2`),
      // Numbers after a prefix (`e7`, `row-12`), which share one run once the prefix is set.
      fc.tuple(fc.constantFrom('e', 'row-', 'E', 'e1-', 'x9y'), fc.nat({ max: 40 })).map(([prefix, n]) => `${prefix}${n}`),
      fc.constantFrom('e', 'e0', 'e00', 'e01', '0e', 'row-', 'e999999999999999', 'e9999999999999999', 'ee1'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.boolean()), { maxLength: 60 }), (steps) => {
        const ids = new UniqueIds();
        const expected = reference();
        steps.forEach(([text, viaFresh], line) => {
          const want = expected(text, line);
          if (viaFresh && ids.fresh(text, line)) expect(want).toEqual({ id: text });
          else expect(ids.take(text, line)).toEqual(want);
        });
      }),
      { numRuns: 800, seed: 5 },
    );
  });
});
