/**
 * Stages (b) and (c) of the storyline layout: vertical positions for a fixed order. Groups are
 * rigid (members exactly `lineGap` apart), so an event always reads as one tight bundle.
 *
 * (b) Alignment, slot by slot: a group can keep some of its lines at the height they had at the
 * previous slot by choosing its top accordingly; each choice is a candidate weighted by the
 * number of lines it keeps straight. With c the packed offset of each group, choices for groups
 * i < j are compatible exactly when top_j − c_j ≥ top_i − c_i, so the best set of straight lines
 * is a heaviest non-decreasing subsequence of top − c (O(k log k) per slot with a Fenwick tree
 * of maxima; StoryFlow solves the same alignment with a dynamic programme). The remaining groups
 * keep lines straight where they still fit, and are otherwise packed against their neighbour.
 *
 * (c) Compaction: lines that stay at one height form rigid chains, and chains joined through a
 * group at some slot form rigid bodies. Each pair of neighbouring groups at a slot asks for
 * body(below) ≥ body(above) + gap; the least solution of these constraints (a longest-path
 * problem, solved by relaxation from the top) keeps every alignment and removes the white space
 * the sweep left behind. The aligned heights are always a solution, so they are the fallback.
 */
import type { SlotGroup } from './structure.js';

const EPS = 1e-6;

/** Gap below each position of a slot's order: `lineGap` inside a group, `groupGap` between groups. */
export function slotGaps(groups: readonly SlotGroup[], lineGap: number, groupGap: number): Float64Array {
  let k = 0;
  for (const g of groups) k += g.members.length;
  const gaps = new Float64Array(Math.max(0, k - 1));
  let i = 0;
  for (const g of groups) {
    for (let m = 0; m < g.members.length; m++) {
      if (i < gaps.length) gaps[i] = m < g.members.length - 1 ? lineGap : groupGap;
      i++;
    }
  }
  return gaps;
}

/** Heights packed from 0 with the given gaps, one slot at a time (the unaligned baseline). */
export function packedHeights(orders: readonly Int32Array[], gaps: readonly Float64Array[]): Float64Array[] {
  return orders.map((order, t) => {
    const y = new Float64Array(order.length);
    const g = gaps[t]!;
    for (let i = 1; i < order.length; i++) y[i] = y[i - 1]! + g[i - 1]!;
    return y;
  });
}

interface Candidate {
  readonly group: number;
  /** Top of the group minus its packed offset. */
  readonly q: number;
  readonly weight: number;
}

/** Candidates of one group: distinct tops that keep at least one member straight. */
function groupCandidates(
  group: number,
  from: number,
  to: number,
  order: Int32Array,
  c: Float64Array,
  prevY: Float64Array,
  weight: (actor: number) => number,
): Candidate[] {
  const counts = new Map<number, number>();
  for (let i = from; i < to; i++) {
    const p = prevY[order[i]!]!;
    if (Number.isNaN(p)) continue;
    // top − c[from] = p − (c[i] − c[from]) − c[from]
    const q = Math.round((p - c[i]!) / EPS) * EPS;
    counts.set(q, (counts.get(q) ?? 0) + weight(order[i]!));
  }
  return [...counts].map(([q, weight]) => ({ group, q, weight })).sort((a, b) => b.weight - a.weight || a.q - b.q);
}

/** Heaviest chain of candidates (one per group at most) with non-decreasing q, in group order. */
function heaviestChain(candidates: readonly Candidate[]): Candidate[] {
  if (candidates.length === 0) return [];
  const values = [...new Set(candidates.map((c) => c.q))].sort((a, b) => a - b);
  const rankOf = new Map(values.map((v, i) => [v, i + 1]));
  const treeBest = new Float64Array(values.length + 1);
  const treeArg = new Int32Array(values.length + 1).fill(-1);
  const score = new Float64Array(candidates.length);
  const prev = new Int32Array(candidates.length).fill(-1);
  let g = 0;
  while (g < candidates.length) {
    let h = g;
    while (h < candidates.length && candidates[h]!.group === candidates[g]!.group) h++;
    // Query every candidate of the group before inserting any, so a group is used once.
    for (let j = g; j < h; j++) {
      let best = 0;
      let arg = -1;
      for (let x = rankOf.get(candidates[j]!.q)!; x > 0; x -= x & -x) {
        if (treeBest[x]! > best) {
          best = treeBest[x]!;
          arg = treeArg[x]!;
        }
      }
      score[j] = best + candidates[j]!.weight;
      prev[j] = arg;
    }
    for (let j = g; j < h; j++) {
      for (let x = rankOf.get(candidates[j]!.q)!; x <= values.length; x += x & -x) {
        if (score[j]! > treeBest[x]!) {
          treeBest[x] = score[j]!;
          treeArg[x] = j;
        }
      }
    }
    g = h;
  }
  let end = 0;
  for (let j = 1; j < candidates.length; j++) if (score[j]! > score[end]!) end = j;
  const out: Candidate[] = [];
  for (let j = end; j >= 0; j = prev[j]!) out.push(candidates[j]!);
  return out.reverse();
}

/**
 * Aligned, then compacted heights (from 0) for every slot's order. `y[t][i]` is the height of
 * `orders[t][i]`. `weight(t, a)` is how much keeping actor `a` straight from slot t − 1 to t is
 * worth (default 1): the room held for a label must stay level to be of use.
 */
export function alignedHeights(
  orders: readonly Int32Array[],
  groups: readonly (readonly SlotGroup[])[],
  gaps: readonly Float64Array[],
  actorCount: number,
  weight: (t: number, actor: number) => number = () => 1,
): Float64Array[] {
  const prevY = new Float64Array(actorCount).fill(NaN);
  const ys: Float64Array[] = [];
  for (let t = 0; t < orders.length; t++) {
    const order = orders[t]!;
    const g = gaps[t]!;
    const slotGroups = groups[t]!;
    const k = order.length;
    const m = slotGroups.length;
    const c = new Float64Array(k);
    for (let i = 1; i < k; i++) c[i] = c[i - 1]! + g[i - 1]!;
    const starts = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) starts[j + 1] = starts[j]! + slotGroups[j]!.members.length;

    const perGroup: Candidate[][] = [];
    const all: Candidate[] = [];
    for (let j = 0; j < m; j++) {
      const list = groupCandidates(j, starts[j]!, starts[j + 1]!, order, c, prevY, (a) => weight(t, a));
      perGroup.push(list);
      all.push(...list);
    }
    const chosen = new Float64Array(m).fill(NaN); // q of anchored groups
    for (const cand of heaviestChain(all)) chosen[cand.group] = cand.q;

    // Tops (as q = top − c[start]); unanchored groups are fitted between their neighbours.
    const q = new Float64Array(m);
    let firstAnchor = -1;
    for (let j = 0; j < m; j++) if (!Number.isNaN(chosen[j]!)) {
      firstAnchor = j;
      break;
    }
    const prefer = (j: number, lo: number, hi: number): number => {
      for (const cand of perGroup[j]!) if (cand.q >= lo - EPS && cand.q <= hi + EPS) return cand.q;
      return Number.NaN;
    };
    if (firstAnchor < 0) {
      let lo = -Infinity;
      for (let j = 0; j < m; j++) {
        const p = prefer(j, lo, Infinity);
        q[j] = Number.isNaN(p) ? (lo === -Infinity ? 0 : lo) : p;
        lo = q[j]!;
      }
    } else {
      // Above the first anchor, packed upwards: q never exceeds the next group's q.
      q[firstAnchor] = chosen[firstAnchor]!;
      for (let j = firstAnchor - 1; j >= 0; j--) {
        const hi = q[j + 1]!;
        const p = prefer(j, -Infinity, hi);
        q[j] = Number.isNaN(p) ? hi : p;
      }
      let nextAnchor = firstAnchor;
      for (let j = firstAnchor + 1; j < m; j++) {
        if (!Number.isNaN(chosen[j]!)) {
          q[j] = chosen[j]!;
          continue;
        }
        if (nextAnchor < j) {
          nextAnchor = j + 1;
          while (nextAnchor < m && Number.isNaN(chosen[nextAnchor]!)) nextAnchor++;
        }
        const lo = q[j - 1]!;
        const hi = nextAnchor < m ? chosen[nextAnchor]! : Infinity;
        const p = prefer(j, lo, hi);
        q[j] = Number.isNaN(p) ? lo : p;
      }
    }
    const y = new Float64Array(k);
    for (let j = 0; j < m; j++) for (let i = starts[j]!; i < starts[j + 1]!; i++) y[i] = q[j]! + c[i]!;

    if (t > 0) for (const a of orders[t - 1]!) prevY[a] = NaN;
    for (let i = 0; i < k; i++) prevY[order[i]!] = y[i]!;
    ys.push(y);
  }
  // Long rigid chains can stack bodies far taller than any one slot needs. When the compacted
  // chart is much taller than the tallest packed slot, chains are cut into shorter pieces (each
  // cut may become a wiggle, never a crossing: the order is fixed) until it fits the budget.
  let tallest = 0;
  for (const g of gaps) {
    let sum = 0;
    for (let i = 0; i < g.length; i++) sum += g[i]!;
    tallest = Math.max(tallest, sum);
  }
  let best: Float64Array[] | null = null;
  let bestHeight = Infinity;
  for (const maxChain of CHAIN_LIMITS) {
    const candidate = compact(orders, groups, gaps, ys, actorCount, maxChain);
    const height = extent(candidate);
    if (height < bestHeight - EPS) {
      best = candidate;
      bestHeight = height;
    }
    if (height <= HEIGHT_BUDGET * tallest + EPS) break;
  }
  return best!;
}

/** Chain lengths (in slots) tried in turn when the compacted chart is over budget. */
const CHAIN_LIMITS = [Infinity, 8, 4, 2];
/** The compacted height allowed, as a multiple of the tallest packed slot. */
const HEIGHT_BUDGET = 1.5;

function extent(ys: readonly Float64Array[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const y of ys) {
    for (let i = 0; i < y.length; i++) {
      lo = Math.min(lo, y[i]!);
      hi = Math.max(hi, y[i]!);
    }
  }
  return hi >= lo ? hi - lo : 0;
}

function find(parent: Int32Array, v: number): number {
  let r = v;
  while (parent[r] !== r) r = parent[r]!;
  while (parent[v] !== r) {
    const next = parent[v]!;
    parent[v] = r;
    v = next;
  }
  return r;
}

function compact(
  orders: readonly Int32Array[],
  groups: readonly (readonly SlotGroup[])[],
  gaps: readonly Float64Array[],
  ys: readonly Float64Array[],
  actorCount: number,
  maxChain: number,
): Float64Array[] {
  // Chains: an actor's consecutive points at one height, at most `maxChain` slots long.
  const chainOf: Int32Array[] = [];
  const chainY: number[] = [];
  const chainLength: number[] = [];
  const lastChain = new Int32Array(actorCount).fill(-1);
  const lastY = new Float64Array(actorCount).fill(NaN);
  for (let t = 0; t < orders.length; t++) {
    const order = orders[t]!;
    const y = ys[t]!;
    const ids = new Int32Array(order.length);
    for (let i = 0; i < order.length; i++) {
      const a = order[i]!;
      const last = lastChain[a]!;
      if (last >= 0 && Math.abs(lastY[a]! - y[i]!) < EPS && chainLength[last]! < maxChain) {
        ids[i] = last;
        chainLength[last]!++;
      } else {
        ids[i] = chainY.length;
        chainY.push(y[i]!);
        chainLength.push(1);
      }
    }
    if (t > 0) for (const a of orders[t - 1]!) lastChain[a] = -1;
    for (let i = 0; i < order.length; i++) {
      lastChain[order[i]!] = ids[i]!;
      lastY[order[i]!] = y[i]!;
    }
    chainOf.push(ids);
  }
  // Bodies: chains tied together by sharing a group at some slot.
  const n = chainY.length;
  const parent = Int32Array.from({ length: n }, (_, v) => v);
  chainOf.forEach((ids, t) => {
    let i = 0;
    for (const g of groups[t]!) {
      for (let m = 1; m < g.members.length; m++) {
        const a = find(parent, ids[i + m - 1]!);
        const b = find(parent, ids[i + m]!);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
      i += g.members.length;
    }
  });
  const body = Int32Array.from({ length: n }, (_, v) => find(parent, v));
  // Offset of each chain inside its body, relative to the body's topmost chain.
  const top = new Float64Array(n).fill(Infinity);
  for (let v = 0; v < n; v++) top[body[v]!] = Math.min(top[body[v]!]!, chainY[v]!);
  const offset = Float64Array.from({ length: n }, (_, v) => chainY[v]! - top[body[v]!]!);

  // Constraints between groups: base[to] ≥ base[from] + weight.
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  const order: number[] = [];
  chainOf.forEach((ids, t) => {
    const g = gaps[t]!;
    for (let i = 0; i + 1 < ids.length; i++) {
      const a = ids[i]!;
      const b = ids[i + 1]!;
      if (body[a] === body[b]) continue;
      from.push(body[a]!);
      to.push(body[b]!);
      weight.push(g[i]! + offset[a]! - offset[b]!);
      order.push(chainY[a]!);
    }
  });
  // Relaxing edges from the top down settles most bodies in one round.
  const edges = Int32Array.from({ length: from.length }, (_, e) => e).sort((x, y) => order[x]! - order[y]! || x - y);
  const base = new Float64Array(n);
  const rounds = 64;
  let settled = false;
  for (let round = 0; round < rounds && !settled; round++) {
    settled = true;
    for (const e of edges) {
      const candidate = base[from[e]!]! + weight[e]!;
      if (candidate > base[to[e]!]! + EPS) {
        base[to[e]!] = candidate;
        settled = false;
      }
    }
  }
  if (!settled) {
    // Pathological constraint graphs: keep the aligned heights, which satisfy every constraint.
    let min = Infinity;
    for (const y of ys) for (const v of y) min = Math.min(min, v);
    return ys.map((y) => y.map((v) => v - min));
  }
  return chainOf.map((ids) => {
    const y = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) y[i] = base[body[ids[i]!]!]! + offset[ids[i]!]!;
    return y;
  });
}
