// sigma.js 4 on a graphology graph, laid out by graphology-layout-forceatlas2: 300 iterations
// run synchronously (settings from forceAtlas2.inferSettings, which turns Barnes–Hut on above
// 2,000 nodes), then one WebGL render. Positions start seeded-random. Settled = drawn.
export const scripts = ['/vendor/sigma-bench.js'];
export const notes = ['ForceAtlas2 300 iterations, synchronous, before the first render'];

export function prepare(w) {
  return w;
}

export function create(container, w, { onSettled }) {
  const { Graph, Sigma, forceAtlas2 } = window.SigmaBench;
  const graph = new Graph();
  for (const a of w.actors) graph.addNode(a.id, { label: a.name, x: Math.random() * 1000, y: Math.random() * 1000, size: 3 });
  for (const r of w.relations) graph.addEdgeWithKey(r.id, r.source, r.target);
  forceAtlas2.assign(graph, { iterations: 300, settings: forceAtlas2.inferSettings(graph) });
  const renderer = new Sigma(graph, container);
  renderer.refresh();
  requestAnimationFrame(() => requestAnimationFrame(() => onSettled()));
  return { renderer };
}
