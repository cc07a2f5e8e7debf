/**
 * Stage (a) of the storyline layout: the vertical order of actors at every slot, chosen to
 * reduce line crossings while every group stays contiguous.
 */
import type { SlotGroup } from './structure.js';

/** Flattens groups into the top-to-bottom actor order of one slot. */
export function flatten(groups: readonly SlotGroup[]): Int32Array {
  let k = 0;
  for (const g of groups) k += g.members.length;
  const order = new Int32Array(k);
  let i = 0;
  for (const g of groups) for (const m of g.members) order[i++] = m;
  return order;
}

/**
 * Scratch buffers shared by the crossing counts of one layout, sized by the number of actors,
 * so counting a slot pair allocates nothing.
 */
export class CrossingCounter {
  private readonly pos: Int32Array;
  private readonly tree: Int32Array;

  constructor(actorCount: number) {
    this.pos = new Int32Array(actorCount).fill(-1);
    this.tree = new Int32Array(actorCount + 1);
  }

  /**
   * Crossings between two consecutive slots: pairs of actors drawn at both whose relative
   * order flips. Counted as inversions with a Fenwick tree, O(k log k).
   */
  between(a: ArrayLike<number>, b: ArrayLike<number>): number {
    const { pos, tree } = this;
    for (let i = 0; i < a.length; i++) pos[a[i]!] = i;
    const size = a.length;
    let seen = 0;
    let inversions = 0;
    for (let j = 0; j < b.length; j++) {
      const p = pos[b[j]!]!;
      if (p < 0) continue;
      // Number of earlier actors (in b) placed below p in a.
      let below = 0;
      for (let x = p + 1; x > 0; x -= x & -x) below += tree[x]!;
      inversions += seen - below;
      for (let x = p + 1; x <= size; x += x & -x) tree[x]!++;
      seen++;
    }
    for (let i = 0; i < a.length; i++) pos[a[i]!] = -1;
    tree.fill(0, 0, size + 1);
    return inversions;
  }

  /** Total crossings of a sequence of slot orders. */
  total(orders: readonly ArrayLike<number>[]): number {
    let sum = 0;
    for (let t = 1; t < orders.length; t++) sum += this.between(orders[t - 1]!, orders[t]!);
    return sum;
  }
}

/** Writes the groups' members, in order, into `order` (which has room for exactly them). */
function flattenInto(groups: readonly SlotGroup[], order: Int32Array): void {
  let i = 0;
  for (const g of groups) for (const m of g.members) order[i++] = m;
}

/**
 * Rebuilds a slot's groups in the order of `order`: groups by the position of their first
 * member, members by position. The sweeps keep only flat orders of the best state, which is
 * cheaper than copying every group each time the best improves.
 */
function groupsInOrder(slot: readonly SlotGroup[], order: Int32Array, pos: Float64Array): SlotGroup[] {
  for (let i = 0; i < order.length; i++) pos[order[i]!] = i;
  const out = slot.map((g) => ({ members: [...g.members].sort((a, b) => pos[a]! - pos[b]!), event: g.event }));
  return out.sort((g, h) => pos[g.members[0]!]! - pos[h.members[0]!]!);
}

/**
 * Barycentric sweeps (as in Sugiyama-style layered drawing, applied to storylines by Tanahashi &
 * Ma and by StoryFlow): forward, each slot's groups are sorted by the mean position their members
 * had at the previous slot, and the members of each group likewise; backward, by the next slot.
 * Actors absent from the neighbouring slot keep their current relative position. The order
 * with the fewest crossings seen is kept; sweeping stops after `maxIterations` sweeps or two
 * sweeps without improvement. Deterministic: every sort breaks ties by the current order.
 */
export function optimiseOrder(
  initial: readonly (readonly SlotGroup[])[],
  actorCount: number,
  maxIterations: number,
): { groups: SlotGroup[][]; orders: Int32Array[]; crossings: number } {
  const counter = new CrossingCounter(actorCount);
  // Working copies: the sweeps reorder groups and members in place.
  const groups = initial.map((slot) => slot.map((g) => ({ members: [...g.members], event: g.event })));
  const orders = groups.map(flatten);
  let bestOrders = orders.map((order) => order.slice());
  let bestCrossings = counter.total(orders);
  const T = groups.length;

  if (T >= 2 && bestCrossings > 0) {
    const neighbourPos = new Float64Array(actorCount).fill(-1);
    const currentPos = new Float64Array(actorCount);
    const ref = new Float64Array(actorCount);
    let maxGroups = 0;
    for (const slot of groups) maxGroups = Math.max(maxGroups, slot.length);
    const keys = new Float64Array(maxGroups);
    const ties = new Float64Array(maxGroups);
    const perm: number[] = [];
    const scratch: SlotGroup[] = [];
    const byRef = (a: number, b: number): number => ref[a]! - ref[b]! || currentPos[a]! - currentPos[b]!;
    const byKey = (x: number, y: number): number => keys[x]! - keys[y]! || ties[x]! - ties[y]!;
    let stale = 0;

    for (let iteration = 0; iteration < maxIterations && stale < 2; iteration++) {
      const forward = iteration % 2 === 0;
      for (let step = 1; step < T; step++) {
        const t = forward ? step : T - 1 - step;
        const nOrder = orders[forward ? t - 1 : t + 1]!;
        const order = orders[t]!;
        for (let i = 0; i < nOrder.length; i++) neighbourPos[nOrder[i]!] = i;
        // Absent actors are placed by their current position, scaled to the neighbour's size.
        const scale = order.length > 1 ? (nOrder.length - 1) / (order.length - 1) : 0;
        for (let i = 0; i < order.length; i++) {
          const a = order[i]!;
          currentPos[a] = i;
          ref[a] = neighbourPos[a]! >= 0 ? neighbourPos[a]! : i * scale;
        }
        const slot = groups[t]!;
        perm.length = slot.length;
        for (let j = 0; j < slot.length; j++) {
          const members = slot[j]!.members;
          let known = 0;
          let sumKnown = 0;
          let sumAll = 0;
          let tie = Infinity;
          for (const m of members) {
            tie = Math.min(tie, currentPos[m]!);
            sumAll += ref[m]!;
            if (neighbourPos[m]! >= 0) {
              known++;
              sumKnown += ref[m]!;
            }
          }
          if (members.length > 1) members.sort(byRef);
          keys[j] = known > 0 ? sumKnown / known : sumAll / members.length;
          ties[j] = tie;
          perm[j] = j;
        }
        perm.sort(byKey);
        scratch.length = slot.length;
        for (let j = 0; j < slot.length; j++) scratch[j] = slot[perm[j]!]!;
        for (let j = 0; j < slot.length; j++) slot[j] = scratch[j]!;
        flattenInto(slot, order);
        for (let i = 0; i < nOrder.length; i++) neighbourPos[nOrder[i]!] = -1;
      }
      const crossings = counter.total(orders);
      if (crossings < bestCrossings) {
        bestCrossings = crossings;
        bestOrders = orders.map((order) => order.slice());
        stale = 0;
        if (crossings === 0) break;
      } else stale++;
    }
  }
  const pos = new Float64Array(actorCount);
  return {
    groups: groups.map((slot, t) => groupsInOrder(slot, bestOrders[t]!, pos)),
    orders: bestOrders,
    crossings: bestCrossings,
  };
}
