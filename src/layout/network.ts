/**
 * The actor network as plain records: who is in it, which relations join them in a time
 * window, and how parallel relations between the same two actors are told apart. Every
 * network layout (force, matrix, arc, ego) starts from a {@link NetworkGraph}.
 */
import type { ActorKind, Dataset, Relation } from '../model/types.js';
import type { TimeWindow } from '../link/state.js';
import { categoricalColors } from '../render/common/palette.js';
import { declaredToRelation, deriveRelationsInSteps } from '../model/relations.js';
import { drain } from './force-slices.js';
import type { Steps } from './force-slices.js';

/** One actor in the network. */
export interface NetworkNode {
  /** The actor id. */
  readonly id: string;
  /** The actor's name (its id when the dataset does not know the actor). */
  readonly label: string;
  readonly kind: ActorKind;
  /** Number of events the actor takes part in within the window (all events when there is no window). */
  readonly involvement: number;
  /** Number of events the actor takes part in overall. */
  readonly totalInvolvement: number;
  /** Whether the actor takes part in at least one event of the window (always true without a window). */
  readonly active: boolean;
  /** The root of the actor's affiliation chain (a state, usually); the actor itself when unaffiliated. */
  readonly group: string;
  /** A CSS colour: the actor's own `color`, otherwise one palette colour per affiliation group. */
  readonly color: string;
  /** Ids and roles of the actors this one is affiliated to, as the dataset states them. */
  readonly affiliations: readonly { readonly actor: string; readonly role?: string }[];
}

/** A line between two actors: a relation from events or declared by the author, or an affiliation. */
export interface NetworkEdge {
  /** Unique within the graph: the relation id, or `affiliation:member→parent`. */
  readonly id: string;
  /** `relation` for event-derived and declared relations, `affiliation` for membership ties. */
  readonly kind: 'relation' | 'affiliation';
  readonly source: string;
  readonly target: string;
  readonly directed: boolean;
  /** `derived`, a declared relation type, or `affiliation`. */
  readonly type: string;
  /** Number of events behind the edge in the window (1 for declared relations and affiliations). */
  readonly weight: number;
  /** Ids of the events behind the edge in the window, in time order. */
  readonly events: readonly string[];
  /** The affiliation role (`official`, `ministry of`…), for affiliation edges. */
  readonly role?: string;
  /** Position of this edge among all edges joining the same two actors (either direction), from 0. */
  readonly parallelIndex: number;
  /** Number of edges joining the same two actors. */
  readonly parallelCount: number;
}

/** The network of a dataset in a time window. */
export interface NetworkGraph {
  /** Nodes in dataset actor order. The node set does not depend on the window, so positions can persist. */
  readonly nodes: readonly NetworkNode[];
  /** Affiliation edges first, then relations in the dataset's relation order. */
  readonly edges: readonly NetworkEdge[];
  readonly window: TimeWindow | null;
  /** Largest relation weight (at least 1), for scaling edge widths. */
  readonly maxWeight: number;
  /** Largest node involvement (at least 1), for scaling node sizes. */
  readonly maxInvolvement: number;
}

/** Options of {@link buildNetwork}. */
export interface BuildNetworkOptions {
  /** Only relations with events in this window (inclusive, epoch ms); `null`/absent: all time. */
  readonly window?: TimeWindow | null;
  /** Add affiliation edges (member → parent). Default `true`. */
  readonly includeAffiliations?: boolean;
  /** Drop relations with fewer events than this in the window. Default 1. */
  readonly minWeight?: number;
}

/**
 * Builds the actor network of a dataset. Nodes are the actors that take part in an event or
 * are joined by a relation or (with affiliations) an affiliation at any time, so the node set
 * stays the same as the window moves; edges are the relations active in the window, weighted
 * by the number of their events inside it.
 *
 * @example
 * ```ts
 * const graph = buildNetwork(dataset, { window: [Date.UTC(2024, 0), Date.UTC(2024, 6)] });
 * graph.edges.filter((e) => e.kind === 'relation').map((e) => `${e.source}→${e.target} ×${e.weight}`);
 * ```
 */
export function buildNetwork(dataset: Dataset, options: BuildNetworkOptions = {}): NetworkGraph {
  return drain(graphSteps(dataset, options, false));
}

/**
 * {@link buildNetwork} as resumable work: a generator that pauses every few hundred actors,
 * events or relations and returns the same graph as `buildNetwork(dataset, options)`. The
 * dataset's relations, when not derived yet, are derived in steps too (exactly as
 * `dataset.relations` would give them, and kept for later graphs of the same dataset), so an
 * interactive view can build the network of 20,000 actors without a long main-thread task.
 * Nothing is written onto the dataset.
 *
 * @example
 * ```ts
 * const graph = await runInSlices(buildNetworkSteps(dataset, { window }), { budgetMs: 8 });
 * ```
 */
export function buildNetworkSteps(dataset: Dataset, options: BuildNetworkOptions = {}): Steps<NetworkGraph> {
  return graphSteps(dataset, options, true);
}

/** Items handled between two pauses of a stepped build. */
const BUILD_GRAIN = 1024;

// Relations derived in steps, per dataset: the dataset's own `relations` getter derives them
// in one go, so a stepped build derives them itself (the same records) and keeps them here for
// every later graph of that dataset.
const steppedRelations = new WeakMap<Dataset, readonly Relation[]>();

/** The dataset's relations (derived and declared): those derived in steps if any, else the dataset's own. */
function relationsOf(dataset: Dataset): readonly Relation[] {
  return steppedRelations.get(dataset) ?? dataset.relations;
}

/** Derives `dataset.relations` in steps (the same records, in the same order) and keeps them. */
function* relationSteps(dataset: Dataset): Steps<readonly Relation[]> {
  const known = steppedRelations.get(dataset);
  if (known) return known;
  const derived = yield* deriveRelationsInSteps(dataset.events, BUILD_GRAIN);
  for (const r of dataset.declaredRelations) derived.push(declaredToRelation(r, dataset.extent));
  const relations = Object.freeze(derived);
  steppedRelations.set(dataset, relations);
  return relations;
}

function* graphSteps(dataset: Dataset, options: BuildNetworkOptions, stepped: boolean): Steps<NetworkGraph> {
  const window = options.window ?? null;
  const includeAffiliations = options.includeAffiliations ?? true;
  const minWeight = options.minWeight ?? 1;
  if (!Number.isFinite(minWeight)) throw new RangeError(`buildNetwork: minWeight must be a finite number, got ${String(minWeight)}`);
  if (window && !(window[0] <= window[1])) throw new RangeError(`buildNetwork: window must be [from, to] with from <= to, got [${window[0]}, ${window[1]}]`);

  // Only a stepped build pauses: a plain one runs these loops without a single yield.
  const grain = stepped ? BUILD_GRAIN : Infinity;
  if (stepped) yield* relationSteps(dataset);
  const base = yield* networkBase(dataset, includeAffiliations, grain);
  const { total, order, groups, colors } = base;
  const inWindow = window ? countInvolvement(dataset.eventsBetween(window[0], window[1])) : total;
  const affiliationEdges = base.affiliations.map((a) => ({ ...a, active: !window || (a.from <= window[1] && a.to >= window[0]) }));

  let maxInvolvement = 1;
  const nodes: NetworkNode[] = new Array<NetworkNode>(order.length);
  for (let i = 0; i < order.length; i++) {
    if (i > 0 && i % grain === 0) yield;
    const id = order[i]!;
    const actor = dataset.actor(id);
    const involvement = inWindow.get(id) ?? 0;
    maxInvolvement = Math.max(maxInvolvement, involvement);
    const group = groups.get(id)!;
    nodes[i] = {
      id,
      label: actor?.name ?? id,
      kind: actor?.kind ?? 'other',
      involvement,
      totalInvolvement: total.get(id) ?? 0,
      active: !window || involvement > 0,
      group,
      color: actor?.color ?? colors.get(group)!,
      affiliations: (actor?.affiliations ?? []).map((a) => (a.role !== undefined ? { actor: a.actor, role: a.role } : { actor: a.actor })),
    };
  }

  type Draft = Omit<NetworkEdge, 'parallelIndex' | 'parallelCount'>;
  const drafts: Draft[] = [];
  const seenAffiliation = new Set<string>();
  for (const a of affiliationEdges) {
    const id = `affiliation:${a.source}→${a.target}`;
    if (!a.active || seenAffiliation.has(id)) continue;
    seenAffiliation.add(id);
    drafts.push({ id, kind: 'affiliation', source: a.source, target: a.target, directed: true, type: 'affiliation', weight: 1, events: [], ...(a.role !== undefined ? { role: a.role } : {}) });
  }
  if (stepped) yield;
  const relations = window ? dataset.relationsIn(window[0], window[1]) : relationsOf(dataset);
  let maxWeight = 1;
  for (let i = 0; i < relations.length; i++) {
    if (i > 0 && i % grain === 0) yield;
    const r = relations[i]!;
    if (r.weight < minWeight || r.source === r.target) continue;
    maxWeight = Math.max(maxWeight, r.weight);
    drafts.push({ id: r.id, kind: 'relation', source: r.source, target: r.target, directed: r.directed, type: r.type, weight: r.weight, events: r.events });
  }

  // Parallel edges are numbered per unordered pair. One key per draft, computed once; spreading
  // drafts into new objects was most of the cost of big graphs.
  const keys = new Array<string>(drafts.length);
  const pairCount = new Map<string, number>();
  for (let i = 0; i < drafts.length; i++) {
    if (i > 0 && i % grain === 0) yield;
    const d = drafts[i]!;
    const key = (keys[i] = pairKey(d.source, d.target));
    pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
  }
  const pairSeen = new Map<string, number>();
  const edges = new Array<NetworkEdge>(drafts.length);
  for (let i = 0; i < drafts.length; i++) {
    if (i > 0 && i % grain === 0) yield;
    const d = drafts[i]!;
    const key = keys[i]!;
    const index = pairSeen.get(key) ?? 0;
    pairSeen.set(key, index + 1);
    const edge: { -readonly [K in keyof NetworkEdge]: NetworkEdge[K] } = {
      id: d.id,
      kind: d.kind,
      source: d.source,
      target: d.target,
      directed: d.directed,
      type: d.type,
      weight: d.weight,
      events: d.events,
      parallelIndex: index,
      parallelCount: pairCount.get(key)!,
    };
    if (d.role !== undefined) edge.role = d.role;
    edges[i] = edge;
  }

  return { nodes, edges, window, maxWeight, maxInvolvement };
}

/** What every laid-out edge (force, arc) repeats of the graph edge it draws. */
export type EdgeFacts = Pick<NetworkEdge, 'id' | 'kind' | 'source' | 'target' | 'directed' | 'type' | 'weight' | 'events' | 'role'>;

/** The facts of a graph edge that layouts carry over into their records. */
export function edgeFacts(e: NetworkEdge): EdgeFacts {
  return {
    id: e.id,
    kind: e.kind,
    source: e.source,
    target: e.target,
    directed: e.directed,
    type: e.type,
    weight: e.weight,
    events: e.events,
    ...(e.role !== undefined && { role: e.role }),
  };
}

/**
 * A key for the unordered pair {a, b}, the same for both directions.
 *
 * @example
 * ```ts
 * pairKey('us', 'kp') === pairKey('kp', 'us'); // true
 * ```
 */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** What a dataset's network is whatever the window: computed once per dataset and kept. */
interface NetworkBase {
  readonly total: ReadonlyMap<string, number>;
  readonly order: readonly string[];
  readonly groups: ReadonlyMap<string, string>;
  readonly colors: ReadonlyMap<string, string>;
  /** Affiliation edges in node order, with the span they hold (open ends as ±Infinity). */
  readonly affiliations: readonly { readonly source: string; readonly target: string; readonly role?: string; readonly from: number; readonly to: number }[];
}

// Datasets are immutable, so the window-independent part of their network is computed once:
// an interactive view rebuilds the graph for every step of a dragged brush.
const bases = new WeakMap<Dataset, Map<boolean, NetworkBase>>();

function* networkBase(dataset: Dataset, includeAffiliations: boolean, grain: number): Steps<NetworkBase> {
  let perDataset = bases.get(dataset);
  const cached = perDataset?.get(includeAffiliations);
  if (cached) return cached;
  const total = yield* countInvolvementSteps(dataset.events, grain);
  // The node set comes from all-time relations so that it does not depend on the window.
  const present = new Set<string>();
  for (const id of total.keys()) present.add(id);
  const relations = relationsOf(dataset);
  for (let i = 0; i < relations.length; i++) {
    if (i > 0 && i % grain === 0) yield;
    const r = relations[i]!;
    present.add(r.source);
    present.add(r.target);
  }

  const affiliations: { source: string; target: string; role?: string; from: number; to: number }[] = [];
  if (includeAffiliations) {
    // Walk upwards from present actors so a state that only appears as a parent still shows.
    const queue = [...present];
    for (let i = 0; i < queue.length; i++) {
      if (i > 0 && i % grain === 0) yield;
      const actor = dataset.actor(queue[i]!);
      if (!actor) continue;
      for (const a of actor.affiliations) {
        if (a.actor === actor.id) continue;
        affiliations.push({ source: actor.id, target: a.actor, ...(a.role !== undefined ? { role: a.role } : {}), from: a.start?.earliest ?? -Infinity, to: a.end?.latest ?? Infinity });
        if (!present.has(a.actor)) {
          present.add(a.actor);
          queue.push(a.actor);
        }
      }
    }
  }

  if (grain !== Infinity) yield;
  const order: string[] = [];
  for (const actor of dataset.actors) if (present.has(actor.id)) order.push(actor.id);
  // Ids referenced but not declared (lenient imports) go last, in a stable order.
  const declared = new Set(order);
  for (const id of [...present].sort()) if (!declared.has(id)) order.push(id);

  if (grain !== Infinity) yield;
  const groups = new Map<string, string>();
  for (let i = 0; i < order.length; i++) {
    if (i > 0 && i % grain === 0) yield;
    groups.set(order[i]!, groupOf(dataset, order[i]!));
  }
  const colors = categoricalColors(order.map((id) => groups.get(id)!));
  if (grain !== Infinity) yield;
  const rank = new Map(order.map((id, i) => [id, i]));
  affiliations.sort((a, b) => rank.get(a.source)! - rank.get(b.source)!);

  const result: NetworkBase = { total, order, groups, colors, affiliations };
  if (!perDataset) bases.set(dataset, (perDataset = new Map()));
  perDataset.set(includeAffiliations, result);
  return result;
}

function countInvolvement(events: Dataset['events']): Map<string, number> {
  return drain(countInvolvementSteps(events, Infinity));
}

function* countInvolvementSteps(events: Dataset['events'], grain: number): Steps<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let k = 0; k < events.length; k++) {
    if (k > 0 && k % grain === 0) yield;
    const ps = events[k]!.participants;
    for (let i = 0; i < ps.length; i++) {
      const actor = ps[i]!.actor;
      // An actor listed twice in one event (two roles) still took part in one event. Events
      // have a handful of participants, so a scan beats a Set per event.
      let again = false;
      for (let j = 0; j < i && !again; j++) again = ps[j]!.actor === actor;
      if (!again) counts.set(actor, (counts.get(actor) ?? 0) + 1);
    }
  }
  return counts;
}

/** Follows first affiliations upwards to the root, guarding against cycles. */
function groupOf(dataset: Dataset, id: string): string {
  let current = id;
  const seen = new Set<string>([id]);
  for (;;) {
    const parent = dataset.actor(current)?.affiliations[0]?.actor;
    if (parent === undefined || seen.has(parent)) return current;
    seen.add(parent);
    current = parent;
  }
}
