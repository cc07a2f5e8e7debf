import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/layout/network.js';
import { layoutArc } from '../../src/layout/arc.js';
import { smallWorld } from './network-fixture.js';

describe('layoutArc', () => {
  it('orders actors left to right by first appearance', () => {
    const ds = smallWorld();
    const arc = layoutArc(buildNetwork(ds), ds, { width: 800, height: 400 });
    const firsts = arc.nodes.map((n) => n.first ?? Infinity);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    expect(arc.nodes.map((n) => n.x)).toEqual([...arc.nodes.map((n) => n.x)].sort((a, b) => a - b));
    expect(arc.nodes[0]!.id).toBe('kp');
  });

  it('draws forward relations above the line and backward ones below', () => {
    const ds = smallWorld();
    const arc = layoutArc(buildNetwork(ds), ds, { width: 800, height: 400 });
    const x = new Map(arc.nodes.map((n) => [n.id, n.x]));
    for (const e of arc.edges.filter((e) => e.directed)) {
      expect(e.above).toBe(x.get(e.target)! > x.get(e.source)!);
      expect(e.labelY < arc.baseline).toBe(e.above);
    }
    expect(arc.edges.filter((e) => !e.directed).every((e) => e.above)).toBe(true);
  });

  it('widens arcs with more events', () => {
    const ds = smallWorld();
    const arc = layoutArc(buildNetwork(ds), ds, { width: 800, height: 400 });
    const w = (id: string) => arc.edges.find((e) => e.id === id)!.width;
    expect(w('kp→ru')).toBeGreaterThan(w('us→kp'));
  });

  it('puts actors that never appear in an event after those that do', () => {
    const ds = smallWorld();
    const arc = layoutArc(buildNetwork(ds), ds, { width: 800, height: 400 });
    expect(arc.nodes.at(-1)!.id).toBe('state-dept');
    expect(arc.nodes.at(-1)!.first).toBeUndefined();
  });
});
