import { IntervalIndex } from './dataset-intervals.js';
import { compareEvents, declaredSpan, declaredToRelation, deriveRelations, undirectedRelationId } from './relations.js';
import type {
  Actor,
  AffiliationNode,
  CoParticipationEdge,
  Dataset,
  DatasetMeta,
  DeclaredRelation,
  EntityEvent,
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
 * Indexes are built once: events by id, by actor and by time (an interval index, so
 * `eventsBetween` is O(log n + k)), relations by unordered pair, and actors' appearances.
 *
 * @example
 * ```ts
 * const dataset = createDataset({ events, actors });
 * dataset.eventsBetween(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 31)).map((e) => e.id);
 * dataset.relationsBetween('russia', 'north-korea'); // both directions
 * ```
 */
export function createDataset(parts: DatasetParts): Dataset {
  const events = Object.freeze(parts.events.map((e) => immutable(e)).sort(compareEvents));
  const actors = Object.freeze(parts.actors.map((a) => immutable(a)));
  const declaredRelations = Object.freeze((parts.declaredRelations ?? []).map((r) => immutable(r)));
  const meta = immutable(parts.meta ?? {});

  const eventById = new Map<string, EntityEvent>();
  for (const event of events) if (!eventById.has(event.id)) eventById.set(event.id, event);
  const actorById = new Map<string, Actor>();
  for (const actor of actors) if (!actorById.has(actor.id)) actorById.set(actor.id, actor);

  let extent: readonly [number, number] | undefined;
  const starts = new Float64Array(events.length);
  const ends = new Float64Array(events.length);
  const byActor = new Map<string, EntityEvent[]>();
  const appearances = new Map<string, { first: number; last: number }>();
  events.forEach((event, i) => {
    starts[i] = event.when.earliest;
    ends[i] = event.when.latest;
    if (extent === undefined) extent = [event.when.earliest, event.when.latest];
    else if (event.when.latest > extent[1]) extent = [extent[0], event.when.latest];
    const seen = new Set<string>();
    for (const { actor } of event.participants) {
      if (seen.has(actor)) continue;
      seen.add(actor);
      const list = byActor.get(actor);
      if (list === undefined) byActor.set(actor, [event]);
      else list.push(event);
      const appearance = appearances.get(actor);
      if (appearance === undefined) appearances.set(actor, { first: event.when.earliest, last: event.when.latest });
      else if (event.when.latest > appearance.last) appearance.last = event.when.latest;
    }
  });
  for (const list of byActor.values()) Object.freeze(list);
  if (extent !== undefined) extent = Object.freeze(extent);
  const timeIndex = new IntervalIndex(starts, ends);

  const relations: readonly Relation[] = Object.freeze([
    ...deriveRelations(events),
    ...declaredRelations.map((r) => declaredToRelation(r, extent)),
  ]);
  const byPair = new Map<string, Relation[]>();
  for (const relation of relations) {
    const key = undirectedRelationId(relation.source, relation.target);
    const list = byPair.get(key);
    if (list === undefined) byPair.set(key, [relation]);
    else list.push(relation);
  }
  for (const list of byPair.values()) Object.freeze(list);

  const eventsBetween = (from: number, to: number): readonly EntityEvent[] =>
    Object.freeze(timeIndex.overlapping(from, to).map((i) => events[i]!));

  let forest: readonly AffiliationNode[] | undefined;
  const empty: readonly never[] = Object.freeze([]);

  const dataset: Dataset = {
    meta,
    events,
    actors,
    relations,
    declaredRelations,
    extent,
    event: (id) => eventById.get(id),
    actor: (id) => actorById.get(id),
    eventsBetween,
    eventsOf: (actorId) => byActor.get(actorId) ?? empty,
    relationsBetween: (a, b) => byPair.get(undirectedRelationId(a, b)) ?? empty,
    relationsIn(from, to) {
      const active = declaredRelations.filter((r) => {
        const [start, end] = declaredSpan(r);
        return start <= to && end >= from;
      });
      return Object.freeze([...deriveRelations(eventsBetween(from, to)), ...active.map((r) => declaredToRelation(r, extent))]);
    },
    coParticipation(from, to) {
      const window = from === undefined && to === undefined ? events : eventsBetween(from ?? -Infinity, to ?? Infinity);
      return coParticipation(window);
    },
    appearance(actorId) {
      const appearance = appearances.get(actorId);
      return appearance === undefined ? undefined : Object.freeze({ first: appearance.first, last: appearance.last });
    },
    affiliationTree() {
      forest ??= affiliationForest(actors, actorById);
      return forest;
    },
  };
  return Object.freeze(dataset);
}

/**
 * Pairs of actors that take part in the same events, whatever their roles, ordered by the two
 * ids. `events` lists the shared events in the order given (dataset order).
 */
function coParticipation(events: readonly EntityEvent[]): readonly CoParticipationEdge[] {
  const edges = new Map<string, { a: string; b: string; events: string[] }>();
  for (const event of events) {
    const actors = [...new Set(event.participants.map((p) => p.actor))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    for (let i = 0; i < actors.length; i++) {
      for (let j = i + 1; j < actors.length; j++) {
        const a = actors[i]!;
        const b = actors[j]!;
        const key = undirectedRelationId(a, b);
        const edge = edges.get(key);
        if (edge === undefined) edges.set(key, { a, b, events: [event.id] });
        else edge.events.push(event.id);
      }
    }
  }
  return Object.freeze(
    [...edges.values()]
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
    const items = value.map((item: unknown) => freezeDeep(item, depth + 1));
    if (Object.isFrozen(value) && items.every((item, i) => item === value[i])) return value;
    return Object.freeze(items);
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
