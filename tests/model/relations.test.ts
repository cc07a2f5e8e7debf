import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareEvents, declaredToRelation, deriveRelations } from '../../src/model/relations.js';
import { parseDate } from '../../src/model/dates.js';
import { event, rawEvent } from '../fixtures/model.js';
import type { EntityEvent } from '../../src/model/types.js';

const ids = (events: EntityEvent[]) => deriveRelations(events).map((r) => `${r.id}×${r.weight}`).sort();

describe('deriveRelations', () => {
  it('relates every source to every target, directed', () => {
    const e = event('e', '2024-01-18', [['a', 'source'], ['b', 'source'], ['c', 'target']]);
    expect(ids([e])).toEqual(['a→c×1', 'b→c×1']);
    expect(deriveRelations([e]).every((r) => r.directed && r.type === 'derived')).toBe(true);
  });

  it('relates participants and custom roles undirected to everyone else in a directed event', () => {
    const e = event('e', '2024-01-18', [['a', 'source'], ['b', 'target'], ['c', 'participant'], ['d', 'witness']]);
    expect(ids([e])).toEqual(['a—c×1', 'a—d×1', 'a→b×1', 'b—c×1', 'b—d×1', 'c—d×1']);
  });

  it('reads sources without targets as an undirected gathering', () => {
    expect(ids([event('e', '2024', [['b', 'source'], ['a', 'source'], ['c', 'participant']])])).toEqual(['a—b×1', 'a—c×1', 'b—c×1']);
  });

  it('sorts the two ids of an undirected relation', () => {
    const [r] = deriveRelations([event('e', '2024', ['zed', 'amy'])]);
    expect(r).toMatchObject({ id: 'amy—zed', source: 'amy', target: 'zed', directed: false });
  });

  it('counts an actor listed twice in an event once and never relates an actor to itself', () => {
    const e = event('e', '2024', [['a', 'source'], ['a', 'target'], ['b', 'target'], ['b', 'target']]);
    expect(ids([e])).toEqual(['a→b×1']);
  });

  it('gives weight, first, last and events in time order across events', () => {
    const relations = deriveRelations([
      event('late', '2024-03', [['a', 'source'], ['b', 'target']]),
      event('early', '2024-01-05', [['a', 'source'], ['b', 'target']]),
      event('long', '2024-01-10/2024-06-30', [['a', 'source'], ['b', 'target']]),
    ]);
    expect(relations).toHaveLength(1);
    expect(relations[0]).toMatchObject({
      id: 'a→b',
      weight: 3,
      events: ['early', 'long', 'late'],
      first: Date.UTC(2024, 0, 5),
      last: Date.UTC(2024, 5, 30, 23, 59, 59, 999),
    });
  });

  it('does not modify its input', () => {
    const events = [event('b', '2024-02', ['x', 'y']), event('a', '2024-01', ['x', 'y'])];
    const copy = structuredClone(events);
    deriveRelations(events);
    expect(events).toEqual(copy);
  });

  it('weights each relation by the events in which its pair occurs (checked by brute force)', () => {
    const pool = ['a', 'b', 'c', 'd', 'e'];
    const roles = ['source', 'target', 'participant', 'ally'];
    const participantArb = fc.tuple(fc.constantFrom(...pool), fc.constantFrom(...roles));
    const eventArb = fc.record({ start: fc.integer({ min: 0, max: 100 }), length: fc.integer({ min: 0, max: 20 }), participants: fc.array(participantArb, { maxLength: 6 }) });
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 25 }), (specs) => {
        const events = specs.map((s, i) => rawEvent(`e${i}`, s.start, s.start + s.length, s.participants));
        const derived = new Map(deriveRelations(events).map((r) => [r.id, r]));
        // The rule written independently: per event, does this (ordered or unordered) pair occur?
        const occurs = (e: EntityEvent, x: string, y: string, directed: boolean): boolean => {
          const has = (actor: string, test: (role: string) => boolean) => e.participants.some((p) => p.actor === actor && test(p.role));
          const anyRole = (role: string) => e.participants.some((p) => p.role === role);
          const directedEvent = anyRole('source') && anyRole('target');
          if (x === y) return false;
          if (directed) return directedEvent && has(x, (r) => r === 'source') && has(y, (r) => r === 'target');
          const present = has(x, () => true) && has(y, () => true);
          const free = (role: string) => role !== 'source' && role !== 'target';
          return present && (!directedEvent || has(x, free) || has(y, free));
        };
        for (const x of pool) {
          for (const y of pool) {
            const behind = events.filter((e) => occurs(e, x, y, true));
            expect(derived.get(`${x}→${y}`)?.weight ?? 0).toBe(behind.length);
            if (x < y) {
              const undirected = events.filter((e) => occurs(e, x, y, false));
              const relation = derived.get(`${x}—${y}`);
              expect(relation?.weight ?? 0).toBe(undirected.length);
              if (relation) {
                expect(relation.first).toBe(Math.min(...undirected.map((e) => e.when.earliest)));
                expect(relation.last).toBe(Math.max(...undirected.map((e) => e.when.latest)));
              }
            }
          }
        }
      }),
      { numRuns: 150, seed: 20240118 },
    );
  });
});

describe('deriveRelations against an id-keyed reference', () => {
  /**
   * The rule, written as plainly as possible: per event, the set of relation ids it implies;
   * relations accumulate by id over the events in dataset order.
   */
  function reference(events: readonly EntityEvent[]): { id: string; source: string; target: string; directed: boolean; weight: number; first: number; last: number; events: string[] }[] {
    const ordered = [...events].sort(compareEvents);
    const byId = new Map<string, { id: string; source: string; target: string; directed: boolean; first: number; last: number; events: string[] }>();
    for (const e of ordered) {
      const pairs = new Map<string, { source: string; target: string; directed: boolean }>();
      const has = (role: (r: string) => boolean) => [...new Set(e.participants.filter((p) => role(p.role)).map((p) => p.actor))];
      const sources = has((r) => r === 'source');
      const targets = has((r) => r === 'target');
      const free = has((r) => r !== 'source' && r !== 'target');
      const everyone = has(() => true);
      const undirected = (a: string, b: string) => {
        if (a === b) return;
        const [x, y] = a < b ? [a, b] : [b, a];
        if (!pairs.has(`${x}—${y}`)) pairs.set(`${x}—${y}`, { source: x, target: y, directed: false });
      };
      if (sources.length > 0 && targets.length > 0) {
        for (const s of sources) for (const t of targets) if (s !== t && !pairs.has(`${s}→${t}`)) pairs.set(`${s}→${t}`, { source: s, target: t, directed: true });
        for (const u of free) for (const o of everyone) undirected(u, o);
      } else {
        for (const a of everyone) for (const b of everyone) if (a < b) undirected(a, b);
      }
      for (const [id, pair] of pairs) {
        const entry = byId.get(id);
        if (entry === undefined) byId.set(id, { id, ...pair, first: e.when.earliest, last: e.when.latest, events: [e.id] });
        else {
          if (entry.events.at(-1) !== e.id) entry.events.push(e.id);
          entry.last = Math.max(entry.last, e.when.latest);
        }
      }
    }
    return [...byId.values()]
      .map((r) => ({ ...r, weight: r.events.length }))
      .sort((a, b) => a.first - b.first || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  it('matches it on random events, with repeated ids, repeated actors and ties in time', () => {
    const pool = ['a', 'b', 'c', 'ab', 'd'];
    const roles = ['source', 'target', 'participant', 'ally'];
    const participantArb = fc.tuple(fc.constantFrom(...pool), fc.constantFrom(...roles));
    const eventArb = fc.record({ id: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6'), start: fc.integer({ min: 0, max: 6 }), length: fc.integer({ min: 0, max: 3 }), participants: fc.array(participantArb, { maxLength: 6 }) });
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), (specs) => {
        const events = specs.map((s) => rawEvent(s.id, s.start, s.start + s.length, s.participants));
        const derived = deriveRelations(events).map((r) => ({ ...r, events: [...r.events] }));
        expect(derived.map(({ type, ...r }) => (expect(type).toBe('derived'), r))).toEqual(reference(events));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('merges pairs by id when actor ids contain the separators, as the id says', () => {
    // `a—b→c` is both the directed pair (a—b, c) and the undirected pair (a, b→c).
    const events = [
      event('e1', '2024-01-01', [['a—b', 'source'], ['c', 'target']]),
      event('e2', '2024-01-02', ['a', 'b→c']),
      event('e3', '2024-01-03', ['x—y', 'z']),
    ];
    const derived = deriveRelations(events).map((r) => ({ ...r, events: [...r.events] }));
    expect(derived.map(({ type: _type, ...r }) => r)).toEqual(reference(events));
    expect(derived.find((r) => r.id === 'a—b→c')).toMatchObject({ weight: 2, events: ['e1', 'e2'], directed: true });
  });

  it('orders relations by their first instant, then by id, whatever order the events come in', () => {
    const events = [
      event('late', '2024-02', ['m', 'n']),
      event('same2', '2024-01-05', [['z', 'source'], ['y', 'target']]),
      event('same1', '2024-01-05', ['b', 'a', 'c']),
    ];
    expect(deriveRelations(events).map((r) => r.id)).toEqual(['a—b', 'a—c', 'b—c', 'z→y', 'm—n']);
    expect(deriveRelations([...events].reverse())).toEqual(deriveRelations(events));
  });
});

describe('declaredToRelation', () => {
  const base = { id: 'r1', source: 'a', target: 'b', type: 'alliance', directed: false, sources: [] };

  it('keeps the declared type with weight 1 and no events', () => {
    const r = declaredToRelation({ ...base, start: parseDate('2020'), end: parseDate('2022') });
    expect(r).toMatchObject({ id: 'r1', type: 'alliance', weight: 1, events: [], first: Date.UTC(2020, 0, 1), last: Date.UTC(2022, 11, 31, 23, 59, 59, 999) });
  });

  it('draws an open side to the edge of the dataset extent', () => {
    const r = declaredToRelation({ ...base, start: parseDate('2020') }, [Date.UTC(2019, 0, 1), Date.UTC(2024, 0, 1)]);
    expect([r.first, r.last]).toEqual([Date.UTC(2020, 0, 1), Date.UTC(2024, 0, 1)]);
  });
});
