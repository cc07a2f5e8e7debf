import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNetwork, buildNetworkSteps } from '../../src/layout/network.js';
import { deriveRelations, deriveRelationsInSteps } from '../../src/model/relations.js';
import { createDataset } from '../../src/model/dataset.js';
import { parseWhen } from '../../src/model/dates.js';
import type { Dataset, EntityEvent } from '../../src/model/types.js';
import { actor } from './network-fixture.js';

/** Runs resumable work to the end, counting its pauses. */
function run<T>(steps: Generator<void, T, void>): { value: T; pauses: number } {
  let pauses = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return { value: next.value, pauses };
    pauses += 1;
  }
}

const pool = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const roles = ['source', 'target', 'participant', 'ally'] as const;
const day = 86_400_000;

/** Random events over a few actors and days: ties in time, repeated actors and repeated ids. */
const eventsArb = fc
  .array(
    fc.record({
      id: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8'),
      start: fc.integer({ min: 0, max: 9 }),
      participants: fc.array(fc.tuple(fc.constantFrom(...pool), fc.constantFrom(...roles)), { maxLength: 5 }),
    }),
    { maxLength: 40 },
  )
  .map((specs): EntityEvent[] =>
    specs.map((s) => ({
      id: s.id,
      title: s.id,
      when: parseWhen(new Date(Date.UTC(2024, 0, 1) + s.start * day).toISOString().slice(0, 10)),
      participants: s.participants.map(([a, role]) => ({ actor: a, role })),
      tags: [],
      sources: [],
    })),
  );

function datasetOf(events: EntityEvent[]): Dataset {
  return createDataset({
    actors: pool.map((id, i) => actor(id, i % 3 === 0 ? 'person' : 'state', i > 0 && i % 2 === 0 ? [{ actor: pool[i - 1]!, role: 'member' }] : [])),
    events,
    declaredRelations: [{ id: 'pact', source: 'a', target: 'b', directed: false, type: 'alliance', sources: [] }],
  });
}

describe('deriveRelationsInSteps', () => {
  it('derives exactly the relations deriveRelations derives, pausing every few events', () => {
    fc.assert(
      fc.property(eventsArb, fc.integer({ min: 1, max: 6 }), (events, grain) => {
        const { value, pauses } = run(deriveRelationsInSteps(events, grain));
        expect(value).toEqual(deriveRelations(events));
        // Events in dataset order pause at least once per `grain` events.
        if (events.length > grain) expect(pauses).toBeGreaterThanOrEqual(Math.floor((events.length - 1) / grain));
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('takes the reference path for actor ids with separators, as deriveRelations does', () => {
    const events: EntityEvent[] = [
      { id: 'e1', title: 'e1', when: parseWhen('2024-01-01'), participants: [{ actor: 'a—b', role: 'source' }, { actor: 'c', role: 'target' }], tags: [], sources: [] },
      { id: 'e2', title: 'e2', when: parseWhen('2024-01-02'), participants: [{ actor: 'a', role: 'participant' }, { actor: 'b→c', role: 'participant' }], tags: [], sources: [] },
    ];
    expect(run(deriveRelationsInSteps(events, 1)).value).toEqual(deriveRelations(events));
  });
});

describe('buildNetworkSteps', () => {
  it('builds the graph buildNetwork builds, for any window, without touching the dataset', () => {
    fc.assert(
      fc.property(eventsArb, fc.option(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }))), fc.boolean(), (events, span, includeAffiliations) => {
        const window = span ? ([Date.UTC(2024, 0, 1) + Math.min(...span) * day, Date.UTC(2024, 0, 1) + Math.max(...span) * day] as const) : null;
        // A fresh dataset for each build: the stepped build must not rely on the other's caches.
        const stepped = run(buildNetworkSteps(datasetOf(events), { window, includeAffiliations })).value;
        expect(stepped).toEqual(buildNetwork(datasetOf(events), { window, includeAffiliations }));
      }),
      { numRuns: 150, seed: 5 },
    );
  });

  it('derives the relations of a big dataset in many short steps, the same as the dataset gives them', () => {
    const actors = Array.from({ length: 1500 }, (_, i) => actor(`a${i}`));
    const events: EntityEvent[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `e${i}`,
      title: `e${i}`,
      when: parseWhen(new Date(Date.UTC(2024, 0, 1) + (i % 300) * day).toISOString().slice(0, 10)),
      participants: [
        { actor: `a${(i * 7) % 1500}`, role: 'source' },
        { actor: `a${(i * 13 + 1) % 1500}`, role: 'target' },
      ],
      tags: [],
      sources: [],
    }));
    const data = createDataset({ actors, events });
    const { value, pauses } = run(buildNetworkSteps(data));
    // Thousands of events, relations and actors: a pause every 1,024 items, not one long step.
    expect(pauses).toBeGreaterThan(10);
    expect(value).toEqual(buildNetwork(createDataset({ actors, events })));
    // Later graphs of the same dataset (synchronous ones too) use the relations derived in steps.
    expect(buildNetwork(data)).toEqual(value);
    expect(data.relations.length).toBe(value.edges.length);
  });
});
