/**
 * Ego-network layout: one actor in the centre and everyone within a few steps of it on rings
 * by graph distance. Each ring is ordered by the angle of the node's parent on the ring
 * inside, so branches fan out without crossing much.
 */
import type { NetworkGraph } from './network.js';
import { placeNodeLabels, routeEdges } from './force.js';
import type { ForceEdge, ForceLabel, ForceNode } from './force.js';

export interface EgoNode extends ForceNode {
  /** Graph distance from the centre actor (0 for the centre). */
  readonly depth: number;
  /** Angle on the ring in radians (0 is to the right, clockwise on screen). */
  readonly angle: number;
  /** The neighbour on the inner ring this node was reached from; undefined for the centre. */
  readonly parent: string | undefined;
}

export interface EgoLayout {
  readonly width: number;
  readonly height: number;
  readonly center: string;
  readonly cx: number;
  readonly cy: number;
  readonly nodes: readonly EgoNode[];
  readonly edges: readonly ForceEdge[];
  readonly labels: readonly ForceLabel[];
  /** Ring radii by depth (index 0 is depth 1). */
  readonly rings: readonly { readonly depth: number; readonly radius: number }[];
}

/** Options of {@link layoutEgo}. */
export interface EgoLayoutOptions {
  readonly width: number;
  readonly height: number;
  /** Id of the actor in the centre. */
  readonly actor: string;
  /** Largest graph distance shown. Default 2. */
  readonly maxDepth?: number;
  /** Follow affiliation edges too. Default true. */
  readonly includeAffiliations?: boolean;
  readonly labels?: boolean;
  readonly fontSize?: number;
  readonly measureLabel?: (text: string) => number;
}

/**
 * Lays out the neighbourhood of one actor on concentric rings by breadth-first distance.
 *
 * @example
 * ```ts
 * const ego = layoutEgo(buildNetwork(dataset), { width: 600, height: 600, actor: 'north-korea' });
 * ego.nodes.filter((n) => n.depth === 1).map((n) => n.id); // direct partners and opponents
 * ```
 */
export function layoutEgo(graph: NetworkGraph, options: EgoLayoutOptions): EgoLayout {
  const { width, height, actor } = options;
  const maxDepth = options.maxDepth ?? 2;
  if (!(width > 0) || !(height > 0)) throw new RangeError(`layoutEgo: width and height must be positive numbers, got ${width}×${height}`);
  if (!(maxDepth >= 1)) throw new RangeError(`layoutEgo: maxDepth must be at least 1, got ${maxDepth}`);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  if (!byId.has(actor)) throw new RangeError(`layoutEgo: actor ${JSON.stringify(actor)} is not in the network`);

  const neighbours = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    if (e.kind === 'affiliation' && options.includeAffiliations === false) continue;
    if (!neighbours.has(e.source)) neighbours.set(e.source, new Set());
    if (!neighbours.has(e.target)) neighbours.set(e.target, new Set());
    neighbours.get(e.source)!.add(e.target);
    neighbours.get(e.target)!.add(e.source);
  }
  const depth = new Map<string, number>([[actor, 0]]);
  const parent = new Map<string, string>();
  const rings: string[][] = [[actor]];
  for (let d = 1; d <= maxDepth; d++) {
    const ring: string[] = [];
    for (const id of rings[d - 1]!) {
      const next = [...(neighbours.get(id) ?? [])].filter((j) => !depth.has(j)).sort((a, b) => order(byId.get(a)!, byId.get(b)!));
      for (const j of next) {
        depth.set(j, d);
        parent.set(j, id);
        ring.push(j);
      }
    }
    if (ring.length === 0) break;
    rings.push(ring);
  }

  const cx = width / 2;
  const cy = height / 2;
  const outer = Math.min(width, height) / 2 - 40;
  const step = outer / Math.max(1, rings.length - 1);
  const angle = new Map<string, number>([[actor, 0]]);
  const nodeR = (inv: number): number => 3 + 9 * Math.sqrt(inv / graph.maxInvolvement);
  const nodes: EgoNode[] = [];
  const center = byId.get(actor)!;
  nodes.push({ ...positioned(center, cx, cy, nodeR(center.involvement) + 3), depth: 0, angle: 0, parent: undefined });
  rings.slice(1).forEach((ring, k) => {
    const d = k + 1;
    // Order by the parent's angle (inner rings first), keeping each parent's children together.
    const ordered = [...ring].sort((a, b) => angle.get(parent.get(a)!)! - angle.get(parent.get(b)!)! || ring.indexOf(a) - ring.indexOf(b));
    const radius = step * d;
    // Rotate the ring so that, on average, nodes sit at their parents' angles (circular mean).
    let sx = 0;
    let sy = 0;
    ordered.forEach((id, i) => {
      const a = angle.get(parent.get(id)!)! - (2 * Math.PI * i) / ordered.length;
      sx += Math.cos(a);
      sy += Math.sin(a);
    });
    const offset = d === 1 ? -Math.PI / 2 : Math.atan2(sy, sx);
    ordered.forEach((id, i) => {
      const a = offset + (2 * Math.PI * i) / ordered.length;
      angle.set(id, a);
      const node = byId.get(id)!;
      nodes.push({
        ...positioned(node, round(cx + radius * Math.cos(a)), round(cy + radius * Math.sin(a)), nodeR(node.involvement)),
        depth: d,
        angle: round(a, 4),
        parent: parent.get(id),
      });
    });
  });
  const kept = new Set(nodes.map((n) => n.id));
  const sub: NetworkGraph = { ...graph, nodes: graph.nodes.filter((n) => kept.has(n.id)), edges: graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target) && (e.kind === 'relation' || options.includeAffiliations !== false)) };
  const edges = routeEdges(sub, nodes);
  const labels = options.labels === false ? [] : placeNodeLabels(nodes, { width, height, fontSize: options.fontSize ?? 11, ...(options.measureLabel ? { measureLabel: options.measureLabel } : {}) });
  return {
    width,
    height,
    center: actor,
    cx,
    cy,
    nodes,
    edges,
    labels,
    rings: rings.slice(1).map((_, k) => ({ depth: k + 1, radius: round(step * (k + 1)) })),
  };
}

function positioned(node: NetworkGraph['nodes'][number], x: number, y: number, r: number): ForceNode {
  return { id: node.id, label: node.label, kind: node.kind, color: node.color, group: node.group, active: node.active, involvement: node.involvement, x, y, r: round(r), pinned: false };
}

function order(a: NetworkGraph['nodes'][number], b: NetworkGraph['nodes'][number]): number {
  return a.group < b.group ? -1 : a.group > b.group ? 1 : b.involvement - a.involvement || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function round(v: number, digits = 2): number {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}
