import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../src/model/parse.js';
import { tryParseDate } from '../../src/model/dates.js';

type Schema = { readonly [keyword: string]: unknown };
const schema = JSON.parse(readFileSync(new URL('../../schema.json', import.meta.url), 'utf8')) as Schema;

/**
 * A checker for the subset of JSON Schema 2020-12 that schema.json uses. It throws on any other
 * keyword, so the schema cannot quietly grow a rule that this test does not check.
 */
function schemaErrors(root: Schema, value: unknown, node: Schema = root, path = '$'): string[] {
  const annotations = new Set(['$schema', '$id', 'title', 'description', 'examples', 'format', 'default']);
  const errors: string[] = [];
  for (const keyword of Object.keys(node)) {
    if (annotations.has(keyword)) continue;
    const rule = node[keyword];
    switch (keyword) {
      case '$defs':
        break;
      case '$ref': {
        const match = /^#\/\$defs\/([\w-]+)$/.exec(rule as string);
        if (!match) throw new Error(`unsupported $ref ${String(rule)}`);
        const target = (root.$defs as Record<string, Schema>)[match[1]!];
        if (!target) throw new Error(`dangling $ref ${String(rule)}`);
        errors.push(...schemaErrors(root, value, target, path));
        break;
      }
      case 'type': {
        const types = Array.isArray(rule) ? (rule as string[]) : [rule as string];
        const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
        if (!types.includes(actual)) errors.push(`${path}: type ${actual}, expected ${types.join('|')}`);
        break;
      }
      case 'required':
        if (isObject(value)) for (const key of rule as string[]) if (!Object.hasOwn(value, key)) errors.push(`${path}.${key}: required`);
        break;
      case 'properties':
        if (isObject(value)) {
          for (const [key, sub] of Object.entries(rule as Record<string, Schema>)) {
            if (Object.hasOwn(value, key)) errors.push(...schemaErrors(root, value[key], sub, `${path}.${key}`));
          }
        }
        break;
      case 'additionalProperties':
        if (isObject(value)) {
          const known = Object.keys((node.properties as Record<string, Schema> | undefined) ?? {});
          for (const key of Object.keys(value)) {
            if (known.includes(key)) continue;
            if (rule === false) errors.push(`${path}.${key}: not allowed`);
            else if (rule !== true) errors.push(...schemaErrors(root, value[key], rule as Schema, `${path}.${key}`));
          }
        }
        break;
      case 'items':
        if (Array.isArray(value)) value.forEach((item, i) => errors.push(...schemaErrors(root, item, rule as Schema, `${path}[${i}]`)));
        break;
      case 'enum':
        if (!(rule as unknown[]).includes(value)) errors.push(`${path}: not in enum`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(rule as string, 'u').test(value)) errors.push(`${path}: does not match ${String(rule)}`);
        break;
      case 'minLength':
        if (typeof value === 'string' && [...value].length < (rule as number)) errors.push(`${path}: too short`);
        break;
      case 'minimum':
        if (typeof value === 'number' && value < (rule as number)) errors.push(`${path}: below minimum`);
        break;
      case 'maximum':
        if (typeof value === 'number' && value > (rule as number)) errors.push(`${path}: above maximum`);
        break;
      case 'oneOf':
      case 'anyOf': {
        const passing = (rule as Schema[]).filter((sub) => schemaErrors(root, value, sub, path).length === 0).length;
        if (keyword === 'oneOf' ? passing !== 1 : passing === 0) errors.push(`${path}: ${passing} of ${keyword} match`);
        break;
      }
      default:
        throw new Error(`schema.json uses "${keyword}", which this checker does not implement`);
    }
  }
  return errors;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The validator's verdict on structure: no error and no unknown field (which the schema refuses). */
const validatorAccepts = (input: unknown): boolean =>
  validateDataset(input).every((p) => p.severity === 'warning' && !p.message.startsWith('unknown field'));

function base() {
  return {
    $schema: '../schema.json',
    title: 'T',
    sources: [{ title: 'Article', published: '2024-01-18' }],
    actors: [
      { id: 'a', name: 'A', kind: 'state', aliases: ['Alpha'], color: '#123456' },
      { id: 'b', name: 'B', affiliations: [{ actor: 'a', role: 'member', start: '2020', end: '2024-01' }] },
    ] as Record<string, unknown>[],
    events: [
      { id: 'e1', title: 'One', when: '2024-01-18~', participants: ['a', { actor: 'b', role: 'target' }], tags: ['x'], sources: [{ url: 'https://example.org', confidence: 1 }], reported: '2024-01-18', location: { name: 'Seoul', lat: 37.5, lon: 127 }, attributes: { n: 1, s: 's', b: false, z: null } },
      { id: 'e2', title: 'Two', when: { start: '2023-11', end: '2024-01?' }, location: 'Kharkiv', category: 'strike' },
    ] as Record<string, unknown>[],
    relations: [{ id: 'r', source: 'a', target: 'b', type: 'alliance', directed: false, start: '2020' }] as Record<string, unknown>[],
  };
}

type Input = ReturnType<typeof base>;
const structural: [string, (i: Input) => void][] = [
  ['a valid dataset', () => {}],
  ['a missing events array', (i) => delete (i as Partial<Input>).events],
  ['events that are an object', (i) => ((i as Record<string, unknown>).events = {})],
  ['an event without a title', (i) => delete i.events[0]!.title],
  ['an event with a blank id', (i) => (i.events[0]!.id = '   ')],
  ['an event with a numeric title', (i) => (i.events[0]!.title = 5)],
  ['a when that is a number', (i) => (i.events[0]!.when = 2024)],
  ['a when with bad syntax', (i) => (i.events[0]!.when = '2024-13')],
  ['a when with an open end', (i) => (i.events[0]!.when = '2024/..')],
  ['a when object without start', (i) => (i.events[0]!.when = { end: '2024' })],
  ['a when object with an extra key', (i) => (i.events[0]!.when = { start: '2024', until: '2025' })],
  ['tags with a number', (i) => (i.events[0]!.tags = ['a', 1])],
  ['a participant that is a number', (i) => (i.events[0]!.participants = [1])],
  ['a participant with an empty role', (i) => (i.events[0]!.participants = [{ actor: 'a', role: '' }])],
  ['a participant without actor', (i) => (i.events[0]!.participants = [{ role: 'source' }])],
  ['a javascript: URL', (i) => (i.events[0]!.sources = [{ url: 'javascript:alert(1)' }])],
  ['a confidence of 2', (i) => (i.events[0]!.sources = [{ confidence: 2 }])],
  ['a confidence that is a string', (i) => (i.events[0]!.sources = [{ confidence: '0.5' }])],
  ['a latitude of -91', (i) => (i.events[0]!.location = { name: 'x', lat: -91, lon: 0 })],
  ['a location without name', (i) => (i.events[0]!.location = { lat: 1, lon: 1 })],
  ['an attribute that is an object', (i) => (i.events[0]!.attributes = { o: {} })],
  ['a bad reported date', (i) => (i.events[0]!.reported = 'yesterday')],
  ['an actor kind that is not a kind', (i) => (i.actors[0]!.kind = 'country')],
  ['an actor without name', (i) => delete i.actors[0]!.name],
  ['a blank alias', (i) => (i.actors[0]!.aliases = [' '])],
  ['an affiliation without actor', (i) => (i.actors[1]!.affiliations = [{ role: 'x' }])],
  ['an affiliation with a bad date', (i) => (i.actors[1]!.affiliations = [{ actor: 'a', start: '20-01' }])],
  ['a relation without type', (i) => delete i.relations[0]!.type],
  ['a relation with directed "yes"', (i) => (i.relations[0]!.directed = 'yes')],
  ['an unknown top-level field', (i) => ((i as Record<string, unknown>).extra = 1)],
  ['an unknown event field', (i) => (i.events[0]!.colour = 'red')],
  ['a dataset that is an array', () => {}],
];

describe('schema.json', () => {
  it('is a draft 2020-12 schema that only uses keywords the checker implements', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schemaErrors(schema, base())).toEqual([]);
  });

  it.each(structural)('agrees with the validator on %s', (name, breakIt) => {
    const input: unknown = name === 'a dataset that is an array' ? [base()] : (() => { const i = base(); breakIt(i); return i; })();
    const schemaSays = schemaErrors(schema, input).length === 0;
    expect(schemaSays, schemaErrors(schema, input).join('\n')).toBe(validatorAccepts(input));
    expect(schemaSays).toBe(name === 'a valid dataset');
  });

  it('accepts the founding dataset', () => {
    const data: unknown = JSON.parse(readFileSync(new URL('../../examples/data/korea-russia-2024.json', import.meta.url), 'utf8'));
    expect(schemaErrors(schema, data)).toEqual([]);
  });

  it('has a date pattern that accepts exactly the syntax the date parser accepts', () => {
    const pattern = new RegExp((schema.$defs as Record<string, Schema>).date!.pattern as string, 'u');
    const samples = [
      '2024', '2024-01', '2024-01-18', '2024-01-18T09', '2024-01-18T09:30', '2024-01-18T09:30:15', '2024-01-18T09:30:15.250',
      '2024-01-18T09:30Z', '2024-01-18T09:30+09:00', '2024-01-18T09:30-0530', '2024-01-18T09+01', '2024-01~', '2023?', '2024-01-18%',
      '-0500', 'Y170000', 'Y-12000', '202X', '20XX', '2024-XX', '2024-01-XX', '2024-XX-XX', '2024-21', '2024-24', '2024-02-30', '2023-02-29',
      '2024-01-18T25:00', '2024-01-18T09:61',
      '24', '2024-1', '2024-13', '2024-25', '2024-00', '2024-01-32', '2024-01-00', '-500', 'Y2024', 'Y012345', '2024-XX-18', '2024-21-01',
      '2024 ', ' 2024', '2024-01-18 09:30', '2024-01-18t09', '2024-01-18T9', '2024-01-18T09:30+24:00', '2024~?', '', '2024/2025', '..',
      '202X-01', '-20XX', '2024-01-18T09:30:15.', '2024-01-18T09:30:15.1234567890',
    ];
    for (const sample of samples) {
      const result = tryParseDate(sample);
      // The pattern checks syntax; calendar and range errors are the validator's.
      const parserSyntaxOk = result.ok || result.error.reason === 'calendar' || result.error.reason === 'range';
      expect(pattern.test(sample), sample).toBe(parserSyntaxOk);
    }
  });
});
