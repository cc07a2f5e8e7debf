import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/layout/network.js';
import { layoutForce } from '../../src/layout/force.js';
import { layoutInChunks, layoutInWorker, serveForceLayout } from '../../src/render/network/worker.js';
import type { ForceLayoutRequest, ForceLayoutResponse } from '../../src/render/network/worker.js';
import { smallWorld } from '../layout/network-fixture.js';

const opts = { width: 500, height: 400, seed: 9 };

describe('layoutInChunks', () => {
  it('gives the same layout as layoutForce, yielding between chunks', async () => {
    const graph = buildNetwork(smallWorld());
    let clock = 0;
    let yields = 0;
    const fractions: number[] = [];
    const layout = await layoutInChunks(graph, opts, {
      // Each reading of the clock advances it 1 ms, so a 5 ms budget fits about 4 ticks.
      now: () => clock++,
      budgetMs: 5,
      yieldFn: async () => void yields++,
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(layout).toEqual(layoutForce(graph, opts));
    expect(yields).toBeGreaterThan(10);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('rejects when aborted', async () => {
    const controller = new AbortController();
    const promise = layoutInChunks(buildNetwork(smallWorld()), opts, {
      signal: controller.signal,
      budgetMs: 0,
      yieldFn: async () => controller.abort(new Error('stop')),
    });
    await expect(promise).rejects.toThrow('stop');
  });
});

describe('layoutInWorker and serveForceLayout', () => {
  it('round-trip a layout through a message channel', async () => {
    // A worker stand-in: two ends that pass messages to each other's listeners.
    type Listener = (event: { data: unknown }) => void;
    const toWorker: Listener[] = [];
    const toMain: Listener[] = [];
    serveForceLayout({
      addEventListener: (_t, l) => void toWorker.push(l),
      postMessage: (m: ForceLayoutResponse) => queueMicrotask(() => toMain.forEach((l) => l({ data: structuredClone(m) }))),
    });
    const worker = {
      postMessage: (m: ForceLayoutRequest) => queueMicrotask(() => toWorker.forEach((l) => l({ data: structuredClone(m) }))),
      addEventListener: (_t: 'message', l: Listener) => void toMain.push(l),
      removeEventListener: (_t: 'message', l: Listener) => void toMain.splice(toMain.indexOf(l), 1),
    };
    const graph = buildNetwork(smallWorld());
    const layout = await layoutInWorker(worker, graph, opts);
    expect(layout).toEqual(layoutForce(graph, opts));
    expect(toMain).toHaveLength(0);
    await expect(layoutInWorker(worker, graph, { width: -1, height: 1 })).rejects.toThrow(/width and height/);
  });
});
