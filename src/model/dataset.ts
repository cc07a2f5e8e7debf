import { IntervalIndex } from './dataset-intervals.js';
import { drain, GRAIN, type Steps } from './steps.js';
import { compareEvents, declaredSpan, declaredToRelation, deriveSortedRelations, pairKey, undirectedRelationId } from './relations.js';
import type {
  Actor,
  AffiliationNode,
  CoParticipationEdge,
  Dataset,
  DatasetMeta,
  DeclaredRelation,
  EntityEvent,
  Participant,
  Relation,
} from './types.js';

/** The already parsed records a {@link Dataset} is built from. */
export interface DatasetParts {
  readonly meta?: DatasetMeta;
  readonly events: readonly EntityEvent[];
  readonly actors: readonly Actor[];
  readonly declaredRelations?: readonly DeclaredRelation[];
}

/**
 * Builds an immutable, indexed {@link Dataset} from parsed records (use `parseDataset` for
 * JSON). The records are not validated here (no check that participants name known actors,
 * for instance) and never modified: anything not already deeply frozen is copied and frozen.
 *
 * Each index is built once. The time index (an interval index, so `eventsBetween` is
 * O(log n + k)) and the extent are built here; the derived `relations`, the index of
 * relations by unordered pair, events by id, events by actor and actors' appearances are built
 * on first use and kept, so a dataset that is only drawn on a timeline never pays for them.
 * Either way every answer is the same and nothing observable ever changes: `relations` is a
 * getter that returns the same frozen array on every read.
 *
 * @example
 * ```ts
 * const dataset = createDataset({ events, actors });
 * dataset.eventsBetween(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 31)).map((e) => e.id);
 * dataset.relationsBetween('russia', 'north-korea'); // both directions
 * ```
 */
export function createDataset(parts: DatasetParts): Dataset {
  return drain(buildDataset(parts, parts.events.map((e) => immutable(e))));
}

/**
 * {@link createDataset} for events this library has just built and deeply frozen, which need
 * neither a copy nor a walk (internal: importers build 100,000 records and check each as it is
 * made). `parts.events` must be an array nobody else holds; it may be frozen and kept.
 */
export function createDatasetFromRecords(parts: DatasetParts & { readonly events: EntityEvent[] }): Dataset {
  return drain(buildDataset(parts, parts.events));
}

/**
 * {@link createDatasetFromRecords} as steps that pause every few thousand records, for
 * `parseDatasetAsync`. Internal.
 */
export function createDatasetFromRecordsSteps(parts: DatasetParts & { readonly events: EntityEvent[] }): Steps<Dataset> {
  return buildDataset(parts, parts.events);
}

function* buildDataset(parts: DatasetParts, ownEvents: EntityEvent[]): Steps<Dataset> {
  const events = Object.freeze(yield* inDatasetOrder(ownEvents));
  const actorList: Actor[] = [];
  for (let i = 0; i < parts.actors.length; i++) {
    if (i % GRAIN === GRAIN - 1) yield;
    actorList.push(immutable(parts.actors[i]!));
  }
  const actors = Object.freeze(actorList);
  const declaredRelations = Object.freeze((parts.declaredRelations ?? []).map((r) => immutable(r)));
  const meta = immutable(parts.meta ?? {});

  const actorById = new Map<string, Actor>();
  for (const actor of actors) if (!actorById.has(actor.id)) actorById.set(actor.id, actor);

  const starts = new Float64Array(events.length);
  const ends = new Float64Array(events.length);
  let last = -Infinity;
  for (let from = 0; from < events.length; from += RUN) {
    if (from > 0) yield;
    last = readSpans(events, starts, ends, from, Math.min(events.length, from + RUN), last);
  }
  const extent: readonly [number, number] | undefined =
    events.length > 0 ? Object.freeze([events[0]!.when.earliest, last] as const) : undefined;
  const timeIndex = new IntervalIndex(starts, ends);

  // The indexes by event id and by actor are built on first use, like the relations below:
  // an import or a timeline may never ask, and they are a large part of the cost of a big
  // dataset. Either way the answers are the same, and nothing visible ever changes.
  let eventById: Map<string, EntityEvent> | undefined;
  const eventIndex = (): ReadonlyMap<string, EntityEvent> => {
    if (eventById !== undefined) return eventById;
    eventById = new Map<string, EntityEvent>();
    for (const event of events) if (!eventById.has(event.id)) eventById.set(event.id, event);
    return eventById;
  };
  let actorIndex: ActorEvents | undefined;
  const actorEvents = (): ActorEvents => (actorIndex ??= indexByActor(events));

  // Relations are derived on first use: many callers (a timeline, an import) never read them,
  // and for large datasets they cost more than everything else here together.
  let relations: readonly Relation[] | undefined;
  const allRelations = (): readonly Relation[] =>
    (relations ??= Object.freeze([
      ...deriveSortedRelations(events),
      ...declaredRelations.map((r) => declaredToRelation(r, extent)),
    ]));
  let byPair: Map<string, Relation[]> | undefined;
  const pairIndex = (): ReadonlyMap<string, readonly Relation[]> => {
    if (byPair !== undefined) return byPair;
    byPair = new Map<string, Relation[]>();
    for (const relation of allRelations()) {
      const key = undirectedRelationId(relation.source, relation.target);
      const list = byPair.get(key);
      if (list === undefined) byPair.set(key, [relation]);
      else list.push(relation);
    }
    for (const list of byPair.values()) Object.freeze(list);
    return byPair;
  };

  const eventsBetween = (from: number, to: number): readonly EntityEvent[] =>
    Object.freeze(timeIndex.overlapping(from, to).map((i) => events[i]!));

  let forest: readonly AffiliationNode[] | undefined;
  const empty: readonly never[] = Object.freeze([]);

  const dataset: Dataset = {
    meta,
    events,
    actors,
    get relations() {
      return allRelations();
    },
    declaredRelations,
    extent,
    event: (id) => eventIndex().get(id),
    actor: (id) => actorById.get(id),
    eventsBetween,
    eventsOf: (actorId) => actorEvents().byActor.get(actorId) ?? empty,
    relationsBetween: (a, b) => pairIndex().get(undirectedRelationId(a, b)) ?? empty,
    relationsIn(from, to) {
      const active = declaredRelations.filter((r) => {
        const [start, end] = declaredSpan(r);
        return start <= to && end >= from;
      });
      return Object.freeze([...deriveSortedRelations(eventsBetween(from, to)), ...active.map((r) => declaredToRelation(r, extent))]);
    },
    coParticipation(from, to) {
      const window = from === undefined && to === undefined ? events : eventsBetween(from ?? -Infinity, to ?? Infinity);
      return coParticipation(window);
    },
    appearance(actorId) {
      const appearance = actorEvents().appearances.get(actorId);
      return appearance === undefined ? undefined : Object.freeze({ first: appearance.first, last: appearance.last });
    },
    affiliationTree() {
      forest ??= affiliationForest(actors, actorById);
      return forest;
    },
  };
  return Object.freeze(dataset);
}

/** Each actor's events, in dataset order, and the span they cover. */
interface ActorEvents {
  readonly byActor: ReadonlyMap<string, readonly EntityEvent[]>;
  readonly appearances: ReadonlyMap<string, { readonly first: number; readonly last: number }>;
}

function indexByActor(events: readonly EntityEvent[]): ActorEvents {
  const byActor = new Map<string, EntityEvent[]>();
  const appearances = new Map<string, { first: number; last: number }>();
  for (const event of events) {
    const { earliest, latest } = event.when;
    const participants = event.participants;
    // Events have a handful of participants, where a scan beats a Set; a crowd gets a Set.
    const seen = participants.length > 16 ? new Set<string>() : undefined;
    for (let p = 0; p < participants.length; p++) {
      const actor = participants[p]!.actor;
      if (seen === undefined ? listedBefore(participants, p, actor) : seen.has(actor)) continue;
      seen?.add(actor);
      const list = byActor.get(actor);
      if (list === undefined) byActor.set(actor, [event]);
      else list.push(event);
      const appearance = appearances.get(actor);
      if (appearance === undefined) appearances.set(actor, { first: earliest, last: latest });
      else if (latest > appearance.last) appearance.last = latest;
    }
  }
  for (const list of byActor.values()) Object.freeze(list);
  return { byActor, appearances };
}

/** Whether `actor` is also the actor of an earlier participant (an actor counts once per event). */
function listedBefore(participants: readonly Participant[], p: number, actor: string): boolean {
  for (let q = 0; q < p; q++) if (participants[q]!.actor === actor) return true;
  return false;
}

/**
 * The events in dataset order ({@link compareEvents}): the same array when already in order,
 * else a sorted copy, exactly as a stable sort with compareEvents would give.
 *
 * Events cluster on few distinct instants (a day's news), so rather than comparing events
 * n log n times, the distinct `when.earliest` values are sorted as numbers and the events are
 * placed by a counting sort on them (stable); only each run of equal `earliest` is then sorted
 * by `latest` and id. A stable sort by the first key followed by a stable sort of each run by
 * the others is the stable sort by all of them.
 */
/** Events handled between two pauses in the cheap loops of {@link buildDataset} (a few ms). */
const RUN = 16 * GRAIN;

function* inDatasetOrder(events: EntityEvent[]): Steps<EntityEvent[]> {
  // The loops over every event are plain functions called a chunk at a time between pauses:
  // a generator's own loops are not optimized while it runs, a called function's are.
  const n = events.length;
  let sorted = true;
  for (let from = 1; from < n && sorted; from += RUN) {
    if (from > 1) yield;
    sorted = inOrder(events, from, Math.min(n, from + RUN));
  }
  if (sorted) return events;
  const earliest = new Float64Array(n);
  for (let from = 0; from < n; from += RUN) {
    if (from > 0) yield;
    // Hand-built records may hold anything; NaN and friends get compareEvents itself.
    if (!readEarliest(events, earliest, from, Math.min(n, from + RUN))) return [...events].sort(compareEvents);
  }
  // The distinct values, in order; an event's rank is found by binary search among them
  // (numbers compared as numbers: no Map keyed by doubles, which would box each one).
  const all = Float64Array.from(earliest).sort();
  yield;
  let k = 0;
  for (let from = 0; from < n; from += RUN) {
    if (from > 0) yield;
    k = keepDistinct(all, k, from, Math.min(n, from + RUN));
  }
  const distinct = all.subarray(0, k);
  const start = new Int32Array(k + 1); // where each rank's events start in the output
  const ranks = new Int32Array(n);
  for (let from = 0; from < n; from += RUN) {
    yield;
    rank(earliest, distinct, ranks, start, from, Math.min(n, from + RUN));
  }
  for (let r = 1; r <= k; r++) start[r]! += start[r - 1]!;
  const out = place(events, ranks, start.slice(0, k));
  yield;
  let sortedSincePause = 0;
  for (let r = 0; r < k; r++) {
    const length = start[r + 1]! - start[r]!;
    if (length > 1) sortRun(out, start[r]!, start[r + 1]!);
    sortedSincePause += length;
    if (sortedSincePause >= RUN) {
      sortedSincePause = 0;
      yield;
    }
  }
  return out;
}

/**
 * Copies the `when.earliest` and `when.latest` of events[from … to - 1] and returns the
 * greatest latest so far (`last` before them; a plain loop, optimized, unlike a generator's).
 */
function readSpans(events: readonly EntityEvent[], starts: Float64Array, ends: Float64Array, from: number, to: number, last: number): number {
  for (let i = from; i < to; i++) {
    const { earliest, latest } = events[i]!.when;
    starts[i] = earliest;
    ends[i] = latest;
    if (i === 0 || latest > last) last = latest;
  }
  return last;
}

/** Whether events[from - 1 … to - 1] are in dataset order. */
function inOrder(events: readonly EntityEvent[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (compareEvents(events[i - 1]!, events[i]!) > 0) return false;
  return true;
}

/** Copies `when.earliest` of events[from … to - 1]; false when an earliest or latest is not finite. */
function readEarliest(events: readonly EntityEvent[], earliest: Float64Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const { earliest: e, latest: l } = events[i]!.when;
    if (!Number.isFinite(e) || !Number.isFinite(l)) return false;
    earliest[i] = e;
  }
  return true;
}

/** Moves the values of sorted[from … to - 1] that differ from the last kept one to sorted[k …]; the new count. */
function keepDistinct(sorted: Float64Array, k: number, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const value = sorted[i]!;
    // -0 and 0 are one value, as compareEvents sees them.
    if (k === 0 || value !== sorted[k - 1]!) sorted[k++] = value;
  }
  return k;
}

/** The rank of each of earliest[from … to - 1] among `distinct` (sorted), counted into start[rank + 1]. */
function rank(earliest: Float64Array, distinct: Float64Array, ranks: Int32Array, start: Int32Array, from: number, to: number): void {
  const last = distinct.length - 1;
  for (let i = from; i < to; i++) {
    const value = earliest[i]!;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = lo;
    start[lo + 1]!++;
  }
}

/** The events placed by rank, in their order within a rank (`next`: where each rank starts). */
function place(events: readonly EntityEvent[], ranks: Int32Array, next: Int32Array): EntityEvent[] {
  const out = new Array<EntityEvent>(events.length);
  for (let i = 0; i < events.length; i++) out[next[ranks[i]!]!++] = events[i]!;
  return out;
}

/** compareEvents for two events with the same `when.earliest`. */
function byLatestThenId(a: EntityEvent, b: EntityEvent): number {
  return a.when.latest - b.when.latest || (a.id < b.id ? -1 : a.id === b.id ? 0 : 1);
}

function sortRun(events: EntityEvent[], lo: number, hi: number): void {
  // Runs are often in order already (ids written in order): then there is nothing to move.
  let i = lo + 1;
  while (i < hi && byLatestThenId(events[i - 1]!, events[i]!) <= 0) i++;
  if (i === hi) return;
  const run = events.slice(lo, hi).sort(byLatestThenId);
  for (let i = 0; i < run.length; i++) events[lo + i] = run[i]!;
}

/**
 * Pairs of actors that take part in the same events, whatever their roles, ordered by the two
 * ids. `events` lists the shared events in the order given (dataset order).
 */
function coParticipation(events: readonly EntityEvent[]): readonly CoParticipationEdge[] {
  // Actors are numbered as they are met, and a pair is keyed by a number built from the two.
  const numbers = new Map<string, number>();
  const names: string[] = [];
  const edges = new Map<number, { a: string; b: string; events: string[] }>();
  const list: { a: string; b: string; events: string[] }[] = [];
  const present: number[] = [];
  for (const event of events) {
    present.length = 0;
    for (const { actor } of event.participants) {
      let n = numbers.get(actor);
      if (n === undefined) {
        n = names.length;
        numbers.set(actor, n);
        names.push(actor);
      }
      if (!present.includes(n)) present.push(n);
    }
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const x = present[i]!;
        const y = present[j]!;
        const key = pairKey(x, y);
        const edge = edges.get(key);
        if (edge !== undefined) edge.events.push(event.id);
        else {
          const [a, b] = names[x]! < names[y]! ? [names[x]!, names[y]!] : [names[y]!, names[x]!];
          const created = { a, b, events: [event.id] };
          edges.set(key, created);
          list.push(created);
        }
      }
    }
  }
  return Object.freeze(
    list
      .sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0))
      .map((e) => Object.freeze({ a: e.a, b: e.b, weight: e.events.length, events: Object.freeze(e.events) })),
  );
}

/**
 * The affiliation forest. An actor hangs under its first affiliation that names another known
 * actor; the rest are roots. Validation rules out cycles, but records built by hand may have
 * them: every actor is placed exactly once, and an actor only reachable through a cycle becomes
 * a root (the first such actor in input order), so the walk always ends.
 */
function affiliationForest(actors: readonly Actor[], byId: ReadonlyMap<string, Actor>): readonly AffiliationNode[] {
  const children = new Map<string, Actor[]>();
  const roots: Actor[] = [];
  const placed = new Set<string>();
  for (const actor of actors) {
    if (placed.has(actor.id)) continue; // a duplicate id is placed once, as its first record
    placed.add(actor.id);
    const parent = actor.affiliations.find((a) => a.actor !== actor.id && byId.has(a.actor))?.actor;
    if (parent === undefined) roots.push(actor);
    else {
      const list = children.get(parent);
      if (list === undefined) children.set(parent, [actor]);
      else list.push(actor);
    }
  }

  const visited = new Set<string>();
  // Builds a node bottom-up with an explicit stack: children must be frozen before parents.
  const build = (root: Actor): AffiliationNode => {
    const stack: { actor: Actor; kids: Actor[]; built: AffiliationNode[] }[] = [];
    const enter = (actor: Actor): void => {
      visited.add(actor.id);
      const kids = (children.get(actor.id) ?? []).filter((k) => !visited.has(k.id));
      for (const k of kids) visited.add(k.id);
      stack.push({ actor, kids: kids.reverse(), built: [] });
    };
    enter(root);
    let result: AffiliationNode | undefined;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = top.kids.pop();
      if (next !== undefined) {
        enter(next);
        continue;
      }
      stack.pop();
      const node = Object.freeze({ actor: top.actor, children: Object.freeze(top.built) });
      if (stack.length > 0) stack[stack.length - 1]!.built.push(node);
      else result = node;
    }
    return result!;
  };

  const forest: AffiliationNode[] = roots.map(build);
  for (const actor of actors) if (!visited.has(actor.id)) forest.push(build(actor));
  return Object.freeze(forest);
}

/**
 * A deeply frozen version of plain data: values that are already deeply frozen are returned as
 * they are (so records built by `parseDataset` are not copied twice); anything else is copied,
 * so the caller's objects are never frozen or otherwise touched.
 */
function immutable<T>(value: T): T {
  return freezeDeep(value, 0) as T;
}

/** Records built by this library and already deeply frozen, which need no copy. */
const trusted = new WeakSet<object>();

/**
 * Deeply freezes a record this library has just built (in place: nobody else holds it) and
 * remembers it, so {@link createDataset} shares it instead of copying. Internal: never call it
 * on a caller's object.
 */
export function adoptRecord<T extends object>(record: T): T {
  freezeInPlace(record, 0);
  trusted.add(record);
  return record;
}

/**
 * Remembers a record this library has just built and frozen, every part of which was frozen
 * as it was built (so, unlike {@link adoptRecord}, nothing is walked). Internal.
 */
export function adoptFrozen<T extends object>(record: T): T {
  trusted.add(record);
  return record;
}

function freezeInPlace(value: unknown, depth: number): void {
  if (typeof value !== 'object' || value === null || depth > 32) return;
  for (const key of Object.keys(value)) freezeInPlace((value as Record<string, unknown>)[key], depth + 1);
  Object.freeze(value);
}

function freezeDeep(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null || trusted.has(value)) return value;
  // Model records are a few levels deep; past that, share rather than recurse without bound.
  if (depth > 32) return value;
  if (Array.isArray(value)) {
    let same = Object.isFrozen(value);
    // One pass (map keeps holes as holes): copy, and note whether anything had to change.
    const copy = value.map((item: unknown) => {
      const frozen = freezeDeep(item, depth + 1);
      if (frozen !== item) same = false;
      return frozen;
    });
    return same ? value : Object.freeze(copy);
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // not plain data: leave it be
  let same = Object.isFrozen(value);
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
  for (const key of Object.keys(value)) {
    const original = (value as Record<string, unknown>)[key];
    const copy = freezeDeep(original, depth + 1);
    if (copy !== original) same = false;
    // defineProperty, not assignment, for `__proto__`: it must stay an ordinary own property.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return same ? value : Object.freeze(out);
}
