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

function cloneGroups(groups: readonly (readonly SlotGroup[])[]): SlotGroup[][] {
  return groups.map((slot) => slot.map((g) => ({ members: [...g.members], event: g.event })));
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
  const groups = cloneGroups(initial);
  const orders = groups.map(flatten);
  let best = { groups: cloneGroups(groups), orders: orders.slice(), crossings: counter.total(orders) };
  if (groups.length < 2 || best.crossings === 0) return best;

  const neighbourPos = new Float64Array(actorCount).fill(-1);
  const currentPos = new Float64Array(actorCount);
  const ref = new Float64Array(actorCount);
  let stale = 0;

  for (let iteration = 0; iteration < maxIterations && stale < 2; iteration++) {
    const forward = iteration % 2 === 0;
    const T = groups.length;
    for (let step = 1; step < T; step++) {
      const t = forward ? step : T - 1 - step;
      const n = forward ? t - 1 : t + 1;
      const nOrder = orders[n]!;
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
      const keyed = slot.map((g) => {
        let known = 0;
        let sumKnown = 0;
        let sumAll = 0;
        let tie = Infinity;
        for (const m of g.members) {
          tie = Math.min(tie, currentPos[m]!);
          sumAll += ref[m]!;
          if (neighbourPos[m]! >= 0) {
            known++;
            sumKnown += ref[m]!;
          }
        }
        g.members.sort((a, b) => ref[a]! - ref[b]! || currentPos[a]! - currentPos[b]!);
        const key = known > 0 ? sumKnown / known : sumAll / g.members.length;
        return { g, key, tie };
      });
      keyed.sort((x, y) => x.key - y.key || x.tie - y.tie);
      for (let i = 0; i < keyed.length; i++) slot[i] = keyed[i]!.g;
      orders[t] = flatten(slot);
      for (let i = 0; i < nOrder.length; i++) neighbourPos[nOrder[i]!] = -1;
    }
    const crossings = counter.total(orders);
    if (crossings < best.crossings) {
      best = { groups: cloneGroups(groups), orders: orders.slice(), crossings };
      stale = 0;
      if (crossings === 0) break;
    } else stale++;
  }
  return best;
}
