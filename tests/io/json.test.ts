import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDataset } from '../../src/model/parse.js';
import { toJSON } from '../../src/io/json.js';
import type { Dataset } from '../../src/model/types.js';

const seed = readFileSync(new URL('../../examples/data/korea-russia-2024.json', import.meta.url), 'utf8');

/** Everything a dataset says, as plain data, for comparing two datasets. */
function content(d: Dataset) {
  return {
    meta: d.meta,
    actors: d.actors,
    events: d.events,
    declared: d.declaredRelations,
    relations: d.relations.map((r) => [r.id, r.weight, r.events]),
  };
}

describe('toJSON', () => {
  it('writes the founding dataset so that reading it back gives an equal dataset', () => {
    const dataset = parseDataset(seed);
    const again = parseDataset(JSON.parse(JSON.stringify(toJSON(dataset))));
    expect(content(again)).toEqual(content(dataset));
  });

  it('round-trips random datasets with every date form, role and optional field', () => {
    const date = fc.constantFrom('2024', '2024-01', '2024-01-18', '2024-01~', '2024?', '2024-XX', '-0499', '2024-01-18T09:30+09:00', '2024-21', '202X');
    const actor = fc.constantFrom('a', 'b', 'c', 'd');
    const event = fc.record(
      {
        title: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
        when: fc.oneof(date, fc.constant({ start: '2023', end: '2024-06' })),
        description: fc.string(),
        category: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
        participants: fc.uniqueArray(fc.record({ actor, role: fc.constantFrom('source', 'target', 'participant', 'witness') }), { selector: (p) => p.actor, maxLength: 4 }),
        tags: fc.array(fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), { maxLength: 3 }),
        location: fc.oneof(fc.constant('Seoul'), fc.constant({ name: 'Kharkiv', lat: 49.99, lon: 36.23 })),
        reported: date,
      },
      { requiredKeys: ['title', 'when'] },
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        const input = {
          title: 'random',
          actors: ['a', 'b', 'c', 'd'].map((id, i) => ({ id, name: id.toUpperCase(), kind: 'state', ...(i > 0 && { affiliations: [{ actor: 'a', role: 'member' }] }) })),
          events: events.map((e, i) => ({ id: `e${i}`, ...e })),
        };
        const dataset = parseDataset(input);
        expect(content(parseDataset(toJSON(dataset)))).toEqual(content(dataset));
      }),
      { seed: 1729, numRuns: 150 },
    );
  });
});
