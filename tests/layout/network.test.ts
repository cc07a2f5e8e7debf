import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNetwork, pairKey } from '../../src/layout/network.js';
import { actor, dataset, event, smallWorld } from './network-fixture.js';
import type { Role } from '../../src/model/types.js';

const jan = [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 31, 23, 59, 59, 999)] as const;

describe('buildNetwork', () => {
  it('has one node per involved or affiliated actor, in dataset order', () => {
    const graph = buildNetwork(smallWorld());
    expect(graph.nodes.map((n) => n.id)).toEqual(['us', 'kr', 'jp', 'kp', 'ru', 'state-dept', 'blinken']);
  });

  it('leaves out actors only reachable through affiliations when affiliations are off', () => {
    const graph = buildNetwork(smallWorld(), { includeAffiliations: false });
    expect(graph.nodes.map((n) => n.id)).not.toContain('state-dept');
    expect(graph.edges.every((e) => e.kind === 'relation')).toBe(true);
  });

  it('counts involvement in the window and overall', () => {
    const graph = buildNetwork(smallWorld(), { window: jan });
    const kp = graph.nodes.find((n) => n.id === 'kp')!;
    expect(kp.involvement).toBe(2);
    expect(kp.totalInvolvement).toBe(6);
    expect(graph.nodes.find((n) => n.id === 'blinken')!.active).toBe(false);
  });

  it('gives the same graphs for a dataset it has seen before as for a fresh copy, with and without affiliations', () => {
    const seen = smallWorld();
    const windows = [null, jan, [Date.UTC(2024, 5, 1), Date.UTC(2024, 11, 31)] as const];
    // Build every window twice on one dataset (the second time from what was kept of the first).
    for (const includeAffiliations of [true, false]) for (const window of windows) buildNetwork(seen, { window, includeAffiliations });
    for (const includeAffiliations of [true, false]) {
      for (const window of windows) {
        expect(buildNetwork(seen, { window, includeAffiliations })).toEqual(buildNetwork(smallWorld(), { window, includeAffiliations }));
      }
    }
    expect(buildNetwork(seen, { includeAffiliations: false }).nodes.length).toBeLessThan(buildNetwork(seen).nodes.length);
  });

  it('keeps the node set when the window changes, so positions can persist', () => {
    const ds = smallWorld();
    expect(buildNetwork(ds, { window: jan }).nodes.map((n) => n.id)).toEqual(buildNetwork(ds).nodes.map((n) => n.id));
  });

  it('only has relations with events in the window', () => {
    const graph = buildNetwork(smallWorld(), { window: jan });
    const rel = graph.edges.filter((e) => e.kind === 'relation').map((e) => e.id).sort();
    expect(rel).toEqual(['jp→kp', 'kp→ru', 'kr→kp', 'us→kp']);
  });

  it('indexes parallel relations between the same pair in either direction', () => {
    const graph = buildNetwork(smallWorld());
    const pair = graph.edges.filter((e) => pairKey(e.source, e.target) === pairKey('kp', 'ru'));
    expect(pair.map((e) => e.id).sort()).toEqual(['kp→ru', 'kp—ru', 'ru→kp'].sort());
    expect(pair.map((e) => e.parallelIndex).sort()).toEqual([0, 1, 2]);
    expect(pair.every((e) => e.parallelCount === 3)).toBe(true);
  });

  it('adds affiliation edges with their roles from member to parent', () => {
    const graph = buildNetwork(smallWorld());
    const aff = graph.edges.filter((e) => e.kind === 'affiliation');
    expect(aff.map((e) => [e.source, e.target, e.role])).toEqual([
      ['state-dept', 'us', 'ministry of'],
      ['blinken', 'state-dept', 'secretary'],
    ]);
  });

  it('colours affiliated actors like the root of their chain', () => {
    const graph = buildNetwork(smallWorld());
    const color = (id: string) => graph.nodes.find((n) => n.id === id)!.color;
    expect(graph.nodes.find((n) => n.id === 'blinken')!.group).toBe('us');
    expect(color('blinken')).toBe(color('us'));
    expect(color('kp')).not.toBe(color('us'));
  });

  it('drops relations below minWeight', () => {
    const graph = buildNetwork(smallWorld(), { minWeight: 2 });
    expect(graph.edges.filter((e) => e.kind === 'relation').map((e) => e.id)).toEqual(['kp→ru']);
  });

  it('rejects a reversed window with an error naming the option', () => {
    expect(() => buildNetwork(smallWorld(), { window: [2, 1] })).toThrow(/window/);
  });

  it('never writes into the dataset', () => {
    const ds = smallWorld();
    const before = JSON.stringify([ds.actors, ds.events, ds.relations]);
    buildNetwork(ds, { window: jan });
    expect(JSON.stringify([ds.actors, ds.events, ds.relations])).toBe(before);
  });

  it('weights every relation edge by the number of its events in the window (brute force)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const roles: Role[] = ['source', 'target', 'participant'];
    const arbEvent = fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      month: fc.integer({ min: 1, max: 12 }),
      people: fc.uniqueArray(fc.record({ a: fc.constantFrom(...ids), role: fc.constantFrom(...roles) }), { minLength: 2, maxLength: 4, selector: (p) => p.a }),
    });
    fc.assert(
      fc.property(fc.array(arbEvent, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 6 }), (specs, m0, span) => {
        const events = specs.map((s, i) =>
          event(`e${i}`, `2024-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`, s.people.map((p) => [p.a, p.role] as [string, Role])),
        );
        const ds = dataset(ids.map((id) => actor(id)), events);
        const from = Date.UTC(2024, m0 - 1, 1);
        const to = Date.UTC(2024, Math.min(11, m0 - 1 + span), 28, 23, 59);
        const graph = buildNetwork(ds, { window: [from, to] });
        const inWindow = events.filter((e) => e.when.earliest <= to && e.when.latest >= from);
        const expected = new Map<string, number>();
        for (const e of inWindow) {
          const src = e.participants.filter((p) => p.role === 'source').map((p) => p.actor);
          const tgt = e.participants.filter((p) => p.role === 'target').map((p) => p.actor);
          const und = e.participants.filter((p) => p.role === 'participant').map((p) => p.actor);
          const pairs = new Set<string>();
          const everyone = e.participants.map((p) => p.actor);
          const undirected = (x: string, y: string) => x !== y && pairs.add(x < y ? `${x}-${y}` : `${y}-${x}`);
          if (src.length && tgt.length) {
            for (const s of src) for (const t of tgt) pairs.add(`${s}>${t}`);
            for (const x of und) for (const y of everyone) undirected(x, y);
          } else {
            for (const x of everyone) for (const y of everyone) undirected(x, y);
          }
          for (const p of pairs) expected.set(p, (expected.get(p) ?? 0) + 1);
        }
        const actual = new Map<string, number>();
        for (const edge of graph.edges) {
          if (edge.kind !== 'relation') continue;
          expect(edge.events.length).toBe(edge.weight);
          const key = edge.directed ? `${edge.source}>${edge.target}` : `${[edge.source, edge.target].sort().join('-')}`;
          actual.set(key, edge.weight);
        }
        expect(actual).toEqual(expected);
      }),
      { numRuns: 60, seed: 20240118 },
    );
  });
});
