import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/layout/network.js';
import { layoutMatrix } from '../../src/layout/matrix.js';
import { actor, dataset, event, smallWorld } from './network-fixture.js';

/** Two cliques {a1..a4} and {b1..b4} joined by one tie, listed interleaved. */
function twoCommunities() {
  const ids = ['a1', 'b1', 'a2', 'b2', 'a3', 'b3', 'a4', 'b4'];
  const events = [];
  let k = 0;
  for (const side of ['a', 'b']) {
    for (let i = 1; i <= 4; i++) for (let j = i + 1; j <= 4; j++) events.push(event(`e${k++}`, '2024-01-01', [[`${side}${i}`, 'participant'], [`${side}${j}`, 'participant']]));
  }
  events.push(event('bridge', '2024-02-01', [['a1', 'source'], ['b1', 'target']]));
  return dataset(ids.map((id) => actor(id)), events);
}

describe('layoutMatrix', () => {
  it('puts the members of each community in consecutive rows', () => {
    const m = layoutMatrix(buildNetwork(twoCommunities()));
    const order = m.actors.map((a) => a.id[0]).join('');
    expect(['aaaabbbb', 'bbbbaaaa']).toContain(order);
    expect(m.clusters).toHaveLength(2);
    expect(m.clusters.map((c) => c.end - c.start + 1)).toEqual([4, 4]);
  });

  it('is the same for the same seed', () => {
    const g = buildNetwork(twoCommunities());
    expect(layoutMatrix(g, { seed: 3 })).toEqual(layoutMatrix(g, { seed: 3 }));
  });

  it('fills one cell for a directed relation and both for an undirected one', () => {
    const m = layoutMatrix(buildNetwork(twoCommunities()));
    const has = (s: string, t: string) => m.cells.some((c) => c.source === s && c.target === t);
    expect(has('a1', 'b1')).toBe(true);
    expect(has('b1', 'a1')).toBe(false);
    expect(has('a1', 'a2') && has('a2', 'a1')).toBe(true);
  });

  it('places cells at their row and column and shades them by weight', () => {
    const m = layoutMatrix(buildNetwork(smallWorld()), { cellSize: 10, offset: { x: 100, y: 50 } });
    const idx = new Map(m.actors.map((a) => [a.id, a.index]));
    for (const c of m.cells) {
      expect(c.x).toBe(100 + idx.get(c.target)! * 10);
      expect(c.y).toBe(50 + idx.get(c.source)! * 10);
    }
    const heavy = m.cells.find((c) => c.source === 'kp' && c.target === 'ru')!;
    const light = m.cells.find((c) => c.source === 'us' && c.target === 'kp')!;
    expect(heavy.weight).toBe(3); // kp→ru twice plus the undirected kp—ru summit
    expect(heavy.opacity).toBeGreaterThan(light.opacity);
  });

  it('orders rows by name when asked', () => {
    const m = layoutMatrix(buildNetwork(smallWorld()), { order: 'name' });
    const labels = m.actors.map((a) => a.label);
    expect(labels).toEqual([...labels].sort());
  });

  it('names the bad option and the allowed values', () => {
    // @ts-expect-error testing a wrong value from untyped callers
    expect(() => layoutMatrix(buildNetwork(smallWorld()), { order: 'size' })).toThrow(/order "size".*cluster, name, input/);
  });
});
