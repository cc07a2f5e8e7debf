import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import { DatasetValidationError, parseDataset, validateDataset } from '../../src/model/parse.js';
import type { Dataset, Problem } from '../../src/model/types.js';
import type { LenientParseResult } from '../../src/model/parse.js';

/** A small valid input; each test breaks one thing in a fresh copy. */
function base(): { actors: Record<string, unknown>[]; events: Record<string, unknown>[]; relations: Record<string, unknown>[]; [key: string]: unknown } {
  return {
    title: 'Test',
    actors: [
      { id: 'us', name: 'United States', kind: 'state', aliases: ['US'] },
      { id: 'russia', name: 'Russia', kind: 'state' },
      { id: 'nk', name: 'North Korea', kind: 'state', aliases: ['Pyongyang'] },
      { id: 'kirby', name: 'John Kirby', kind: 'person', affiliations: [{ actor: 'us', role: 'official', start: '2022' }] },
    ],
    events: [
      { id: 'e0', title: 'Transfer', when: '2023?', participants: [{ actor: 'nk', role: 'source' }, { actor: 'russia', role: 'target' }] },
      { id: 'e1', title: 'Statement', when: { start: '2024-01' }, participants: ['kirby', 'russia'], tags: ['a'], sources: [{ url: 'https://example.org/a', published: '2024-01-18', confidence: 0.5 }] },
      { id: 'e2', title: 'Strike', when: '2024-01-02/2024-01-03', location: { name: 'Kharkiv', lat: 49.99, lon: 36.23 }, reported: '2024-01-18', attributes: { fatalities: 2, confirmed: true, note: null } },
    ],
    relations: [{ source: 'nk', target: 'russia', type: 'arms supply', directed: true, start: '2023' }],
  };
}

const errors = (input: unknown): string[] =>
  validateDataset(input).filter((p) => p.severity === 'error').map((p) => `${p.path}: ${p.message}`);
const warnings = (input: unknown): string[] =>
  validateDataset(input).filter((p) => p.severity === 'warning').map((p) => `${p.path}: ${p.message}`);

/** Input order by date, then id: the order a dataset keeps its events in. */
function compareByDate(events: readonly { id: string; when: string }[], a: string, b: string): number {
  const when = (id: string) => events.find((e) => e.id === id)!.when;
  return when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

describe('parseDataset', () => {
  it('reads a valid input into a dataset', () => {
    const dataset = parseDataset(base());
    expect(dataset.events.map((e) => e.id)).toEqual(['e0', 'e1', 'e2']);
    expect(dataset.actors).toHaveLength(4);
    expect(dataset.event('e1')!.participants).toEqual([{ actor: 'kirby', role: 'participant' }, { actor: 'russia', role: 'participant' }]);
    expect(dataset.event('e2')!.location).toEqual({ name: 'Kharkiv', lat: 49.99, lon: 36.23 });
    expect(dataset.event('e2')!.reported?.edtf).toBe('2024-01-18');
    expect(dataset.declaredRelations[0]).toMatchObject({ id: 'arms supply:nk→russia', directed: true });
    expect(dataset.relations.map((r) => r.id)).toContain('nk→russia');
    expect(dataset.actor('russia')!.aliases).toEqual([]);
    expect(dataset.meta.title).toBe('Test');
    expect(validateDataset(base())).toEqual([]);
  });

  it('returns a Dataset in strict mode and a result record in lenient mode', () => {
    expectTypeOf(parseDataset(base())).toEqualTypeOf<Dataset>();
    expectTypeOf(parseDataset(base(), { mode: 'strict' })).toEqualTypeOf<Dataset>();
    expectTypeOf(parseDataset(base(), { mode: 'lenient' })).toEqualTypeOf<LenientParseResult>();
    const lenient = parseDataset(base(), { mode: 'lenient' });
    expect(lenient.dataset.events).toHaveLength(3);
    expect(lenient.rejected).toEqual([]);
  });

  it('accepts JSON text, and a byte order mark before it', () => {
    expect(parseDataset(JSON.stringify(base())).events).toHaveLength(3);
    expect(parseDataset(`\uFEFF${JSON.stringify(base())}`).events).toHaveLength(3);
  });

  it('reads the founding dataset without a problem', () => {
    const text = readFileSync(new URL('../../examples/data/korea-russia-2024.json', import.meta.url), 'utf8');
    expect(validateDataset(text)).toEqual([]);
    const dataset = parseDataset(text);
    expect(dataset.actor('north-korea')?.aliases).toEqual(['DPRK', 'Pyongyang']);
    expect(dataset.relationsBetween('north-korea', 'russia').find((r) => r.directed)?.weight).toBe(2);
    expect(dataset.events.every((e) => e.reported?.edtf === '2024-01-18')).toBe(true);
  });

  it('does not modify the input', () => {
    const input = base();
    const copy = structuredClone(input);
    parseDataset(input);
    parseDataset(input, { mode: 'lenient' });
    expect(input).toEqual(copy);
    expect(Object.isFrozen(input.events[0])).toBe(false);
  });

  it('throws a DatasetValidationError listing every problem one per line in strict mode', () => {
    const input = base();
    input.events[0]!.when = '2024-02-30';
    delete input.events[1]!.title;
    let thrown: unknown;
    try {
      parseDataset(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DatasetValidationError);
    const error = thrown as DatasetValidationError;
    expect(error.problems.map((p) => p.path)).toEqual(['events[0].when', 'events[1].title']);
    expect(error.message.split('\n').slice(1)).toEqual(['events[0].when: "2024-02-30" is not a calendar date', 'events[1].title: is required']);
  });

  it('keeps warnings out of the way of a valid dataset in strict mode', () => {
    const input = base();
    input.events[0]!.colour = 'red';
    expect(parseDataset(input).events).toHaveLength(3);
    expect(warnings(input)).toEqual(['events[0].colour: unknown field, ignored']);
  });
});

describe('validation', () => {
  const cases: [string, (input: ReturnType<typeof base>) => void, string][] = [
    ['a missing required field', (i) => delete i.events[2]!.title, 'events[2].title: is required'],
    ['a missing when', (i) => delete i.events[2]!.when, 'events[2].when: is required'],
    ['tags that are not strings', (i) => (i.events[1]!.tags = ['a', 3]), 'events[1].tags: must be an array of strings'],
    ['a title that is not a string', (i) => (i.events[0]!.title = 42), 'events[0].title: must be a string'],
    ['an empty id', (i) => (i.events[0]!.id = '  '), 'events[0].id: must not be empty'],
    ['an empty title', (i) => (i.events[0]!.title = ''), 'events[0].title: must not be empty'],
    ['an empty actor name', (i) => (i.actors[1]!.name = ''), 'actors[1].name: must not be empty'],
    ['a date with bad syntax', (i) => (i.events[0]!.when = '2024-13-01'), 'events[0].when: "2024-13-01" is not a date'],
    ['a date that is not on the calendar', (i) => (i.events[2]!.when = '2024-02-30'), 'events[2].when: "2024-02-30" is not a calendar date'],
    ['a bad when.start', (i) => (i.events[1]!.when = { start: '2023-02-29' }), 'events[1].when.start: "2023-02-29" is not a calendar date'],
    ['a bad when.end', (i) => (i.events[1]!.when = { start: '2023', end: 'soon' }), 'events[1].when.end: "soon" is not a date'],
    ['an interval that ends before it starts', (i) => (i.events[0]!.when = '2024/2023'), 'events[0].when: "2024/2023" ends before it starts'],
    ['an object interval that ends before it starts', (i) => (i.events[0]!.when = { start: '2024', end: '2023' }), 'events[0].when: "2024/2023" ends before it starts'],
    ['a bad reported date', (i) => (i.events[2]!.reported = '2023-02-29'), 'events[2].reported: "2023-02-29" is not a calendar date'],
    ['a bad source date', (i) => (i.events[1]!.sources = [{ published: '18 January 2024' }]), 'events[1].sources[0].published: "18 January 2024" is not a date'],
    ['a bad affiliation start', (i) => ((i.actors[3]!.affiliations as Record<string, unknown>[])[0]!.start = '2022-00'), 'actors[3].affiliations[0].start: "2022-00" is not a date'],
    ['an affiliation that ends before it starts', (i) => ((i.actors[3]!.affiliations as Record<string, unknown>[])[0]!.end = '2020'), 'actors[3].affiliations[0].end: ends (2020) before it starts (2022)'],
    ['a bad relation end', (i) => (i.relations[0]!.end = '2023-02-30'), 'relations[0].end: "2023-02-30" is not a calendar date'],
    ['a relation that ends before it starts', (i) => (i.relations[0]!.end = '2022'), 'relations[0].end: ends (2022) before it starts (2023)'],
    ['an unknown participant', (i) => (i.events[0]!.participants = [{ actor: 'nk', role: 'source' }, { actor: 'rusia', role: 'target' }]), 'events[0].participants[1].actor: unknown actor "rusia" (did you mean "russia"?)'],
    ['an unknown participant given as a string', (i) => (i.events[1]!.participants = ['kirby', 'nobody']), 'events[1].participants[1]: unknown actor "nobody"'],
    ['a participant named by alias', (i) => (i.events[1]!.participants = ['Pyongyang']), 'events[1].participants[0]: unknown actor "Pyongyang" (use the id "nk", which has that name or alias)'],
    ['an unknown affiliation actor', (i) => (i.actors[3]!.affiliations = [{ actor: 'usa' }]), 'actors[3].affiliations[0].actor: unknown actor "usa" (did you mean "us"?)'],
    ['a self affiliation', (i) => (i.actors[3]!.affiliations = [{ actor: 'kirby' }]), 'actors[3].affiliations[0].actor: an actor cannot be affiliated with itself'],
    ['an unknown relation target', (i) => (i.relations[0]!.target = 'moscow'), 'relations[0].target: unknown actor "moscow"'],
    ['a relation from an actor to itself', (i) => (i.relations[0]!.target = 'nk'), 'relations[0]: source and target are the same actor'],
    ['a duplicate event id', (i) => (i.events[2]!.id = 'e0'), 'events[2].id: duplicate id "e0" (first used at events[0])'],
    ['a duplicate actor id', (i) => i.actors.push({ id: 'us', name: 'Another' }), 'actors[4].id: duplicate id "us" (first used at actors[0])'],
    ['a duplicate relation id', (i) => i.relations.push({ id: 'x', source: 'us', target: 'nk', type: 't' }, { id: 'x', source: 'us', target: 'russia', type: 't' }), 'relations[2].id: duplicate id "x" (first used at relations[1])'],
    ['a relation declared twice', (i) => i.relations.push({ ...i.relations[0] }), 'relations[1]: the same relation is declared at relations[0]; give each an "id" if both are meant'],
    ['an alias that is another actor’s name, after white space and case folding', (i) => (i.actors[0]!.aliases = ['  north   KOREA ']), 'actors[0].aliases[0]: alias "  north   KOREA " of actor "us" is also the name of actor "nk"'],
    ['an alias that is another actor’s alias', (i) => (i.actors[1]!.aliases = ['pyongyang']), 'actors[2].aliases[0]: alias "Pyongyang" of actor "nk" is also the alias of actor "russia"'],
    ['an alias that is another actor’s id', (i) => (i.actors[1]!.aliases = ['Moscow', ' NK ']), 'actors[1].aliases[1]: alias " NK " of actor "russia" is also the id of actor "nk"'],
    ['a javascript: source URL', (i) => (i.events[1]!.sources = [{ url: 'javascript:alert(1)' }]), 'events[1].sources[0].url: must be an http, https or mailto URL'],
    ['a relative source URL', (i) => (i.events[1]!.sources = [{ url: '/a/b' }]), 'events[1].sources[0].url: must be an http, https or mailto URL'],
    ['a confidence above 1', (i) => (i.events[1]!.sources = [{ confidence: 1.5 }]), 'events[1].sources[0].confidence: must be between 0 and 1'],
    ['a negative confidence', (i) => (i.events[1]!.sources = [{ confidence: -0.1 }]), 'events[1].sources[0].confidence: must be between 0 and 1'],
    ['a latitude out of range', (i) => (i.events[2]!.location = { name: 'x', lat: 91, lon: 0 }), 'events[2].location.lat: must be between -90 and 90'],
    ['a longitude out of range', (i) => (i.events[2]!.location = { name: 'x', lat: 0, lon: -181 }), 'events[2].location.lon: must be between -180 and 180'],
    ['a NaN latitude', (i) => (i.events[2]!.location = { name: 'x', lat: Number.NaN, lon: 0 }), 'events[2].location.lat: must be a finite number'],
    ['an infinite confidence', (i) => (i.events[1]!.sources = [{ confidence: Infinity }]), 'events[1].sources[0].confidence: must be a finite number'],
    ['an infinite attribute', (i) => (i.events[2]!.attributes = { n: -Infinity }), 'events[2].attributes.n: must be a string, a finite number, true, false or null'],
    ['an empty participant role', (i) => (i.events[0]!.participants = [{ actor: 'nk', role: '' }]), 'events[0].participants[0].role: must be a non-empty string'],
    ['a participant role that is not a string', (i) => (i.events[0]!.participants = [{ actor: 'nk', role: 3 }]), 'events[0].participants[0].role: must be a non-empty string'],
    ['an unknown actor kind', (i) => (i.actors[0]!.kind = 'organization'), 'actors[0].kind: must be one of "person", "organisation", "state", "group", "other" (did you mean "organisation"?)'],
    ['events that are not an array', (i) => (i.events = {} as never), 'events: must be an array'],
    ['an event that is not an object', (i) => (i.events[1] = 'e1' as never), 'events[1]: must be an object'],
    ['directed that is not a boolean', (i) => (i.relations[0]!.directed = 'yes'), 'relations[0].directed: must be true or false'],
  ];
  it.each(cases)('reports %s', (_, breakIt, expected) => {
    const input = base();
    breakIt(input);
    // Date messages may end with a hint in parentheses, which belongs to the dates module.
    const found = errors(input);
    expect(found.find((e) => e === expected || e.startsWith(`${expected} (`)), found.join('\n')).toBeDefined();
  });

  it('reports a missing events array and a non-object input at $', () => {
    expect(errors({ actors: [] })).toEqual(['events: is required']);
    expect(errors([])).toEqual(['$: must be an object with an "events" array, not an array']);
    expect(errors(null)).toEqual(['$: must be an object with an "events" array, not null']);
    expect(errors(7)).toEqual(['$: must be an object with an "events" array, not a number']);
  });

  it('reports JSON syntax errors at $ with the line and column', () => {
    expect(errors('{\n  "events": [\n    { "id": "a", }\n  ]\n}')).toEqual([
      '$: invalid JSON at line 3, column 18 (Expected double-quoted property name)',
    ]);
    expect(errors('{"events": [}')).toEqual(["$: invalid JSON at line 1, column 13 (Unexpected token '}')"]);
    expect(errors('{"events": [')[0]).toMatch(/^\$: invalid JSON at line 1, column 13 \(unexpected end of input\)$/);
  });

  it('reports an affiliation cycle with its path and drops only the closing affiliation in lenient mode', () => {
    const input = base();
    input.actors.push(
      { id: 'a', name: 'A', affiliations: [{ actor: 'b' }] },
      { id: 'b', name: 'B', affiliations: [{ actor: 'c' }] },
      { id: 'c', name: 'C', affiliations: [{ actor: 'a' }] },
    );
    expect(errors(input)).toEqual(['actors[6].affiliations[0]: affiliation cycle: c → a → b → c']);
    const { dataset, rejected } = parseDataset(input, { mode: 'lenient' });
    expect(dataset.actors.map((a) => a.id)).toEqual(['us', 'russia', 'nk', 'kirby', 'a', 'b', 'c']);
    expect(dataset.actor('c')!.affiliations).toEqual([]);
    expect(dataset.actor('a')!.affiliations.map((a) => a.actor)).toEqual(['b']);
    expect(rejected.map((r) => r.path)).toEqual(['actors[6].affiliations[0]']);
  });

  it('warns about unknown fields, suggesting the field meant, and keeps the record', () => {
    const input = base();
    input.actors[0]!.colour = '#f00';
    input.events[0]!.participant = [];
    input.extra = true;
    expect(warnings(input)).toEqual([
      'extra: unknown field, ignored',
      'actors[0].colour: unknown field, ignored (did you mean "color"?)',
      'events[0].participant: unknown field, ignored (did you mean "participants"?)',
    ]);
    expect(errors(input)).toEqual([]);
  });

  it('names a reference to a rejected actor as such', () => {
    const input = base();
    input.actors[1]!.kind = 'country';
    expect(errors(input)).toContain('events[0].participants[1].actor: actor "russia" was rejected (see actors[1])');
  });
});

describe('lenient mode', () => {
  it('keeps every valid record and rejects the others with their reasons', () => {
    const input = base();
    input.events[0]!.participants = [{ actor: 'ghost', role: 'source' }];
    input.events.push({ id: 'e3', title: 'Fine', when: '2024' }, { id: 'e1', title: 'Dup', when: '2024' });
    input.actors.push({ id: 'bad', name: '' });
    input.relations.push({ source: 'us', target: 'ghost', type: 'x' });
    const { dataset, rejected, problems } = parseDataset(input, { mode: 'lenient' });
    expect(dataset.events.map((e) => e.id).sort()).toEqual(['e1', 'e2', 'e3']);
    expect(rejected.map((r) => r.path)).toEqual(['actors[4]', 'events[0]', 'events[4]', 'relations[1]']);
    expect(rejected[1]!.record).toBe(input.events[0]);
    expect(rejected[1]!.problems.map((p) => p.message)).toEqual(['unknown actor "ghost"']);
    expect(problems.filter((p) => p.severity === 'error')).toHaveLength(4);
  });

  it('keeps an actor whose affiliation is malformed and rejects the affiliation', () => {
    const input = base();
    input.actors[3]!.affiliations = [{ actor: 'us', start: 'yesterday' }, { actor: 'nk' }];
    const { dataset, rejected } = parseDataset(input, { mode: 'lenient' });
    expect(dataset.actor('kirby')!.affiliations.map((a) => a.actor)).toEqual(['nk']);
    expect(rejected.map((r) => r.path)).toEqual(['actors[3].affiliations[0]']);
  });

  it('removes a colliding alias from the later actor only', () => {
    const input = base();
    input.actors[1]!.aliases = ['United States', 'Moscow'];
    const { dataset } = parseDataset(input, { mode: 'lenient' });
    expect(dataset.actor('russia')!.aliases).toEqual(['Moscow']);
    expect(dataset.actor('us')!.aliases).toEqual(['US']);
  });

  it('accounts for every record: kept + rejected = input, for random corruptions', () => {
    // The n-th record that is still an object (pushed nulls and arrays are skipped).
    const pick = (list: unknown[], n: number): Record<string, unknown> => {
      const objects = list.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && !Array.isArray(r));
      return objects[n % objects.length]!;
    };
    const corruptions: ((i: ReturnType<typeof base>, n: number) => void)[] = [
      (i, n) => (pick(i.events, n).when = '2024-02-30'),
      (i, n) => (pick(i.events, n).id = 'e0'),
      (i, n) => (pick(i.events, n).participants = ['nobody']),
      (i, n) => (pick(i.actors, n).name = 5),
      (i, n) => (pick(i.actors, n).id = 'us'),
      (i) => i.relations.push({ source: 'x', target: 'y', type: 'z' }),
      (i) => i.relations.push({ id: 7 }),
      (i) => i.events.push(null as never),
      (i) => i.actors.push([] as never),
      (i, n) => (pick(i.events, n).sources = [{ url: 'ftp://x' }]),
    ];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(corruptions.length - 1), fc.nat(10)), { maxLength: 6 }), (steps) => {
        const input = base();
        for (const [c, n] of steps) corruptions[c]!(input, n);
        const { dataset, rejected } = parseDataset(input, { mode: 'lenient' });
        const count = (key: string) => rejected.filter((r) => new RegExp(`^${key}\\[\\d+\\]$`).test(r.path)).length;
        expect(dataset.events.length + count('events')).toBe(input.events.length);
        expect(dataset.actors.length + count('actors')).toBe(input.actors.length);
        expect(dataset.declaredRelations.length + count('relations')).toBe(input.relations.length);
        const strictOk = (() => {
          try {
            parseDataset(input);
            return true;
          } catch (error) {
            expect(error).toBeInstanceOf(DatasetValidationError);
            return false;
          }
        })();
        expect(strictOk).toBe(rejected.length === 0);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe('hostile input', () => {
  const strictThrowsOnlyValidationErrors = (input: unknown): Problem[] => {
    try {
      parseDataset(input);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(DatasetValidationError);
      return [...(error as DatasetValidationError).problems];
    }
  };

  it('never throws anything but DatasetValidationError, and lenient mode never throws, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        strictThrowsOnlyValidationErrors(value);
        expect(() => parseDataset(value, { mode: 'lenient' })).not.toThrow();
        expect(() => parseDataset(JSON.stringify(value) ?? '', { mode: 'lenient' })).not.toThrow();
      }),
      { numRuns: 300, seed: 1 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        strictThrowsOnlyValidationErrors(text);
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  it('survives records of the right shape with wrong values everywhere', () => {
    const anything = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(Number.NaN), fc.constant(undefined));
    const record = fc.record(
      { id: anything, title: anything, name: anything, when: anything, participants: anything, actor: anything, kind: anything, aliases: anything, affiliations: anything, sources: anything, location: anything, attributes: anything, source: anything, target: anything, type: anything },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 4 }), fc.array(record, { maxLength: 4 }), fc.array(record, { maxLength: 3 }), (events, actors, relations) => {
        strictThrowsOnlyValidationErrors({ events, actors, relations });
        const result = parseDataset({ events, actors, relations }, { mode: 'lenient' });
        expect(result.dataset.events.length + result.rejected.filter((r) => /^events\[\d+\]$/.test(r.path)).length).toBe(events.length);
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('handles deeply nested JSON text and objects', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(strictThrowsOnlyValidationErrors(deep)[0]?.path).toBe('$');
    let nested: unknown = {};
    for (let i = 0; i < 100_000; i++) nested = { events: nested };
    expect(strictThrowsOnlyValidationErrors(nested).length).toBeGreaterThan(0);
  });

  it('ignores prototype-pollution keys and never writes them onto objects', () => {
    const text =
      '{"__proto__": {"polluted": 1}, "events": [{"id": "a", "title": "A", "when": "2024", "__proto__": {"polluted": 2}, "attributes": {"__proto__": null, "constructor": 1, "ok": 2}}]}';
    const { dataset, problems } = parseDataset(text, { mode: 'lenient' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const event = dataset.event('a')!;
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(Object.keys(event.attributes!)).toEqual(['ok']);
    expect(Object.getPrototypeOf(event.attributes)).toBe(Object.prototype);
    expect(problems.map((p) => p.path)).toEqual(['__proto__', 'events[0].__proto__', 'events[0].attributes.__proto__', 'events[0].attributes.constructor']);
  });

  it('deeply freezes every record it builds', () => {
    const { dataset } = parseDataset(base(), { mode: 'lenient' });
    const unfrozen: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (typeof value !== 'object' || value === null) return;
      if (!Object.isFrozen(value)) unfrozen.push(path);
      for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`);
    };
    walk(dataset.events, 'events');
    walk(dataset.actors, 'actors');
    walk(dataset.declaredRelations, 'relations');
    walk(dataset.meta, 'meta');
    expect(unfrozen).toEqual([]);
    expect(dataset.events.length).toBe(3);
  });

  it('gives equal dates and places equal values in every event, and never shares them with the input', () => {
    const input = { events: [0, 1, 2].map((i) => ({ id: `e${i}`, title: 'T', when: i < 2 ? '2024-01-18' : '2024-01-18/2024-02', location: 'Seoul', reported: '2024-01-19' })) };
    const { events } = parseDataset(input);
    expect(events[0]!.when).toEqual(events[1]!.when);
    expect(events[2]!.when.start).toEqual(events[0]!.when.start);
    expect(events.map((e) => e.location)).toEqual([{ name: 'Seoul' }, { name: 'Seoul' }, { name: 'Seoul' }]);
    expect(events[0]!.reported?.edtf).toBe('2024-01-19');
    expect(Object.isFrozen(input.events[0])).toBe(false);
  });

  it('keeps attribute keys that Object.prototype also has as own data properties, and ignores setters there', () => {
    let calls = 0;
    Object.defineProperty(Object.prototype, 'pollutedSetter', { set: () => void calls++, configurable: true });
    try {
      const text = '{"events": [{"id": "a", "title": "A", "when": "2024", "attributes": {"toString": "s", "hasOwnProperty": 1, "pollutedSetter": "x"}}]}';
      const attributes = parseDataset(text).events[0]!.attributes!;
      expect(Object.getOwnPropertyDescriptor(attributes, 'toString')).toMatchObject({ value: 's', enumerable: true });
      expect(Object.getOwnPropertyDescriptor(attributes, 'hasOwnProperty')).toMatchObject({ value: 1, enumerable: true });
      expect(Object.getOwnPropertyDescriptor(attributes, 'pollutedSetter')).toMatchObject({ value: 'x', enumerable: true });
      expect(calls).toBe(0);
    } finally {
      delete (Object.prototype as Record<string, unknown>).pollutedSetter;
    }
  });

  it('reads a large input the same way in lenient and strict mode', () => {
    const actors = Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, name: `A${i}` }));
    const events = Array.from({ length: 5000 }, (_, i) => ({
      id: `e${i}`,
      title: `E${i}`,
      when: `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      participants: [{ actor: `a${i % 50}`, role: 'source' }, { actor: `a${(i * 7 + 1) % 50}`, role: 'target' }, `a${(i * 3 + 2) % 50}`],
    }));
    const strict = parseDataset({ actors, events });
    const { dataset, problems } = parseDataset({ actors, events }, { mode: 'lenient' });
    expect(problems).toEqual([]);
    expect(dataset.events).toEqual(strict.events);
    expect(dataset.relations).toEqual(strict.relations);
    expect(strict.events.map((e) => e.id)).toEqual(events.map((e) => e.id).sort((a, b) => compareByDate(events, a, b)));
  });

  it('does not read inherited properties', () => {
    const proto = { id: 'inherited', title: 'T', when: '2024' };
    const event = Object.create(proto) as object;
    expect(errors({ events: [event] })).toEqual(['events[0].id: is required', 'events[0].title: is required', 'events[0].when: is required']);
  });

  it('turns a throwing proxy into a problem', () => {
    const trap = new Proxy({}, { ownKeys: () => { throw new Error('boom'); }, getOwnPropertyDescriptor: () => { throw new Error('boom'); } });
    expect(strictThrowsOnlyValidationErrors(trap).map((p) => `${p.path}: ${p.message}`)).toEqual(['$: could not be read (boom)']);
  });
});

describe('actor colours', () => {
  it('keeps a CSS colour and drops anything else with a warning, keeping the actor', () => {
    const { dataset, problems, rejected } = parseDataset(
      {
        actors: [
          { id: 'a', name: 'A', color: ' #0072B2 ' },
          { id: 'b', name: 'B', color: 'url(javascript:alert(1))' },
          { id: 'c', name: 'C', color: 'red;background:url(x)' },
          { id: 'd', name: 'D', color: 'rgb(0 114 178 / 50%)' },
        ],
        events: [],
      },
      { mode: 'lenient' },
    );
    expect(rejected).toEqual([]);
    expect(dataset.actors.map((a) => a.color)).toEqual(['#0072B2', undefined, undefined, 'rgb(0 114 178 / 50%)']);
    expect(problems.map((p) => [p.path, p.severity])).toEqual([
      ['actors[1].color', 'warning'],
      ['actors[2].color', 'warning'],
    ]);
    expect(problems[0]!.message).toBe('"url(javascript:alert(1))" is not a CSS colour; the palette\'s colour is used');
  });
});
