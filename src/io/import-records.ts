// Validated event records built straight from what a text importer read (internal).
//
// An importer has already checked every field it fills (dates, numbers, URLs, non-empty names),
// so running its output through parseDataset's validator for untrusted JSON would check it all a
// second time, and would keep two copies of 100,000 events alive at once (the JSON shape and the
// records). Instead, each event the importer reads is turned into the record the validator would
// build, here, while the row is read; the JSON shape is dropped at once and `ImportResult.input`
// is derived again from the records if and when someone reads it.
//
// The fast path only takes events it can prove the validator would keep unchanged and without a
// word. Anything else (a date the model cannot read, an interval that ends before it starts, an
// attribute key such as `__proto__`, a participant naming an actor validation rejected) is kept
// as read and handed to the validator itself at the end, so every problem, path and lenient
// count is exactly the one `parseDataset` gives.
import { createDatasetFromRecords } from '../model/dataset.js';
import { DateSyntaxError, parseWhen } from '../model/dates.js';
import { validateInput } from '../model/validate.js';
import { cachedDate, cachedWhen, isBlank } from '../model/validate-read.js';
import type {
  ActorInput,
  Dataset,
  DatasetInput,
  DateValue,
  EntityEvent,
  EventInput,
  Location,
  Participant,
  Problem,
  Rejected,
  Source,
  SourceInput,
  When,
} from '../model/types.js';
import { safeUrl } from '../render/common/safe-url.js';
import { Interner, isPlainHttpUrl } from './util.js';
import { finishImport, ImportError, sortByLine, type ActorMerge, type ImportCounts, type ImportFormat, type ImportMode, type ImportResult } from './import-result.js';

/** The keys of an event in the JSON shape, in the order an importer writes them. */
export type EventKey = keyof EventInput;

/** The empty list records without tags, sources or participants share. */
export const NO_ITEMS: readonly never[] = Object.freeze([]);

/** Keys that would reach an object's prototype if a consumer assigned them with `=` (as the validator refuses them). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Strings up to this length are shared between records when they repeat (categories, places, tags). */
const INTERN_MAX = 80;
const INTERN_LIMIT = 16384;
/** Distinct date texts remembered during one import (the cache goes with the import). */
const WHEN_LIMIT = 65536;

let viaValidator = false;

/**
 * Makes importers hand every event to the validator as they did before records were built
 * directly (internal, for tests that compare the two paths). Returns the previous setting.
 */
export function validateImportsInFull(on: boolean): boolean {
  const previous = viaValidator;
  viaValidator = on;
  return previous;
}

/** What the importer has read besides its events (see {@link ImportedEvents.finish}). */
export interface ImportedRest {
  readonly format: ImportFormat;
  readonly title?: string;
  /** The dataset's description and sources (a TimelineJS title slide). */
  readonly description?: string;
  readonly sources?: SourceInput[];
  readonly actors: ActorInput[];
  /** Write `actors` into the JSON shape even when empty (a document that gave an empty list). */
  readonly emptyActors?: boolean;
  readonly problems: Problem[];
  readonly rejected: Rejected[];
  readonly merges: readonly ActorMerge[];
  readonly records: number;
  readonly duplicates: number;
  readonly blank: number;
}

/**
 * Collects the events an importer reads, as validated frozen records where it can (internal).
 *
 * @example
 * ```ts
 * const events = new ImportedEvents(['id', 'title', 'when']);
 * events.add({ id: 'a', title: 'A', when: '2024-01-18' }, 2);
 * const result = events.finish({ format: 'csv', actors: [], problems: [], rejected: [], merges: [], records: 1, duplicates: 0, blank: 0 }, 'lenient');
 * ```
 */
export class ImportedEvents {
  /** `input.events[i]` as a record, or undefined where only the JSON shape is kept. */
  readonly #built: (EntityEvent | undefined)[] = [];
  /** The JSON shape of the events the validator must read, or that a record cannot give back exactly. */
  readonly #verbatim = new Map<number, EventInput>();
  /** The line (or path) each event came from, to name the validator's problems. */
  readonly #origins: (string | number)[] = [];
  readonly #order: readonly EventKey[];
  readonly #participants = new Map<string, Map<string, Participant>>();
  readonly #strings = new Interner(INTERN_MAX, INTERN_LIMIT);
  readonly #locations = new Map<string, Location>();
  /** Shared participant lists, by their first and second participant (null: none). */
  readonly #lists = new Map<Participant, Map<Participant | null, readonly Participant[]>>();
  readonly #whens = new Map<string, When>();
  #exact = true;

  /** @param order the keys of the JSON shape in the importer's order, so a derived `input` prints as the importer wrote it. */
  constructor(order: readonly EventKey[]) {
    this.#order = order;
  }

  /** True when every event must go through {@link add} (see {@link validateImportsInFull}). */
  readonly viaValidator = viaValidator;

  /** The keys of the records' JSON shape, in the importer's order. */
  get order(): readonly EventKey[] {
    return this.#order;
  }

  /** The number of events added. */
  get size(): number {
    return this.#built.length;
  }

  /**
   * Adds a record the importer built itself from the parts below ({@link when}, {@link date},
   * {@link participant}), deeply frozen, with every field as the validator would read it, and an
   * id no other event has. `input` is its JSON shape when the record alone would not give it back
   * exactly (a date written in another form).
   */
  addRecord(event: EntityEvent, origin: string | number, input?: EventInput): void {
    if (input !== undefined) this.#verbatim.set(this.#built.length, input);
    this.#built.push(event);
    this.#origins.push(origin);
  }

  /** The frozen value of an EDTF date or interval string, or undefined when the model refuses it. */
  when(text: string): When | undefined {
    let when = this.#whens.get(text);
    if (when === undefined) {
      try {
        when = cachedWhen(text);
      } catch {
        return undefined;
      }
      if (this.#whens.size >= WHEN_LIMIT) this.#whens.clear();
      this.#whens.set(text, when);
    }
    return when;
  }

  /** The frozen value of an EDTF date string, or undefined when the model refuses it. */
  date(text: string): DateValue | undefined {
    const value = cachedDate(text);
    return value instanceof DateSyntaxError ? undefined : value;
  }

  /** One frozen `{ actor, role }` per actor and role, shared by every event (as the validator does). */
  participant(actor: string, role: string): Participant {
    let roles = this.#participants.get(actor);
    if (roles === undefined) this.#participants.set(actor, (roles = new Map()));
    let record = roles.get(role);
    if (record === undefined) roles.set(role, (record = Object.freeze({ actor, role })));
    return record;
  }

  /**
   * The frozen value of the interval `{ start, end }` as the validator reads it, and whether its
   * dates are written as the model writes them (else keep the JSON shape, see {@link addRecord});
   * undefined when the validator would say anything about it.
   */
  interval(start: string, end: string): { readonly when: When; readonly exact: boolean } | undefined {
    const exact = this.#exact;
    this.#exact = true;
    const when = this.#when({ start, end });
    const written = this.#exact;
    this.#exact = exact;
    return when === undefined ? undefined : { when, exact: written };
  }

  /** A frozen location as the validator reads it, or undefined when it would say anything about it. */
  location(name: string, lat?: number, lon?: number): Location | undefined {
    return this.#location(lat === undefined && lon === undefined ? { name } : { name, lat: lat!, lon: lon! });
  }

  /** A repeated short string (a category, tag or publisher), shared between records. */
  intern(text: string): string {
    return this.#strings.get(text);
  }

  /**
   * `list` frozen, exactly as long as it is, and shared with every earlier event that had the
   * same one or two participants (records are deeply frozen, so sharing is safe): tables repeat
   * the same few pairs of actors. `list` holds records from {@link participant}.
   */
  participantList(list: readonly Participant[]): readonly Participant[] {
    const first = list[0];
    if (first === undefined) return NO_ITEMS;
    if (list.length > 2) return Object.freeze(list.slice());
    let lists = this.#lists.get(first);
    if (lists === undefined) {
      if (this.#lists.size >= INTERN_LIMIT) this.#lists.clear();
      this.#lists.set(first, (lists = new Map()));
    }
    const second = list[1] ?? null;
    let shared = lists.get(second);
    if (shared === undefined && lists.size < INTERN_LIMIT) lists.set(second, (shared = Object.freeze(second === null ? [first] : [first, second])));
    return shared ?? Object.freeze(list.slice());
  }

  /**
   * Adds the event an importer read (in the library's JSON shape), from `origin` (a line or a
   * path). `keepShape` keeps `input` itself as the event's JSON shape, for an event whose keys
   * are not in the importer's order.
   */
  add(input: EventInput, origin: string | number, keepShape = false): void {
    const slot = this.#built.length;
    this.#exact = true;
    const event = this.viaValidator ? undefined : this.#record(input);
    this.#built.push(event);
    this.#origins.push(origin);
    if (event === undefined || !this.#exact || keepShape) this.#verbatim.set(slot, input);
  }

  /** Shares equal short strings between records: imports repeat categories, places and tags. */
  #intern(text: string): string {
    return this.#strings.get(text);
  }

  /**
   * The record `readEvent` in the validator would build from `e`, or undefined when the
   * validator could say anything about it. Clears `#exact` when the record would not give back
   * `e` exactly.
   */
  #record(e: EventInput): EntityEvent | undefined {
    const { id, title, description, category } = e;
    if (typeof id !== 'string' || isBlank(id) || typeof title !== 'string' || isBlank(title)) return undefined;
    if (description !== undefined && typeof description !== 'string') return undefined;
    if (category !== undefined && (typeof category !== 'string' || isBlank(category))) return undefined;
    const when = this.#when(e.when);
    if (when === undefined) return undefined;
    let location: Location | undefined;
    if (e.location !== undefined) {
      location = this.#location(e.location);
      if (location === undefined) return undefined;
    }
    const participants = this.#participantList(e.participants);
    if (participants === undefined) return undefined;
    const tags = this.#tags(e.tags);
    if (tags === undefined) return undefined;
    const sources = this.#sources(e.sources);
    if (sources === undefined) return undefined;
    let reported: DateValue | undefined;
    if (e.reported !== undefined) {
      if (typeof e.reported !== 'string') return undefined;
      const value = this.date(e.reported);
      if (value === undefined) return undefined;
      if (value.edtf !== e.reported) this.#exact = false;
      reported = value;
    }
    let attributes: Readonly<Record<string, string | number | boolean | null>> | undefined;
    if (e.attributes !== undefined) {
      attributes = readAttributes(e.attributes);
      if (attributes === undefined) return undefined;
    }
    // Key by key in the validator's order, absent optional keys left out (see readEvent).
    // Titles and descriptions are mostly unique: interning them would cost more than it saves.
    const event: { -readonly [K in keyof EntityEvent]: EntityEvent[K] } = { id, title, when } as EntityEvent;
    if (description !== undefined) event.description = description;
    if (category !== undefined) event.category = this.#intern(category);
    if (location !== undefined) event.location = location;
    event.participants = participants;
    event.tags = tags;
    event.sources = sources;
    if (reported !== undefined) event.reported = reported;
    if (attributes !== undefined) event.attributes = attributes;
    // Deeply frozen as built; createDatasetFromRecords takes it as it is.
    return Object.freeze(event);
  }

  #when(value: EventInput['when'] | undefined): When | undefined {
    if (typeof value === 'string') {
      const when = this.when(value);
      if (when === undefined) return undefined;
      if (when.edtf !== value || when.end !== undefined) this.#exact = false;
      return when;
    }
    if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
    const keys = Object.keys(value);
    const { start, end } = value;
    if (typeof start !== 'string' || (end !== undefined && typeof end !== 'string')) return undefined;
    if (keys.length !== (end === undefined ? 1 : 2)) return undefined;
    // As the validator reads `{ start, end }`: each date alone first, then the interval.
    if (cachedDate(start) instanceof DateSyntaxError || (end !== undefined && cachedDate(end) instanceof DateSyntaxError)) return undefined;
    let when: When;
    try {
      when = parseWhen(end === undefined ? { start } : { start, end });
    } catch {
      return undefined;
    }
    Object.freeze(when.start);
    if (when.end !== undefined) Object.freeze(when.end);
    Object.freeze(when);
    if (end === undefined || when.start.edtf !== start || when.end?.edtf !== end) this.#exact = false;
    return when;
  }

  #location(value: EventInput['location']): Location | undefined {
    if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
    const { name, lat, lon } = value;
    if (typeof name !== 'string' || isBlank(name)) return undefined;
    const keys = Object.keys(value).length;
    if (lat === undefined && lon === undefined) {
      if (keys !== 1) return undefined;
      let place = this.#locations.get(name);
      if (place === undefined) {
        if (this.#locations.size >= INTERN_LIMIT) this.#locations.clear();
        this.#locations.set(name, (place = Object.freeze({ name })));
      }
      return place;
    }
    if (keys !== 3 || !inRange(lat, 90) || !inRange(lon, 180)) return undefined;
    return Object.freeze({ name: this.#intern(name), lat, lon });
  }

  #participantList(value: EventInput['participants']): readonly Participant[] | undefined {
    if (value === undefined) return NO_ITEMS;
    if (!Array.isArray(value)) return undefined;
    if (value.length === 0) {
      this.#exact = false;
      return Object.freeze([]);
    }
    // Exactly as long as needed: an array grown by push keeps room for 17 items, which for
    // 100,000 events of two participants is 12 MB of nothing.
    const out = new Array<Participant>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (typeof item !== 'object' || item === null || Object.getPrototypeOf(item) !== Object.prototype) return undefined;
      const { actor, role } = item;
      if (typeof actor !== 'string' || isBlank(actor) || typeof role !== 'string' || isBlank(role) || Object.keys(item).length !== 2) return undefined;
      out[i] = this.participant(actor, role);
    }
    return Object.freeze(out);
  }

  #tags(value: EventInput['tags']): readonly string[] | undefined {
    if (value === undefined) return NO_ITEMS;
    if (!Array.isArray(value)) return undefined;
    if (value.length === 0) {
      this.#exact = false;
      return NO_ITEMS;
    }
    const out = new Array<string>(value.length);
    for (let i = 0; i < value.length; i++) {
      const tag: unknown = value[i];
      if (typeof tag !== 'string') return undefined;
      out[i] = this.#intern(tag);
    }
    return Object.freeze(out);
  }

  /**
   * Sources of `{ url?, publisher? }` whose URL the validator's `safeUrl` would keep exactly as
   * written (importers write URLs `safeUrl` returned; a TimelineJS document's own sources may
   * hold anything, and anything else is the validator's to refuse or rewrite).
   */
  #sources(value: EventInput['sources']): readonly Source[] | undefined {
    if (value === undefined) return NO_ITEMS;
    if (!Array.isArray(value)) return undefined;
    if (value.length === 0) {
      this.#exact = false;
      return Object.freeze([]);
    }
    const out = new Array<Source>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'object' || item === null || Object.getPrototypeOf(item) !== Object.prototype) return undefined;
      const { url, publisher } = item as { url?: unknown; publisher?: unknown };
      const keys = Object.keys(item).length;
      if ((url !== undefined && typeof url !== 'string') || (publisher !== undefined && typeof publisher !== 'string')) return undefined;
      if (keys !== (url === undefined ? 0 : 1) + (publisher === undefined ? 0 : 1)) return undefined;
      if (url !== undefined && !isPlainHttpUrl(url) && safeUrl(url) !== url) return undefined;
      const source: { url?: string; publisher?: string } = {};
      if (url !== undefined) source.url = url;
      if (publisher !== undefined) source.publisher = this.#intern(publisher);
      out[i] = Object.freeze(source);
    }
    return Object.freeze(out);
  }

  /**
   * Validates the actors (few, so through the validator itself) and the events the fast path
   * left, builds the dataset and the result, and throws in strict mode: what `finishImport`
   * gives for the same events, without building the JSON shape of the rest.
   */
  finish(rest: ImportedRest, mode: ImportMode = 'lenient'): ImportResult {
    if (mode !== 'strict' && mode !== 'lenient') throw new RangeError(`mode must be 'strict' or 'lenient', not ${JSON.stringify(mode)}`);
    const built = this.#built;
    const verbatim = this.#verbatim;
    const order = this.#order;
    const inputOf = (): DatasetInput => {
      const events = built.map((event, i) => verbatim.get(i) ?? toInput(event!, order));
      const input: DatasetInput = { events };
      if (rest.title !== undefined) input.title = rest.title;
      if (rest.description !== undefined) input.description = rest.description;
      if (rest.sources !== undefined) input.sources = rest.sources;
      if (rest.actors.length > 0 || rest.emptyActors === true) input.actors = rest.actors;
      return input;
    };

    const head = validateInput({
      ...(rest.title !== undefined && { title: rest.title }),
      ...(rest.description !== undefined && { description: rest.description }),
      ...(rest.sources !== undefined && { sources: rest.sources }),
      ...((rest.actors.length > 0 || rest.emptyActors === true) && { actors: rest.actors }),
      events: [],
    });
    if (this.viaValidator) return finishImport({ ...rest, input: inputOf(), eventOrigins: this.#origins }, mode);
    const kept = new Set(head.actors.map((a) => a.id));
    for (const actor of this.#participants.keys()) {
      // Validation rejected an actor that events name: let the validator read every event.
      if (!kept.has(actor)) return finishImport({ ...rest, input: inputOf(), eventOrigins: this.#origins }, mode);
    }

    const events: EntityEvent[] = [];
    for (const event of built) if (event !== undefined) events.push(event);
    const problems: Problem[] = [...rest.problems, ...head.problems];
    const rejected: Rejected[] = [...rest.rejected, ...head.rejected];
    let eventRejects = 0;
    const pending = [...verbatim.keys()].filter((slot) => built[slot] === undefined);
    if (pending.length > 0) {
      const checked = validateInput({ ...(rest.actors.length > 0 && { actors: rest.actors }), events: pending.map((slot) => verbatim.get(slot)!) });
      const rename = (path: string): string | undefined => {
        const m = /^events\[(\d+)\](.*)$/.exec(path);
        if (m === null) return undefined;
        const slot = pending[Number(m[1])]!;
        const origin = this.#origins[slot];
        const named = `events[${slot}]${m[2]}`;
        return typeof origin === 'number' ? `line ${origin} (${named})` : origin === undefined || origin === `events[${slot}]` ? named : `${origin} (${named})`;
      };
      for (const p of checked.problems) {
        const path = rename(p.path);
        if (path !== undefined) problems.push({ ...p, path });
      }
      for (const r of checked.rejected) {
        const path = rename(r.path);
        if (path === undefined) continue;
        eventRejects++;
        rejected.push({ path, record: r.record, problems: r.problems.map((p) => ({ ...p, path: rename(p.path) ?? p.path })) });
      }
      events.push(...checked.events);
    }
    if (rest.format !== 'json' && rest.format !== 'timelinejs') sortByLine(problems);

    let dataset: Dataset;
    try {
      dataset = createDatasetFromRecords({ meta: head.meta, events, actors: head.actors, declaredRelations: [] });
    } catch {
      // Records built here cannot make createDataset fail; if they ever do, the validator says why.
      return finishImport({ ...rest, input: inputOf(), eventOrigins: this.#origins }, mode);
    }
    const counts: ImportCounts = {
      records: rest.records,
      kept: dataset.events.length,
      rejected: rest.rejected.length + eventRejects,
      duplicates: rest.duplicates,
      blank: rest.blank,
    };
    if (mode === 'strict' && problems.some((p) => p.severity === 'error')) throw new ImportError(rest.format, problems);
    let input: DatasetInput | undefined;
    return {
      format: rest.format,
      // Derived on first read (and then kept), so an import that only draws never holds it.
      get input(): DatasetInput {
        return (input ??= inputOf());
      },
      dataset,
      problems,
      rejected,
      merges: rest.merges,
      counts,
    };
  }
}

function inRange(value: unknown, limit: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= -limit && value <= limit;
}

/**
 * Freezes attributes an importer built with string keys and plain values, when the validator
 * would keep them as they are (no key that reaches a prototype); undefined otherwise (internal).
 */
export function freezeAttributes(attributes: Record<string, string>): Readonly<Record<string, string>> | undefined {
  for (const key of Object.keys(attributes)) if (FORBIDDEN_KEYS.has(key)) return undefined;
  return Object.freeze(attributes);
}

function readAttributes(value: unknown): Readonly<Record<string, string | number | boolean | null>> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string | number | boolean | null> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return undefined; // the validator warns about it
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    const item: unknown = descriptor?.value;
    if (!(item === null || typeof item === 'string' || typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item)))) return undefined;
    if (key in Object.prototype) Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return Object.freeze(out);
}

/** The JSON shape of a record built by {@link ImportedEvents}, keys in the importer's order (internal). */
export function toInput(event: EntityEvent, order: readonly EventKey[]): EventInput {
  const out: Partial<Record<EventKey, unknown>> = {};
  for (const key of order) {
    switch (key) {
      case 'id':
      case 'title':
        out[key] = event[key];
        break;
      case 'when':
        out.when = event.when.end === undefined ? event.when.edtf : { start: event.when.start.edtf, end: event.when.end.edtf };
        break;
      case 'description':
      case 'category':
        if (event[key] !== undefined) out[key] = event[key];
        break;
      case 'location': {
        const place = event.location;
        if (place !== undefined) out.location = place.lat === undefined ? { name: place.name } : { name: place.name, lat: place.lat, lon: place.lon };
        break;
      }
      case 'participants':
        if (event.participants.length > 0) out.participants = event.participants.map(({ actor, role }) => ({ actor, role }));
        break;
      case 'tags':
        if (event.tags.length > 0) out.tags = [...event.tags];
        break;
      case 'sources':
        if (event.sources.length > 0) out.sources = event.sources.map((s) => ({ ...s }));
        break;
      case 'reported':
        if (event.reported !== undefined) out.reported = event.reported.edtf;
        break;
      case 'attributes':
        if (event.attributes !== undefined) out.attributes = copyAttributes(event.attributes);
        break;
    }
  }
  return out as unknown as EventInput;
}

/** A plain, writable copy of a record's attributes, keys that name prototype members included (internal). */
export function copyAttributes(attributes: Readonly<Record<string, string | number | boolean | null>>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const key of Object.keys(attributes)) Object.defineProperty(out, key, { value: attributes[key], enumerable: true, writable: true, configurable: true });
  return out;
}
