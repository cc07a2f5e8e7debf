import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDataset } from '../../src/model/dataset.js';
import { compareEvents, deriveRelations } from '../../src/model/relations.js';
import { IntervalIndex } from '../../src/model/dataset-intervals.js';
import { parseDataset } from '../../src/model/parse.js';
import { parseDate } from '../../src/model/dates.js';
import { actor, event, rawEvent } from '../fixtures/model.js';
import type { AffiliationNode, DeclaredRelation } from '../../src/model/types.js';

const utc = (y: number, m = 1, d = 1) => Date.UTC(y, m - 1, d);

describe('createDataset', () => {
  const events = [
    event('c', '2024-03-01', [['us', 'source'], ['kp', 'target']]),
    event('a', '2024-01', ['us', 'kr', 'jp']),
    event('b', '2024-01-18', [['kp', 'source'], ['ru', 'target']]),
    event('a2', '2024-01', ['us', 'kr']),
  ];
  const actors = ['us', 'kr', 'jp', 'kp', 'ru'].map((id) => actor(id));
  const dataset = createDataset({ events, actors });

  it('sorts events by earliest, then latest, then id', () => {
    expect(dataset.events.map((e) => e.id)).toEqual(['a', 'a2', 'b', 'c']);
  });

  it('freezes its records and leaves the caller’s objects untouched', () => {
    expect(Object.isFrozen(dataset)).toBe(true);
    expect(Object.isFrozen(dataset.events)).toBe(true);
    expect(Object.isFrozen(dataset.events[0]!.participants)).toBe(true);
    expect(Object.isFrozen(dataset.actors[0])).toBe(true);
    expect(Object.isFrozen(events[0])).toBe(false);
    expect(Object.isFrozen(events[0]!.participants)).toBe(false);
    expect(events.map((e) => e.id)).toEqual(['c', 'a', 'b', 'a2']);
  });

  it('looks events and actors up by id', () => {
    expect(dataset.event('b')?.title).toBe('b');
    expect(dataset.actor('ru')?.id).toBe('ru');
    expect(dataset.event('nope')).toBeUndefined();
  });

  it('gives the extent of all events', () => {
    expect(dataset.extent).toEqual([utc(2024, 1, 1), utc(2024, 3, 2) - 1]);
    expect(createDataset({ events: [], actors: [] }).extent).toBeUndefined();
  });

  it('lists an actor’s events in time order', () => {
    expect(dataset.eventsOf('us').map((e) => e.id)).toEqual(['a', 'a2', 'c']);
    expect(dataset.eventsOf('nobody')).toEqual([]);
  });

  it('finds relations between two actors in either direction', () => {
    expect(dataset.relationsBetween('ru', 'kp').map((r) => r.id)).toEqual(['kp→ru']);
    expect(dataset.relationsBetween('kr', 'us')).toEqual(dataset.relationsBetween('us', 'kr'));
    expect(dataset.relationsBetween('us', 'kr')[0]?.weight).toBe(2);
  });

  it('gives an actor’s first and last appearance', () => {
    expect(dataset.appearance('kp')).toEqual({ first: utc(2024, 1, 18), last: utc(2024, 3, 2) - 1 });
    expect(dataset.appearance('nobody')).toBeUndefined();
  });

  it('returns the events overlapping a window, inclusive, in time order', () => {
    expect(dataset.eventsBetween(utc(2024, 1, 18), utc(2024, 1, 18)).map((e) => e.id)).toEqual(['a', 'a2', 'b']);
    expect(dataset.eventsBetween(utc(2024, 2, 1), utc(2024, 3, 1)).map((e) => e.id)).toEqual(['c']);
    expect(dataset.eventsBetween(utc(2024, 2, 1), utc(2024, 2, 10))).toEqual([]);
    expect(dataset.eventsBetween(utc(2025), utc(2024))).toEqual([]);
  });

  it('recomputes relations for a window, counting only the events in it, plus active declared relations', () => {
    const declared: DeclaredRelation[] = [
      { id: 'old', source: 'us', target: 'kr', type: 'alliance', directed: false, end: parseDate('2000'), sources: [] },
      { id: 'open', source: 'us', target: 'jp', type: 'alliance', directed: false, start: parseDate('2023'), sources: [] },
    ];
    const withDeclared = createDataset({ events, actors, declaredRelations: declared });
    const inJanuary = withDeclared.relationsIn(utc(2024, 1, 1), utc(2024, 1, 31));
    expect(inJanuary.find((r) => r.id === 'kr—us')?.weight).toBe(2);
    expect(inJanuary.some((r) => r.id === 'us→kp')).toBe(false);
    expect(inJanuary.filter((r) => r.type === 'alliance').map((r) => r.id)).toEqual(['open']);
    const onTheFifth = withDeclared.relationsIn(utc(2024, 1, 18), utc(2024, 1, 18));
    expect(onTheFifth.find((r) => r.id === 'kr—us')?.events).toEqual(['a', 'a2']);
    expect(withDeclared.relations.map((r) => r.id)).toContain('old');
  });

  it('builds the co-participation network, optionally for a window', () => {
    const all = dataset.coParticipation();
    expect(all.find((e) => e.a === 'kr' && e.b === 'us')).toMatchObject({ weight: 2, events: ['a', 'a2'] });
    expect(all.find((e) => e.a === 'kp' && e.b === 'ru')?.weight).toBe(1);
    expect(dataset.coParticipation(utc(2024, 3, 1)).map((e) => `${e.a}-${e.b}`)).toEqual(['kp-us']);
  });
});

describe('createDataset at scale', () => {
  it('orders events exactly as compareEvents does, with many ties in time broken by id', () => {
    const spec = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 40 })), { maxLength: 200 });
    fc.assert(
      fc.property(spec, (specs) => {
        const events = specs.map(([s, len, id]) => rawEvent(`e${id}`, s, s + len));
        const expected = [...events].sort(compareEvents);
        expect(createDataset({ events, actors: [] }).events).toEqual(expected);
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('derives relations on first use, then returns the same frozen array', () => {
    const declared: DeclaredRelation = { id: 'pact', source: 'us', target: 'kr', type: 'alliance', directed: false, sources: [] };
    const events = [event('b', '2024-02', [['kp', 'source'], ['ru', 'target']]), event('a', '2024-01', ['us', 'kr'])];
    const dataset = createDataset({ events, actors: [], declaredRelations: [declared] });
    const relations = dataset.relations;
    expect(relations).toBe(dataset.relations);
    expect(Object.isFrozen(relations)).toBe(true);
    expect(relations.map((r) => r.id)).toEqual(['kr—us', 'kp→ru', 'pact']);
    expect(relations.slice(0, 2)).toEqual(deriveRelations(events));
    expect(Object.keys(dataset)).toContain('relations');
    expect(dataset.relationsBetween('kr', 'us').map((r) => r.id)).toEqual(['kr—us', 'pact']);
  });

  it('reuses the records of an existing dataset instead of copying them', () => {
    const { dataset } = parseDataset(
      { actors: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }], events: [{ id: 'x', title: 'X', when: '2024', participants: ['a', 'b'], location: 'Seoul' }, { id: 'y', title: 'Y', when: '2024', participants: ['a'] }] },
      { mode: 'lenient' },
    );
    const again = createDataset({ events: dataset.events.filter((e) => e.id === 'x'), actors: dataset.actors });
    expect(again.events[0]).toBe(dataset.event('x'));
    expect(again.actors[0]).toBe(dataset.actors[0]);
    // A caller's copy that holds parsed parts is copied at the top only.
    const copy = createDataset({ events: [{ ...dataset.event('x')! }], actors: [] });
    expect(copy.events[0]).not.toBe(dataset.event('x'));
    expect(copy.events[0]!.when).toBe(dataset.event('x')!.when);
    expect(Object.isFrozen(copy.events[0])).toBe(true);
  });

  it('keeps co-participation pairs apart when actor ids contain the separator', () => {
    const dataset = createDataset({ events: [event('e1', '2024-01', ['a—b', 'c']), event('e2', '2024-02', ['a', 'b—c'])], actors: [] });
    expect(dataset.coParticipation().map((e) => `${e.a}|${e.b}|${e.events.join()}`)).toEqual(['a|b—c|e2', 'a—b|c|e1']);
  });
});

describe('eventsBetween', () => {
  it('matches a brute-force filter on random events and windows', () => {
    const interval = fc.tuple(fc.integer({ min: -50, max: 200 }), fc.integer({ min: 0, max: 60 }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 120 }), fc.array(fc.tuple(fc.integer({ min: -80, max: 260 }), fc.integer({ min: 0, max: 80 })), { minLength: 1, maxLength: 10 }), (intervals, windows) => {
        const dataset = createDataset({ events: intervals.map(([s, len], i) => rawEvent(`e${i}`, s, s + len)), actors: [] });
        for (const [from, len] of windows) {
          const to = from + len;
          const expected = dataset.events.filter((e) => e.when.earliest <= to && e.when.latest >= from).map((e) => e.id);
          expect(dataset.eventsBetween(from, to).map((e) => e.id)).toEqual(expected);
        }
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('answers over many blocks of a large index, including ends below their starts', () => {
    const random = mulberry32(7);
    const n = 3000;
    const starts = Float64Array.from({ length: n }, () => Math.floor(random() * 10_000)).sort();
    const ends = starts.map((s) => s + Math.floor((random() - 0.05) * (random() < 0.02 ? 5000 : 50)));
    const index = new IntervalIndex(starts, ends);
    for (let q = 0; q < 300; q++) {
      const from = Math.floor(random() * 11_000) - 500;
      const to = from + Math.floor(random() * (q % 10 === 0 ? 4000 : 40));
      const expected: number[] = [];
      for (let i = 0; i < n; i++) if (starts[i]! <= to && ends[i]! >= from) expected.push(i);
      expect(index.overlapping(from, to)).toEqual(expected);
    }
    expect(index.overlapping(Number.NaN, 5)).toEqual([]);
  });
});

describe('affiliationTree', () => {
  it('builds the forest of the founding dataset', () => {
    const text = readFileSync(new URL('../../examples/data/korea-russia-2024.json', import.meta.url), 'utf8');
    const forest = parseDataset(text).affiliationTree();
    const find = (nodes: readonly AffiliationNode[], id: string): AffiliationNode | undefined => {
      for (const node of nodes) {
        if (node.actor.id === id) return node;
        const below = find(node.children, id);
        if (below) return below;
      }
      return undefined;
    };
    expect(forest.map((n) => n.actor.id)).toContain('ukraine');
    expect(find(forest, 'ukraine')!.children.map((n) => n.actor.id)).toEqual(['ukraine-mod', 'volodymyr-zelenskyy', 'kharkiv']);
    expect(find(forest, 'hur')!.children.map((n) => n.actor.id)).toEqual(['vadym-skibitsky']);
    expect(find(forest, 'white-house-nsc')!.children.map((n) => n.actor.id)).toEqual(['john-kirby']);
  });

  it('places an actor with several affiliations under the first', () => {
    const forest = createDataset({ events: [], actors: [actor('a'), actor('b'), actor('c', ['b', 'a'])] }).affiliationTree();
    expect(forest.map((n) => [n.actor.id, n.children.map((c) => c.actor.id)])).toEqual([['a', []], ['b', ['c']]]);
  });

  it('places every actor exactly once even when hand-built records form a cycle', () => {
    const actors = [actor('x', ['z']), actor('y', ['x']), actor('z', ['y']), actor('root'), actor('self', ['self'])];
    const forest = createDataset({ events: [], actors }).affiliationTree();
    const seen: string[] = [];
    const walk = (nodes: readonly AffiliationNode[]) => nodes.forEach((n) => (seen.push(n.actor.id), walk(n.children)));
    walk(forest);
    expect(seen.sort()).toEqual(['root', 'self', 'x', 'y', 'z']);
  });

  it('handles a chain deeper than the call stack would allow for recursion', () => {
    const actors = Array.from({ length: 20_000 }, (_, i) => actor(`a${i}`, i === 0 ? [] : [`a${i - 1}`]));
    const forest = createDataset({ events: [], actors }).affiliationTree();
    let depth = 0;
    for (let node: AffiliationNode | undefined = forest[0]; node; node = node.children[0]) depth++;
    expect(depth).toBe(20_000);
  });
});

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
