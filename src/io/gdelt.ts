/**
 * GDELT event exports: GDELT 2.0 (61 tab-separated columns) and GDELT 1.0 (57 columns, or 58
 * with SOURCEURL), without a header.
 *
 * @packageDocumentation
 */
import { safeUrl } from '../render/common/safe-url.js';
import type { DateValue, EntityEvent, EventInput, Location, Participant, Problem, Rejected, Source, When } from '../model/types.js';
import { createActorResolver, type ActorResolverOptions } from './aliases.js';
import { cameoActorKind, cameoRootName } from './cameo.js';
import { Interner, UniqueIds, isPlainHttpUrl, truncate } from './util.js';
import type { ImportOptionsBase, ImportResult } from './import-result.js';
import { ImportedEvents, NO_ITEMS, type EventKey } from './import-records.js';

/** The keys of an event as {@link fromGDELT} writes them, in order. */
const EVENT_KEYS: readonly EventKey[] = ['id', 'title', 'when', 'category', 'participants', 'attributes', 'location', 'sources', 'reported'];

/** Options of {@link fromGDELT}. */
export interface GdeltImportOptions extends ImportOptionsBase, ActorResolverOptions {
  /** The dataset's title. */
  readonly title?: string;
}

/** The GDELT 2.0 event table's 61 columns, in order. */
export const GDELT_COLUMNS: readonly string[] = Object.freeze([
  'GLOBALEVENTID',
  'SQLDATE',
  'MonthYear',
  'Year',
  'FractionDate',
  ...actorColumns('Actor1'),
  ...actorColumns('Actor2'),
  'IsRootEvent',
  'EventCode',
  'EventBaseCode',
  'EventRootCode',
  'QuadClass',
  'GoldsteinScale',
  'NumMentions',
  'NumSources',
  'NumArticles',
  'AvgTone',
  ...geoColumns('Actor1Geo'),
  ...geoColumns('Actor2Geo'),
  ...geoColumns('ActionGeo'),
  'DATEADDED',
  'SOURCEURL',
]);

function actorColumns(prefix: string): string[] {
  return ['Code', 'Name', 'CountryCode', 'KnownGroupCode', 'EthnicCode', 'Religion1Code', 'Religion2Code', 'Type1Code', 'Type2Code', 'Type3Code'].map(
    (c) => prefix + c,
  );
}

function geoColumns(prefix: string): string[] {
  return ['Type', 'FullName', 'CountryCode', 'ADM1Code', 'ADM2Code', 'Lat', 'Long', 'FeatureID'].map((c) => `${prefix}_${c}`);
}

interface Layout {
  readonly name: string;
  readonly columns: number;
  /** Start of the ActionGeo block and the width of each geo block. */
  readonly actionGeo: number;
  readonly geoWidth: number;
  readonly dateAdded: number;
  readonly sourceUrl: number | undefined;
}

// GDELT 1.0 has no ADM2Code in its geo blocks; its daily files added SOURCEURL as a 58th column.
const LAYOUTS: ReadonlyMap<number, Layout> = new Map([
  [61, { name: 'GDELT 2.0', columns: 61, actionGeo: 51, geoWidth: 8, dateAdded: 59, sourceUrl: 60 }],
  [58, { name: 'GDELT 1.0', columns: 58, actionGeo: 49, geoWidth: 7, dateAdded: 56, sourceUrl: 57 }],
  [57, { name: 'GDELT 1.0', columns: 57, actionGeo: 49, geoWidth: 7, dateAdded: 56, sourceUrl: undefined }],
]);

/**
 * Reads a GDELT event export (tab-separated, no header; GDELT 2.0's 61 columns, or GDELT
 * 1.0's 57 or 58) into a dataset. The column count of the first row picks the layout; a row
 * with another count is rejected and named by its line.
 *
 * - Actor1 is the `source` and Actor2 the `target` of each event. There is one actor per
 *   CAMEO actor code (id: the code's slug, `usagov`). Kinds follow `cameoActorKind`: bare
 *   country codes are states, labelled with GDELT's name (`RUSSIA`); other actors are labelled
 *   `NAME (CODE)` (`SYRIA (SYRMIL)`), since GDELT gives a state's army and government the
 *   state's name. An alias table applies to codes.
 * - A row with neither actor is rejected (GDELT's many actor-less events cannot be drawn).
 * - SQLDATE gives the day; DATEADDED the `reported` instant (second precision, UTC).
 * - The category is the CAMEO root event name (`CONSULT`); the event codes are kept as strings
 *   (`042`, leading zeros intact) in `attributes` with IsRootEvent, QuadClass, GoldsteinScale,
 *   NumMentions, NumSources, NumArticles and AvgTone (numbers).
 * - ActionGeo is the location; SOURCEURL the source when it is an http(s) URL (other schemes
 *   are dropped with a warning; text without a scheme is kept as the publisher).
 * - Ids are GLOBALEVENTID.
 *
 * @example
 * ```ts
 * const { dataset, counts } = fromGDELT(await readFile('20240118000000.export.CSV', 'utf8'));
 * dataset.events[0].attributes?.EventCode; // '042'
 * ```
 */
export function fromGDELT(text: string, options: GdeltImportOptions = {}): ImportResult {
  const problems: Problem[] = [];
  const rejected: Rejected[] = [];
  const events = new ImportedEvents(EVENT_KEYS);
  const resolver = createActorResolver(options);
  const ids = new UniqueIds();
  let layout: Layout | undefined;
  let records = 0;
  let blank = 0;
  let line = 0;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;

  const starts = new Int32Array(MAX_FIELDS);
  const ends = new Int32Array(MAX_FIELDS);
  // The current row is text.slice(rowStart, rowEnd) (its line end and a CR before it left
  // out); its fields are found by offsets into the text, never by slicing the row.
  let rowStart = 0;
  let rowEnd = 0;
  let count = 0;
  /** Field `i` of the current row, trimmed ('' when the row is shorter). */
  const f = (i: number): string => (i < count && i < MAX_FIELDS ? text.slice(starts[i]!, ends[i]!).trim() : '');

  const strings = new Interner();
  // Rows repeat the same actors: one actor's ten columns, as written, decide its id and label,
  // and the resolver's side effects (a spelling's first line, the kind) happen on first sight,
  // so the answer for a block of text already seen is the answer given then.
  const actorBlocks = new Map<string, ReadActor | null>();
  const actor = (at: number, rowLine: number): ReadActor | undefined => {
    const block = at + 9 < count ? text.slice(starts[at]!, ends[at + 9]!) : undefined;
    if (block !== undefined) {
      const known = actorBlocks.get(block);
      if (known !== undefined) return known ?? undefined;
    }
    const actorCode = code(at);
    const name = f(at + 1);
    const key = actorCode !== '' ? actorCode : name;
    let read: ReadActor | undefined;
    if (key !== '') {
      const kind = cameoActorKind({ code: key, countryCode: f(at + 2), knownGroup: f(at + 3), type1: f(at + 7) });
      // GDELT names the government, the army and the state alike ("SYRIA"), so only a state keeps
      // the bare name; other actors show their code too.
      const label = name === '' ? actorCode : kind === 'state' || actorCode === '' ? name : `${name} (${actorCode})`;
      const id = resolver.resolve(label, { key, line: rowLine, kind });
      if (id !== undefined) read = { id, title: strings.get(name || actorCode), pairs: new Map(), alone: undefined };
    }
    if (block !== undefined) {
      if (actorBlocks.size >= CACHE_LIMIT) actorBlocks.clear();
      actorBlocks.set(block, read ?? null);
    }
    return read;
  };
  const verbs = new Map<string, string>();
  let lastUrl = '';
  let lastSources: readonly Source[] = NO_ITEMS;
  const days = new Map<string, string | undefined>();
  /** compactDate, remembered: a file has few distinct days and seconds. */
  const dateOf = (text: string): string | undefined => {
    if (days.has(text)) return days.get(text);
    if (days.size >= CACHE_LIMIT) days.clear();
    const date = compactDate(text);
    days.set(text, date);
    return date;
  };
  const codes = new Map<number, string>();
  /**
   * Field `i` as `f(i)` gives it, one shared string per value. Codes are short and repeat
   * (`042`, `RUS`, `USAGOV`): a value of up to seven printable ASCII characters is found by its
   * characters packed into a number, without slicing the row or hashing a string.
   */
  const code = (i: number): string => {
    if (i >= count || i >= MAX_FIELDS) return '';
    const from = starts[i]!;
    const to = ends[i]!;
    if (to > from && to - from <= 7) {
      let key = 0;
      let k = from;
      for (; k < to; k++) {
        const c = text.charCodeAt(k);
        // White space (which f would trim) and anything beyond ASCII take the slow path.
        if (c <= 32 || c >= 127) break;
        key = key * 95 + (c - 32); // digits 1…94 in base 95: distinct values give distinct keys
      }
      if (k === to) {
        let value = codes.get(key);
        if (value === undefined) {
          if (codes.size >= CACHE_LIMIT) codes.clear();
          codes.set(key, (value = text.slice(from, to)));
        }
        return value;
      }
    }
    return strings.get(f(i));
  };
  const digitDays = [new Map<number, DigitsDate>(), new Map<number, DigitsDate>()];
  /**
   * compactDate of field `i` when it is 8 or 14 digits, found by its numeric value without
   * slicing the row, with its model value once asked for; undefined otherwise (then read it
   * with f and dateOf, which say why).
   */
  const digitsDate = (i: number): DigitsDate | undefined => {
    if (i >= count || i >= MAX_FIELDS) return undefined;
    const from = starts[i]!;
    const to = ends[i]!;
    if (to - from !== 8 && to - from !== 14) return undefined;
    let key = 0;
    for (let k = from; k < to; k++) {
      const digit = text.charCodeAt(k) - 48;
      if (digit < 0 || digit > 9) return undefined;
      key = key * 10 + digit; // at most 14 digits: exact in a double
    }
    const cache = digitDays[to - from === 8 ? 0 : 1]!;
    let date = cache.get(key);
    if (date === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, (date = { text: compactDate(text.slice(from, to)), when: null, date: null }));
    }
    return date;
  };
  let attributes: GdeltAttributes = {};
  /** Field `i` read as a number; undefined when empty, and reported (then undefined) when it is not one. */
  const number = (name: string, at: number): number | undefined => {
    // Short values (`1`, `-2.0`) are read through the shared code strings, without a slice.
    const value = at < count && at < MAX_FIELDS && ends[at]! - starts[at]! <= 7 ? code(at) : f(at);
    if (value === '') return undefined;
    const parsed = Number(value);
    if (Number.isFinite(parsed)) return parsed;
    problems.push({ path: `line ${line}, column ${name}`, message: `"${truncate(value)}" is not a number; it was dropped`, severity: 'warning' });
    return undefined;
  };
  const reject = (rowProblems: Problem[]): void => {
    problems.push(...rowProblems);
    rejected.push({ path: `line ${line}`, record: text.slice(rowStart, rowEnd).split('\t'), problems: rowProblems });
  };

  while (pos < n) {
    // One pass over the row's characters to its line end, noting where each field starts and
    // ends: GDELT has no quoting, so a tab always separates fields and a newline always ends a row.
    rowStart = pos;
    count = 0;
    let from = pos;
    let i = pos;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) break;
      if (c === 9) {
        if (count < MAX_FIELDS) {
          starts[count] = from;
          ends[count] = i;
        }
        count++;
        from = i + 1;
      }
    }
    pos = i + 1;
    line++;
    rowEnd = i > rowStart && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
    if (count < MAX_FIELDS) {
      starts[count] = from;
      ends[count] = rowEnd;
    }
    count++;
    // Most rows start with a visible ASCII character (a digit); only others can be blank.
    const first = rowStart < rowEnd ? text.charCodeAt(rowStart) : 32;
    if (!(first > 32 && first < 127) && text.slice(rowStart, rowEnd).trim() === '') {
      blank++;
      continue;
    }
    if (line === 1 && rowEnd - rowStart >= 13 && text.startsWith('GLOBALEVENTID', rowStart)) continue;
    records++;
    if (layout === undefined) {
      layout = LAYOUTS.get(count);
      if (layout === undefined) {
        reject([{ path: `line ${line}`, message: `the row has ${count} tab-separated columns; a GDELT event export has 61 (GDELT 2.0), 58 or 57 (GDELT 1.0)`, severity: 'error' }]);
        continue;
      }
    } else if (count !== layout.columns) {
      reject([{ path: `line ${line}`, message: `the row has ${count} tab-separated columns; the file is ${layout.name} with ${layout.columns}`, severity: 'error' }]);
      continue;
    }
    const rowProblems: Problem[] = [];
    const whenDigits = digitsDate(1);
    let when = whenDigits?.text;
    const sqlDate = when === undefined ? f(1) : '';
    if (when === undefined) when = dateOf(sqlDate);
    if (when === undefined) rowProblems.push({ path: `line ${line}, column SQLDATE`, message: `"${truncate(sqlDate)}" is not a date in the form YYYYMMDD`, severity: 'error' });
    const source = actor(5, line);
    const target = actor(15, line);
    if (source === undefined && target === undefined) {
      rowProblems.push({ path: `line ${line}`, message: 'the event has no actor (Actor1Code, Actor1Name, Actor2Code and Actor2Name are empty)', severity: 'error' });
    }
    if (rowProblems.length > 0 || when === undefined) {
      reject(rowProblems);
      continue;
    }
    const eventCode = code(26);
    const rootCode = code(28);
    const rootName = cameoRootName(rootCode !== '' ? rootCode : eventCode);
    // One frozen list of participants per source and target, shared by every event between them
    // (records are deeply frozen, so sharing is safe): rows repeat the same few hundred pairs.
    const other = source !== undefined && target !== undefined ? target : null;
    let pair = source !== undefined ? source.pairs.get(other) : target!.alone;
    if (pair === undefined) {
      const list = new Array<Participant>(other !== null ? 2 : 1);
      if (source !== undefined) list[0] = events.participant(source.id, 'source');
      if (target !== undefined) list[source !== undefined ? 1 : 0] = events.participant(target.id, 'target');
      const a1 = source === undefined ? '' : source.title;
      const a2 = target === undefined ? '' : target.title;
      pair = { participants: Object.freeze(list), prefix: a1 !== '' && a2 !== '' ? `${a1} → ${a2}: ` : `${a1 || a2}: ` };
      if (source === undefined) target!.alone = pair;
      else if (source.pairs.size < CACHE_LIMIT) source.pairs.set(other, pair);
    }
    const participants = pair.participants;
    // Verbs repeat (`consult (042)`): one string per EventCode, when EventRootCode is the code's
    // first two digits (as CAMEO makes it), so the code alone decides the verb.
    const cached = rootCode.length === 2 && eventCode.startsWith(rootCode);
    let verb = cached ? verbs.get(eventCode) : undefined;
    if (verb === undefined) {
      verb = `${rootName === undefined ? 'event' : rootName.toLowerCase()}${eventCode !== '' ? ` (${eventCode})` : ''}`;
      if (cached && verbs.size < CACHE_LIMIT) verbs.set(eventCode, verb);
    }
    // The pair's prefix and the verb are shared strings; the title joins the two (one small
    // node pointing at both, rather than a copy of every character per event).
    const title = pair.prefix + verb;

    const globalId = f(0);
    let id = globalId !== '' ? globalId : `row-${line}`;
    if (!ids.fresh(id, line)) {
      const taken = ids.take(id, line);
      problems.push({ path: `line ${line}, column GLOBALEVENTID`, message: `the id "${globalId}" is also on ${taken.firstAt}; this row is "${taken.id}"`, severity: 'warning' });
      id = taken.id;
    }
    // Named stores, one site a key, in the order GDELT imports always wrote them: every row then
    // takes the same hidden-class path instead of a generic keyed store.
    attributes = {};
    const eventBase = code(27);
    const isRoot = f(25);
    const quad = number('QuadClass', 29);
    const goldstein = number('GoldsteinScale', 30);
    const mentions = number('NumMentions', 31);
    const numSources = number('NumSources', 32);
    const articles = number('NumArticles', 33);
    const tone = number('AvgTone', 34);
    const actor1 = code(5);
    const actor2 = code(15);
    const geo = layout.actionGeo;
    const w = layout.geoWidth;
    const geoCountry = code(geo + 2);
    const feature = code(geo + w - 1);
    if (eventCode !== '') attributes.EventCode = eventCode;
    if (eventBase !== '') attributes.EventBaseCode = eventBase;
    if (rootCode !== '') attributes.EventRootCode = rootCode;
    if (isRoot === '0' || isRoot === '1') attributes.IsRootEvent = isRoot === '1';
    if (quad !== undefined) attributes.QuadClass = quad;
    if (goldstein !== undefined) attributes.GoldsteinScale = goldstein;
    if (mentions !== undefined) attributes.NumMentions = mentions;
    if (numSources !== undefined) attributes.NumSources = numSources;
    if (articles !== undefined) attributes.NumArticles = articles;
    if (tone !== undefined) attributes.AvgTone = tone;
    if (actor1 !== '') attributes.Actor1Code = actor1;
    if (actor2 !== '') attributes.Actor2Code = actor2;
    if (geoCountry !== '') attributes.ActionGeo_CountryCode = geoCountry;
    if (feature !== '') attributes.ActionGeo_FeatureID = feature;

    let location: Location | undefined;
    const place = strings.get(f(geo + 1));
    if (place !== '') {
      const lat = coordinate(f(geo + w - 3), 90);
      const lon = coordinate(f(geo + w - 2), 180);
      location = Object.freeze(lat !== undefined && lon !== undefined ? { name: place, lat, lon } : { name: place });
    }

    // One frozen source list per article: GDELT writes the events it read from one article one
    // after another, so a row with the previous row's URL shares its list. (A map of every URL
    // would cost a hash and an entry per row for files whose URLs are all distinct.)
    let sources: readonly Source[] = NO_ITEMS;
    if (layout.sourceUrl !== undefined) {
      const url = f(layout.sourceUrl);
      if (url !== '' && url === lastUrl) {
        sources = lastSources;
      } else if (url !== '') {
        let read: Source | undefined;
        // A plain http(s) URL is what safeUrl would give back, known without building a URL.
        if (isPlainHttpUrl(url)) read = Object.freeze({ url });
        else if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
          const safe = safeUrl(url);
          if (safe !== undefined && /^https?:/i.test(safe)) read = Object.freeze({ url: safe });
          else problems.push({ path: `line ${line}, column SOURCEURL`, message: `"${truncate(url)}" is not an http or https URL; it was dropped`, severity: 'warning' });
        } else {
          read = Object.freeze({ publisher: url });
        }
        if (read !== undefined) {
          sources = Object.freeze([read]);
          lastUrl = url;
          lastSources = sources;
        }
      }
    }
    const source_ = sources[0];

    const reportedDigits = digitsDate(layout.dateAdded);
    let reported = reportedDigits?.text;
    const added = reported === undefined ? f(layout.dateAdded) : '';
    if (added !== '') {
      reported = dateOf(added);
      if (reported === undefined) problems.push({ path: `line ${line}, column DATEADDED`, message: `"${truncate(added)}" is not a date in the form YYYYMMDDHHMMSS; it was dropped`, severity: 'warning' });
    }

    // The record the validator would build from this row, made at once (see import-records.ts).
    // Each distinct date is looked up in the model once (rows repeat a few hundred days).
    let whenValue: When | undefined;
    if (whenDigits !== undefined && whenDigits.text === when) {
      if (whenDigits.when === null) whenDigits.when = events.when(when);
      whenValue = whenDigits.when;
    } else whenValue = events.when(when);
    let reportedValue: DateValue | undefined;
    if (reported === undefined) reportedValue = undefined;
    else if (reportedDigits !== undefined && reportedDigits.text === reported) {
      if (reportedDigits.date === null) reportedDigits.date = events.date(reported);
      reportedValue = reportedDigits.date;
    } else reportedValue = events.date(reported);
    const parts: GdeltParts = { id, title, when, category: rootName, location, participants, attributes, source: source_, reported };
    if (whenValue === undefined || (reported !== undefined && reportedValue === undefined) || events.viaValidator) {
      events.add(gdeltInput(parts), line);
      continue;
    }
    let record: { -readonly [K in keyof EntityEvent]: EntityEvent[K] };
    if (rootName !== undefined && location !== undefined && reportedValue !== undefined) {
      // The usual row, as one literal: its ten fields then live in the object itself, where
      // adding them one by one would put seven in a separate, larger backing store.
      record = { id, title, when: whenValue, category: rootName, location, participants, tags: NO_ITEMS, sources, reported: reportedValue, attributes: Object.freeze(attributes) };
    } else {
      record = { id, title, when: whenValue } as EntityEvent;
      if (rootName !== undefined) record.category = rootName;
      if (location !== undefined) record.location = location;
      record.participants = participants;
      record.tags = NO_ITEMS;
      record.sources = sources;
      if (reportedValue !== undefined) record.reported = reportedValue;
      record.attributes = Object.freeze(attributes);
    }
    // The JSON shape is kept only when the record would not give it back as written.
    const exact = whenValue.edtf === when && whenValue.end === undefined && (reportedValue === undefined || reportedValue.edtf === reported);
    events.addRecord(Object.freeze(record), line, exact ? undefined : gdeltInput(parts));
  }

  return events.finish(
    { format: 'gdelt', ...(options.title !== undefined && { title: options.title }), actors: resolver.actors(), problems, rejected, merges: resolver.merges(), records, duplicates: 0, blank },
    options.mode,
  );
}

/** The attributes of a GDELT event, every key optional, in the order they are written. */
interface GdeltAttributes {
  EventCode?: string;
  EventBaseCode?: string;
  EventRootCode?: string;
  IsRootEvent?: boolean;
  QuadClass?: number;
  GoldsteinScale?: number;
  NumMentions?: number;
  NumSources?: number;
  NumArticles?: number;
  AvgTone?: number;
  Actor1Code?: string;
  Actor2Code?: string;
  ActionGeo_CountryCode?: string;
  ActionGeo_FeatureID?: string;
}

/** A date column's digits read: the date as text (undefined: not a date), and its model values once asked for (null: not yet). */
interface DigitsDate {
  readonly text: string | undefined;
  when: When | undefined | null;
  date: DateValue | undefined | null;
}

/** What one GDELT row gives an event. */
interface GdeltParts {
  readonly id: string;
  readonly title: string;
  readonly when: string;
  readonly category: string | undefined;
  readonly location: Location | undefined;
  readonly participants: readonly Participant[];
  readonly attributes: Readonly<GdeltAttributes>;
  readonly source: Source | undefined;
  readonly reported: string | undefined;
}

/** A row's event in the library's JSON shape, keys in the order GDELT imports always wrote them. */
function gdeltInput(parts: GdeltParts): EventInput {
  const event: EventInput = { id: parts.id, title: parts.title, when: parts.when };
  if (parts.category !== undefined) event.category = parts.category;
  event.participants = parts.participants.map(({ actor, role }) => ({ actor, role }));
  event.attributes = { ...parts.attributes };
  if (parts.location !== undefined) event.location = { ...parts.location };
  if (parts.source !== undefined) event.sources = [parts.source.url !== undefined ? { url: parts.source.url } : { publisher: parts.source.publisher! }];
  if (parts.reported !== undefined) event.reported = parts.reported;
  return event;
}

const MAX_FIELDS = 64;
/** Distinct actor blocks and dates remembered; the caches start over when full. */
const CACHE_LIMIT = 8192;

/** An actor read from its columns: its id, the name a title shows, and the titles made with it. */
interface ReadActor {
  readonly id: string;
  readonly title: string;
  /** Events with this actor as source, by the target (null: none). */
  readonly pairs: Map<ReadActor | null, Pair>;
  /** Events with this actor as target and no source. */
  alone: Pair | undefined;
}

/** What events between one source and one target share: their participants and the start of their titles. */
interface Pair {
  readonly participants: readonly Participant[];
  /** `A → B: ` (or `A: ` with one actor). */
  readonly prefix: string;
}
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `20240118` → `2024-01-18`; `20240118093015` → `2024-01-18T09:30:15Z`; anything else → undefined. */
function compactDate(text: string): string | undefined {
  if ((text.length !== 8 && text.length !== 14) || !/^\d+$/.test(text)) return undefined;
  const year = +text.slice(0, 4);
  const month = +text.slice(4, 6);
  const day = +text.slice(6, 8);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && !leap ? 28 : DAYS[month - 1]!)) return undefined;
  const date = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  if (text.length === 8) return date;
  if (+text.slice(8, 10) > 23 || +text.slice(10, 12) > 59 || +text.slice(12, 14) > 59) return undefined;
  return `${date}T${text.slice(8, 10)}:${text.slice(10, 12)}:${text.slice(12, 14)}Z`;
}

function coordinate(text: string | undefined, limit: number): number | undefined {
  const value = (text ?? '').trim();
  if (value === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) && Math.abs(parsed) <= limit ? parsed : undefined;
}
