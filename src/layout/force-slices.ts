/**
 * The force simulation of {@link startForceLayout}, cut into slices. d3-force runs a whole tick
 * (every force over every node) in one call, which at 5,000 actors takes 40–120 ms and at
 * 20,000 several hundred: far too long for a browser's main thread. These are the same
 * forces, with the same arithmetic in the same order and the same calls to the random source
 * as d3-force's `forceLink`, `forceManyBody` and `forceCollide` and its tick, but written as
 * generators that pause every few hundred nodes or links. Run to the end without pausing they
 * give exactly d3-force's positions; a scheduler can stop at any pause and carry on later.
 *
 * Internal to the layout: not part of the public API.
 */
import { quadtree } from 'd3-quadtree';
import type { Quadtree } from 'd3-quadtree';
import type { SimulationNodeDatum } from 'd3-force';
import type { Steps } from '../model/steps.js';

// The pausable-work primitives live with the model (parsing uses them too); the layouts import
// them from here.
export { drain, type Steps } from '../model/steps.js';

/** Items processed between two pauses. */
export const GRAIN = 128;

/** One tick's work of a force at `alpha`. */
export type SlicedForce = (alpha: number) => Steps;

/** A d3-force-style node: `index`, position, velocity and optional fixed position. */
export type Body = SimulationNodeDatum;

/** A quadtree cell, internal or leaf, with the fields the forces accumulate on it. */
interface Quad<N> {
  length?: number;
  [child: number]: Quad<N> | undefined;
  data?: N;
  next?: Quad<N>;
  value?: number;
  x?: number;
  y?: number;
  r?: number;
}

function jiggle(random: () => number): number {
  return (random() - 0.5) * 1e-6;
}

/** d3-force's `initializeNodes`: indices, fixed positions, zero velocities. */
export function initializeBodies(nodes: readonly Body[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    node.index = i;
    if (node.fx != null) node.x = node.fx;
    if (node.fy != null) node.y = node.fy;
    if (Number.isNaN(node.vx) || Number.isNaN(node.vy) || node.vx === undefined || node.vy === undefined) node.vx = node.vy = 0;
  }
}

/**
 * One tick of d3-force's simulation: decay alpha, apply the forces in order, then move the
 * nodes (`velocityDecay` is d3's stored value, `1 - velocityDecay option`). Returns the new alpha.
 */
export function* tickSteps(nodes: readonly Body[], forces: readonly SlicedForce[], alpha: number, alphaDecay: number, velocityDecay: number): Steps<number> {
  alpha += (0 - alpha) * alphaDecay;
  for (const force of forces) yield* force(alpha);
  const n = nodes.length;
  for (let i = 0; i < n; i++) {
    const node = nodes[i]!;
    if (node.fx == null) node.x! += node.vx! *= velocityDecay;
    else (node.x = node.fx), (node.vx = 0);
    if (node.fy == null) node.y! += node.vy! *= velocityDecay;
    else (node.y = node.fy), (node.vy = 0);
    if ((i + 1) % (GRAIN * 8) === 0) yield;
  }
  return alpha;
}

/** A force that costs O(n) and never needs to pause (forceX, forceY, custom pulls). */
export function unsliced(force: (alpha: number) => void): SlicedForce {
  // eslint-disable-next-line require-yield
  return function* (alpha) {
    force(alpha);
  };
}

/** d3-force's `forceLink` on links whose ends are node indices, as in `forceLink(links)` with the default id. */
export function linkForce<N extends Body, L extends { source: string | number | N; target: string | number | N }>(
  nodes: readonly N[],
  links: L[],
  random: () => number,
  distance: (link: L, i: number) => number,
  strength: (link: L, i: number) => number,
): SlicedForce {
  const n = nodes.length;
  const m = links.length;
  const count = new Array<number>(n);
  const ends: { source: N; target: N }[] = new Array(m);
  for (let i = 0; i < m; i++) {
    const link = links[i]!;
    // Resolved in place, as d3 does, so accessors that read `link.source` see nodes.
    if (typeof link.source !== 'object') link.source = nodes[Number(link.source)]!;
    if (typeof link.target !== 'object') link.target = nodes[Number(link.target)]!;
    const s = link.source as N;
    const t = link.target as N;
    ends[i] = { source: s, target: t };
    count[s.index!] = (count[s.index!] || 0) + 1;
    count[t.index!] = (count[t.index!] || 0) + 1;
  }
  const bias = new Array<number>(m);
  for (let i = 0; i < m; i++) {
    const { source, target } = ends[i]!;
    bias[i] = count[source.index!]! / (count[source.index!]! + count[target.index!]!);
  }
  const strengths = new Array<number>(m);
  for (let i = 0; i < m; i++) strengths[i] = +strength(links[i]!, i);
  const distances = new Array<number>(m);
  for (let i = 0; i < m; i++) distances[i] = +distance(links[i]!, i);
  return function* (alpha) {
    for (let i = 0; i < m; i++) {
      const { source, target } = ends[i]!;
      let x = target.x! + target.vx! - source.x! - source.vx! || jiggle(random);
      let y = target.y! + target.vy! - source.y! - source.vy! || jiggle(random);
      let l = Math.sqrt(x * x + y * y);
      l = ((l - distances[i]!) / l) * alpha * strengths[i]!;
      x *= l;
      y *= l;
      let b = bias[i]!;
      target.vx! -= x * b;
      target.vy! -= y * b;
      b = 1 - b;
      source.vx! += x * b;
      source.vy! += y * b;
      if ((i + 1) % (GRAIN * 4) === 0) yield;
    }
  };
}

/** d3-force's `forceManyBody` (Barnes–Hut) with a constant strength. */
export function manyBodyForce<N extends Body>(nodes: readonly N[], random: () => number, options: { strength: number; theta: number; distanceMax: number; distanceMin?: number }): SlicedForce {
  const n = nodes.length;
  const strengths = new Array<number>(n);
  for (let i = 0; i < n; i++) strengths[nodes[i]!.index!] = +options.strength;
  const theta2 = options.theta * options.theta;
  const distanceMax2 = options.distanceMax * options.distanceMax;
  const distanceMin = options.distanceMin ?? 1;
  const distanceMin2 = distanceMin * distanceMin;
  let node: N = nodes[0]!;
  let alpha = 0;

  function accumulate(quad: Quad<N>): void {
    let strength = 0;
    if (quad.length) {
      let weight = 0;
      let x = 0;
      let y = 0;
      for (let i = 0; i < 4; ++i) {
        const q = quad[i];
        let c: number;
        if (q && (c = Math.abs(q.value!))) {
          strength += q.value!;
          weight += c;
          x += c * q.x!;
          y += c * q.y!;
        }
      }
      quad.x = x / weight;
      quad.y = y / weight;
    } else {
      let q: Quad<N> | undefined = quad;
      q.x = q.data!.x;
      q.y = q.data!.y;
      do strength += strengths[q.data!.index!]!;
      while ((q = q.next));
    }
    quad.value = strength;
  }

  function apply(quad: Quad<N>, x1: number, _y1: number, x2: number): boolean | void {
    if (!quad.value) return true;
    let x = quad.x! - node.x!;
    let y = quad.y! - node.y!;
    let w = x2 - x1;
    let l = x * x + y * y;
    if ((w * w) / theta2 < l) {
      if (l < distanceMax2) {
        if (x === 0) (x = jiggle(random)), (l += x * x);
        if (y === 0) (y = jiggle(random)), (l += y * y);
        if (l < distanceMin2) l = Math.sqrt(distanceMin2 * l);
        node.vx! += (x * quad.value * alpha) / l;
        node.vy! += (y * quad.value * alpha) / l;
      }
      return true;
    } else if (quad.length || l >= distanceMax2) return;
    if (quad.data !== node || quad.next) {
      if (x === 0) (x = jiggle(random)), (l += x * x);
      if (y === 0) (y = jiggle(random)), (l += y * y);
      if (l < distanceMin2) l = Math.sqrt(distanceMin2 * l);
    }
    let q: Quad<N> | undefined = quad;
    do
      if (q.data !== node) {
        w = (strengths[q.data!.index!]! * alpha) / l;
        node.vx! += x * w;
        node.vy! += y * w;
      }
    while ((q = q.next));
  }

  return function* (a) {
    const tree = yield* quadtreeSteps(nodes);
    yield;
    tree.visitAfter(accumulate as never);
    yield;
    for (let i = 0; i < n; i++) {
      // `node` and `alpha` are shared with `apply`, as in d3; set them after every pause.
      alpha = a;
      node = nodes[i]!;
      tree.visit(apply as never);
      if ((i + 1) % (GRAIN / 2) === 0) yield;
    }
  };
}

/**
 * `quadtree(nodes, x, y)` built with pauses: the same extent as `addAll` (covering the
 * smallest and largest coordinates, in that order), then the nodes added one by one in order,
 * which gives exactly the tree `addAll` gives (a point inside the extent never changes it, and
 * points with a NaN coordinate are skipped by both). Building the tree of 20,000 nodes in one
 * go took tens of milliseconds.
 */
function* quadtreeSteps<N extends Body>(nodes: readonly N[]): Steps<Quadtree<N>> {
  const tree = quadtree<N>().x((d) => d.x!).y((d) => d.y!);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const d of nodes) {
    const x = +d.x!;
    const y = +d.y!;
    if (isNaN(x) || isNaN(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x0 > x1 || y0 > y1) return tree;
  tree.cover(x0, y0).cover(x1, y1);
  for (let i = 0; i < nodes.length; i++) {
    tree.add(nodes[i]!);
    if ((i + 1) % (GRAIN * 8) === 0) yield;
  }
  return tree;
}

/** d3-force's `forceCollide` with one iteration and strength 1. */
export function collideForce<N extends Body>(nodes: readonly N[], random: () => number, radius: (node: N) => number): SlicedForce {
  const n = nodes.length;
  const radii = new Array<number>(n);
  for (let i = 0; i < n; i++) radii[nodes[i]!.index!] = +radius(nodes[i]!);
  let node: N = nodes[0]!;
  let xi = 0;
  let yi = 0;
  let ri = 0;
  let ri2 = 0;

  function prepare(quad: Quad<N>): number | void {
    if (quad.data) return (quad.r = radii[quad.data.index!]!);
    quad.r = 0;
    for (let i = 0; i < 4; ++i) {
      const q = quad[i];
      if (q && q.r! > quad.r) quad.r = q.r!;
    }
  }

  function apply(quad: Quad<N>, x0: number, y0: number, x1: number, y1: number): boolean | void {
    const data = quad.data;
    let rj = quad.r!;
    let r = ri + rj;
    if (data) {
      if (data.index! > node.index!) {
        let x = xi - data.x! - data.vx!;
        let y = yi - data.y! - data.vy!;
        let l = x * x + y * y;
        if (l < r * r) {
          if (x === 0) (x = jiggle(random)), (l += x * x);
          if (y === 0) (y = jiggle(random)), (l += y * y);
          l = ((r - (l = Math.sqrt(l))) / l) * 1;
          node.vx! += (x *= l) * (r = (rj *= rj) / (ri2 + rj));
          node.vy! += (y *= l) * r;
          data.vx! -= x * (r = 1 - r);
          data.vy! -= y * r;
        }
      }
      return;
    }
    return x0 > xi + r || x1 < xi - r || y0 > yi + r || y1 < yi - r;
  }

  return function* () {
    const tree = quadtree(nodes as N[], (d) => d.x! + d.vx!, (d) => d.y! + d.vy!).visitAfter(prepare as never);
    yield;
    for (let i = 0; i < n; i++) {
      node = nodes[i]!;
      ri = radii[node.index!]!;
      ri2 = ri * ri;
      xi = node.x! + node.vx!;
      yi = node.y! + node.vy!;
      tree.visit(apply as never);
      if ((i + 1) % (GRAIN / 2) === 0) yield;
    }
  };
}
