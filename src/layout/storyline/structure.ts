/**
 * The combinatorial skeleton of a storyline: which events share a time slot, which actors are
 * drawn at each slot (their *runs*), and which actors must sit together (the *groups*). Nothing
 * here has a coordinate; ordering and alignment work on this structure with integer actor ids.
 */
import type { AffiliationNode, Dataset, EntityEvent } from '../../model/types.js';
import type { TimeWindow } from '../../link/state.js';

/** A group of actors that must be contiguous at one slot. */
export interface SlotGroup {
  /** Actor indices, in the current order (top to bottom). */
  members: number[];
  /** Index of the event in the slot's `events`, or -1 for a band of actors in no event. */
  readonly event: number;
}

export interface SlotRecord {
  /** Earliest instant of the slot's events. */
  readonly start: number;
  /** Latest instant of the slot's events. */
  readonly end: number;
  readonly events: readonly EntityEvent[];
  /** Participants of each event as actor indices, de-duplicated, in the event's order. */
  readonly eventActors: readonly (readonly number[])[];
}

export interface StoryStructure {
  /** Actor ids by index; indices follow first appearance. */
  readonly actorIds: readonly string[];
  readonly slots: readonly SlotRecord[];
  /** Groups per slot in the initial order (affiliation tree, then first appearance). */
  readonly groups: readonly (readonly SlotGroup[])[];
  /** Maximal runs of slots an actor is drawn across, per actor, as [first, last] slot indices. */
  readonly runs: readonly (readonly (readonly [number, number])[])[];
  /** Initial rank of each actor: affiliation tree order, subtrees by first appearance. */
  readonly rank: Float64Array;
  /** Ids of events left out because none of their participants is drawn. */
  readonly omitted: readonly string[];
  /**
   * Slots held free for each actor's labels, per actor as [first, last] slot indices: the
   * actor takes part in ordering and alignment there, as an undrawn line, so that the room
   * left of each segment's start, where its label goes, is kept clear of other lines.
   */
  readonly reserved: readonly (readonly (readonly [number, number])[])[];
}

/**
 * How many slots before slot `slot` the label of a segment of `actor` starting there needs.
 * Given the actors and slots once they are known.
 */
export type LabelReach = (actorIds: readonly string[], slots: readonly SlotRecord[]) => (actor: number, slot: number) => number;

export interface StructureOptions {
  readonly window: TimeWindow | null;
  readonly actors: readonly string[] | null;
  readonly groupAffiliated: boolean;
  readonly breakGap: number;
  /** Room to hold for labels; absent: none. */
  readonly labelReach?: LabelReach;
}

function compareEvents(a: EntityEvent, b: EntityEvent): number {
  return a.when.earliest - b.when.earliest || a.when.latest - b.when.latest || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Builds the slots, runs and groups of a storyline.
 *
 * A slot is a set of events that share at least one instant and no actor: events are taken in
 * time order and join the latest slot while they overlap every event already in it and bring no
 * actor that is already meeting there; otherwise they open the next slot. So a month-precision
 * event shares a slot with the days of that month it does not conflict with, and two
 * overlapping events of one actor fall into consecutive slots, in time order.
 */
export function buildStructure(dataset: Dataset, options: StructureOptions): StoryStructure {
  const source = options.window ? dataset.eventsBetween(options.window[0], options.window[1]) : dataset.events;
  const events = [...source].sort(compareEvents);
  const allowed = options.actors ? new Set(options.actors) : null;

  const index = new Map<string, number>();
  const actorIds: string[] = [];
  const omitted: string[] = [];
  interface Draft {
    start: number;
    end: number;
    common: number;
    events: EntityEvent[];
    eventActors: number[][];
    busy: Set<number>;
  }
  const drafts: Draft[] = [];
  const appearances: number[][] = [];

  for (const event of events) {
    const members: number[] = [];
    const seen = new Set<string>();
    for (const { actor } of event.participants) {
      if (seen.has(actor) || (allowed && !allowed.has(actor))) continue;
      seen.add(actor);
      let i = index.get(actor);
      if (i === undefined) {
        i = actorIds.length;
        index.set(actor, i);
        actorIds.push(actor);
        appearances.push([]);
      }
      members.push(i);
    }
    if (members.length === 0) {
      omitted.push(event.id);
      continue;
    }
    const last = drafts[drafts.length - 1];
    if (last && event.when.earliest <= last.common && members.every((m) => !last.busy.has(m))) {
      last.events.push(event);
      last.eventActors.push(members);
      for (const m of members) last.busy.add(m);
      last.common = Math.min(last.common, event.when.latest);
      last.end = Math.max(last.end, event.when.latest);
    } else {
      drafts.push({
        start: event.when.earliest,
        end: event.when.latest,
        common: event.when.latest,
        events: [event],
        eventActors: [members],
        busy: new Set(members),
      });
    }
    const slot = drafts.length - 1;
    for (const m of members) appearances[m]!.push(slot);
  }

  const slots: SlotRecord[] = drafts.map((d) => ({ start: d.start, end: d.end, events: d.events, eventActors: d.eventActors }));

  // Runs: an actor is drawn from one appearance to the next unless it is absent from more than
  // `breakGap` slots in between; then its line stops and starts again (and is labelled again).
  const runs = appearances.map((slotsOf) => {
    const out: [number, number][] = [];
    for (const s of slotsOf) {
      const run = out[out.length - 1];
      if (run && s - run[1] - 1 <= options.breakGap) run[1] = s;
      else out.push([s, s]);
    }
    return out;
  });

  const { rank, root } = affiliationRanks(dataset, actorIds, index);

  // Label room: the slots just before a segment starts, never reaching back into the same
  // actor's previous segment (a gap there is longer than breakGap, so it rarely matters).
  const reach = options.labelReach?.(actorIds, slots);
  const reserved = runs.map((list, a) => {
    const out: [number, number][] = [];
    if (!reach) return out;
    list.forEach(([s], r) => {
      const floor = r > 0 ? list[r - 1]![1] + 2 : 0;
      const from = Math.max(floor, s - Math.max(0, Math.floor(reach(a, s))));
      if (from < s) out.push([from, s - 1]);
    });
    return out;
  });

  const active: number[][] = slots.map(() => []);
  runs.forEach((list, a) => {
    for (const [s, e] of list) for (let t = s; t <= e; t++) active[t]!.push(a);
    for (const [s, e] of reserved[a]!) for (let t = s; t <= e; t++) active[t]!.push(a);
  });

  const groups = slots.map((slot, t) => {
    const list: SlotGroup[] = slot.eventActors.map((members, e) => ({ members: [...members], event: e }));
    const meeting = new Set<number>();
    for (const members of slot.eventActors) for (const m of members) meeting.add(m);
    const bands = new Map<number, number[]>();
    for (const a of active[t]!) {
      if (meeting.has(a)) continue;
      if (options.groupAffiliated) {
        const key = root[a]!;
        const band = bands.get(key);
        if (band) band.push(a);
        else {
          const members = [a];
          bands.set(key, members);
          list.push({ members, event: -1 });
        }
      } else list.push({ members: [a], event: -1 });
    }
    return sortGroupsByRank(list, rank);
  });

  return { actorIds, slots, groups, runs, rank, omitted, reserved };
}

/** Sorts members by rank, then groups by their best-ranked member. Mutates and returns `groups`. */
export function sortGroupsByRank(groups: SlotGroup[], rank: ArrayLike<number>): SlotGroup[] {
  for (const g of groups) g.members.sort((a, b) => rank[a]! - rank[b]!);
  return groups.sort((g, h) => rank[g.members[0]!]! - rank[h.members[0]!]!);
}

/**
 * Ranks actors by the affiliation forest (an official right after their ministry, the ministry
 * after its state), ordering roots and siblings by the first appearance of anyone in their
 * subtree; actors unknown to the dataset come last, by first appearance. Also returns each
 * actor's root (as an actor index, or its own index) for affiliation bands.
 */
function affiliationRanks(
  dataset: Dataset,
  actorIds: readonly string[],
  index: ReadonlyMap<string, number>,
): { rank: Float64Array; root: Int32Array } {
  const n = actorIds.length;
  const rank = new Float64Array(n).fill(-1);
  const root = new Int32Array(n).map((_, i) => i);
  const forest = dataset.affiliationTree();
  const first = new Map<AffiliationNode, number>();
  // Iterative post-order so deep affiliation chains cannot overflow the stack.
  const post: AffiliationNode[] = [];
  const stack: AffiliationNode[] = [...forest];
  while (stack.length > 0) {
    const node = stack.pop()!;
    post.push(node);
    for (const child of node.children) stack.push(child);
  }
  for (let i = post.length - 1; i >= 0; i--) {
    const node = post[i]!;
    let min = index.get(node.actor.id) ?? Infinity;
    for (const child of node.children) min = Math.min(min, first.get(child) ?? Infinity);
    first.set(node, min);
  }
  const bySubtree = (a: AffiliationNode, b: AffiliationNode): number => first.get(a)! - first.get(b)!;
  let next = 0;
  // Bands are keyed by the tree a node hangs in (n + its root's position in the forest), so two
  // officials of a state that is itself not drawn still share a band.
  const walk: { node: AffiliationNode; key: number }[] = forest
    .map((node, k) => ({ node, key: n + k }))
    .filter(({ node }) => first.get(node)! < Infinity)
    .sort((a, b) => bySubtree(a.node, b.node))
    .reverse();
  while (walk.length > 0) {
    const { node, key } = walk.pop()!;
    const i = index.get(node.actor.id);
    if (i !== undefined && rank[i]! < 0) {
      rank[i] = next++;
      root[i] = key;
    }
    const kids = node.children.filter((c) => first.get(c)! < Infinity).sort(bySubtree);
    for (let k = kids.length - 1; k >= 0; k--) walk.push({ node: kids[k]!, key });
  }
  for (let i = 0; i < n; i++) if (rank[i]! < 0) rank[i] = next++;
  return { rank, root };
}
