/**
 * Force-directed layout of a {@link NetworkGraph}: node positions, curved edge geometry,
 * non-overlapping labels and affiliation hulls, all as plain records. The simulation is
 * d3-force, seeded and run for a fixed number of ticks, so the same graph and seed always give
 * the same positions (in Node, in jsdom and in browsers).
 */
import { forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3-force';
import type { Force, SimulationLinkDatum, SimulationNodeDatum } from 'd3-force';
import { polygonHull } from 'd3-polygon';
import { curveCatmullRomClosed, line } from 'd3-shape';
import type { ActorKind } from '../model/types.js';
import type { EdgeFacts, NetworkGraph, NetworkNode } from './network.js';
import { edgeFacts, pairKey } from './network.js';
import { randomSource } from './random.js';
import { clusterOrderSteps } from './matrix.js';
import { collideForce, drain, GRAIN, initializeBodies, linkForce, manyBodyForce, tickSteps, unsliced } from './force-slices.js';
import type { SlicedForce, Steps } from './force-slices.js';

/** A point in layout coordinates. */
export interface ForcePoint {
  readonly x: number;
  readonly y: number;
}

/** A positioned node. */
export interface ForceNode {
  readonly id: string;
  readonly label: string;
  readonly kind: ActorKind;
  readonly color: string;
  readonly group: string;
  readonly active: boolean;
  readonly involvement: number;
  readonly x: number;
  readonly y: number;
  /** Radius in pixels (sized by involvement). */
  readonly r: number;
  /** Whether the position was fixed by the caller. */
  readonly pinned: boolean;
}

/** A routed edge: a straight line or, for parallel relations, a quadratic curve. */
export interface ForceEdge extends EdgeFacts {
  /** SVG path data from the source's rim to the target's rim. */
  readonly path: string;
  /** Start, control and end points of the quadratic curve (control = midpoint for straight edges). */
  readonly x1: number;
  readonly y1: number;
  readonly cx: number;
  readonly cy: number;
  readonly x2: number;
  readonly y2: number;
  /** Where the arrowhead's tip is (just outside the target's radius) and the angle it points at, in radians. */
  readonly arrow: { readonly x: number; readonly y: number; readonly angle: number };
  /** The middle of the curve, for a relation label. */
  readonly labelX: number;
  readonly labelY: number;
  /** Stroke width in pixels, by weight. */
  readonly width: number;
}

/** A node label placed where it overlaps no other label and no other node (when possible). */
export interface ForceLabel {
  readonly id: string;
  readonly text: string;
  /** Anchor point of the text (SVG `x`, `y` with `text-anchor` and a middle baseline). */
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'middle' | 'end';
  /** False when every candidate position collided: the label is left out rather than overlapping. */
  readonly visible: boolean;
  /** The label's box, for hit testing and tests. */
  readonly box: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
}

/** A hull around an affiliation group (an actor and everyone affiliated to it). */
export interface ForceHull {
  /** The group's root actor id. */
  readonly group: string;
  readonly members: readonly string[];
  readonly color: string;
  /** SVG path data of the smoothed, padded hull. */
  readonly path: string;
}

/** The result of {@link layoutForce}: everything a renderer needs, nothing it must compute. */
export interface ForceLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly ForceNode[];
  readonly edges: readonly ForceEdge[];
  readonly labels: readonly ForceLabel[];
  readonly hulls: readonly ForceHull[];
  /** Simulation ticks that were run. */
  readonly ticks: number;
}

/** Options of {@link layoutForce}. */
export interface ForceLayoutOptions {
  readonly width: number;
  readonly height: number;
  /** Seed of the random source (jitter of the warm start, d3-force's jiggle). Default 1. */
  readonly seed?: number;
  /** Simulation ticks. Default: chosen by graph size (300 for small graphs, fewer for big ones). */
  readonly ticks?: number;
  /** Nodes fixed at these positions (e.g. dragged by the reader). */
  readonly pinned?: ReadonlyMap<string, ForcePoint>;
  /**
   * Previous positions: the layout continues from them with a low temperature instead of
   * starting afresh, so a new time window moves nodes only a little. Nodes without a previous
   * position start next to a placed neighbour.
   */
  readonly initial?: ReadonlyMap<string, ForcePoint>;
  /** Pull affiliated actors together and draw a hull around each affiliation group. Default false. */
  readonly groupAffiliated?: boolean;
  /** Place node labels. Default true. */
  readonly labels?: boolean;
  /** Label font size in pixels, for label boxes. Default 11. */
  readonly fontSize?: number;
  /** Width of a label in pixels. Default: an estimate of 0.56 × fontSize per character. */
  readonly measureLabel?: (text: string) => number;
  /** Node radius range in pixels. Default: from the area available per node. */
  readonly radius?: readonly [min: number, max: number];
  /** Space kept free along the edges of the box. Default 12. */
  readonly margin?: number;
}

/** A layout that can be advanced a few ticks at a time (see `layoutInChunks`). */
export interface ForceRun {
  /** Ticks the run will take in total. */
  readonly totalTicks: number;
  /** Ticks run so far. */
  readonly ticksDone: number;
  /** Runs up to `n` more ticks; returns true once all ticks are done. */
  step(n: number): boolean;
  /** The layout at the current tick (final once `step` returned true). */
  result(): ForceLayout;
}

interface SimNode extends SimulationNodeDatum {
  readonly id: string;
  readonly r: number;
  readonly group: string;
}
type SimLink = SimulationLinkDatum<SimNode> & { readonly affiliation: boolean };

/**
 * Ticks used by default for a graph of `n` nodes: fewer for big graphs, whose warm start is
 * already close to settled and whose every tick is expensive.
 *
 * @example
 * ```ts
 * defaultTicks(100);  // 300
 * defaultTicks(5000); // 37
 * ```
 */
export function defaultTicks(n: number): number {
  if (n <= 200) return 300;
  // Log-linear from 300 ticks at 200 nodes to 60 at 1,000, then a slow decline: the
  // multilevel warm start already puts communities apart and members together, so big
  // graphs mostly need local untangling, not travel.
  if (n <= 1000) return Math.round(300 - (240 * Math.log(n / 200)) / Math.log(1000 / 200));
  return Math.max(20, Math.round(60 * Math.pow(1000 / n, 0.3)));
}

/**
 * Lays a network out with a seeded force simulation run for a fixed number of ticks.
 * The input graph is never modified: positions live on copies.
 *
 * @example
 * ```ts
 * const graph = buildNetwork(dataset);
 * const layout = layoutForce(graph, { width: 800, height: 600, seed: 7 });
 * layout.nodes[0]; // { id, x, y, r, … }
 * // After the reader changes the window, continue from the previous positions:
 * const next = layoutForce(buildNetwork(dataset, { window }), {
 *   width: 800, height: 600, initial: new Map(layout.nodes.map((n) => [n.id, n])),
 * });
 * ```
 */
export function layoutForce(graph: NetworkGraph, options: ForceLayoutOptions): ForceLayout {
  return drain(forceLayoutSteps(graph, options).steps);
}

/** What a {@link ForceLayoutSteps} is busy with: warm start, simulation, edge routing and labels, or nothing. */
export type ForcePhase = 'start' | 'ticks' | 'finish' | 'done';

/**
 * A force layout as resumable work: `steps` is a generator that pauses every few hundred
 * nodes, links or labels and returns the finished layout. Running it to the end at once gives
 * exactly {@link layoutForce}; a scheduler such as `layoutInChunks` runs it in time slices so
 * a browser's main thread is never blocked for long, whatever the size of the graph.
 */
export interface ForceLayoutSteps {
  /** Ticks the simulation will take. */
  readonly totalTicks: number;
  /** Ticks run so far. */
  readonly ticksDone: number;
  readonly phase: ForcePhase;
  readonly steps: Generator<void, ForceLayout, void>;
  /**
   * Where the nodes are now (after the warm start, and after each tick), fitted to the box like
   * the final layout: for drawing progress. Empty before the warm start is done.
   */
  positions(): readonly ForceNode[];
}

/**
 * Prepares a force layout as resumable steps (see {@link ForceLayoutSteps}). Validates the
 * options at once; all the work happens as `steps` runs.
 *
 * @example
 * ```ts
 * const run = forceLayoutSteps(graph, { width: 800, height: 600 });
 * let next = run.steps.next();
 * while (!next.done) next = run.steps.next(); // or pause between calls
 * const layout = next.value;
 * ```
 */
export function forceLayoutSteps(graph: NetworkGraph, options: ForceLayoutOptions): ForceLayoutSteps {
  const state = createForceState(graph, options);
  let phase: ForcePhase = 'start';
  function* all(): Generator<void, ForceLayout, void> {
    yield* state.prepare();
    phase = 'ticks';
    while (state.ticksDone < state.totalTicks) {
      yield* state.tick();
      yield;
    }
    phase = 'finish';
    const layout = yield* state.finish();
    phase = 'done';
    return layout;
  }
  return {
    totalTicks: state.totalTicks,
    get ticksDone() {
      return state.ticksDone;
    },
    get phase() {
      return phase;
    },
    steps: all(),
    positions: () => (phase === 'start' ? [] : state.positions()),
  };
}

/**
 * Prepares a force layout that can be advanced a number of ticks at a time.
 * `layoutForce` is `startForceLayout` run to the end. Each call to `step` runs whole ticks;
 * for finer slices (a part of a tick), use {@link forceLayoutSteps}.
 *
 * @example
 * ```ts
 * const run = startForceLayout(graph, { width: 800, height: 600 });
 * while (!run.step(10)) await nextFrame();
 * const layout = run.result();
 * ```
 */
export function startForceLayout(graph: NetworkGraph, options: ForceLayoutOptions): ForceRun {
  const state = createForceState(graph, options);
  drain(state.prepare());
  return {
    totalTicks: state.totalTicks,
    get ticksDone() {
      return state.ticksDone;
    },
    step(count: number) {
      const k = Math.max(0, Math.min(state.totalTicks - state.ticksDone, Math.floor(count)));
      for (let i = 0; i < k; i++) drain(state.tick());
      return state.ticksDone >= state.totalTicks;
    },
    result() {
      return drain(state.finish());
    },
  };
}

interface ForceState {
  readonly totalTicks: number;
  readonly ticksDone: number;
  prepare(): Steps;
  tick(): Steps;
  finish(): Steps<ForceLayout>;
  positions(): ForceNode[];
}

function createForceState(graph: NetworkGraph, options: ForceLayoutOptions): ForceState {
  const { width, height } = options;
  if (!(width > 0) || !(height > 0)) throw new RangeError(`layoutForce: width and height must be positive numbers, got ${width}×${height}`);
  const margin = options.margin ?? 12;
  const random = randomSource(options.seed ?? 1);
  const n = graph.nodes.length;
  const incremental = options.initial !== undefined && options.initial.size > 0;
  const totalTicks = Math.max(0, Math.round(options.ticks ?? (incremental ? Math.ceil(defaultTicks(n) / 3) : defaultTicks(n))));

  const { spacing, radius } = sizing(graph, options, margin);
  const linkDistance = clamp(spacing * 0.55, 12, 80);
  // Centring only has to keep disconnected pieces in view; strong centring squeezes big graphs
  // into a uniform disc that hides their communities.
  const centring = n > 200 ? 0.01 : 0.04;
  // Collision costs as much as the charge; for big graphs it only matters once nodes are
  // nearly settled, so it joins for the last few ticks.
  const collideFrom = n > 2000 ? totalTicks - Math.min(4, totalTicks) : n > 500 ? totalTicks - Math.min(12, Math.ceil(totalTicks / 3)) : 0;
  const alphaDecay = totalTicks > 0 ? 1 - Math.pow(0.001, 1 / totalTicks) : 0.0228;
  // d3-force stores `1 - velocityDecay`.
  const velocityDecay = 1 - 0.4;

  const sim: SimNode[] = [];
  const forces: SlicedForce[] = [];
  let collide: SlicedForce | null = null;
  let alpha = incremental ? 0.25 : 1;
  let ticksDone = 0;

  function* prepare(): Steps {
    for (let i = 0; i < n; i++) {
      const node = graph.nodes[i]!;
      sim.push({ id: node.id, r: radius(node), group: node.group });
      if ((i + 1) % (GRAIN * 16) === 0) yield;
    }
    const index = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      index.set(sim[i]!.id, i);
      if ((i + 1) % (GRAIN * 16) === 0) yield;
    }
    yield;
    const links: SimLink[] = [];
    const linked = new Set<string>();
    let seen = 0;
    for (const e of graph.edges) {
      if (++seen % GRAIN === 0) yield;
      const s = index.get(e.source);
      const t = index.get(e.target);
      if (s === undefined || t === undefined) continue;
      // Parallel relations pull once: the pair matters, not how many ways it is related.
      const key = pairKey(e.source, e.target);
      if (linked.has(key)) continue;
      linked.add(key);
      links.push({ source: s, target: t, affiliation: e.kind === 'affiliation' });
    }
    const degrees = new Uint32Array(n);
    for (const l of links) {
      degrees[l.source as number]! += 1;
      degrees[l.target as number]! += 1;
    }
    const degree = (s: SimNode): number => Math.max(1, degrees[s.index ?? 0] ?? 1);
    yield* placeInitial(graph, sim, links, options, random, linkDistance, width, height);
    initializeBodies(sim);
    yield;

    const grouped = options.groupAffiliated ?? false;
    forces.push(
      linkForce<SimNode, SimLink>(
        sim,
        links,
        random,
        (l) => (l.affiliation && grouped ? linkDistance * 0.6 : linkDistance),
        (l) => {
          const s = l.source as SimNode;
          const t = l.target as SimNode;
          const base = 1 / Math.min(degree(s), degree(t));
          const k = l.affiliation && grouped ? Math.min(1, base * 2) : base;
          // Incremental runs only adjust: links nudge, they do not redraw the picture.
          return incremental ? k * 0.1 : k;
        },
      ),
    );
    yield;
    forces.push(
      manyBodyForce(sim, random, {
        strength: -30 * (linkDistance / 30) ** 2 * (incremental ? 0.3 : 1),
        theta: n > 2000 ? 1.5 : n > 500 ? 1.2 : 0.9,
        distanceMax: linkDistance * 12,
      }),
    );
    if (incremental) {
      // Continuing from previous positions: each node is tethered to where it was, so a new
      // window changes which edges exist while the picture keeps its shape.
      const home = sim.map((s) => ({ x: s.x!, y: s.y! }));
      forces.push(bodyForce(forceX<SimNode>((_, i) => home[i]!.x).strength(0.5), sim, random));
      forces.push(bodyForce(forceY<SimNode>((_, i) => home[i]!.y).strength(0.5), sim, random));
    } else {
      // Centring pulls harder along the short side so the cloud takes the box's aspect ratio.
      forces.push(bodyForce(forceX<SimNode>(width / 2).strength(n > 1 ? centring * Math.sqrt(height / width) : 0), sim, random));
      forces.push(bodyForce(forceY<SimNode>(height / 2).strength(n > 1 ? centring * Math.sqrt(width / height) : 0), sim, random));
    }
    if (grouped) forces.push(unsliced(groupForce(sim, 0.08)));
    collide = collideForce(sim, random, (d) => d.r + 2);
    if (collideFrom === 0) forces.push(collide);
  }

  function* tick(): Steps {
    if (ticksDone >= totalTicks) return;
    if (ticksDone === collideFrom && collideFrom > 0 && collide) forces.push(collide);
    alpha = yield* tickSteps(sim, forces, alpha, alphaDecay, velocityDecay);
    ticksDone += 1;
  }

  return {
    totalTicks,
    get ticksDone() {
      return ticksDone;
    },
    prepare,
    tick,
    finish: () => finish(graph, sim, options, incremental, margin, ticksDone),
    positions: () => placedNodes(graph, sim, options, incremental, margin),
  };
}

/** Node spacing and radius of a graph in a box: the same for the preview and the layout. */
function sizing(graph: NetworkGraph, options: ForceLayoutOptions, margin: number): { spacing: number; radius: (node: NetworkNode) => number } {
  const n = graph.nodes.length;
  // Typical spacing between nodes if they filled the box evenly.
  const spacing = Math.sqrt(((options.width - 2 * margin) * (options.height - 2 * margin)) / Math.max(1, n));
  const [rMin, rMax] = options.radius ?? [clamp(spacing * 0.1, 1.5, 5), clamp(spacing * 0.3, 3, 18)];
  return { spacing, radius: (node) => rMin + (rMax - rMin) * Math.sqrt(node.involvement / graph.maxInvolvement) };
}

/**
 * A placeholder layout that costs next to nothing (O(n), no simulation): the nodes on a
 * sunflower disc filling the box, most involved in the middle, with no edges or labels.
 * Interactive views draw it at once for big graphs while the real layout runs in slices, so
 * the reader sees the actors immediately instead of a blank box.
 *
 * @example
 * ```ts
 * draw(previewForceLayout(graph, { width: 1200, height: 800 }));
 * draw(await layoutInChunks(graph, { width: 1200, height: 800 }));
 * ```
 */
export function previewForceLayout(graph: NetworkGraph, options: ForceLayoutOptions): ForceLayout {
  const { width, height } = options;
  if (!(width > 0) || !(height > 0)) throw new RangeError(`previewForceLayout: width and height must be positive numbers, got ${width}×${height}`);
  const margin = options.margin ?? 12;
  const { radius } = sizing(graph, options, margin);
  const n = graph.nodes.length;
  const rank = graph.nodes.map((node, i) => ({ i, involvement: node.involvement })).sort((a, b) => b.involvement - a.involvement || a.i - b.i);
  const slot = new Int32Array(n);
  rank.forEach(({ i }, k) => (slot[i] = k));
  const golden = Math.PI * (3 - Math.sqrt(5));
  const rx = width / 2 - margin;
  const ry = height / 2 - margin;
  const nodes: ForceNode[] = graph.nodes.map((node, i) => {
    const k = slot[i]!;
    const r = radius(node);
    const f = Math.sqrt((k + 0.5) / Math.max(1, n));
    const pin = options.pinned?.get(node.id);
    return forceNode(
      node,
      pin ? pin.x : round(clamp(width / 2 + Math.max(0, rx - r) * f * Math.cos(k * golden), margin + r, width - margin - r)),
      pin ? pin.y : round(clamp(height / 2 + Math.max(0, ry - r) * f * Math.sin(k * golden), margin + r, height - margin - r)),
      round(r),
      pin !== undefined,
    );
  });
  return { width, height, nodes, edges: [], labels: [], hulls: [], ticks: 0 };
}

/**
 * The same picture for a new graph over the same actors (typically another time window): every
 * node keeps its place and takes the new graph's facts (active, involvement, radius), edges are
 * routed again between the kept positions, labels and hulls stay. It costs O(nodes + edges) and
 * runs no simulation, so an interactive view can follow a dragged brush at every step and
 * continue the layout (`initial` positions) only once the window settles. Actors the layout did
 * not have yet start in the middle of the box.
 *
 * @example
 * ```ts
 * const next = restyleForceLayout(buildNetwork(dataset, { window }), layout, { width: 800, height: 600 });
 * next.nodes.every((n, i) => n.x === layout.nodes[i]!.x); // true when the actors are the same
 * ```
 */
export function restyleForceLayout(graph: NetworkGraph, layout: ForceLayout, options: ForceLayoutOptions): ForceLayout {
  const { width, height } = options;
  if (!(width > 0) || !(height > 0)) throw new RangeError(`restyleForceLayout: width and height must be positive numbers, got ${width}×${height}`);
  const { radius } = sizing(graph, options, options.margin ?? 12);
  const at = new Map(layout.nodes.map((n) => [n.id, n]));
  const nodes: ForceNode[] = graph.nodes.map((node) => {
    const old = at.get(node.id);
    const pin = options.pinned?.get(node.id);
    return forceNode(node, pin ? pin.x : (old?.x ?? round(width / 2)), pin ? pin.y : (old?.y ?? round(height / 2)), round(radius(node)), pin !== undefined);
  });
  const kept = new Set(graph.nodes.map((n) => n.id));
  return {
    ...layout,
    width,
    height,
    nodes,
    edges: routeEdges(graph, nodes),
    labels: layout.labels.filter((l) => kept.has(l.id)),
    hulls: layout.hulls,
  };
}

/** A d3 force (forceX, forceY) initialised on the nodes, as a slice-free force. */
function bodyForce(force: Force<SimNode, SimLink>, nodes: SimNode[], random: () => number): SlicedForce {
  force.initialize?.(nodes, random);
  return unsliced((alpha) => force(alpha));
}

function* placeInitial(
  graph: NetworkGraph,
  sim: SimNode[],
  links: readonly SimLink[],
  options: ForceLayoutOptions,
  random: () => number,
  distance: number,
  width: number,
  height: number,
): Steps {
  const n = sim.length;
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < links.length; k++) {
    const l = links[k]!;
    neighbours[l.source as number]!.push(l.target as number);
    neighbours[l.target as number]!.push(l.source as number);
    if ((k + 1) % (GRAIN * 16) === 0) yield;
  }
  yield;
  const placed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if ((i + 1) % (GRAIN * 16) === 0) yield;
    const s = sim[i]!;
    const pin = options.pinned?.get(s.id);
    const prev = pin ?? options.initial?.get(s.id);
    if (prev) {
      s.x = prev.x;
      s.y = prev.y;
      placed[i] = 1;
    }
    if (pin) {
      s.fx = pin.x;
      s.fy = pin.y;
    }
  }
  const cx = width / 2;
  const cy = height / 2;
  const anyPlaced = placed.some((p) => p === 1);
  if (anyPlaced) {
    // Incremental: newcomers start next to a placed neighbour, or at the rim when they have none.
    for (let i = 0; i < n; i++) {
      if (placed[i]) continue;
      const s = sim[i]!;
      const friend = neighbours[i]!.find((j) => placed[j]);
      const angle = random() * 2 * Math.PI;
      if (friend !== undefined) {
        const f = sim[friend]!;
        s.x = f.x! + Math.cos(angle) * distance * 0.5;
        s.y = f.y! + Math.sin(angle) * distance * 0.5;
      } else {
        s.x = cx + Math.cos(angle) * Math.min(width, height) * 0.45;
        s.y = cy + Math.sin(angle) * Math.min(width, height) * 0.45;
      }
    }
    return;
  }
  if (n > 60 && (yield* multilevelStart(sim, links, random, distance, cx, cy))) return;
  // Warm start: a phyllotaxis spiral filled in breadth-first order from the best connected
  // actor of each component, so neighbours start close together and far fewer ticks settle it.
  const order: number[] = [];
  const seen = new Uint8Array(n);
  const byDegree = Array.from({ length: n }, (_, i) => i).sort((a, b) => neighbours[b]!.length - neighbours[a]!.length || a - b);
  for (const root of byDegree) {
    if (seen[root]) continue;
    seen[root] = 1;
    order.push(root);
    for (let k = order.length - 1; k < order.length; k++) {
      for (const j of neighbours[order[k]!]!) {
        if (!seen[j]) {
          seen[j] = 1;
          order.push(j);
        }
      }
    }
  }
  const step = distance * 0.55;
  const golden = Math.PI * (3 - Math.sqrt(5));
  const turn = random() * 2 * Math.PI;
  order.forEach((i, k) => {
    const s = sim[i]!;
    const r = step * Math.sqrt(k + 0.5);
    const a = k * golden + turn;
    s.x = cx + r * Math.cos(a) + (random() - 0.5) * step * 0.2;
    s.y = cy + r * Math.sin(a) + (random() - 0.5) * step * 0.2;
  });
  void graph;
}

/**
 * Two-level warm start for bigger graphs: find communities (seeded label propagation), lay
 * out the small graph of communities with its own quick simulation, then put each
 * community's members on a phyllotaxis disc around its centre. The main simulation then
 * mostly untangles locally, which is why big graphs need few ticks. Returns false when the
 * graph has no community structure worth using.
 */
function* multilevelStart(sim: SimNode[], links: readonly SimLink[], random: () => number, distance: number, cx: number, cy: number): Steps<boolean> {
  const n = sim.length;
  const adjacency: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  let seen = 0;
  for (const l of links) {
    if (++seen % (GRAIN * 8) === 0) yield;
    const a = l.source as number;
    const b = l.target as number;
    adjacency[a]!.set(b, 1);
    adjacency[b]!.set(a, 1);
  }
  yield;
  const { order, clusterOf } = yield* clusterOrderSteps(adjacency, Math.floor(random() * 2 ** 31));
  yield;
  let k = 0;
  for (let i = 0; i < n; i++) k = Math.max(k, clusterOf[i]! + 1);
  // Too few communities, or so many tiny ones that the coarse graph is no coarser.
  if (k < 2 || k > n / 4) return false;
  const size = new Float64Array(k);
  for (let i = 0; i < n; i++) size[clusterOf[i]!]! += 1;
  const step = distance * 0.55;
  // Radius of a phyllotaxis disc of m points with this step.
  const discRadius = (m: number): number => step * Math.sqrt(m + 0.5) + step;
  type Meta = SimulationNodeDatum & { readonly r: number };
  const metas: Meta[] = Array.from({ length: k }, (_, c) => ({ r: discRadius(size[c]!) }));
  const weights = new Map<number, number>();
  for (const l of links) {
    const a = clusterOf[l.source as number]!;
    const b = clusterOf[l.target as number]!;
    if (a === b) continue;
    const key = a < b ? a * k + b : b * k + a;
    weights.set(key, (weights.get(key) ?? 0) + 1);
  }
  yield;
  const metaLinks = [...weights].map(([key, w]) => ({ source: Math.floor(key / k), target: key % k, w }));
  const golden = Math.PI * (3 - Math.sqrt(5));
  // Biggest communities in the middle: seed the meta layout on a spiral in size order.
  let total = 0;
  metas.forEach((m, c) => {
    const r = Math.sqrt(total + size[c]! / 2) * step * 1.6;
    m.x = cx + r * Math.cos(c * golden);
    m.y = cy + r * Math.sin(c * golden);
    total += size[c]!;
  });
  let maxW = 1;
  for (const l of metaLinks) maxW = Math.max(maxW, l.w);
  // The same chain of calls as one expression, with pauses between them: each force is
  // initialised on the communities when added, which for thousands of them is a slice's work.
  const meta = forceSimulation<Meta>(metas).stop().randomSource(random);
  yield;
  meta.force('link', forceLink<Meta, { source: number; target: number; w: number }>(metaLinks).distance((l) => (l.source as unknown as Meta).r + (l.target as unknown as Meta).r).strength((l) => 0.1 + 0.6 * (l.w / maxW)));
  yield;
  // Repulsion grows with a community's area, which keeps discs apart without a collision
  // force (whose cost explodes with very unequal radii).
  meta.force('charge', forceManyBody<Meta>().strength((m) => -1.5 * (m.r * m.r) / step));
  yield;
  meta.force('x', forceX<Meta>(cx).strength(0.05)).force('y', forceY<Meta>(cy).strength(0.05));
  // One tick of the community graph costs what one of a k-node graph does: pause between them.
  const metaTicks = Math.max(30, Math.min(120, Math.round(12_000 / k)));
  for (let t = 0; t < metaTicks; t++) {
    meta.tick();
    yield;
  }
  const placed = new Int32Array(k);
  for (const i of order) {
    const c = clusterOf[i]!;
    const j = placed[c]!++;
    const m = metas[c]!;
    const r = step * Math.sqrt(j + 0.5);
    const a = j * golden;
    sim[i]!.x = m.x! + r * Math.cos(a) + (random() - 0.5) * step * 0.2;
    sim[i]!.y = m.y! + r * Math.sin(a) + (random() - 0.5) * step * 0.2;
  }
  return true;
}

/** Pulls each node a little towards its affiliation group's centroid. */
function groupForce(nodes: readonly SimNode[], strength: number): (alpha: number) => void {
  return (alpha) => {
    const sums = new Map<string, { x: number; y: number; n: number }>();
    for (const d of nodes) {
      const s = sums.get(d.group) ?? { x: 0, y: 0, n: 0 };
      s.x += d.x!;
      s.y += d.y!;
      s.n += 1;
      sums.set(d.group, s);
    }
    for (const d of nodes) {
      const s = sums.get(d.group)!;
      if (s.n < 2) continue;
      d.vx! += (s.x / s.n - d.x!) * strength * alpha;
      d.vy! += (s.y / s.n - d.y!) * strength * alpha;
    }
  };
}

function* finish(graph: NetworkGraph, sim: readonly SimNode[], options: ForceLayoutOptions, incremental: boolean, margin: number, ticks: number): Steps<ForceLayout> {
  const { width, height } = options;
  const nodes = placedNodes(graph, sim, options, incremental, margin);
  yield;
  const edges = yield* routeEdgeSteps(graph, nodes);
  const labels = options.labels === false ? [] : yield* placeNodeLabelSteps(nodes, { width, height, fontSize: options.fontSize ?? 11, ...(options.measureLabel ? { measureLabel: options.measureLabel } : {}) });
  const hulls = options.groupAffiliated ? groupHulls(nodes) : [];
  return { width, height, nodes, edges, labels, hulls, ticks };
}

/** The simulation's positions as node records, fitted into (or clamped to) the box. */
function placedNodes(graph: NetworkGraph, sim: readonly SimNode[], options: ForceLayoutOptions, incremental: boolean, margin: number): ForceNode[] {
  const { width, height } = options;
  const pinned = options.pinned;
  // A fresh layout is scaled to fill the box; an incremental or pinned one keeps its positions
  // (so nothing jumps) and is only clamped inside the box.
  let transform = (x: number, y: number, _r: number): ForcePoint => ({ x, y });
  if (!incremental && !(pinned && pinned.size > 0) && sim.length > 0) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const s of sim) {
      x0 = Math.min(x0, s.x! - s.r);
      x1 = Math.max(x1, s.x! + s.r);
      y0 = Math.min(y0, s.y! - s.r);
      y1 = Math.max(y1, s.y! + s.r);
    }
    const kx0 = (width - 2 * margin) / Math.max(1, x1 - x0);
    const ky0 = (height - 2 * margin) / Math.max(1, y1 - y0);
    // Mostly uniform scaling; a little stretch (at most 1.35×) fills the box better without
    // visibly distorting the picture.
    const k = Math.min(kx0, ky0, 4);
    const kx = Math.min(kx0, k * 1.35, 4);
    const ky = Math.min(ky0, k * 1.35, 4);
    const mx = (x0 + x1) / 2;
    const my = (y0 + y1) / 2;
    transform = (x, y) => ({ x: width / 2 + (x - mx) * kx, y: height / 2 + (y - my) * ky });
  }
  const nodes: ForceNode[] = graph.nodes.map((node, i) => {
    const s = sim[i]!;
    const pin = pinned?.get(node.id);
    const p = pin ?? transform(s.x!, s.y!, s.r);
    return forceNode(
      node,
      pin ? p.x : round(clamp(p.x, margin + s.r, width - margin - s.r)),
      pin ? p.y : round(clamp(p.y, margin + s.r, height - margin - s.r)),
      round(s.r),
      pin !== undefined,
    );
  });
  return nodes;
}

/** A laid-out node: the graph node's facts at (x, y) with radius r, in the documented key order. */
function forceNode(node: NetworkNode, x: number, y: number, r: number, pinned: boolean): ForceNode {
  return {
    id: node.id,
    label: node.label,
    kind: node.kind,
    color: node.color,
    group: node.group,
    active: node.active,
    involvement: node.involvement,
    x,
    y,
    r,
    pinned,
  };
}

/**
 * Routes every edge of a graph between positioned nodes: straight when it is the only edge
 * between its two actors, otherwise a quadratic curve bent to its own side so parallel
 * relations stay apart. Ends stop at the node rims so arrowheads are never hidden.
 * Interactive views call it again after a node is dragged.
 *
 * @example
 * ```ts
 * const edges = routeEdges(graph, layout.nodes.map((n) => (n.id === dragged ? { ...n, x, y } : n)));
 * ```
 */
export function routeEdges(graph: NetworkGraph, nodes: readonly (ForcePoint & { readonly id: string; readonly r: number })[]): ForceEdge[] {
  return drain(routeEdgeSteps(graph, nodes));
}

function* routeEdgeSteps(graph: NetworkGraph, nodes: readonly (ForcePoint & { readonly id: string; readonly r: number })[]): Steps<ForceEdge[]> {
  const at = new Map(nodes.map((p) => [p.id, p]));
  const out: ForceEdge[] = [];
  let seen = 0;
  for (const e of graph.edges) {
    // Routing allocates a record and a path string per edge: at tens of thousands of edges
    // a pause every GRAIN keeps each slice to a few milliseconds even on a busy machine.
    if (++seen % GRAIN === 0) yield;
    const s = at.get(e.source);
    const t = at.get(e.target);
    if (!s || !t) continue;
    // Bend relative to the pair's canonical direction so A→B and B→A curve to opposite sides.
    const forward = e.source < e.target;
    const a = forward ? s : t;
    const b = forward ? t : s;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    const nx = -dy / len;
    const ny = dx / len;
    const offset = e.parallelCount > 1 ? (e.parallelIndex - (e.parallelCount - 1) / 2) * Math.min(24, 0.35 * len) : 0;
    // A quadratic's apex is half way to its control point, so double the offset.
    const cx = (s.x + t.x) / 2 + nx * offset * 2;
    const cy = (s.y + t.y) / 2 + ny * offset * 2;
    const start = towards(s, { x: cx, y: cy }, s.r + 1);
    const end = towards(t, { x: cx, y: cy }, t.r + 1.5);
    const angle = Math.atan2(end.y - cy, end.x - cx);
    const x1 = round(start.x), y1 = round(start.y), x2 = round(end.x), y2 = round(end.y);
    const rcx = round(cx), rcy = round(cy);
    const path = offset === 0 ? `M${x1},${y1}L${x2},${y2}` : `M${x1},${y1}Q${rcx},${rcy} ${x2},${y2}`;
    out.push({
      ...edgeFacts(e),
      path,
      x1, y1, cx: rcx, cy: rcy, x2, y2,
      arrow: { x: x2, y: y2, angle: round(angle, 4) },
      labelX: round(0.25 * start.x + 0.5 * cx + 0.25 * end.x),
      labelY: round(0.25 * start.y + 0.5 * cy + 0.25 * end.y),
      width: e.kind === 'affiliation' ? 1 : round(1 + 3 * Math.sqrt(e.weight / graph.maxWeight), 2),
    });
  }
  return out;
}

function towards(from: ForcePoint & { r: number }, to: ForcePoint, distance: number): ForcePoint {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy);
  if (len === 0) return { x: from.x, y: from.y };
  return { x: from.x + (dx / len) * distance, y: from.y + (dy / len) * distance };
}

/** Options of {@link placeNodeLabels}. */
export interface NodeLabelOptions {
  readonly width: number;
  readonly height: number;
  readonly fontSize: number;
  readonly measureLabel?: (text: string) => number;
  /** Only the most involved actors get a placed label; the others are marked invisible. Default 600. */
  readonly maxLabels?: number;
}

/**
 * Places node labels greedily, most involved actors first: each label tries eight positions
 * around its node and takes the first that overlaps no placed label, no other node and stays
 * inside the box; a label with no free position is marked invisible rather than drawn over
 * others. A uniform grid keeps the collision checks near-linear for thousands of nodes.
 *
 * @example
 * ```ts
 * const labels = placeNodeLabels(layout.nodes, { width: 800, height: 600, fontSize: 11 });
 * labels.filter((l) => l.visible).length;
 * ```
 */
export function placeNodeLabels(nodes: readonly ForceNode[], options: NodeLabelOptions): ForceLabel[] {
  return drain(placeNodeLabelSteps(nodes, options));
}

function* placeNodeLabelSteps(nodes: readonly ForceNode[], options: NodeLabelOptions): Steps<ForceLabel[]> {
  const { width, height, fontSize } = options;
  const measure = options.measureLabel ?? ((text: string) => text.length * fontSize * 0.56);
  const h = fontSize * 1.2;
  const cell = Math.max(32, fontSize * 8);
  const grid = new Map<number, Box[]>();
  const cols = Math.ceil(width / cell) + 2;
  const key = (i: number, j: number): number => (j + 1) * cols + (i + 1);
  const cellsOf = (b: Box): number[] => {
    const out: number[] = [];
    for (let i = Math.floor(b.x0 / cell); i <= Math.floor(b.x1 / cell); i++) {
      for (let j = Math.floor(b.y0 / cell); j <= Math.floor(b.y1 / cell); j++) out.push(key(i, j));
    }
    return out;
  };
  const insert = (b: Box): void => {
    for (const k of cellsOf(b)) {
      const list = grid.get(k);
      if (list) list.push(b);
      else grid.set(k, [b]);
    }
  };
  const collides = (b: Box): boolean => {
    for (const k of cellsOf(b)) {
      for (const o of grid.get(k) ?? []) {
        if (o.owner !== b.owner && b.x0 < o.x1 && b.x1 > o.x0 && b.y0 < o.y1 && b.y1 > o.y0) return true;
      }
    }
    return false;
  };
  for (const [i, node] of nodes.entries()) {
    insert({ x0: node.x - node.r, y0: node.y - node.r, x1: node.x + node.r, y1: node.y + node.r, owner: node.id });
    if ((i + 1) % (GRAIN * 4) === 0) yield;
  }

  const order = nodes.map((node, i) => ({ node, i })).sort((a, b) => b.node.involvement - a.node.involvement || a.i - b.i);
  const placed = new Array<ForceLabel>(nodes.length);
  const limit = options.maxLabels ?? 600;
  for (const [rank, { node, i }] of order.entries()) {
    if ((rank + 1) % (rank < limit ? 8 : GRAIN * 4) === 0) yield;
    if (rank >= limit) {
      // Past the limit, labels are left for hover and zoom: placing thousands of them costs
      // time and could not be read anyway. Their boxes use the quick estimate, since exact
      // measuring of thousands of hidden labels is what would cost the time.
      const w = node.label.length * fontSize * 0.56;
      const x = node.x + node.r + 3;
      placed[i] = { id: node.id, text: node.label, x: round(x), y: round(node.y), anchor: 'start', visible: false, box: roundBox({ x0: x, y0: node.y - h / 2, x1: x + w, y1: node.y + h / 2 }) };
      continue;
    }
    const w = measure(node.label);
    const gap = node.r + 3;
    const d = gap * Math.SQRT1_2;
    const candidates: [number, number, ForceLabel['anchor']][] = [
      [node.x + gap, node.y, 'start'],
      [node.x - gap, node.y, 'end'],
      [node.x, node.y + gap + h / 2, 'middle'],
      [node.x, node.y - gap - h / 2, 'middle'],
      [node.x + d, node.y - d - h / 2, 'start'],
      [node.x + d, node.y + d + h / 2, 'start'],
      [node.x - d, node.y - d - h / 2, 'end'],
      [node.x - d, node.y + d + h / 2, 'end'],
    ];
    // Near the left or right edge a long label fits neither beside the node nor centred on it:
    // slide it along above or below the node until it is inside the box (it still spans the
    // node, so it reads as the node's label). Labels never leave the box.
    if (w <= width) {
      const slide = clamp(node.x, w / 2, width - w / 2);
      if (slide !== node.x) candidates.push([slide, node.y + gap + h / 2, 'middle'], [slide, node.y - gap - h / 2, 'middle']);
    }
    let chosen: ForceLabel | undefined;
    for (const [x, y, anchor] of candidates) {
      const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
      const box: Box = { x0, y0: y - h / 2, x1: x0 + w, y1: y + h / 2, owner: `label:${node.id}` };
      if (box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height) continue;
      if (collides({ ...box, owner: node.id }) || collides(box)) continue;
      insert(box);
      chosen = { id: node.id, text: node.label, x: round(x), y: round(y), anchor, visible: true, box: roundBox(box) };
      break;
    }
    if (!chosen) {
      const [x, y, anchor] = candidates[0]!;
      chosen = { id: node.id, text: node.label, x: round(x), y: round(y), anchor, visible: false, box: roundBox({ x0: x, y0: y - h / 2, x1: x + w, y1: y + h / 2 }) };
    }
    placed[i] = chosen;
  }
  return placed;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  owner: string;
}

function roundBox(b: { x0: number; y0: number; x1: number; y1: number }): ForceLabel['box'] {
  return { x0: round(b.x0), y0: round(b.y0), x1: round(b.x1), y1: round(b.y1) };
}

/**
 * Padded, smoothed hulls around each affiliation group with at least two members.
 *
 * @example
 * ```ts
 * groupHulls(layout.nodes).map((h) => h.group); // ['us', 'south-korea', …]
 * ```
 */
export function groupHulls(nodes: readonly ForceNode[], padding = 8): ForceHull[] {
  const groups = new Map<string, ForceNode[]>();
  for (const node of nodes) {
    const list = groups.get(node.group);
    if (list) list.push(node);
    else groups.set(node.group, [node]);
  }
  const smooth = line<[number, number]>().curve(curveCatmullRomClosed.alpha(0.5));
  const hulls: ForceHull[] = [];
  for (const [group, members] of groups) {
    if (members.length < 2) continue;
    const points: [number, number][] = [];
    for (const m of members) {
      for (let k = 0; k < 8; k++) {
        const a = (k * Math.PI) / 4;
        points.push([m.x + Math.cos(a) * (m.r + padding), m.y + Math.sin(a) * (m.r + padding)]);
      }
    }
    const hull = polygonHull(points);
    if (!hull) continue;
    const root = members.find((m) => m.id === group) ?? members[0]!;
    hulls.push({
      group,
      members: members.map((m) => m.id),
      color: root.color,
      path: (smooth(hull.map(([x, y]) => [round(x), round(y)] as [number, number])) ?? '').replace(/(\d+\.\d{2})\d+/g, '$1'),
    });
  }
  return hulls;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function round(v: number, digits = 2): number {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}
