import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/layout/network.js';
import { defaultTicks, groupHulls, layoutForce, placeNodeLabels, routeEdges, startForceLayout } from '../../src/layout/force.js';
import type { ForceNode } from '../../src/layout/force.js';
import { smallWorld } from './network-fixture.js';

const size = { width: 600, height: 400 };

describe('layoutForce', () => {
  it('gives identical positions for the same seed', () => {
    const graph = buildNetwork(smallWorld());
    const a = layoutForce(graph, { ...size, seed: 7 });
    const b = layoutForce(graph, { ...size, seed: 7 });
    expect(a).toEqual(b);
  });

  it('gives different positions for different seeds', () => {
    const graph = buildNetwork(smallWorld());
    const a = layoutForce(graph, { ...size, seed: 1 });
    const b = layoutForce(graph, { ...size, seed: 2 });
    expect(a.nodes.map((n) => [n.x, n.y])).not.toEqual(b.nodes.map((n) => [n.x, n.y]));
  });

  it('keeps every node inside the box', () => {
    const layout = layoutForce(buildNetwork(smallWorld()), { ...size, seed: 3 });
    for (const n of layout.nodes) {
      expect(n.x - n.r).toBeGreaterThanOrEqual(0);
      expect(n.x + n.r).toBeLessThanOrEqual(size.width);
      expect(n.y - n.r).toBeGreaterThanOrEqual(0);
      expect(n.y + n.r).toBeLessThanOrEqual(size.height);
    }
  });

  it('never writes positions into the graph it is given', () => {
    const graph = buildNetwork(smallWorld());
    const before = JSON.stringify(graph);
    layoutForce(graph, { ...size });
    expect(JSON.stringify(graph)).toBe(before);
  });

  it('keeps pinned nodes exactly where they were pinned', () => {
    const graph = buildNetwork(smallWorld());
    const layout = layoutForce(graph, { ...size, pinned: new Map([['kp', { x: 50, y: 60 }]]) });
    const kp = layout.nodes.find((n) => n.id === 'kp')!;
    expect([kp.x, kp.y, kp.pinned]).toEqual([50, 60, true]);
  });

  it('moves nodes only a little when continuing from previous positions', () => {
    const ds = smallWorld();
    const first = layoutForce(buildNetwork(ds), { ...size, seed: 5 });
    const initial = new Map(first.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
    const next = layoutForce(buildNetwork(ds, { window: [Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)] }), { ...size, seed: 5, initial });
    const fresh = layoutForce(buildNetwork(ds, { window: [Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)] }), { ...size, seed: 99 });
    const drift = (l: typeof next) => l.nodes.reduce((sum, n) => sum + Math.hypot(n.x - initial.get(n.id)!.x, n.y - initial.get(n.id)!.y), 0) / l.nodes.length;
    expect(drift(next)).toBeLessThan(25);
    expect(drift(next)).toBeLessThan(drift(fresh));
  });

  it('draws parallel relations as distinct curves and single ones straight', () => {
    const layout = layoutForce(buildNetwork(smallWorld()), { ...size });
    const between = layout.edges.filter((e) => [e.source, e.target].sort().join() === 'kp,ru');
    expect(between).toHaveLength(3);
    expect(new Set(between.map((e) => `${Math.round(e.labelX)},${Math.round(e.labelY)}`)).size).toBe(3);
    const single = layout.edges.find((e) => e.id === 'us→kp')!;
    expect(single.path).toMatch(/^M[\d.,-]+L[\d.,-]+$/);
  });

  it('ends edges outside the target node so arrowheads are visible', () => {
    const layout = layoutForce(buildNetwork(smallWorld()), { ...size });
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const e of layout.edges) {
      const t = byId.get(e.target)!;
      expect(Math.hypot(e.x2 - t.x, e.y2 - t.y)).toBeGreaterThanOrEqual(t.r);
    }
  });

  it('places labels that do not overlap each other', () => {
    const layout = layoutForce(buildNetwork(smallWorld()), { ...size });
    const visible = layout.labels.filter((l) => l.visible);
    expect(visible.length).toBeGreaterThan(0);
    for (const a of visible) {
      for (const b of visible) {
        if (a === b) continue;
        const overlap = a.box.x0 < b.box.x1 && a.box.x1 > b.box.x0 && a.box.y0 < b.box.y1 && a.box.y1 > b.box.y0;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
  });

  it('draws a hull around each affiliation group when grouping', () => {
    const layout = layoutForce(buildNetwork(smallWorld()), { ...size, groupAffiliated: true });
    expect(layout.hulls.map((h) => [h.group, [...h.members].sort()])).toEqual([['us', ['blinken', 'state-dept', 'us']]]);
    expect(layoutForce(buildNetwork(smallWorld()), { ...size }).hulls).toEqual([]);
  });

  it('can be run in steps with the same result as running it at once', () => {
    const graph = buildNetwork(smallWorld());
    const run = startForceLayout(graph, { ...size, seed: 4 });
    let steps = 0;
    while (!run.step(7)) steps++;
    expect(steps).toBeGreaterThan(10);
    expect(run.result()).toEqual(layoutForce(graph, { ...size, seed: 4 }));
  });

  it('uses fewer ticks for bigger graphs', () => {
    expect(defaultTicks(100)).toBe(300);
    expect(defaultTicks(1000)).toBeLessThan(defaultTicks(500));
    expect(defaultTicks(20_000)).toBeLessThan(defaultTicks(5000));
  });

  it('rejects a box without area', () => {
    expect(() => layoutForce(buildNetwork(smallWorld()), { width: 0, height: 10 })).toThrow(/width and height/);
  });
});

describe('placeNodeLabels', () => {
  it('hides a label rather than overlapping when every position is taken', () => {
    const nodes: ForceNode[] = [0, 1, 2, 3, 4].map((i) => ({
      id: `n${i}`, label: 'Label', kind: 'state', color: '#000', group: `n${i}`, active: true, involvement: 5 - i, x: 50, y: 50 + i, r: 4, pinned: false,
    }));
    const labels = placeNodeLabels(nodes, { width: 100, height: 100, fontSize: 11 });
    expect(labels.filter((l) => l.visible).length).toBeLessThan(5);
    expect(labels[0]!.visible).toBe(true);
  });
});

describe('routeEdges and groupHulls', () => {
  it('follow moved nodes', () => {
    const graph = buildNetwork(smallWorld());
    const layout = layoutForce(graph, { ...size });
    const moved = layout.nodes.map((n) => (n.id === 'us' ? { ...n, x: 10, y: 10 } : n));
    const edge = routeEdges(graph, moved).find((e) => e.id === 'us→kp')!;
    expect(Math.hypot(edge.x1 - 10, edge.y1 - 10)).toBeLessThan(30);
    expect(groupHulls(moved)[0]!.path).not.toBe(groupHulls(layout.nodes)[0]!.path);
  });
});
