/**
 * Adjacency-matrix layout of a {@link NetworkGraph}: one row and one column per actor, a cell
 * per related pair. Matrices stay readable for dense graphs where node-link drawings turn to
 * hairballs, as long as rows are ordered so that related actors sit together: here by
 * community (seeded label propagation), then within a community by Reverse Cuthill–McKee,
 * which pulls each actor's cells towards the diagonal.
 */
import type { ActorKind } from '../model/types.js';
import type { NetworkGraph } from './network.js';
import { randomSource, shuffled } from './random.js';
import { drain, GRAIN } from './force-slices.js';
import type { Steps } from './force-slices.js';

/** A row/column of the matrix. */
export interface MatrixActor {
  readonly id: string;
  readonly label: string;
  readonly kind: ActorKind;
  readonly color: string;
  /** Position in the order, from 0. */
  readonly index: number;
  /** Community number (0 is the largest community). */
  readonly cluster: number;
  /** Pixel offset of the row (y) and column (x): `offset + index × cellSize`. */
  readonly position: number;
}

/** A cell: the relations from the row actor to the column actor. */
export interface MatrixCell {
  /** Row actor. */
  readonly source: string;
  /** Column actor. */
  readonly target: string;
  readonly row: number;
  readonly col: number;
  readonly x: number;
  readonly y: number;
  /** Total events behind the relations of the cell. */
  readonly weight: number;
  /** 0.15–1, by weight relative to the heaviest cell. */
  readonly opacity: number;
  /** Ids of the relations in the cell. */
  readonly relations: readonly string[];
  /** Ids of the events behind them, without repeats. */
  readonly events: readonly string[];
}

/** A block of consecutive rows forming a community. */
export interface MatrixCluster {
  readonly cluster: number;
  /** First and last index (inclusive). */
  readonly start: number;
  readonly end: number;
}

export interface MatrixLayout {
  readonly actors: readonly MatrixActor[];
  readonly cells: readonly MatrixCell[];
  readonly clusters: readonly MatrixCluster[];
  readonly cellSize: number;
  /** Pixel offset of the first row and column. */
  readonly offset: { readonly x: number; readonly y: number };
  readonly maxWeight: number;
}

/** Options of {@link layoutMatrix}. */
export interface MatrixLayoutOptions {
  /** Side of a cell in pixels. Default 12. */
  readonly cellSize?: number;
  /** Pixel offset of the grid (room for row and column labels). Default 0, 0. */
  readonly offset?: { readonly x: number; readonly y: number };
  /** Row order: communities (default), actor name, or dataset order. */
  readonly order?: 'cluster' | 'name' | 'input';
  /** Seed for the order in which label propagation visits actors. Default 1. */
  readonly seed?: number;
  /** Include affiliation edges as cells. Default false. */
  readonly includeAffiliations?: boolean;
}

const ORDERS = ['cluster', 'name', 'input'] as const;

/**
 * Lays a network out as an adjacency matrix. Directed relations fill the cell (source row,
 * target column); undirected ones fill both cells of the pair.
 *
 * @example
 * ```ts
 * const matrix = layoutMatrix(buildNetwork(dataset), { cellSize: 14, offset: { x: 120, y: 120 } });
 * matrix.cells.map((c) => `${c.source}→${c.target}: ${c.weight}`);
 * ```
 */
export function layoutMatrix(graph: NetworkGraph, options: MatrixLayoutOptions = {}): MatrixLayout {
  const cellSize = options.cellSize ?? 12;
  const offset = options.offset ?? { x: 0, y: 0 };
  const orderBy = options.order ?? 'cluster';
  if (!ORDERS.includes(orderBy)) throw new RangeError(`layoutMatrix: unknown order ${JSON.stringify(orderBy)}; expected one of ${ORDERS.join(', ')}`);
  if (!(cellSize > 0)) throw new RangeError(`layoutMatrix: cellSize must be positive, got ${cellSize}`);

  const n = graph.nodes.length;
  const index = new Map(graph.nodes.map((node, i) => [node.id, i]));
  const adjacency: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const cellMap = new Map<string, { s: number; t: number; weight: number; relations: string[]; events: Set<string> }>();
  const addCell = (s: number, t: number, relation: string, weight: number, events: readonly string[]): void => {
    const key = `${s} ${t}`;
    let cell = cellMap.get(key);
    if (!cell) cellMap.set(key, (cell = { s, t, weight: 0, relations: [], events: new Set() }));
    cell.weight += weight;
    cell.relations.push(relation);
    for (const e of events) cell.events.add(e);
  };
  for (const e of graph.edges) {
    if (e.kind === 'affiliation' && !options.includeAffiliations) continue;
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    addCell(s, t, e.id, e.weight, e.events);
    if (!e.directed) addCell(t, s, e.id, e.weight, e.events);
    adjacency[s]!.set(t, (adjacency[s]!.get(t) ?? 0) + e.weight);
    adjacency[t]!.set(s, (adjacency[t]!.get(s) ?? 0) + e.weight);
  }

  let order: number[];
  let clusterOf: Int32Array;
  if (orderBy === 'cluster') {
    ({ order, clusterOf } = clusterOrder(adjacency, options.seed ?? 1));
  } else {
    order = Array.from({ length: n }, (_, i) => i);
    if (orderBy === 'name') order.sort((a, b) => compare(graph.nodes[a]!.label, graph.nodes[b]!.label) || a - b);
    clusterOf = new Int32Array(n);
  }
  const rank = new Int32Array(n);
  order.forEach((i, k) => (rank[i] = k));

  const actors: MatrixActor[] = order.map((i, k) => {
    const node = graph.nodes[i]!;
    return { id: node.id, label: node.label, kind: node.kind, color: node.color, index: k, cluster: clusterOf[i]!, position: k * cellSize };
  });
  let maxWeight = 1;
  for (const c of cellMap.values()) maxWeight = Math.max(maxWeight, c.weight);
  const cells: MatrixCell[] = [...cellMap.values()]
    .map((c) => {
      const row = rank[c.s]!;
      const col = rank[c.t]!;
      return {
        source: graph.nodes[c.s]!.id,
        target: graph.nodes[c.t]!.id,
        row,
        col,
        x: offset.x + col * cellSize,
        y: offset.y + row * cellSize,
        weight: c.weight,
        opacity: Math.round((0.15 + 0.85 * Math.sqrt(c.weight / maxWeight)) * 1000) / 1000,
        relations: c.relations,
        events: [...c.events],
      };
    })
    .sort((a, b) => a.row - b.row || a.col - b.col);

  const clusters: MatrixCluster[] = [];
  actors.forEach((a, k) => {
    const last = clusters[clusters.length - 1];
    if (last && last.cluster === a.cluster) clusters[clusters.length - 1] = { ...last, end: k };
    else clusters.push({ cluster: a.cluster, start: k, end: k });
  });
  return { actors, cells, clusters, cellSize, offset, maxWeight };
}

/**
 * Communities by Louvain modularity optimisation (visiting actors in a seeded order, so it is
 * deterministic), then each community ordered by Reverse
 * Cuthill–McKee. Communities are numbered by size, largest first. `adjacency[i]` maps each
 * neighbour of node `i` to the weight of their tie. The force layout uses it for its warm start.
 *
 * @example
 * ```ts
 * const { order, clusterOf } = clusterOrder([new Map([[1, 1]]), new Map([[0, 1]]), new Map()], 1);
 * clusterOf[0] === clusterOf[1]; // true
 * ```
 */
export function clusterOrder(adjacency: readonly Map<number, number>[], seed: number): { order: number[]; clusterOf: Int32Array } {
  return drain(clusterOrderSteps(adjacency, seed));
}

/**
 * {@link clusterOrder} as pausable steps, so the force layout's warm start can run in time
 * slices on a browser's main thread. Same result as `clusterOrder`.
 *
 * @example
 * ```ts
 * const { order } = drain(clusterOrderSteps(adjacency, 1));
 * ```
 */
export function* clusterOrderSteps(adjacency: readonly Map<number, number>[], seed: number): Steps<{ order: number[]; clusterOf: Int32Array }> {
  const n = adjacency.length;
  const label = yield* louvain(adjacency, randomSource(seed));
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = members.get(label[i]!);
    if (list) list.push(i);
    else members.set(label[i]!, [i]);
  }
  const groups = [...members.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  const clusterOf = new Int32Array(n);
  const order: number[] = [];
  let done = 0;
  for (const [c, group] of groups.entries()) {
    for (const i of group) clusterOf[i] = c;
    for (const i of yield* reverseCuthillMcKee(group, adjacency)) order.push(i);
    done += group.length;
    if (done >= GRAIN) {
      done = 0;
      yield;
    }
  }
  return { order, clusterOf };
}

/**
 * Louvain community detection: move each node to the neighbouring community with the best
 * modularity gain until nothing moves, then merge communities into nodes and repeat. Returns
 * a community label per node. Plain label propagation tends to flood small, well connected
 * graphs (such as a news story's actors) into a single community; modularity does not.
 */
function* louvain(adjacency: readonly Map<number, number>[], random: () => number): Steps<Int32Array> {
  const n = adjacency.length;
  const result = Int32Array.from({ length: n }, (_, i) => i);
  let graph: Map<number, number>[] = [];
  for (let i = 0; i < n; i++) {
    graph.push(new Map(adjacency[i]!));
    if ((i + 1) % (GRAIN * 4) === 0) yield;
  }
  let k = Float64Array.from(graph, (m) => {
    let d = 0;
    for (const w of m.values()) d += w;
    return d;
  });
  let m2 = 0;
  for (const d of k) m2 += d;
  if (m2 === 0) return result;
  for (let level = 0; level < 10; level++) {
    const size = graph.length;
    const comm = Int32Array.from({ length: size }, (_, i) => i);
    const tot = Float64Array.from(k);
    const visit = shuffled(Array.from({ length: size }, (_, i) => i), random);
    const links = new Map<number, number>();
    let moved = false;
    let visits = 0;
    for (let pass = 0; pass < 20; pass++) {
      let changed = false;
      for (const i of visit) {
        if (++visits % GRAIN === 0) yield;
        const own = comm[i]!;
        links.clear();
        for (const [j, w] of graph[i]!) if (j !== i) links.set(comm[j]!, (links.get(comm[j]!) ?? 0) + w);
        tot[own]! -= k[i]!;
        let best = own;
        let bestGain = (links.get(own) ?? 0) - (tot[own]! * k[i]!) / m2;
        for (const [c, w] of links) {
          const gain = w - (tot[c]! * k[i]!) / m2;
          if (gain > bestGain + 1e-12 || (Math.abs(gain - bestGain) <= 1e-12 && c < best && best !== own)) {
            best = c;
            bestGain = gain;
          }
        }
        tot[best]! += k[i]!;
        if (best !== own) {
          comm[i] = best;
          changed = true;
          moved = true;
        }
      }
      if (!changed) break;
    }
    if (!moved) break;
    // Renumber communities and fold the graph.
    const index = new Map<number, number>();
    for (let i = 0; i < size; i++) if (!index.has(comm[i]!)) index.set(comm[i]!, index.size);
    for (let v = 0; v < n; v++) result[v] = index.get(comm[result[v]!]!)!;
    const next: Map<number, number>[] = Array.from({ length: index.size }, () => new Map());
    const nextK = new Float64Array(index.size);
    for (let i = 0; i < size; i++) {
      if ((i + 1) % (GRAIN * 2) === 0) yield;
      const a = index.get(comm[i]!)!;
      nextK[a]! += k[i]!;
      for (const [j, w] of graph[i]!) {
        const b = index.get(comm[j]!)!;
        if (a !== b) next[a]!.set(b, (next[a]!.get(b) ?? 0) + w);
      }
    }
    if (index.size === size) break;
    graph = next;
    k = nextK;
  }
  return result;
}

function* reverseCuthillMcKee(group: readonly number[], adjacency: readonly Map<number, number>[]): Steps<number[]> {
  const inGroup = new Set(group);
  const degrees = new Map<number, number>();
  for (const i of group) {
    let d = 0;
    for (const j of adjacency[i]!.keys()) if (inGroup.has(j)) d++;
    degrees.set(i, d);
  }
  const degree = (i: number): number => degrees.get(i)!;
  const byDegree = [...group].sort((a, b) => degree(a) - degree(b) || a - b);
  const seen = new Set<number>();
  const out: number[] = [];
  for (const start of byDegree) {
    if (seen.has(start)) continue;
    seen.add(start);
    out.push(start);
    for (let k = out.length - 1; k < out.length; k++) {
      if ((k + 1) % GRAIN === 0) yield;
      const next = [...adjacency[out[k]!]!.keys()].filter((j) => inGroup.has(j) && !seen.has(j)).sort((a, b) => degree(a) - degree(b) || a - b);
      for (const j of next) {
        seen.add(j);
        out.push(j);
      }
    }
  }
  return out.reverse();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
