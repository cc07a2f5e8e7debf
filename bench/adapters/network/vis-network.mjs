// vis-network 10 (standalone UMD build, global `vis`) with its default options: barnesHut
// physics with the default stabilisation. Settled: the 'stabilized' event; first paint: the
// first 'afterDrawing'. The network is created empty so listeners are attached before setData.
export const scripts = ['/node_modules/vis-network/standalone/umd/vis-network.min.js'];

export function prepare(w) {
  return {
    nodes: w.actors.map((a) => ({ id: a.id, label: a.name, group: a.group })),
    edges: w.relations.map((r) => ({ id: r.id, from: r.source, to: r.target })),
  };
}

export function create(container, data, { onSettled }) {
  const network = new window.vis.Network(container, { nodes: [], edges: [] }, {});
  const drawn = new Promise((resolve) => network.once('afterDrawing', () => resolve()));
  network.once('stabilized', () => onSettled());
  network.setData(data);
  return { network, drawn };
}

export function drawn(handle) {
  return handle.drawn;
}
