import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, fromCSV, fromTSV, RowSet, splitActors } from '../../src/io/csv.js';
import { ImportError } from '../../src/io/import-result.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/io/${name}`, import.meta.url), 'utf8');

describe('fromCSV on a spreadsheet export', () => {
  const result = fromCSV(fixture('events.csv'));

  it('keeps the good rows and counts every record', () => {
    expect(result.format).toBe('csv');
    expect(result.dataset.events.map((e) => e.id)).toEqual(['e2', 'e1', 'e4', 'e7']);
    expect(result.counts).toEqual({ records: 8, kept: 4, rejected: 3, duplicates: 1, blank: 1 });
  });

  it('reads a quoted description across lines and doubled quotes', () => {
    expect(result.dataset.event('e1')?.description).toBe('Foreign ministers met, and "agreed" on\na second round.');
  });

  it('rejects an ambiguous slash date naming the line and column', () => {
    expect(result.problems).toContainEqual({
      path: 'line 5, column Date',
      message: '"01/02/2024" could be 1 February or 2 January 2024; pass dayFirst or monthFirst',
      severity: 'error',
    });
    expect(result.rejected.map((r) => r.path)).toEqual(['line 5', 'line 9', 'line 10']);
  });

  it('reports an exact duplicate row with both lines and keeps it once', () => {
    expect(result.problems).toContainEqual({ path: 'line 8', message: 'the row repeats line 7 exactly; it was kept once', severity: 'warning' });
  });

  it('rejects a row with extra non-empty fields', () => {
    const problem = result.problems.find((p) => p.path === 'line 10');
    expect(problem?.severity).toBe('error');
    expect(problem?.message).toContain('15 fields; the header has 13');
  });

  it('merges spellings of one actor and lists every merge', () => {
    expect(result.dataset.actors.map((a) => [a.id, a.name])).toEqual([
      ['russia', 'Russia'],
      ['north-korea', 'North Korea'],
      ['china', 'China'],
    ]);
    expect(result.merges).toEqual([
      { canonical: 'Russia', actorId: 'russia', names: ['Russia', 'russia'], lines: [2, 4] },
      { canonical: 'North Korea', actorId: 'north-korea', names: ['North Korea', 'north korea'], lines: [2, 4] },
    ]);
  });

  it('reads roles, precision, sources, locations, tags and extra columns', () => {
    const e1 = result.dataset.event('e1')!;
    expect(e1.participants).toEqual([
      { actor: 'russia', role: 'source' },
      { actor: 'north-korea', role: 'target' },
    ]);
    expect(e1.when.edtf).toBe('2024-01-18');
    expect(e1.location).toEqual({ name: 'Pyongyang', lat: 39.03, lon: 125.75 });
    expect(e1.tags).toEqual(['talks', 'visit']);
    expect(e1.sources).toEqual([{ url: 'https://example.org/talks' }]);
    expect(e1.attributes).toEqual({ Desk: 'Asia' });
    expect(result.dataset.event('e2')!.when.start.precision).toBe('month');
    expect(result.dataset.event('e4')!.when.edtf).toBe('2024-02-10/2024-02-12');
    expect(result.dataset.event('e4')!.sources).toEqual([{ publisher: 'Reuters' }]);
    expect(result.dataset.event('e7')!.sources.map((s) => s.url)).toEqual(['https://example.org/a', 'https://example.org/b']);
  });

  it('drops an unsafe URL with a warning', () => {
    expect(result.dataset.event('e2')!.sources).toEqual([]);
    expect(result.problems).toContainEqual({
      path: 'line 4, column Source URL',
      message: '"javascript:alert(1)" is not an http, https or mailto URL; it was dropped',
      severity: 'warning',
    });
  });

  it('keeps what was read as the library JSON format', () => {
    expect(result.input.events.find((e) => e.id === 'e1')).toMatchObject({ id: 'e1', title: 'Talks in Pyongyang', when: '2024-01-18' });
    expect(JSON.parse(JSON.stringify(result.input))).toEqual(result.input);
  });

  it('reads the ambiguous row when told the order', () => {
    const dayFirst = fromCSV(fixture('events.csv'), { dayFirst: true });
    expect(dayFirst.dataset.event('e3')!.when.edtf).toBe('2024-02-01');
    const monthFirst = fromCSV(fixture('events.csv'), { monthFirst: true });
    expect(monthFirst.dataset.event('e3')!.when.edtf).toBe('2024-01-02');
    // 31/03/2024 cannot be month first, so monthFirst makes it an error.
    expect(monthFirst.dataset.event('e7')).toBeUndefined();
  });

  it('throws every problem in strict mode', () => {
    try {
      fromCSV(fixture('events.csv'), { mode: 'strict' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      const problems = (error as ImportError).problems;
      expect(problems.filter((p) => p.severity === 'error').map((p) => p.path)).toEqual(['line 5, column Date', 'line 9, column Date', 'line 10']);
      expect((error as Error).message).toContain('line 5, column Date');
    }
  });
});

describe('fromCSV columns and options', () => {
  it('generates row ids from the line each row starts on', () => {
    const { dataset } = fromCSV('date,title\n2024-01-01,"A\nB"\n2024-01-02,C\n');
    expect(dataset.events.map((e) => e.id)).toEqual(['row-2', 'row-4']);
  });

  it('gives a repeated id a suffix and says so', () => {
    const { dataset, problems } = fromCSV('id,date,title\na,2024-01-01,One\na,2024-01-02,Two\n');
    expect(dataset.events.map((e) => e.id)).toEqual(['a', 'a-2']);
    expect(problems).toContainEqual({ path: 'line 3, column id', message: 'the id "a" is also used on line 2; this row is "a-2"', severity: 'warning' });
  });

  it('maps custom columns and ignores extra columns when asked', () => {
    const text = 'When it happened;What;Who;Notes\n2024-03-01;Vote;Parliament;x\n';
    const { dataset } = fromCSV(text, { columns: { start: 'When it happened', title: 'What', actors: 'Who' }, extraColumns: 'ignore' });
    expect(dataset.events[0]).toMatchObject({ title: 'Vote', participants: [{ actor: 'parliament', role: 'participant' }] });
    expect(dataset.events[0]!.attributes).toBeUndefined();
    expect(dataset.events[0]!.description).toBe('x');
  });

  it('reports a custom column that is not in the header', () => {
    const { problems } = fromCSV('date,title\n2024-01-01,A\n', { columns: { actors: 'Who' } });
    expect(problems).toContainEqual({ path: 'line 1', message: 'columns.actors names "Who", which is not in the header', severity: 'error' });
  });

  it('rejects every row of a table without a date column, saying which headers it looked for', () => {
    const result = fromCSV('title\nA\nB\n');
    expect(result.counts).toMatchObject({ records: 2, kept: 0, rejected: 2 });
    expect(result.problems[0]!.message).toContain('no date column');
  });

  it('reads an interval in the date column when there is no end column', () => {
    expect(fromCSV('date,title\n2023/2024,Term\n').dataset.events[0]!.when.edtf).toBe('2023/2024');
  });

  it('uses the description when the title is empty, with a warning', () => {
    const { dataset, problems } = fromCSV('date,title,description\n2024-01-01,,Something happened\n');
    expect(dataset.events[0]!.title).toBe('Something happened');
    expect(problems[0]).toMatchObject({ path: 'line 2, column title', severity: 'warning' });
  });

  it('applies an alias table given as CSV text, with kinds', () => {
    const aliases = 'alias,canonical,kind\nDPRK,North Korea,state\nRussian Federation,Russia,state\n';
    const { dataset, merges } = fromCSV('date,title,actors\n2024-01-01,A,DPRK;Russian Federation\n2024-01-02,B,north korea\n', { aliases });
    expect(dataset.actors.map((a) => [a.id, a.name, a.kind, a.aliases])).toEqual([
      ['north-korea', 'North Korea', 'state', ['DPRK']],
      ['russia', 'Russia', 'state', ['Russian Federation']],
    ]);
    expect(merges).toEqual([
      { canonical: 'North Korea', actorId: 'north-korea', names: ['DPRK', 'north korea'], lines: [2, 3] },
      { canonical: 'Russia', actorId: 'russia', names: ['Russian Federation'], lines: [2] },
    ]);
  });

  it('detects the delimiter from the header line', () => {
    expect(detectDelimiter('a;b;c\n1,2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(fromTSV('date\ttitle\n2024-01-18\tTalks, day 1\n').dataset.events[0]!.title).toBe('Talks, day 1');
    expect(fromCSV('date\ttitle\n2024-01-18\tT\n').format).toBe('tsv');
  });

  it('reads the missing trailing fields of a short row as empty, with a warning', () => {
    const { dataset, problems } = fromCSV('date,title,actors\n2024-01-01,A\n');
    expect(dataset.events).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'line 2', severity: 'warning' });
  });

  it('rejects a record with an unclosed quote and keeps the rows after it', () => {
    const result = fromCSV('date,title\n2024-01-01,"Open\n2024-01-02,B\n');
    expect(result.dataset.events.map((e) => e.title)).toEqual(['B']);
    expect(result.rejected.map((r) => r.path)).toEqual(['line 2']);
    expect(result.problems.map((p) => p.path)).toEqual(['line 2']);
  });

  it('never reads a header named __proto__ onto the prototype', () => {
    const { input, problems } = fromCSV('date,title,__proto__\n2024-01-01,A,polluted\n');
    const attributes = input.events[0]!.attributes!;
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe('polluted');
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    // The validator then refuses the key, and its problem is named by the row's line.
    expect(problems).toContainEqual(expect.objectContaining({ path: 'line 2 (events[0].attributes.__proto__)', severity: 'warning' }));
  });
});

describe('splitActors', () => {
  it('splits on ; and | and reads a one-word role after the last colon', () => {
    expect(splitActors('Russia:target; North Korea:source | UN')).toEqual([
      { name: 'Russia', role: 'target' },
      { name: ' North Korea', role: 'source' },
      { name: ' UN' },
    ]);
    expect(splitActors('Party: Youth Wing')).toEqual([{ name: 'Party: Youth Wing' }]);
  });
});

describe('fromCSV strict mode', () => {
  it('returns normally when there are only warnings', () => {
    const result = fromCSV('date,title\n2024-01-01,A\n2024-01-01,A\n', { mode: 'strict' });
    expect(result.counts).toMatchObject({ kept: 1, duplicates: 1 });
    expect(result.problems.map((p) => p.severity)).toEqual(['warning']);
  });
});

describe('RowSet', () => {
  // Rows from a tiny alphabet repeat often; a 2-bit hash makes nearly every pair of rows collide.
  const rows = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ',', 'é', '😀'), maxLength: 4 }), { maxLength: 300 });

  it('finds the first line of every exact repeat, and only of exact repeats, whatever the hash', () => {
    fc.assert(
      fc.property(rows, fc.constantFrom(2, 7, 30), (records, bits) => {
        const text = records.join('\n');
        const set = new RowSet(bits);
        const first = new Map<string, number>();
        let start = 0;
        records.forEach((record, i) => {
          const line = i + 1;
          const expected = first.get(record) ?? 0;
          if (expected === 0) first.set(record, line);
          expect(set.add(text, start, start + record.length, line)).toBe(expected);
          start += record.length + 1;
        });
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('tells apart rows that differ in one character or in length', () => {
    const text = 'abc\nabd\nab\nabc\nabcd';
    const set = new RowSet(0);
    expect([set.add(text, 0, 3, 1), set.add(text, 4, 7, 2), set.add(text, 8, 10, 3), set.add(text, 11, 14, 4), set.add(text, 15, 19, 5)]).toEqual([0, 0, 0, 1, 0]);
  });
});
