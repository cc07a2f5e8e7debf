import type { DeclaredRelation, EntityEvent, Relation } from './types.js';

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
 * instant of any of them, and `events` their ids in dataset order ({@link compareEvents}).
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
  const ordered = sorted ? events : [...events].sort(compareEvents);
  const byId = new Map<string, { pair: Pair; first: number; last: number; events: string[] }>();
  for (const event of ordered) {
    for (const pair of eventPairs(event)) {
      const entry = byId.get(pair.id);
      if (entry === undefined) {
        byId.set(pair.id, { pair, first: event.when.earliest, last: event.when.latest, events: [event.id] });
      } else {
        // The same event id twice in the input must not count twice.
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
