// The validator behind parseDataset: reads untrusted input (already JSON-parsed) record by
// record, keeps every valid record and rejects the others with every reason. See parse.ts for
// the public contract and the lenient-mode rules.
import { isCssColor } from './color.js';
import { adoptFrozen, adoptRecord } from './dataset.js';
import { DateSyntaxError, parseWhen } from './dates.js';
import { drain, GRAIN, type Steps } from './steps.js';
import { safeUrl } from '../render/common/safe-url.js';
import {
  Problems,
  cachedWhen,
  checkKeys,
  checkOrder,
  child,
  closest,
  isBlank,
  isRecord,
  keysOf,
  normalizeName,
  own,
  parseDateAt,
  quote,
  readDate,
  readNumber,
  readString,
  readStrings,
} from './validate-read.js';
import type {
  Actor,
  ActorKind,
  Affiliation,
  DatasetMeta,
  DateValue,
  DeclaredRelation,
  EntityEvent,
  Location,
  Participant,
  Problem,
  Rejected,
  Source,
  When,
} from './types.js';

/** The actor kinds the format allows, in the order messages list them. */
export const ACTOR_KINDS: readonly ActorKind[] = Object.freeze(['person', 'organisation', 'state', 'group', 'other']);

const TOP_KEYS = ['$schema', 'title', 'description', 'sources', 'actors', 'events', 'relations'] as const;
const SOURCE_KEYS = ['url', 'publisher', 'title', 'published', 'confidence'] as const;
const EVENT_KEYS = [
  'id',
  'title',
  'when',
  'description',
  'category',
  'location',
  'participants',
  'tags',
  'sources',
  'reported',
  'attributes',
] as const;
const ACTOR_KEYS = ['id', 'name', 'kind', 'aliases', 'affiliations', 'color', 'description'] as const;
const AFFILIATION_KEYS = ['actor', 'role', 'start', 'end'] as const;
const RELATION_KEYS = ['id', 'source', 'target', 'type', 'directed', 'start', 'end', 'sources'] as const;
const LOCATION_KEYS = ['name', 'lat', 'lon'] as const;
const PARTICIPANT_KEYS = ['actor', 'role'] as const;
const WHEN_KEYS = ['start', 'end'] as const;

/** The empty list every record without tags, sources or participants shares. */
const NO_ITEMS: readonly never[] = Object.freeze([]);

// Shared options of readString, rather than a literal per call.
const REQUIRED = Object.freeze({ required: true, nonEmpty: true });
const NON_EMPTY = Object.freeze({ nonEmpty: true });

/** What the validator found: the records it kept, those it could not keep, and every problem. */
export interface ValidationOutcome {
  readonly meta: DatasetMeta;
  readonly events: readonly EntityEvent[];
  readonly actors: readonly Actor[];
  readonly declaredRelations: readonly DeclaredRelation[];
  readonly rejected: readonly Rejected[];
  readonly problems: readonly Problem[];
}

class Collector {
  readonly problems: Problem[] = [];
  readonly rejected: Rejected[] = [];

  /** Files a record's problems; rejects the record when any of them is an error. */
  file(path: string, record: unknown, problems: Problems): boolean {
    this.problems.push(...problems.list);
    if (problems.errors === 0) return true;
    this.rejected.push(
      Object.freeze({ path, record, problems: Object.freeze(problems.list.filter((p) => p.severity === 'error')) }),
    );
    return false;
  }
}

/** Validates a JSON value as the library's dataset format. Never throws. */
export function validateInput(input: unknown): ValidationOutcome {
  return drain(validationSteps(input));
}

/**
 * {@link validateInput} as steps that pause every {@link GRAIN} records, so that a caller can
 * spread a big input over several tasks (see `parseDatasetAsync`). Run to the end, the outcome
 * is exactly validateInput's. Throws only what a hostile input's getters and traps throw.
 */
export function* validationSteps(input: unknown): Steps<ValidationOutcome> {
  const out = new Collector();
  const empty: ValidationOutcome = {
    meta: {},
    events: [],
    actors: [],
    declaredRelations: [],
    rejected: out.rejected,
    problems: out.problems,
  };
  if (!isRecord(input)) {
    const got = input === null ? 'null' : Array.isArray(input) ? 'an array' : `a ${typeof input}`;
    out.problems.push(problem('$', `must be an object with an "events" array, not ${got}`));
    return empty;
  }

  const top = new Problems();
  checkKeys(input, TOP_KEYS, '', top);
  readString(input, '$schema', '', top);
  const title = readString(input, 'title', '', top);
  const description = readString(input, 'description', '', top);
  const metaSources = readSourceList(input, '', top, out);
  const rawActors = readArray(input, 'actors', top, false);
  const rawEvents = readArray(input, 'events', top, true);
  const rawRelations = readArray(input, 'relations', top, false);
  out.problems.push(...top.list);

  const meta: DatasetMeta = Object.freeze({
    ...(title !== undefined && { title }),
    ...(description !== undefined && { description }),
    ...(metaSources !== undefined && { sources: metaSources }),
  });

  const actors = yield* readActors(rawActors, out);
  const actorIndex = new ActorIndex(actors.kept, actors.rejectedIds);
  const events = yield* readEvents(rawEvents, actorIndex, out);
  const declaredRelations = yield* readRelations(rawRelations, actorIndex, out);
  return {
    meta,
    events,
    actors: actors.kept,
    declaredRelations,
    rejected: out.rejected,
    problems: out.problems,
  };
}

function problem(path: string, message: string): Problem {
  return Object.freeze({ path, message, severity: 'error' });
}

function readArray(input: object, key: string, problems: Problems, required: boolean): readonly unknown[] {
  const value = own(input, key);
  if (value === undefined) {
    if (required) problems.error(key, 'is required');
    return [];
  }
  if (!Array.isArray(value)) {
    problems.error(key, 'must be an array');
    return [];
  }
  return value;
}

// ---------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------

function readSource(value: unknown, path: string, problems: Problems): Source | undefined {
  if (!isRecord(value)) {
    problems.error(path, 'must be an object');
    return undefined;
  }
  const before = problems.errors;
  checkKeys(value, SOURCE_KEYS, path, problems);
  const rawUrl = own(value, 'url');
  let url: string | undefined;
  if (rawUrl !== undefined) {
    url = safeUrl(rawUrl);
    if (url === undefined) problems.error(child(path, 'url'), 'must be an http, https or mailto URL');
  }
  const publisher = readString(value, 'publisher', path, problems);
  const title = readString(value, 'title', path, problems);
  const published = readDate(value, 'published', path, problems);
  const confidence = readNumber(value, 'confidence', path, problems, [0, 1]);
  if (problems.errors > before) return undefined;
  // Assigned key by key (spreading conditional objects is slow): absent keys stay absent.
  const source: { -readonly [K in keyof Source]: Source[K] } = {};
  if (url !== undefined) source.url = url;
  if (publisher !== undefined) source.publisher = publisher;
  if (title !== undefined) source.title = title;
  if (published !== undefined) source.published = published;
  if (confidence !== undefined) source.confidence = confidence;
  return Object.freeze(source);
}

/** A record's sources; every bad source is an error of that record. */
function readSources(record: object, path: string, problems: Problems): readonly Source[] | undefined {
  const value = own(record, 'sources');
  if (value === undefined) return NO_ITEMS;
  const at = child(path, 'sources');
  if (!Array.isArray(value)) {
    problems.error(at, 'must be an array');
    return undefined;
  }
  const sources: Source[] = [];
  for (let i = 0; i < value.length; i++) {
    const source = readSource(value[i], `${at}[${i}]`, problems);
    if (source !== undefined) sources.push(source);
  }
  return Object.freeze(sources);
}

/** The dataset's own sources: a bad one is rejected on its own and the rest kept. */
function readSourceList(input: object, path: string, problems: Problems, out: Collector): readonly Source[] | undefined {
  const value = own(input, 'sources');
  if (value === undefined) return undefined;
  const at = child(path, 'sources');
  if (!Array.isArray(value)) {
    problems.error(at, 'must be an array');
    return undefined;
  }
  const sources: Source[] = [];
  value.forEach((item: unknown, i) => {
    const local = new Problems();
    const source = readSource(item, child(at, i), local);
    if (out.file(child(at, i), item, local) && source !== undefined) sources.push(source);
  });
  return Object.freeze(sources);
}

// ---------------------------------------------------------------------------
// Actors
// ---------------------------------------------------------------------------

interface PendingAffiliation {
  readonly path: string;
  readonly raw: unknown;
  readonly value: Affiliation;
}

interface PendingActor {
  readonly path: string;
  readonly id: string;
  readonly name: string;
  readonly kind: ActorKind;
  aliases: string[];
  readonly color?: string;
  readonly description?: string;
  readonly affiliations: PendingAffiliation[];
}

function* readActors(raw: readonly unknown[], out: Collector): Steps<{ kept: Actor[]; rejectedIds: Map<string, string> }> {
  const firstPath = new Map<string, string>();
  const rejectedIds = new Map<string, string>();
  const pending: PendingActor[] = [];

  for (let i = 0; i < raw.length; i++) {
    if (i % GRAIN === GRAIN - 1) yield;
    const value = raw[i];
    const path = `actors[${i}]`;
    const problems = new Problems();
    const actor = readActor(value, path, problems, out);
    if (actor !== undefined) {
      const first = firstPath.get(actor.id);
      if (first !== undefined) problems.error(child(path, 'id'), `duplicate id ${quote(actor.id)} (first used at ${first})`);
      else firstPath.set(actor.id, path);
    }
    const id = isRecord(value) ? own(value, 'id') : undefined;
    if (out.file(path, value, problems) && actor !== undefined) pending.push(actor);
    else if (typeof id === 'string' && !rejectedIds.has(id)) rejectedIds.set(id, path);
  }

  yield* checkAliases(pending, out);
  const known = new Map(pending.map((a) => [a.id, a]));
  const accepted = new Map<string, string[]>(); // actor id → affiliated actor ids, for cycles

  const kept: Actor[] = [];
  for (let i = 0; i < pending.length; i++) {
    if (i % GRAIN === GRAIN - 1) yield;
    const actor = pending[i]!;
    const affiliations: Affiliation[] = [];
    for (const affiliation of actor.affiliations) {
      const problems = new Problems();
      const at = child(affiliation.path, 'actor');
      const target = affiliation.value.actor;
      if (target === actor.id) problems.error(at, 'an actor cannot be affiliated with itself');
      else if (!known.has(target)) problems.error(at, unknownActorMessage(target, known.keys(), rejectedIds, pending));
      else {
        const cycle = findPath(accepted, target, actor.id);
        if (cycle !== undefined) {
          problems.error(affiliation.path, `affiliation cycle: ${[actor.id, ...cycle].join(' → ')}`);
        }
      }
      if (out.file(affiliation.path, affiliation.raw, problems)) {
        affiliations.push(affiliation.value);
        const list = accepted.get(actor.id);
        if (list === undefined) accepted.set(actor.id, [target]);
        else list.push(target);
      }
    }
    kept.push(
      adoptRecord({
        id: actor.id,
        name: actor.name,
        kind: actor.kind,
        aliases: Object.freeze(actor.aliases),
        affiliations: Object.freeze(affiliations),
        ...(actor.color !== undefined && { color: actor.color }),
        ...(actor.description !== undefined && { description: actor.description }),
      }),
    );
  }
  return { kept, rejectedIds };
}

function readActor(value: unknown, path: string, problems: Problems, out: Collector): PendingActor | undefined {
  if (!isRecord(value)) {
    problems.error(path, 'must be an object');
    return undefined;
  }
  checkKeys(value, ACTOR_KEYS, path, problems);
  const id = readString(value, 'id', path, problems, REQUIRED);
  const name = readString(value, 'name', path, problems, REQUIRED);
  const rawKind = own(value, 'kind');
  let kind: ActorKind = 'other';
  if (rawKind !== undefined) {
    if (typeof rawKind === 'string' && (ACTOR_KINDS as readonly string[]).includes(rawKind)) kind = rawKind as ActorKind;
    else {
      const hint = typeof rawKind === 'string' ? closest(rawKind, ACTOR_KINDS) : undefined;
      problems.error(
        child(path, 'kind'),
        `must be one of ${ACTOR_KINDS.map((k) => `"${k}"`).join(', ')}${hint === undefined ? '' : ` (did you mean "${hint}"?)`}`,
      );
    }
  }
  const aliases = readStrings(value, 'aliases', path, problems, true) ?? [];
  let color = readString(value, 'color', path, problems, NON_EMPTY);
  if (color !== undefined && !isCssColor(color.trim())) {
    // A display setting is not worth losing the actor (and every event naming it) over.
    problems.warning(child(path, 'color'), `${JSON.stringify(color.length > 60 ? `${color.slice(0, 60)}…` : color)} is not a CSS colour; the palette's colour is used`);
    color = undefined;
  } else if (color !== undefined) color = color.trim();
  const description = readString(value, 'description', path, problems);

  const affiliations: PendingAffiliation[] = [];
  const rawAffiliations = own(value, 'affiliations');
  if (rawAffiliations !== undefined && !Array.isArray(rawAffiliations)) {
    problems.error(child(path, 'affiliations'), 'must be an array');
  } else if (Array.isArray(rawAffiliations)) {
    const actorErrors = problems.errors;
    rawAffiliations.forEach((raw: unknown, j) => {
      const at = child(child(path, 'affiliations'), j);
      const local = new Problems();
      const affiliation = readAffiliation(raw, at, local);
      // A rejected actor takes its affiliations' problems with it; a kept actor only loses the
      // malformed affiliation (see parseDataset).
      if (actorErrors > 0) problems.list.push(...local.list);
      else if (out.file(at, raw, local) && affiliation !== undefined) affiliations.push({ path: at, raw, value: affiliation });
    });
  }
  if (problems.errors > 0 || id === undefined || name === undefined) return undefined;
  return {
    path,
    id,
    name,
    kind,
    aliases,
    affiliations,
    ...(color !== undefined && { color }),
    ...(description !== undefined && { description }),
  };
}

function readAffiliation(value: unknown, path: string, problems: Problems): Affiliation | undefined {
  if (!isRecord(value)) {
    problems.error(path, 'must be an object');
    return undefined;
  }
  checkKeys(value, AFFILIATION_KEYS, path, problems);
  const actor = readString(value, 'actor', path, problems, REQUIRED);
  const role = readString(value, 'role', path, problems, NON_EMPTY);
  const start = readDate(value, 'start', path, problems);
  const end = readDate(value, 'end', path, problems);
  checkOrder(start, end, child(path, 'end'), problems);
  if (problems.errors > 0 || actor === undefined) return undefined;
  return Object.freeze({
    actor,
    ...(role !== undefined && { role }),
    ...(start !== undefined && { start }),
    ...(end !== undefined && { end }),
  });
}

/**
 * Aliases exist to match names in other data to actors, so an alias that is also another
 * actor's id, name or alias makes that matching ambiguous. Ids and names win over aliases;
 * between two aliases, the later actor's is dropped.
 */
function* checkAliases(actors: PendingActor[], out: Collector): Steps {
  const owners = new Map<string, { actor: string; what: string }>();
  const claim = (text: string, actor: string, what: string): void => {
    const key = normalizeName(text);
    if (!owners.has(key)) owners.set(key, { actor, what });
  };
  for (let i = 0; i < actors.length; i++) {
    if (i % GRAIN === GRAIN - 1) yield;
    claim(actors[i]!.id, actors[i]!.id, 'id');
    claim(actors[i]!.name, actors[i]!.id, 'name');
  }
  for (let i = 0; i < actors.length; i++) {
    if (i % GRAIN === GRAIN - 1) yield;
    const actor = actors[i]!;
    const keep: string[] = [];
    actor.aliases.forEach((alias, j) => {
      const owner = owners.get(normalizeName(alias));
      if (owner !== undefined && owner.actor !== actor.id) {
        out.problems.push(
          problem(
            `${actor.path}.aliases[${j}]`,
            `alias ${quote(alias)} of actor ${quote(actor.id)} is also the ${owner.what} of actor ${quote(owner.actor)}`,
          ),
        );
        return;
      }
      claim(alias, actor.id, 'alias');
      keep.push(alias);
    });
    actor.aliases = keep;
  }
}

/** A path `from → … → to` along accepted affiliations, or undefined. Iterative and bounded. */
function findPath(graph: ReadonlyMap<string, readonly string[]>, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    if (node === to) {
      const path: string[] = [];
      for (let at: string | null | undefined = node; at != null; at = previous.get(at)) path.push(at);
      return path.reverse();
    }
    for (const next of graph.get(node) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// References
// ---------------------------------------------------------------------------

/** The participant records of one actor, made on first use and shared by every event. */
interface ActorEntry {
  participant?: Participant;
  source?: Participant;
  target?: Participant;
  other?: Map<string, Participant>;
}

class ActorIndex {
  readonly ids: ReadonlyMap<string, ActorEntry>;
  constructor(
    readonly actors: readonly Actor[],
    readonly rejectedIds: ReadonlyMap<string, string>,
  ) {
    this.ids = new Map(actors.map((a) => [a.id, {}]));
  }

  /** An error message when `id` names no kept actor, else undefined. */
  check(id: string): string | undefined {
    return this.ids.has(id) ? undefined : unknownActorMessage(id, this.ids.keys(), this.rejectedIds, this.actors);
  }

  /**
   * The frozen `{ actor, role }` record when `actor` is a kept actor's id, else undefined.
   * Equal records are shared between events (they are immutable), so a large import makes one
   * per actor and role rather than one per participant.
   */
  participant(actor: string, role: string): Participant | undefined {
    const entry = this.ids.get(actor);
    if (entry === undefined) return undefined;
    if (role === 'participant') return (entry.participant ??= frozenParticipant(actor, 'participant'));
    if (role === 'source') return (entry.source ??= frozenParticipant(actor, 'source'));
    if (role === 'target') return (entry.target ??= frozenParticipant(actor, 'target'));
    entry.other ??= new Map();
    let record = entry.other.get(role);
    if (record === undefined) entry.other.set(role, (record = frozenParticipant(actor, role)));
    return record;
  }
}

function frozenParticipant(actor: string, role: string): Participant {
  return Object.freeze({ actor, role });
}

function unknownActorMessage(
  id: string,
  known: Iterable<string>,
  rejectedIds: ReadonlyMap<string, string>,
  actors: readonly { id: string; name: string; aliases: readonly string[] }[],
): string {
  const rejectedAt = rejectedIds.get(id);
  if (rejectedAt !== undefined) return `actor ${quote(id)} was rejected (see ${rejectedAt})`;
  const key = normalizeName(id);
  const byName = actors.find((a) => normalizeName(a.name) === key || a.aliases.some((alias) => normalizeName(alias) === key));
  if (byName !== undefined) return `unknown actor ${quote(id)} (use the id ${quote(byName.id)}, which has that name or alias)`;
  const hint = closest(id, known);
  return `unknown actor ${quote(id)}${hint === undefined ? '' : ` (did you mean ${quote(hint)}?)`}`;
}

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

function* readEvents(raw: readonly unknown[], actors: ActorIndex, out: Collector): Steps<EntityEvent[]> {
  const firstIndex = new Map<string, number>();
  const kept: EntityEvent[] = [];
  // One Problems for every event: the collector copies what it keeps.
  const problems = new Problems();
  // A plain function reads each chunk: a generator's own loops are not optimised while it runs.
  for (let from = 0; from < raw.length; from += GRAIN) {
    if (from > 0) yield;
    readEventRange(raw, from, Math.min(raw.length, from + GRAIN), actors, out, firstIndex, kept, problems);
  }
  return kept;
}

/** Reads raw[from … to - 1] as events, for {@link readEvents}. */
function readEventRange(
  raw: readonly unknown[],
  from: number,
  to: number,
  actors: ActorIndex,
  out: Collector,
  firstIndex: Map<string, number>,
  kept: EntityEvent[],
  problems: Problems,
): void {
  for (let i = from; i < to; i++) {
    const value = raw[i];
    const path = `events[${i}]`;
    problems.clear();
    const event = readEvent(value, path, problems, actors);
    const id = event !== undefined ? event.id : isRecord(value) ? own(value, 'id') : undefined;
    if (typeof id === 'string' && !isBlank(id)) {
      const first = firstIndex.get(id);
      if (first !== undefined) problems.error(child(path, 'id'), `duplicate id ${quote(id)} (first used at events[${first}])`);
      else firstIndex.set(id, i);
    }
    if (out.file(path, value, problems) && event !== undefined) kept.push(event);
  }
}

function readEvent(value: unknown, path: string, problems: Problems, actors: ActorIndex): EntityEvent | undefined {
  if (!isRecord(value)) {
    problems.error(path, 'must be an object');
    return undefined;
  }
  checkKeys(value, EVENT_KEYS, path, problems);
  const id = readString(value, 'id', path, problems, REQUIRED);
  const title = readString(value, 'title', path, problems, REQUIRED);
  const when = readWhen(value, path, problems);
  const description = readString(value, 'description', path, problems);
  const category = readString(value, 'category', path, problems, NON_EMPTY);
  const location = readLocation(value, path, problems);
  const participants = readParticipants(value, path, problems, actors);
  const tags = readStrings(value, 'tags', path, problems);
  const sources = readSources(value, path, problems);
  const reported = readDate(value, 'reported', path, problems);
  const attributes = readAttributes(value, path, problems);
  if (problems.errors > 0 || id === undefined || title === undefined || when === undefined) return undefined;
  // Built key by key, in the documented order, leaving out absent optional keys. Every part
  // is already frozen, so freezing the record itself makes it deeply frozen.
  const event: { -readonly [K in keyof EntityEvent]: EntityEvent[K] } = { id, title, when } as EntityEvent;
  if (description !== undefined) event.description = description;
  if (category !== undefined) event.category = category;
  if (location !== undefined) event.location = location;
  event.participants = participants ?? NO_ITEMS;
  event.tags = tags === undefined || tags.length === 0 ? NO_ITEMS : Object.freeze(tags);
  event.sources = sources ?? NO_ITEMS;
  if (reported !== undefined) event.reported = reported;
  if (attributes !== undefined) event.attributes = attributes;
  return adoptFrozen(Object.freeze(event));
}

function readWhen(record: object, path: string, problems: Problems): When | undefined {
  const value = own(record, 'when');
  const at = `${path}.when`;
  if (value === undefined || value === null) {
    problems.error(at, 'is required');
    return undefined;
  }
  if (typeof value === 'string') {
    try {
      return cachedWhen(value);
    } catch (error) {
      problems.error(at, error instanceof DateSyntaxError ? error.message : `could not be read as a date (${String(error)})`);
      return undefined;
    }
  }
  if (!isRecord(value)) {
    problems.error(at, 'must be an EDTF date or interval string, or an object { start, end? }');
    return undefined;
  }
  checkKeys(value, WHEN_KEYS, at, problems);
  const start = own(value, 'start');
  const end = own(value, 'end');
  const before = problems.errors;
  if (start === undefined) problems.error(child(at, 'start'), 'is required');
  else parseDateAt(start, child(at, 'start'), problems);
  if (end !== undefined) parseDateAt(end, child(at, 'end'), problems);
  if (problems.errors > before) return undefined;
  return whenAt(end === undefined ? { start: start as string } : { start: start as string, end: end as string }, at, problems);
}

function whenAt(value: { start: string; end?: string }, at: string, problems: Problems): When | undefined {
  try {
    const when = parseWhen(value);
    Object.freeze(when.start);
    if (when.end !== undefined) Object.freeze(when.end);
    return Object.freeze(when);
  } catch (error) {
    problems.error(at, error instanceof DateSyntaxError ? error.message : `could not be read as a date (${String(error)})`);
    return undefined;
  }
}

function readLocation(record: object, path: string, problems: Problems): Location | undefined {
  const value = own(record, 'location');
  if (value === undefined) return undefined;
  const at = `${path}.location`;
  if (typeof value === 'string') {
    if (isBlank(value)) {
      problems.error(at, 'must not be empty');
      return undefined;
    }
    return placeNamed(value);
  }
  if (!isRecord(value)) {
    problems.error(at, 'must be a place name or an object { name, lat?, lon? }');
    return undefined;
  }
  checkKeys(value, LOCATION_KEYS, at, problems);
  const before = problems.errors;
  const name = readString(value, 'name', at, problems, REQUIRED);
  const lat = readNumber(value, 'lat', at, problems, [-90, 90]);
  const lon = readNumber(value, 'lon', at, problems, [-180, 180]);
  if ((lat === undefined) !== (lon === undefined) && problems.errors === before) {
    problems.warning(at, 'has only one of lat and lon; maps will not place it');
  }
  if (problems.errors > before || name === undefined) return undefined;
  return Object.freeze({ name, ...(lat !== undefined && { lat }), ...(lon !== undefined && { lon }) });
}

// Places recur across events (a capital, a front line): a bounded cache shares one frozen
// record per name, as the date caches do.
const places = new Map<string, Location>();

function placeNamed(name: string): Location {
  let place = places.get(name);
  if (place === undefined) {
    if (places.size >= 8192) places.clear();
    places.set(name, (place = Object.freeze({ name })));
  }
  return place;
}

function readParticipants(
  record: object,
  path: string,
  problems: Problems,
  actors: ActorIndex,
): readonly Participant[] | undefined {
  const value = own(record, 'participants');
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    problems.error(`${path}.participants`, 'must be an array of actor ids or { actor, role } objects');
    return undefined;
  }
  // Paths are only built for problems: `itemAt(i)` is `events[n].participants[i]`.
  const itemAt = (i: number): string => `${path}.participants[${i}]`;
  const participants: Participant[] = [];
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    let actor: string | undefined;
    let role = 'participant';
    let named = false; // whether the actor was given as { actor }, for the path of an unknown actor
    if (typeof item === 'string') {
      actor = item;
      if (isBlank(item)) {
        problems.error(itemAt(i), 'must not be empty');
        continue;
      }
    } else if (isRecord(item)) {
      named = true;
      const at = itemAt(i);
      checkKeys(item, PARTICIPANT_KEYS, at, problems);
      actor = readString(item, 'actor', at, problems, REQUIRED);
      const rawRole = own(item, 'role');
      if (rawRole !== undefined) {
        if (typeof rawRole !== 'string' || isBlank(rawRole)) {
          problems.error(`${at}.role`, 'must be a non-empty string');
          continue;
        }
        role = rawRole;
      }
      if (actor === undefined) continue;
    } else {
      problems.error(itemAt(i), 'must be an actor id or an object { actor, role }');
      continue;
    }
    const participant = actors.participant(actor, role);
    if (participant === undefined) {
      problems.error(named ? `${itemAt(i)}.actor` : itemAt(i), actors.check(actor)!);
      continue;
    }
    participants.push(participant);
  }
  return Object.freeze(participants);
}

/** Keys that would reach an object's prototype if a consumer assigned them with `=`. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function readAttributes(
  record: object,
  path: string,
  problems: Problems,
): Readonly<Record<string, string | number | boolean | null>> | undefined {
  const value = own(record, 'attributes');
  if (value === undefined) return undefined;
  const at = child(path, 'attributes');
  if (!isRecord(value)) {
    problems.error(at, 'must be an object of strings, numbers, booleans or nulls');
    return undefined;
  }
  const out: Record<string, string | number | boolean | null> = {};
  for (const key of keysOf(value)) {
    const item = own(value, key);
    if (FORBIDDEN_KEYS.has(key)) {
      problems.warning(child(at, key), 'this key is not allowed in attributes, ignored');
      continue;
    }
    if (
      item === null ||
      typeof item === 'string' ||
      typeof item === 'boolean' ||
      (typeof item === 'number' && Number.isFinite(item))
    ) {
      // Assignment is much faster than defineProperty, and the same for a key that nothing on
      // the prototype chain defines (no inherited setter or read-only property to meet).
      if (key in Object.prototype) Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
      else out[key] = item;
    } else {
      problems.error(child(at, key), 'must be a string, a finite number, true, false or null');
    }
  }
  return Object.freeze(out);
}

// ---------------------------------------------------------------------------
// Declared relations
// ---------------------------------------------------------------------------

function* readRelations(raw: readonly unknown[], actors: ActorIndex, out: Collector): Steps<DeclaredRelation[]> {
  const firstPath = new Map<string, string>();
  const kept: DeclaredRelation[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (i % GRAIN === GRAIN - 1) yield;
    const value = raw[i];
    const path = `relations[${i}]`;
    const problems = new Problems();
    const relation = readRelation(value, path, problems, actors);
    const explicitId = isRecord(value) ? own(value, 'id') : undefined;
    if (relation !== undefined) {
      const first = firstPath.get(relation.id);
      if (first === undefined) firstPath.set(relation.id, path);
      else if (typeof explicitId === 'string') {
        problems.error(child(path, 'id'), `duplicate id ${quote(relation.id)} (first used at ${first})`);
      } else {
        problems.error(path, `the same relation is declared at ${first}; give each an "id" if both are meant`);
      }
    } else if (typeof explicitId === 'string' && explicitId.trim() !== '' && !firstPath.has(explicitId)) {
      firstPath.set(explicitId, path);
    }
    if (out.file(path, value, problems) && relation !== undefined) kept.push(relation);
  }
  return kept;
}

function readRelation(value: unknown, path: string, problems: Problems, actors: ActorIndex): DeclaredRelation | undefined {
  if (!isRecord(value)) {
    problems.error(path, 'must be an object');
    return undefined;
  }
  checkKeys(value, RELATION_KEYS, path, problems);
  const id = readString(value, 'id', path, problems, NON_EMPTY);
  const source = readString(value, 'source', path, problems, REQUIRED);
  const target = readString(value, 'target', path, problems, REQUIRED);
  const type = readString(value, 'type', path, problems, REQUIRED);
  const rawDirected = own(value, 'directed');
  if (rawDirected !== undefined && typeof rawDirected !== 'boolean') problems.error(child(path, 'directed'), 'must be true or false');
  const directed = rawDirected === true;
  const start: DateValue | undefined = readDate(value, 'start', path, problems);
  const end: DateValue | undefined = readDate(value, 'end', path, problems);
  checkOrder(start, end, child(path, 'end'), problems);
  const sources = readSources(value, path, problems);
  for (const [key, actor] of [['source', source], ['target', target]] as const) {
    if (actor === undefined) continue;
    const unknown = actors.check(actor);
    if (unknown !== undefined) problems.error(child(path, key), unknown);
  }
  if (source !== undefined && source === target) problems.error(path, 'source and target are the same actor');
  if (problems.errors > 0 || source === undefined || target === undefined || type === undefined) return undefined;
  const [a, b] = directed || source < target ? [source, target] : [target, source];
  return adoptRecord({
    id: id ?? `${type}:${a}${directed ? '→' : '—'}${b}`,
    source,
    target,
    type,
    directed,
    ...(start !== undefined && { start }),
    ...(end !== undefined && { end }),
    sources: sources ?? Object.freeze([]),
  });
}
