import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/layout/network.js';
import { defaultTicks, groupHulls, layoutForce, placeNodeLabels, restyleForceLayout, routeEdges, startForceLayout } from '../../src/layout/force.js';
import type { ForceNode } from '../../src/layout/force.js';
import { actor, dataset, event, smallWorld } from './network-fixture.js';

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

describe('the sliced simulation', () => {
  it('moves nodes exactly as d3-force does with the same forces and random source', async () => {
    const { forceCollide, forceLink, forceManyBody, forceSimulation, forceX } = await import('d3-force');
    const { collideForce, drain, initializeBodies, linkForce, manyBodyForce, tickSteps, unsliced } = await import('../../src/layout/force-slices.js');
    const { randomSource } = await import('../../src/layout/random.js');
    // Coincident nodes make every force call the random source (jiggle), so its order is checked too.
    const start = (): { x: number; y: number; r: number }[] => Array.from({ length: 40 }, (_, i) => ({ x: (i % 7) * 10, y: i % 3 === 0 ? 0 : Math.floor(i / 7) * 10, r: 2 + (i % 4) }));
    const pairs = Array.from({ length: 60 }, (_, i) => [i % 40, (i * 7 + 3) % 40] as const).filter(([a, b]) => a !== b);
    const reference = start();
    const d3Random = randomSource(5);
    forceSimulation(reference)
      .stop()
      .randomSource(d3Random)
      .alpha(1)
      .alphaDecay(0.05)
      .velocityDecay(0.4)
      .force('link', forceLink(pairs.map(([s, t]) => ({ source: s, target: t }))).distance(20).strength(0.7))
      .force('charge', forceManyBody().strength(-40).theta(0.9).distanceMax(200))
      .force('x', forceX(100).strength(0.05))
      .force('collide', forceCollide<{ r: number; x?: number; y?: number }>((d) => d.r + 2))
      .tick(25);
    const sliced = start();
    const random = randomSource(5);
    initializeBodies(sliced);
    const x = forceX<(typeof sliced)[number]>(100).strength(0.05);
    x.initialize?.(sliced, random);
    const forces = [
      linkForce(sliced, pairs.map(([s, t]) => ({ source: s as number, target: t as number })), random, () => 20, () => 0.7),
      manyBodyForce(sliced, random, { strength: -40, theta: 0.9, distanceMax: 200 }),
      unsliced((alpha) => x(alpha)),
      collideForce(sliced, random, (d) => d.r + 2),
    ];
    let alpha = 1;
    let pauses = 0;
    for (let t = 0; t < 25; t++) {
      const steps = tickSteps(sliced, forces, alpha, 0.05, 1 - 0.4);
      for (let next = steps.next(); ; next = steps.next()) {
        if (next.done) {
          alpha = next.value;
          break;
        }
        pauses++;
      }
    }
    expect(pauses).toBeGreaterThan(25);
    expect(sliced.map((d) => [d.x, d.y])).toEqual(reference.map((d) => [d.x, d.y]));
    expect(drain(tickSteps([], [], 0.5, 0.1, 0.6))).toBeCloseTo(0.45);
  });

  it('pauses many times in a big layout and still gives exactly layoutForce', async () => {
    const { forceLayoutSteps } = await import('../../src/layout/force.js');
    const graph = buildNetwork(ring(300));
    const run = forceLayoutSteps(graph, { ...size, seed: 4, ticks: 20 });
    const phases = new Set<string>();
    let pauses = 0;
    let next = run.steps.next();
    while (!next.done) {
      phases.add(run.phase);
      pauses++;
      next = run.steps.next();
    }
    expect([...phases]).toEqual(['start', 'ticks', 'finish']);
    expect(run.phase).toBe('done');
    expect(pauses).toBeGreaterThan(60);
    expect(next.value).toEqual(layoutForce(graph, { ...size, seed: 4, ticks: 20 }));
  });

  it('has a cheap placeholder with every node inside the box and nothing else', async () => {
    const { previewForceLayout } = await import('../../src/layout/force.js');
    const graph = buildNetwork(ring(300));
    const preview = previewForceLayout(graph, size);
    expect(preview.nodes.map((n) => n.id)).toEqual(graph.nodes.map((n) => n.id));
    for (const n of preview.nodes) {
      expect(n.x - n.r).toBeGreaterThanOrEqual(0);
      expect(n.x + n.r).toBeLessThanOrEqual(size.width);
      expect(n.y - n.r).toBeGreaterThanOrEqual(0);
      expect(n.y + n.r).toBeLessThanOrEqual(size.height);
    }
    expect([preview.edges.length, preview.labels.length]).toEqual([0, 0]);
  });
});

describe('placeNodeLabels near the edges of the box', () => {
  it('keeps long labels inside the box by placing or sliding them where they fit', () => {
    const node = (id: string, x: number, y: number): ForceNode => ({ id, label: 'Main Directorate of Intelligence', kind: 'organisation', color: '#000', group: id, active: true, involvement: 1, x, y, r: 5, pinned: false });
    // Nodes hugging the left and right edges, with a neighbour blocking the side that has room.
    const nodes = [node('left', 14, 100), node('block-left', 60, 100), node('right', 586, 200), node('block-right', 540, 200)];
    const labels = placeNodeLabels(nodes, { width: 600, height: 400, fontSize: 11 });
    for (const l of labels.filter((x) => x.visible)) {
      expect(l.box.x0).toBeGreaterThanOrEqual(0);
      expect(l.box.x1).toBeLessThanOrEqual(600);
    }
    const byId = new Map(labels.map((l) => [l.id, l]));
    expect(byId.get('left')!.visible).toBe(true);
    expect(byId.get('right')!.visible).toBe(true);
  });
});

/** A ring of `n` actors with a chord every fifth one: big enough for the multilevel warm start. */
function ring(n: number) {
  const ids = Array.from({ length: n }, (_, i) => `a${i}`);
  return dataset(
    ids.map((id) => actor(id, 'person')),
    ids.flatMap((id, i) => [
      event(`r${i}`, '2024-01-01', [[id, 'source'], [ids[(i + 1) % n]!, 'target']]),
      ...(i % 5 === 0 ? [event(`c${i}`, '2024-02-01', [[id, 'participant'], [ids[(i * 7 + 11) % n]!, 'participant']] as [string, 'participant'][])] : []),
    ]),
  );
}

describe('restyleForceLayout', () => {
  it('keeps every node in place, takes the new window’s facts and routes the window’s edges', () => {
    const world = smallWorld();
    const all = buildNetwork(world);
    const layout = layoutForce(all, { ...size, seed: 5 });
    const june = buildNetwork(world, { window: [Date.UTC(2024, 5, 1), Date.UTC(2024, 5, 30)] });
    const next = restyleForceLayout(june, layout, { ...size, seed: 5 });
    expect(next.nodes.map((n) => [n.id, n.x, n.y])).toEqual(layout.nodes.map((n) => [n.id, n.x, n.y]));
    expect(next.nodes.map((n) => [n.id, n.active])).toEqual(june.nodes.map((n) => [n.id, n.active]));
    expect(next.nodes.find((n) => n.id === 'us')!.active).toBe(false);
    // Radii follow involvement in the window: kp, in June's only event, is biggest.
    const kp = next.nodes.find((n) => n.id === 'kp')!;
    expect(Math.max(...next.nodes.map((n) => n.r))).toBe(kp.r);
    expect(next.edges).toEqual(routeEdges(june, next.nodes));
    expect(next.labels).toEqual(layout.labels);
    expect(next.ticks).toBe(layout.ticks);
  });

  it('puts actors the layout did not have in the middle, and pinned ones where they are pinned', () => {
    const world = smallWorld();
    const graph = buildNetwork(world);
    const partial = { ...layoutForce(graph, { ...size }), nodes: layoutForce(graph, { ...size }).nodes.filter((n) => n.id !== 'jp') };
    const next = restyleForceLayout(graph, partial, { ...size, pinned: new Map([['us', { x: 10, y: 20 }]]) });
    expect(next.nodes.find((n) => n.id === 'jp')).toMatchObject({ x: 300, y: 200 });
    expect(next.nodes.find((n) => n.id === 'us')).toMatchObject({ x: 10, y: 20, pinned: true });
  });
});
