import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/layout/network.js';
import { layoutForce } from '../../src/layout/force.js';
import { createNetworkHitTester, drawMatrixCanvas, drawNetworkCanvas, drawNetworkCanvasSteps } from '../../src/render/network/canvas.js';
import { layoutMatrix } from '../../src/layout/matrix.js';
import type { NetworkCanvas2D } from '../../src/render/network/canvas.js';
import { smallWorld } from '../layout/network-fixture.js';

/** Records the calls a canvas context receives. */
function recorder(): NetworkCanvas2D & { calls: string[] } {
  const calls: string[] = [];
  const rec = (name: string) => (...args: unknown[]) => void calls.push(`${name}(${args.map((a) => (typeof a === 'number' ? Math.round(a) : String(a))).join(',')})`);
  return {
    calls,
    save: rec('save'), restore: rec('restore'), setTransform: rec('setTransform'), clearRect: rec('clearRect'), fillRect: rec('fillRect'),
    beginPath: rec('beginPath'), moveTo: rec('moveTo'), lineTo: rec('lineTo'), quadraticCurveTo: rec('quadraticCurveTo'), arc: rec('arc'),
    closePath: rec('closePath'), fill: rec('fill'), stroke: rec('stroke'), fillText: rec('fillText'), strokeText: rec('strokeText'), setLineDash: rec('setLineDash'),
    fillStyle: '', strokeStyle: '', lineWidth: 1, globalAlpha: 1, font: '', textAlign: 'left', textBaseline: 'alphabetic', lineJoin: 'miter',
  } as unknown as NetworkCanvas2D & { calls: string[] };
}

const colors = { background: '#fff', foreground: '#000', edge: '#888', highlight: '#d55e00', focus: '#1a5fb4' };

describe('drawNetworkCanvas', () => {
  const graph = buildNetwork(smallWorld());
  const layout = layoutForce(graph, { width: 400, height: 300 });

  it('draws every edge, node and visible label', () => {
    const g = recorder();
    drawNetworkCanvas(g, { ...layout, transform: { x: 0, y: 0, k: 1 }, colors }, 400, 300);
    const curves = g.calls.filter((c) => c.startsWith('quadraticCurveTo')).length;
    expect(curves).toBe(layout.edges.filter((e) => e.cx !== (e.x1 + e.x2) / 2 || e.cy !== (e.y1 + e.y2) / 2).length);
    expect(g.calls.filter((c) => c.startsWith('fillText')).length).toBe(layout.labels.filter((l) => l.visible).length);
  });

  it('highlights exactly the edges it is given (an event\'s), whichever actors they join', () => {
    // Counts the edges (moveTo) each stroke draws, by the colour it strokes with.
    const g = recorder();
    const byColour = new Map<string, number>();
    let pending = 0;
    g.beginPath = () => void (pending = 0);
    g.moveTo = () => void (pending += 1);
    g.stroke = () => void byColour.set(String(g.strokeStyle), (byColour.get(String(g.strokeStyle)) ?? 0) + pending);
    const chosen = layout.edges.filter((e) => e.kind === 'relation').slice(0, 2);
    drawNetworkCanvas(g, { ...layout, transform: { x: 0, y: 0, k: 1 }, colors, litEdges: new Set(chosen.map((e) => e.id)) }, 400, 300);
    expect(byColour.get(colors.highlight)).toBe(chosen.length);
    expect(byColour.get(colors.edge)).toBe(layout.edges.length - chosen.length);
  });

  it('draws only the emphasis over a cached picture: one wash of the background, then the highlighted marks', () => {
    const lit = new Set(['kp', ...layout.edges.filter((e) => e.source === 'kp' || e.target === 'kp').flatMap((e) => [e.source, e.target])]);
    const scene = { ...layout, transform: { x: 0, y: 0, k: 1 }, colors, highlighted: lit, selected: 'kp' };
    const full = recorder();
    drawNetworkCanvas(full, scene, 400, 300);
    const over = recorder();
    let washAlpha = -1;
    over.fillRect = (...args: number[]) => void ((washAlpha = over.globalAlpha), over.calls.push(`fillRect(${args.join(',')})`));
    drawNetworkCanvas(over, { ...scene, emphasisOnly: true }, 400, 300);
    // The picture below is dimmed as dimmed marks are: by the background at 1 - 0.15.
    expect(over.calls.filter((c) => c.startsWith('fillRect'))).toEqual(['fillRect(0,0,400,300)']);
    expect(washAlpha).toBeCloseTo(0.85);
    // Only highlighted labels, and far fewer path commands than the full picture.
    const texts = (g: { calls: string[] }): number => g.calls.filter((c) => c.startsWith('fillText')).length;
    expect(texts(over)).toBe(layout.labels.filter((l) => lit.has(l.id)).length);
    expect(over.calls.length).toBeLessThan(full.calls.length);
    // Nothing highlighted: nothing to draw over the picture (not even the wash).
    const idle = recorder();
    drawNetworkCanvas(idle, { ...layout, transform: { x: 0, y: 0, k: 1 }, colors, emphasisOnly: true }, 400, 300);
    expect(idle.calls.some((c) => /^(fillRect|moveTo|arc|fillText)/.test(c))).toBe(false);
  });

  it('leaves labels out when zoomed too far out to read them', () => {
    const g = recorder();
    drawNetworkCanvas(g, { ...layout, transform: { x: 0, y: 0, k: 0.3 }, colors }, 400, 300);
    expect(g.calls.some((c) => c.startsWith('fillText'))).toBe(false);
  });
});

describe('drawNetworkCanvasSteps', () => {
  const graph = buildNetwork(smallWorld());
  const layout = layoutForce(graph, { width: 400, height: 300 });
  const scene = { ...layout, transform: { x: 0, y: 0, k: 1 }, colors };
  const marks = (calls: string[]): string[] => calls.filter((c) => /^(moveTo|lineTo|quadraticCurveTo|arc|fillText)/.test(c));

  it('makes exactly the calls of drawNetworkCanvas when not paused', () => {
    const whole = recorder();
    drawNetworkCanvas(whole, scene, 400, 300);
    const stepped = recorder();
    const steps = drawNetworkCanvasSteps(stepped, scene, 400, 300, Infinity);
    let pauses = 0;
    while (!steps.next().done) pauses++;
    expect(pauses).toBe(0);
    expect(stepped.calls).toEqual(whole.calls);
  });

  it('pauses every few marks, draws the same marks in more batches, and restores the context when stopped', () => {
    const whole = recorder();
    drawNetworkCanvas(whole, scene, 400, 300);
    const stepped = recorder();
    const steps = drawNetworkCanvasSteps(stepped, scene, 400, 300, 3);
    let pauses = 0;
    while (!steps.next().done) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(layout.edges.length / 3));
    expect(marks(stepped.calls)).toEqual(marks(whole.calls));
    expect(stepped.calls.filter((c) => c === 'stroke()').length).toBeGreaterThan(whole.calls.filter((c) => c === 'stroke()').length);
    const stopped = recorder();
    const early = drawNetworkCanvasSteps(stopped, scene, 400, 300, 3);
    early.next();
    early.return();
    expect(stopped.calls.filter((c) => c === 'save()').length).toBe(1);
    expect(stopped.calls.at(-1)).toBe('restore()');
  });
});

describe('createNetworkHitTester', () => {
  const layout = layoutForce(buildNetwork(smallWorld()), { width: 400, height: 300 });
  const hits = createNetworkHitTester(layout.nodes, layout.edges);

  it('finds the node under a point and nothing in empty space', () => {
    for (const n of layout.nodes) expect(hits.nodeAt(n.x + n.r / 2, n.y)?.id).toBe(n.id);
    expect(hits.nodeAt(-100, -100)).toBeUndefined();
  });

  it('finds an edge by its middle', () => {
    const e = layout.edges[0]!;
    expect(hits.edgeAt(e.labelX + 1, e.labelY)?.id).toBeDefined();
  });

  it('finds the right node among 5,000 packed ones', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) => ({ ...layout.nodes[0]!, id: `n${i}`, x: (i % 100) * 10, y: Math.floor(i / 100) * 10, r: 3 }));
    const big = createNetworkHitTester(nodes, []);
    for (let i = 0; i < 5000; i += 7) expect(big.nodeAt((i % 100) * 10 + 1, Math.floor(i / 100) * 10 - 2)?.id).toBe(`n${i}`);
    expect(big.nodeAt(505, 205)).toBeUndefined();
  });
});

describe('drawMatrixCanvas', () => {
  it('fills one square per cell at its position, shaded by weight', () => {
    const m = layoutMatrix(buildNetwork(smallWorld()), { cellSize: 10, offset: { x: 50, y: 40 } });
    const g = recorder();
    const alphas: number[] = [];
    const fillRect = g.fillRect;
    g.fillRect = (...args: Parameters<typeof fillRect>) => {
      alphas.push(g.globalAlpha);
      fillRect(...args);
    };
    drawMatrixCanvas(g, m, { background: '#fff', cell: '#00f', text: '#000' }, 200, 200);
    const rects = g.calls.filter((c) => c.startsWith('fillRect')).slice(1);
    expect(rects).toEqual(m.cells.map((c) => `fillRect(${c.x},${c.y},10,10)`));
    expect(alphas.slice(1)).toEqual(m.cells.map((c) => c.opacity));
    expect(g.calls.filter((c) => c.startsWith('fillText'))).toHaveLength(m.actors.length);
  });
});
