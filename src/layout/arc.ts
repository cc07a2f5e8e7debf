/**
 * Arc-diagram layout: actors on one line in order of first appearance, relations as arcs.
 * Reading left to right follows the story; a directed relation arcs above the line when it
 * points forward (to an actor who appeared later) and below when it points back, so
 * direction stays readable without relying on arrowheads alone.
 */
import type { ActorKind, Dataset } from '../model/types.js';
import type { EdgeFacts, NetworkGraph } from './network.js';
import { edgeFacts } from './network.js';

export interface ArcNode {
  readonly id: string;
  readonly label: string;
  readonly kind: ActorKind;
  readonly color: string;
  readonly x: number;
  readonly y: number;
  readonly r: number;
  /** First instant the actor appears in an event, or undefined when it never does. */
  readonly first: number | undefined;
  readonly involvement: number;
}

export interface ArcEdge extends EdgeFacts {
  /** SVG path data (an elliptical arc from source to target). */
  readonly path: string;
  /** True when the arc is drawn above the baseline. */
  readonly above: boolean;
  readonly width: number;
  /** Apex of the arc, for a label. */
  readonly labelX: number;
  readonly labelY: number;
}

export interface ArcLayout {
  readonly width: number;
  readonly height: number;
  /** y of the actor line. */
  readonly baseline: number;
  readonly nodes: readonly ArcNode[];
  readonly edges: readonly ArcEdge[];
}

/** Options of {@link layoutArc}. */
export interface ArcLayoutOptions {
  readonly width: number;
  readonly height: number;
  /** Horizontal room kept at both ends. Default 20. */
  readonly margin?: number;
  /** Room below the baseline for actor labels (rotated). Default 100. */
  readonly labelSpace?: number;
  /** Include affiliation edges. Default false. */
  readonly includeAffiliations?: boolean;
}

/**
 * Lays a network out as an arc diagram, actors ordered by `dataset.appearance` (ties and
 * actors that never appear keep the graph's order, after those that do).
 *
 * @example
 * ```ts
 * const arc = layoutArc(buildNetwork(dataset), dataset, { width: 900, height: 400 });
 * arc.nodes.map((n) => n.id); // in order of first appearance
 * ```
 */
export function layoutArc(graph: NetworkGraph, dataset: Dataset, options: ArcLayoutOptions): ArcLayout {
  const { width, height } = options;
  if (!(width > 0) || !(height > 0)) throw new RangeError(`layoutArc: width and height must be positive numbers, got ${width}×${height}`);
  const margin = options.margin ?? 20;
  const labelSpace = Math.min(options.labelSpace ?? 100, height / 3);
  const ordered = graph.nodes
    .map((node, i) => ({ node, i, first: dataset.appearance(node.id)?.first }))
    .sort((a, b) => (a.first ?? Infinity) - (b.first ?? Infinity) || a.i - b.i);
  const n = ordered.length;
  const step = n > 1 ? (width - 2 * margin) / (n - 1) : 0;
  const edges0 = graph.edges.filter((e) => e.kind === 'relation' || options.includeAffiliations);
  const anyBelow = edges0.some((e) => e.directed);
  // Forward arcs use the space above; backward arcs the space below (less, labels live there too).
  const above = height - labelSpace;
  const baseline = anyBelow ? Math.round(above * 0.62) : above - 4;
  const rMax = Math.max(2.5, Math.min(10, step * 0.4));
  const nodes: ArcNode[] = ordered.map(({ node, first }, k) => ({
    id: node.id,
    label: node.label,
    kind: node.kind,
    color: node.color,
    x: round(n > 1 ? margin + k * step : width / 2),
    y: baseline,
    r: round(2 + (rMax - 2) * Math.sqrt(node.involvement / graph.maxInvolvement)),
    first,
    involvement: node.involvement,
  }));
  const at = new Map(nodes.map((node) => [node.id, node]));
  const room = { up: baseline - 8, down: above - baseline - 8 };
  const edges: ArcEdge[] = [];
  for (const e of edges0) {
    const s = at.get(e.source);
    const t = at.get(e.target);
    if (!s || !t || s === t) continue;
    const up = !e.directed || t.x > s.x;
    const half = Math.abs(t.x - s.x) / 2;
    // Parallel arcs of the same side get slightly different heights so they separate.
    const spread = 1 - 0.12 * e.parallelIndex;
    const ry = Math.max(4, Math.min(half, up ? room.up : room.down) * spread);
    const sweep = (t.x > s.x) === up ? 1 : 0;
    const path = `M${s.x},${baseline}A${round(half)},${round(ry)} 0 0,${sweep} ${t.x},${baseline}`;
    edges.push({
      ...edgeFacts(e),
      path,
      above: up,
      width: e.kind === 'affiliation' ? 1 : round(1 + 3 * Math.sqrt(e.weight / graph.maxWeight)),
      labelX: round((s.x + t.x) / 2),
      labelY: round(up ? baseline - ry : baseline + ry),
    });
  }
  return { width, height, baseline, nodes, edges };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
