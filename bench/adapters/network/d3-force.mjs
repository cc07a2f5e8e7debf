// The plain d3 baseline: a d3-force simulation (link, many-body, centre: the defaults of the
// d3 "force-directed graph" example) drawn as SVG lines and circles, updated on every tick.
// Settled: the simulation's 'end' event (alpha below alphaMin, ~300 ticks on d3-timer).
export const scripts = ['/vendor/d3-bench.js'];
const SVG = 'http://www.w3.org/2000/svg';

export function prepare(w) {
  return w;
}

export function create(container, w, { onSettled }) {
  const d3 = window.d3;
  const nodes = w.actors.map((a) => ({ id: a.id, group: a.group }));
  const links = w.relations.map((r) => ({ source: r.source, target: r.target }));
  const svg = d3.select(container).append('svg').attr('width', 1200).attr('height', 800).attr('viewBox', [-600, -400, 1200, 800]);
  const link = svg.append('g').attr('stroke', '#999').attr('stroke-opacity', 0.6).selectAll('line').data(links).join('line');
  const node = svg.append('g').attr('fill', '#4269d0').selectAll('circle').data(nodes).join('circle').attr('r', 3);
  node.append('title').text((d) => d.id);
  const simulation = d3
    .forceSimulation(nodes)
    .force('link', d3.forceLink(links).id((d) => d.id))
    .force('charge', d3.forceManyBody())
    .force('center', d3.forceCenter());
  const ticked = () => {
    link.attr('x1', (d) => d.source.x).attr('y1', (d) => d.source.y).attr('x2', (d) => d.target.x).attr('y2', (d) => d.target.y);
    node.attr('cx', (d) => d.x).attr('cy', (d) => d.y);
  };
  ticked();
  simulation.on('tick', ticked).on('end', () => onSettled());
  return { simulation, SVG };
}
