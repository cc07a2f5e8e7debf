import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromGDELT, GDELT_COLUMNS } from '../../src/io/gdelt.js';
import { cameoActorKind, cameoRootName, CAMEO_ROOT_NAMES } from '../../src/io/cameo.js';

const text = readFileSync(new URL('../fixtures/io/gdelt-2.0.export.CSV', import.meta.url), 'utf8');

describe('fromGDELT', () => {
  const result = fromGDELT(text);

  it('has the 61 columns of the GDELT 2.0 event table', () => {
    expect(GDELT_COLUMNS).toHaveLength(61);
    expect(GDELT_COLUMNS[26]).toBe('EventCode');
    expect(GDELT_COLUMNS[52]).toBe('ActionGeo_FullName');
    expect(GDELT_COLUMNS[60]).toBe('SOURCEURL');
  });

  it('keeps rows with an actor and a valid date, and names every rejected row by line', () => {
    expect(result.counts).toEqual({ records: 8, kept: 5, rejected: 3, duplicates: 0, blank: 0 });
    expect(result.rejected.map((r) => [r.path, r.problems[0]!.message])).toEqual([
      ['line 4', 'the event has no actor (Actor1Code, Actor1Name, Actor2Code and Actor2Name are empty)'],
      ['line 6', '"20240230" is not a date in the form YYYYMMDD'],
      ['line 7', 'the row has 3 tab-separated columns; the file is GDELT 2.0 with 61'],
    ]);
  });

  it('reads actors by code, Actor1 as source and Actor2 as target, with kinds', () => {
    expect(result.dataset.actors.map((a) => [a.id, a.name, a.kind])).toEqual([
      ['rus', 'RUSSIA', 'state'],
      ['prk', 'NORTH KOREA', 'state'],
      ['usagov', 'UNITED STATES (USAGOV)', 'organisation'],
      ['usa', 'UNITED STATES', 'state'],
      ['syrreb', 'REBEL (SYRREB)', 'group'],
      ['syrmil', 'SYRIA (SYRMIL)', 'organisation'],
      ['korgov', 'SOUTH KOREA (KORGOV)', 'organisation'],
    ]);
    expect(result.dataset.event('1145073501')!.participants).toEqual([
      { actor: 'rus', role: 'source' },
      { actor: 'prk', role: 'target' },
    ]);
    expect(result.dataset.event('1145073503')!.participants).toEqual([{ actor: 'usa', role: 'source' }]);
  });

  it('keeps codes as strings with leading zeros, CAMEO root names as category, and the numbers as numbers', () => {
    const event = result.dataset.event('1145073501')!;
    expect(event.title).toBe('RUSSIA → NORTH KOREA: consult (042)');
    expect(event.category).toBe('CONSULT');
    expect(event.when.edtf).toBe('2024-01-18');
    expect(event.attributes).toMatchObject({
      EventCode: '042',
      EventBaseCode: '042',
      EventRootCode: '04',
      IsRootEvent: true,
      QuadClass: 1,
      GoldsteinScale: 1.9,
      NumMentions: 10,
      NumSources: 2,
      NumArticles: 10,
      AvgTone: -1.2345,
    });
    expect(result.dataset.event('1145073503')!.attributes!['EventCode']).toBe('0231');
    expect(result.dataset.event('1145073503')!.category).toBe('APPEAL');
  });

  it('reads ActionGeo as the location, SOURCEURL as the source and DATEADDED as the reported instant', () => {
    const event = result.dataset.event('1145073501')!;
    expect(event.location).toEqual({ name: "Pyongyang, P'yongyang-si, North Korea", lat: 39.0194, lon: 125.755 });
    expect(event.sources).toEqual([{ url: 'https://example.org/news/russia-north-korea-talks' }]);
    expect(event.reported?.edtf).toBe('2024-01-18T09:30:00Z');
    expect(event.reported?.precision).toBe('second');
    expect(event.reported?.earliest).toBe(Date.UTC(2024, 0, 18, 9, 30, 0));
  });

  it('drops an unsafe SOURCEURL with a warning', () => {
    expect(result.dataset.event('1145073502')!.sources).toEqual([]);
    expect(result.problems).toContainEqual({ path: 'line 2, column SOURCEURL', message: '"javascript:alert(1)" is not an http or https URL; it was dropped', severity: 'warning' });
  });

  it('reads GDELT 1.0 rows of 57 columns', () => {
    const fields = Array<string>(57).fill('');
    fields[0] = '1';
    fields[1] = '20130401';
    fields[5] = 'FRA';
    fields[6] = 'FRANCE';
    fields[7] = 'FRA';
    fields[26] = '051';
    fields[28] = '05';
    fields[50] = 'Paris, France';
    fields[53] = '48.8667';
    fields[54] = '2.3333';
    fields[56] = '20130402';
    const { dataset, problems } = fromGDELT(fields.join('\t') + '\n');
    expect(problems).toEqual([]);
    expect(dataset.events[0]).toMatchObject({ category: 'ENGAGE IN DIPLOMATIC COOPERATION', location: { name: 'Paris, France', lat: 48.8667, lon: 2.3333 } });
    expect(dataset.events[0]!.reported?.edtf).toBe('2013-04-02');
  });

  it('rejects a first row whose column count is no GDELT layout', () => {
    const result = fromGDELT('1\t2\t3\n');
    expect(result.problems[0]!.message).toContain('a GDELT event export has 61');
  });

  it('throws every error in strict mode', () => {
    expect(() => fromGDELT(text, { mode: 'strict' })).toThrow(/line 4: the event has no actor[\s\S]*line 6[\s\S]*line 7/);
  });
});

describe('CAMEO', () => {
  it('names all 20 root codes and finds the root of longer codes', () => {
    expect(Object.keys(CAMEO_ROOT_NAMES)).toHaveLength(20);
    expect(cameoRootName('01')).toBe('MAKE PUBLIC STATEMENT');
    expect(cameoRootName('2042')).toBe('USE UNCONVENTIONAL MASS VIOLENCE');
    expect(cameoRootName('99')).toBeUndefined();
    expect(cameoRootName('__')).toBeUndefined();
  });

  it('reads actor kinds from codes', () => {
    expect(cameoActorKind({ code: 'USA', countryCode: 'USA' })).toBe('state');
    expect(cameoActorKind({ code: 'NGO' })).toBe('other');
    expect(cameoActorKind({ code: 'IGOUNO', knownGroup: 'UNO' })).toBe('organisation');
    expect(cameoActorKind({ code: 'SYRREB', countryCode: 'SYR', type1: 'REB' })).toBe('group');
  });
});

describe('fromGDELT reading rows by their tabs', () => {
  const row = (id: string, fields: Record<number, string> = {}, width = 61): string => {
    const f = new Array<string>(width).fill('');
    f[0] = id;
    f[1] = '20240118';
    f[5] = 'RUS';
    f[6] = 'RUSSIA';
    f[26] = '042';
    f[28] = '04';
    for (const [i, value] of Object.entries(fields)) f[Number(i)] = value;
    return f.join('\t');
  };

  it('names rows with the wrong number of columns by line, whatever the line ends', () => {
    const text = [
      GDELT_COLUMNS.join('\t'),
      row('1'),
      row('2', {}, 60),
      ' \t \t',
      row('3', {}, 62),
      '',
      row('4'),
    ].join('\r\n');
    const result = fromGDELT(text);
    expect(result.counts).toEqual({ records: 4, kept: 2, rejected: 2, duplicates: 0, blank: 2 });
    expect(result.rejected.map((r) => [r.path, r.problems[0]!.message, (r.record as string[]).length])).toEqual([
      ['line 3', 'the row has 60 tab-separated columns; the file is GDELT 2.0 with 61', 60],
      ['line 5', 'the row has 62 tab-separated columns; the file is GDELT 2.0 with 61', 62],
    ]);
    // The line end is not part of the last column, on the last row (no line end) or any other.
    expect(result.dataset.events.map((e) => e.id)).toEqual(['1', '4']);
    expect(result.rejected[0]!.record).toEqual(row('2', {}, 60).split('\t'));
  });

  it('reads the first row’s layout, keeps a carriage return inside a row, and reads the last column to the line end', () => {
    const text = `${row('1', { 60: 'https://example.org/a' })}\n${row('2', { 52: 'Mos\rcow', 60: 'https://example.org/a' })}\r\n${row('3', { 60: 'https://example.org/b' })}`;
    const result = fromGDELT(text);
    expect(result.problems).toEqual([]);
    const [a, b, c] = result.dataset.events;
    expect(b!.location?.name).toBe('Mos\rcow');
    expect([a!.sources, b!.sources, c!.sources]).toEqual([[{ url: 'https://example.org/a' }], [{ url: 'https://example.org/a' }], [{ url: 'https://example.org/b' }]]);
    // Events of one article share its frozen source list.
    expect(b!.sources).toBe(a!.sources);
  });

  it('rejects a first row that fits no layout and reads on with the next', () => {
    const result = fromGDELT(`a\tb\n${row('1', {}, 57)}\n${row('2', {}, 57)}\n`);
    expect(result.rejected.map((r) => [r.path, r.problems[0]!.message])).toEqual([
      ['line 1', 'the row has 2 tab-separated columns; a GDELT event export has 61 (GDELT 2.0), 58 or 57 (GDELT 1.0)'],
    ]);
    expect(result.counts).toMatchObject({ records: 3, kept: 2, rejected: 1 });
  });
});
