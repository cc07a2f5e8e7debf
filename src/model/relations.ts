import type { DeclaredRelation, EntityEvent, Relation } from './types.js';
import { drain, type Steps } from './steps.js';

/**
 * Orders events as a {@link Dataset} does: by `when.earliest`, then `when.latest`, then id
 * (compared by UTF-16 code units, so the order does not depend on a locale).
 */
export function compareEvents(a: EntityEvent, b: EntityEvent): number {
  return (
    a.when.earliest - b.when.earliest ||
    a.when.latest - b.when.latest ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The pairs one event contributes, as relation ids with their endpoints. */
interface Pair {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly directed: boolean;
}

/** `a→b`: the id of a directed derived relation. */
export function directedRelationId(source: string, target: string): string {
  return `${source}→${target}`;
}

/** `a—b` with the two ids in code-unit order: the id of an undirected derived relation. */
export function undirectedRelationId(a: string, b: string): string {
  return a < b ? `${a}—${b}` : `${b}—${a}`;
}

/**
 * The relations one event implies, each once (see {@link deriveRelations} for the rule).
 * Exported for tests and for importers that want to preview an event's pairs.
 */
export function eventPairs(event: EntityEvent): Pair[] {
  const sources = new Set<string>();
  const targets = new Set<string>();
  const undirected = new Set<string>();
  const everyone = new Set<string>();
  for (const { actor, role } of event.participants) {
    everyone.add(actor);
    if (role === 'source') sources.add(actor);
    else if (role === 'target') targets.add(actor);
    else undirected.add(actor);
  }
  const pairs = new Map<string, Pair>();
  const addUndirected = (a: string, b: string): void => {
    if (a === b) return;
    const id = undirectedRelationId(a, b);
    if (!pairs.has(id)) pairs.set(id, { id, source: a < b ? a : b, target: a < b ? b : a, directed: false });
  };
  if (sources.size > 0 && targets.size > 0) {
    for (const s of sources) {
      for (const t of targets) {
        if (s === t) continue;
        const id = directedRelationId(s, t);
        if (!pairs.has(id)) pairs.set(id, { id, source: s, target: t, directed: true });
      }
    }
    for (const u of undirected) for (const other of everyone) addUndirected(u, other);
  } else {
    // Sources without targets (or the reverse) have no one to act on: the event is read as
    // an undirected gathering rather than dropping those actors' ties.
    const all = [...everyone];
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) addUndirected(all[i]!, all[j]!);
  }
  return [...pairs.values()];
}

/**
 * Derives actor-to-actor relations from events.
 *
 * The rule, per event (an actor listed several times in one event counts once per role):
 * - when the event has at least one `source` **and** at least one `target` participant, every
 *   source relates to every target, directed (`source→target`); every other participant
 *   (role `participant` or a custom role) relates undirected (`a—b`) to every other participant
 *   of the event, sources and targets included. Sources are not related to each other, nor
 *   targets to each other: they acted side by side, which {@link Dataset.coParticipation} shows;
 * - otherwise (no direction in the event, or sources without targets, or targets without
 *   sources) every pair of distinct participants relates undirected.
 *
 * A relation is one record per id (per direction for directed pairs): `weight` is the number of
 * distinct events behind it, `first` the earliest instant of those events, `last` the latest
 * instant of any of them, and `events` their ids in dataset order (by earliest instant, then latest, then id).
 * Relations come out ordered by `first`, then id. Input is not modified.
 *
 * @example
 * ```ts
 * deriveRelations(dataset.events)
 *   .filter((r) => r.directed)
 *   .map((r) => `${r.id} ×${r.weight}`); // ['north-korea→russia ×2', …]
 * ```
 */
export function deriveRelations(events: readonly EntityEvent[]): Relation[] {
  // Datasets pass events already in order; checking is O(n), sorting again is not.
  let sorted = true;
  for (let i = 1; i < events.length && sorted; i++) sorted = compareEvents(events[i - 1]!, events[i]!) <= 0;
  return deriveSortedRelations(sorted ? events : [...events].sort(compareEvents));
}

/**
 * A number for the unordered pair of actor numbers {a, b}, a ≠ b: unique for any two
 * non-negative integers, whatever their count (internal).
 */
export function pairKey(a: number, b: number): number {
  const hi = a > b ? a : b;
  const lo = a > b ? b : a;
  return (hi * (hi - 1)) / 2 + lo;
}

/**
 * A small set of actor numbers, reused from event to event: events have a handful of
 * participants, where scanning a short array beats hashing, and nothing is allocated per event.
 */
class SmallSet {
  readonly items: number[] = [];
  size = 0;

  add(value: number): void {
    for (let i = 0; i < this.size; i++) if (this.items[i] === value) return;
    this.items[this.size++] = value;
  }

  clear(): void {
    this.size = 0;
  }
}

/**
 * Relations while they are accumulated, one column per field (relation `r` is row `r`), so a
 * large dataset makes no object per relation until the finished records. `postings` lists
 * (relation, event position) pairs in event order; each relation's event ids are read from it.
 */
class Accumulator {
  readonly key = new Map<number, number>();
  readonly source: number[] = [];
  readonly target: number[] = [];
  readonly directed: boolean[] = [];
  readonly first: number[] = [];
  readonly last: number[] = [];
  /** The position of the last event counted, so a pair met twice in one event counts once. */
  readonly seen: number[] = [];
  /** How many events each relation has: its weight. */
  readonly weight: number[] = [];
  readonly postings: number[] = [];

  constructor(
    readonly events: readonly EntityEvent[],
    readonly names: readonly string[],
  ) {}

  /** Counts event `position` for the pair (source, target), directed or not. */
  count(position: number, source: number, target: number, directed: boolean): void {
    // Four keys per unordered pair: undirected, and each of the two directions.
    const key = pairKey(source, target) * 4 + (directed ? (source < target ? 1 : 3) : 0);
    const event = this.events[position]!;
    const r = this.key.get(key);
    if (r === undefined) {
      const swap = !directed && this.names[source]! > this.names[target]!;
      this.key.set(key, this.source.length);
      this.postings.push(this.source.length, position);
      this.source.push(swap ? target : source);
      this.target.push(swap ? source : target);
      this.directed.push(directed);
      this.first.push(event.when.earliest);
      this.last.push(event.when.latest);
      this.seen.push(position);
      this.weight.push(1);
      return;
    }
    if (this.seen[r] === position) return;
    // The same event id twice in the input must not count twice (nor be listed twice).
    if (this.events[this.seen[r]!]!.id !== event.id) {
      this.postings.push(r, position);
      this.weight[r]!++;
    }
    this.seen[r] = position;
    if (event.when.latest > this.last[r]!) this.last[r] = event.when.latest;
  }
}

/**
 * {@link deriveRelations} for events already in dataset order (internal: `createDataset` and
 * `relationsIn` know their events are sorted).
 */
export function deriveSortedRelations(events: readonly EntityEvent[]): Relation[] {
  return drain(sortedRelationSteps(events, 1024));
}

/**
 * {@link deriveRelations} as resumable work: a generator that pauses (yields) every `grain`
 * events, relations or sorting runs, and returns exactly the relations `deriveRelations` gives
 * for the same events (same records, same order). A view runs it in time slices so that
 * deriving tens of thousands of relations never blocks the page in one long task; drained
 * without pausing it costs about what `deriveRelations` does.
 *
 * @example
 * ```ts
 * const steps = deriveRelationsInSteps(dataset.events);
 * let next = steps.next();
 * while (!next.done) next = steps.next(); // or pause between steps, e.g. with runInSlices
 * next.value; // the same relations as deriveRelations(dataset.events)
 * ```
 */
export function* deriveRelationsInSteps(events: readonly EntityEvent[], grain = 1024): Steps<Relation[]> {
  const step = Math.max(1, Math.floor(grain));
  let sorted = true;
  for (let i = 1; i < events.length && sorted; i++) {
    sorted = compareEvents(events[i - 1]!, events[i]!) <= 0;
    if (i % (step * 8) === 0) yield;
  }
  if (!sorted) {
    // Sorting cannot pause; datasets (the case this is for) always pass sorted events.
    events = [...events].sort(compareEvents);
    yield;
  }
  return yield* sortedRelationSteps(events, step);
}

/**
 * The work of {@link deriveSortedRelations}, pausing every `step` events or relations. Each
 * chunk runs in a plain function: a generator's own loops are not optimised while it runs.
 *
 * Actors are numbered as they are met and pairs are keyed by a number, so nothing is allocated
 * per event; ids, records and event lists are made once per relation at the end.
 */
function* sortedRelationSteps(events: readonly EntityEvent[], step: number): Steps<Relation[]> {
  const counter = new PairCounter(events);
  for (let from = 0; from < events.length; from += step) {
    if (from > 0) yield;
    counter.countEvents(from, Math.min(events.length, from + step));
  }
  // Numeric keys stand for ids only while no actor id contains a separator: `a—b→c` could be
  // both a directed and an undirected id, and then the pairs are merged by id (unsliced: rare).
  if (counter.separators) return deriveRelationsById(events);
  yield;

  // Each relation's event ids, from the postings, which are in event order.
  const acc = counter.acc;
  const count = acc.source.length;
  const ids: string[][] = new Array<string[]>(count);
  for (let r = 0; r < count; r++) ids[r] = new Array<string>(acc.weight[r]!);
  const filled = new Int32Array(count);
  const postings = acc.postings;
  for (let from = 0; from < postings.length; from += step * 16) {
    if (from > 0) yield;
    fillEventIds(events, postings, ids, filled, from, Math.min(postings.length, from + step * 16));
  }
  const relations: Relation[] = new Array<Relation>(count);
  for (let from = 0; from < count; from += step) {
    yield;
    makeRelations(counter, ids, relations, from, Math.min(count, from + step));
  }
  // Relations were created in event order, so `first` never decreases: only runs with the same
  // `first` still need ordering, by id.
  for (let lo = 0; lo < relations.length; ) {
    yield;
    lo = sortRunsById(relations, lo, step);
  }
  return relations;
}

/** Counts the actor pairs of events, numbering actors as they are met (see sortedRelationSteps). */
class PairCounter {
  readonly numbers = new Map<string, number>();
  readonly names: string[] = [];
  readonly acc: Accumulator;
  /** Whether an actor id contains a relation id's separator (→ or —). */
  separators = false;
  readonly #sources = new SmallSet();
  readonly #targets = new SmallSet();
  readonly #undirected = new SmallSet();
  readonly #everyone = new SmallSet();

  constructor(private readonly events: readonly EntityEvent[]) {
    this.acc = new Accumulator(events, this.names);
  }

  /** Counts the pairs of events[from … to - 1]. */
  countEvents(from: number, to: number): void {
    const { numbers, names, acc } = this;
    const sources = this.#sources;
    const targets = this.#targets;
    const undirected = this.#undirected;
    const everyone = this.#everyone;
    for (let position = from; position < to; position++) {
      sources.clear();
      targets.clear();
      undirected.clear();
      everyone.clear();
      const participants = this.events[position]!.participants;
      // An indexed loop: for…of over a frozen array is much slower in V8.
      for (let k = 0; k < participants.length; k++) {
        const { actor, role } = participants[k]!;
        let n = numbers.get(actor);
        if (n === undefined) {
          n = names.length;
          numbers.set(actor, n);
          names.push(actor);
          if (actor.includes('→') || actor.includes('—')) this.separators = true;
        }
        everyone.add(n);
        if (role === 'source') sources.add(n);
        else if (role === 'target') targets.add(n);
        else undirected.add(n);
      }
      const all = everyone.items;
      if (sources.size > 0 && targets.size > 0) {
        for (let i = 0; i < sources.size; i++) {
          const s = sources.items[i]!;
          for (let j = 0; j < targets.size; j++) {
            const t = targets.items[j]!;
            if (s !== t) acc.count(position, s, t, true);
          }
        }
        for (let i = 0; i < undirected.size; i++) {
          const u = undirected.items[i]!;
          for (let j = 0; j < everyone.size; j++) if (u !== all[j]) acc.count(position, u, all[j]!, false);
        }
      } else {
        // Sources without targets (or the reverse) have no one to act on: the event is read as
        // an undirected gathering rather than dropping those actors' ties.
        for (let i = 0; i < everyone.size; i++) {
          for (let j = i + 1; j < everyone.size; j++) acc.count(position, all[i]!, all[j]!, false);
        }
      }
    }
  }
}

/** Places the event ids of postings[from … to - 1] (relation, position pairs) in their relations' lists. */
function fillEventIds(events: readonly EntityEvent[], postings: readonly number[], ids: string[][], filled: Int32Array, from: number, to: number): void {
  for (let p = from; p < to; p += 2) {
    const r = postings[p]!;
    ids[r]![filled[r]!++] = events[postings[p + 1]!]!.id;
  }
}

/** Builds relations[from … to - 1] from the counted pairs. */
function makeRelations(counter: PairCounter, ids: string[][], relations: Relation[], from: number, to: number): void {
  const { acc, names } = counter;
  for (let r = from; r < to; r++) {
    const a = names[acc.source[r]!]!;
    const b = names[acc.target[r]!]!;
    const directed = acc.directed[r]!;
    relations[r] = Object.freeze({
      id: directed ? `${a}→${b}` : `${a}—${b}`,
      source: a,
      target: b,
      directed,
      type: 'derived',
      weight: acc.weight[r]!,
      first: acc.first[r]!,
      last: acc.last[r]!,
      events: Object.freeze(ids[r]!),
    });
  }
}

/** Sorts by id the runs of relations with equal `first` from `lo` on, about `step` relations; where it stopped. */
function sortRunsById(relations: Relation[], lo: number, step: number): number {
  const stop = Math.min(relations.length, lo + step);
  while (lo < stop) {
    let hi = lo + 1;
    while (hi < relations.length && relations[hi]!.first === relations[lo]!.first) hi++;
    if (hi - lo > 1) sortRunById(relations, lo, hi);
    lo = hi;
  }
  return lo;
}

function byId(a: Relation, b: Relation): number {
  // One ordering comparison: telling unequal strings apart with === is cheap.
  return a.id < b.id ? -1 : a.id === b.id ? 0 : 1;
}

function sortRunById(relations: Relation[], lo: number, hi: number): void {
  const run = relations.slice(lo, hi).sort(byId);
  for (let i = 0; i < run.length; i++) relations[lo + i] = run[i]!;
}

/**
 * The reference implementation, keyed by relation id: used when actor ids contain the
 * separators `→` or `—`, where two different pairs can share an id.
 */
function deriveRelationsById(ordered: readonly EntityEvent[]): Relation[] {
  const byId = new Map<string, { pair: Pair; first: number; last: number; events: string[] }>();
  for (const event of ordered) {
    for (const pair of eventPairs(event)) {
      const entry = byId.get(pair.id);
      if (entry === undefined) {
        byId.set(pair.id, { pair, first: event.when.earliest, last: event.when.latest, events: [event.id] });
      } else {
        if (entry.events[entry.events.length - 1] !== event.id) entry.events.push(event.id);
        if (event.when.latest > entry.last) entry.last = event.when.latest;
      }
    }
  }
  const relations: Relation[] = [];
  for (const { pair, first, last, events: ids } of byId.values()) {
    relations.push(
      Object.freeze({
        id: pair.id,
        source: pair.source,
        target: pair.target,
        directed: pair.directed,
        type: 'derived',
        weight: ids.length,
        first,
        last,
        events: Object.freeze(ids),
      }),
    );
  }
  return relations.sort((a, b) => a.first - b.first || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The time span a declared relation is active in, with open sides as ±Infinity.
 *
 * @example
 * ```ts
 * declaredSpan({ ...relation, start: parseDate('2023'), end: undefined }); // [1672531200000, Infinity]
 * ```
 */
export function declaredSpan(relation: DeclaredRelation): readonly [number, number] {
  return [relation.start?.earliest ?? -Infinity, relation.end?.latest ?? Infinity];
}

/**
 * Turns a declared relation into a {@link Relation} record (`type` = the declared type,
 * `weight` 1, no events). `first`/`last` are its start and end; an open side takes the given
 * extent's side (the dataset's first or last event) so charts can draw it, and falls back to
 * the other side of the relation, or ±Infinity when nothing at all is known.
 *
 * @example
 * ```ts
 * declaredToRelation(declared, dataset.extent).type; // 'alliance'
 * ```
 */
export function declaredToRelation(relation: DeclaredRelation, extent?: readonly [number, number]): Relation {
  const first = relation.start?.earliest ?? extent?.[0] ?? relation.end?.earliest ?? -Infinity;
  const rawLast = relation.end?.latest ?? extent?.[1] ?? relation.start?.latest ?? Infinity;
  return Object.freeze({
    id: relation.id,
    source: relation.source,
    target: relation.target,
    directed: relation.directed,
    type: relation.type,
    weight: 1,
    first,
    last: Math.max(first, rawLast),
    events: Object.freeze([] as string[]),
  });
}
