// cytoscape 3 (UMD build, global `cytoscape`) with the built-in `cose` layout at its defaults
// (randomize on, so nodes do not all start at the origin). Settled: 'layoutstop';
// first paint: the first 'render' event.
export const scripts = ['/node_modules/cytoscape/dist/cytoscape.min.js'];

export function prepare(w) {
  return [
    ...w.actors.map((a) => ({ group: 'nodes', data: { id: a.id, label: a.name } })),
    ...w.relations.map((r) => ({ group: 'edges', data: { id: r.id, source: r.source, target: r.target } })),
  ];
}

export function create(container, elements, { onSettled }) {
  const cy = window.cytoscape({ container, elements, layout: { name: 'preset' } });
  const drawn = new Promise((resolve) => cy.one('render', () => resolve()));
  const layout = cy.layout({ name: 'cose', randomize: true });
  layout.one('layoutstop', () => onSettled());
  layout.run();
  return { cy, drawn };
}

export function drawn(handle) {
  return handle.drawn;
}
