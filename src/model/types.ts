/**
 * The entity-timeline data model: plain, immutable TypeScript records with no DOM.
 *
 * Two shapes live here:
 * - the *input* shapes (`…Input`), which are what authors write in the library's JSON
 *   format (dates as EDTF strings), and
 * - the *parsed* shapes, which the library hands to layouts and renderers (dates as
 *   {@link DateValue} records that know their precision and their earliest/latest instants).
 *
 * @packageDocumentation
 */

/** How much of a date is known. `hour` is used for `T09` style values without minutes. */
export type DatePrecision = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond';

/** A season of the year as EDTF level 1 writes it (21 spring, 22 summer, 23 autumn, 24 winter). */
export type DateSeason = 'spring' | 'summer' | 'autumn' | 'winter';

/**
 * One calendar date or instant, at the precision it was written with.
 *
 * Calendar dates (no time of day) are *floating*: 18 January 2024 is the 18th wherever the
 * chart is opened. Their instants are computed as if the calendar were UTC, and renderers
 * use UTC scales for them, so no viewer time zone can move them to the 17th or the 19th.
 * Values written with a time and an offset (`2024-01-18T09:30+09:00`) are real instants.
 *
 * @example
 * ```ts
 * const d = parseDate('2024-01~');
 * d.precision;   // 'month'
 * d.approximate; // true
 * new Date(d.earliest).toISOString(); // '2024-01-01T00:00:00.000Z'
 * new Date(d.latest).toISOString();   // '2024-01-31T23:59:59.999Z'
 * ```
 */
export interface DateValue {
  /** Astronomical year: 1 BCE is 0, 2 BCE is -1 (as in ISO 8601 and EDTF). */
  readonly year: number;
  /** 1–12, when known. */
  readonly month?: number;
  /** 1–31, when known. */
  readonly day?: number;
  readonly hour?: number;
  readonly minute?: number;
  readonly second?: number;
  readonly millisecond?: number;
  /**
   * Offset from UTC in minutes for values written with a time and `Z` or `±hh:mm`;
   * `undefined` for floating values (calendar dates, or times written without an offset).
   */
  readonly offsetMinutes?: number;
  /** The finest unit that was written. */
  readonly precision: DatePrecision;
  /** EDTF `~`: the value is approximately right. */
  readonly approximate: boolean;
  /** EDTF `?`: the source is not sure of the value. */
  readonly uncertain: boolean;
  /**
   * Units written as `X` (unspecified) in EDTF, e.g. `2024-XX` has `['month']`. An unspecified
   * unit widens the value to its parent unit's extent but is reported separately from precision.
   */
  readonly unspecified: readonly ('year' | 'month' | 'day')[];
  /**
   * EDTF level-1 season (`2024-21`…`2024-24`), read as Northern-hemisphere meteorological
   * seasons: spring Mar–May, summer Jun–Aug, autumn Sep–Nov, winter Dec–Feb of the next year.
   * A season has precision `'month'` and no `month`; `earliest`/`latest` span its three months.
   */
  readonly season?: DateSeason;
  /** The first instant the value can mean, in epoch milliseconds (UTC-based for floating values). */
  readonly earliest: number;
  /** The last instant the value can mean, in epoch milliseconds, inclusive. */
  readonly latest: number;
  /** The value written back in normalised EDTF, e.g. `2024-01~`. Parsing it gives an equal value. */
  readonly edtf: string;
}

/**
 * When an event happened: a point (`end` absent) or an interval. Both ends of an interval are
 * known: EDTF's open (`..`) and unknown (empty) ends are refused by `parseWhen`, because an
 * event needs both ends to be placed on a time axis.
 */
export interface When {
  readonly start: DateValue;
  /** Absent for point events. */
  readonly end?: DateValue;
  /** The first instant of the event (start.earliest). */
  readonly earliest: number;
  /** The last instant of the event ((end ?? start).latest). */
  readonly latest: number;
  /** The EDTF form: `2024-01-18` or `2023/2024`. */
  readonly edtf: string;
}

/** Built-in participant roles. Any other non-empty string is a custom role. */
export type BuiltinRole = 'source' | 'target' | 'participant';
/** A participant's role in an event: `source` acts on `target`; `participant` has no direction. */
export type Role = BuiltinRole | (string & {});

/** The kinds of actor the library knows how to draw. */
export type ActorKind = 'person' | 'organisation' | 'state' | 'group' | 'other';

/** A source for a claim: where the event (or one of its details) was reported. */
export interface Source {
  /** An http, https or mailto URL. Anything else is rejected by validation. */
  readonly url?: string;
  readonly publisher?: string;
  readonly title?: string;
  /** When the source was published. */
  readonly published?: DateValue;
  /** 0–1: how far the author trusts this source for this claim. */
  readonly confidence?: number;
}

export interface Location {
  readonly name: string;
  readonly lat?: number;
  readonly lon?: number;
}

export interface Participant {
  readonly actor: string;
  readonly role: Role;
}

/** A dated event and the actors in it. */
export interface EntityEvent {
  readonly id: string;
  readonly title: string;
  readonly when: When;
  readonly description?: string;
  readonly category?: string;
  readonly location?: Location;
  readonly participants: readonly Participant[];
  readonly tags: readonly string[];
  readonly sources: readonly Source[];
  /** When the event was reported, kept apart from when it happened. */
  readonly reported?: DateValue;
  /** Importer-specific extra fields (GDELT codes, ACLED fatalities…), kept verbatim. */
  readonly attributes?: Readonly<Record<string, string | number | boolean | null>>;
}

/** A tie from one actor to another (an official *of* a ministry *of* a state). */
export interface Affiliation {
  /** The actor this one belongs to. */
  readonly actor: string;
  /** e.g. `official`, `member`, `ministry of`. */
  readonly role?: string;
  readonly start?: DateValue;
  readonly end?: DateValue;
}

export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly kind: ActorKind;
  readonly aliases: readonly string[];
  readonly affiliations: readonly Affiliation[];
  /** A CSS colour that overrides the palette. */
  readonly color?: string;
  readonly description?: string;
}

/** A relation stated by the author rather than derived from events (alliance, membership…). */
export interface DeclaredRelation {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** e.g. `alliance`. */
  readonly type: string;
  readonly directed: boolean;
  readonly start?: DateValue;
  readonly end?: DateValue;
  readonly sources: readonly Source[];
}

/**
 * A relation between two actors. Derived relations come from events: for each event, every
 * `source` participant relates to every `target` participant (directed), and participants
 * without direction relate pairwise (undirected). Declared relations come from the dataset.
 */
export interface Relation {
  /** Stable key: `source→target` for directed, `a—b` (sorted) for undirected relations, or the declared id. */
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly directed: boolean;
  /** `derived` for event relations; otherwise the declared type. */
  readonly type: 'derived' | (string & {});
  /** The number of events behind a derived relation (1 for a declared one). */
  readonly weight: number;
  /** First and last instants covered (earliest of first event, latest of last event). */
  readonly first: number;
  readonly last: number;
  /** Ids of the events behind it, in time order. Empty for declared relations. */
  readonly events: readonly string[];
}

/** Metadata about the dataset as a whole. */
export interface DatasetMeta {
  readonly title?: string;
  readonly description?: string;
  readonly sources?: readonly Source[];
}

/** A node in the affiliation forest. */
export interface AffiliationNode {
  readonly actor: Actor;
  readonly children: readonly AffiliationNode[];
}

/** An actor's weight in a co-participation network. */
export interface CoParticipationEdge {
  readonly a: string;
  readonly b: string;
  /** Number of events both took part in. */
  readonly weight: number;
  readonly events: readonly string[];
}

/**
 * An immutable, indexed collection of events, actors and relations. Build one with
 * `parseDataset` (from JSON) or `createDataset` (from already parsed records).
 */
export interface Dataset {
  readonly meta: DatasetMeta;
  /** All events, sorted by `when.earliest`, then `when.latest`, then id. */
  readonly events: readonly EntityEvent[];
  /** All actors in input order. */
  readonly actors: readonly Actor[];
  /** Derived and declared relations. */
  readonly relations: readonly Relation[];
  readonly declaredRelations: readonly DeclaredRelation[];
  /** Earliest and latest instants of all events, or undefined when there are none. */
  readonly extent: readonly [number, number] | undefined;
  event(id: string): EntityEvent | undefined;
  actor(id: string): Actor | undefined;
  /** Events that overlap the window [from, to] (inclusive), in time order. O(log n + k). */
  eventsBetween(from: number, to: number): readonly EntityEvent[];
  /** Events an actor takes part in, in time order. */
  eventsOf(actorId: string): readonly EntityEvent[];
  /** Relations between two actors, in either direction. */
  relationsBetween(a: string, b: string): readonly Relation[];
  /** Relations with at least one event in the window (weights count only those events), plus declared relations active in it. */
  relationsIn(from: number, to: number): readonly Relation[];
  /** Undirected co-participation network: pairs of actors that share events. */
  coParticipation(from?: number, to?: number): readonly CoParticipationEdge[];
  /** The first and last instants an actor appears in an event. */
  appearance(actorId: string): { readonly first: number; readonly last: number } | undefined;
  /** The affiliation forest: roots are actors with no affiliation. */
  affiliationTree(): readonly AffiliationNode[];
}

// ---------------------------------------------------------------------------
// Input (JSON) shapes: what authors write.
// ---------------------------------------------------------------------------

export interface SourceInput {
  url?: string;
  publisher?: string;
  title?: string;
  published?: string;
  confidence?: number;
}

export interface ParticipantInput {
  actor: string;
  role?: string;
}

/** `when` is an EDTF string (`2024-01-18`, `2023/2024`) or `{ start, end? }`. */
export type WhenInput = string | { start: string; end?: string };

export interface EventInput {
  id: string;
  title: string;
  when: WhenInput;
  description?: string;
  category?: string;
  location?: string | { name: string; lat?: number; lon?: number };
  /** Actor ids, or `{ actor, role }` records. */
  participants?: (string | ParticipantInput)[];
  tags?: string[];
  sources?: SourceInput[];
  reported?: string;
  attributes?: Record<string, string | number | boolean | null>;
}

export interface AffiliationInput {
  actor: string;
  role?: string;
  start?: string;
  end?: string;
}

export interface ActorInput {
  id: string;
  name: string;
  kind?: ActorKind;
  aliases?: string[];
  affiliations?: AffiliationInput[];
  color?: string;
  description?: string;
}

export interface DeclaredRelationInput {
  id?: string;
  source: string;
  target: string;
  type: string;
  directed?: boolean;
  start?: string;
  end?: string;
  sources?: SourceInput[];
}

/** The library's JSON format (see `schema.json`). */
export interface DatasetInput {
  $schema?: string;
  title?: string;
  description?: string;
  sources?: SourceInput[];
  actors?: ActorInput[];
  events: EventInput[];
  relations?: DeclaredRelationInput[];
}

// ---------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------

/** One thing wrong with the input, named by where it is. */
export interface Problem {
  /** JSON path (`events[12].when`) or `line 14` / `line 14, column date` for text formats. */
  readonly path: string;
  readonly message: string;
  /** `error` rejects the record; `warning` keeps it (e.g. a merge the reader should know about). */
  readonly severity: 'error' | 'warning';
}

/** A record lenient mode could not keep, with every reason. */
export interface Rejected {
  /** JSON path of the record (`events[12]`) or its line. */
  readonly path: string;
  /** The record as it was given. */
  readonly record: unknown;
  readonly problems: readonly Problem[];
}
