/**
 * CSV and TSV tables of events: one row an event, columns found by their header.
 *
 * @packageDocumentation
 */
import { safeUrl } from '../render/common/safe-url.js';
import type { DateValue, EntityEvent, EventInput, Participant, Problem, Rejected, Source, SourceInput, When } from '../model/types.js';
import { isBlank } from '../model/validate-read.js';
import { createActorResolver, type ActorResolver, type ActorResolverOptions } from './aliases.js';
import { parseHumanDate, parseHumanWhen, type HumanDateOptions, type HumanDateResult, type HumanWhenResult } from './dates-human.js';
import { forEachDSVRow, type DsvRow } from './dsv.js';
import { isPlainHttpUrl, readNumber, truncate, UniqueIds } from './util.js';
import type { ImportFormat, ImportOptionsBase, ImportResult } from './import-result.js';
import { copyAttributes, freezeAttributes, ImportedEvents, NO_ITEMS, type EventKey } from './import-records.js';

/** The keys of an event as {@link buildEvent} writes them, in order. */
const EVENT_KEYS: readonly EventKey[] = ['id', 'title', 'when', 'description', 'category', 'participants', 'sources', 'location', 'tags', 'reported', 'attributes'];

/** The event fields a column can fill. */
export type CsvField =
  | 'id'
  | 'start'
  | 'end'
  | 'title'
  | 'description'
  | 'actors'
  | 'source'
  | 'publisher'
  | 'category'
  | 'location'
  | 'tags'
  | 'lat'
  | 'lon'
  | 'reported';

/**
 * The headers each field is looked for under, compared without case, spaces, `_` or `-`
 * (so `Start Date`, `start_date` and `startDate` are one header). The first listed header
 * present wins.
 */
export const CSV_DEFAULT_COLUMNS: Readonly<Record<CsvField, readonly string[]>> = Object.freeze({
  id: ['id', 'event_id', 'unique_id', 'uid'],
  start: ['date', 'start', 'start_date', 'when', 'begin', 'event_date'],
  end: ['end_date', 'end', 'until', 'finish'],
  title: ['title', 'headline', 'event', 'name'],
  description: ['description', 'text', 'notes', 'details', 'summary'],
  actors: ['actors', 'participants', 'actor', 'who'],
  source: ['source_url', 'source', 'url', 'link'],
  publisher: ['publisher', 'source_name', 'outlet'],
  category: ['category', 'type', 'event_type'],
  location: ['location', 'place', 'where'],
  tags: ['tags', 'keywords'],
  lat: ['lat', 'latitude'],
  lon: ['lon', 'lng', 'long', 'longitude'],
  reported: ['reported', 'reported_date', 'published', 'date_added'],
});

const FIELDS = Object.keys(CSV_DEFAULT_COLUMNS) as CsvField[];

/** Options of {@link fromCSV}. */
export interface CsvImportOptions extends ImportOptionsBase, HumanDateOptions, ActorResolverOptions {
  /** The field separator. Default: whichever of `,`, `;` and tab is most frequent in the header line. */
  readonly delimiter?: string;
  /** Headers to read fields from, overriding {@link CSV_DEFAULT_COLUMNS}: `{ start: 'Date of event', actors: 'Who' }`. */
  readonly columns?: Readonly<Partial<Record<CsvField, string>>>;
  /** What to do with columns no field reads: keep them in each event's `attributes` (default) or ignore them. */
  readonly extraColumns?: 'attributes' | 'ignore';
  /** The dataset's title. */
  readonly title?: string;
}

/** Compares headers without case, white space, `_` or `-`. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * Guesses the delimiter from the first non-blank line: the most frequent of `,`, `;` and tab
 * outside quotes (`,` on a tie).
 *
 * @example
 * ```ts
 * detectDelimiter('date;title;actors\n'); // ';'
 * ```
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  let comma = 0;
  let semicolon = 0;
  let tab = 0;
  let quoted = false;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 10 || c === 13) {
      if (seen) break;
    } else if (c === 44) comma++;
    else if (c === 59) semicolon++;
    else if (c === 9) tab++;
    if (c !== 10 && c !== 13 && c !== 0xfeff && c !== 32) seen = true;
  }
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma) return ';';
  return ',';
}

/**
 * Reads a CSV (or TSV, or `;`-separated) table of events into a dataset. Columns are found by
 * header ({@link CSV_DEFAULT_COLUMNS}, or `columns`); only a date column is required.
 *
 * - Dates are read as people write them (see `parseHumanDate`); a start cell may hold an
 *   interval (`2023/2024`, `Jan 2024 to Mar 2024`) when there is no end column. A slash date
 *   that reads both ways (`01/02/2024`) rejects the row unless `dayFirst` or `monthFirst` is set.
 * - Actors are separated by `;` or `|`, each with an optional role after the last `:` when that
 *   is one word (`Russia:target`, `North Korea:source`); without a role an actor is a
 *   `participant`. Spellings are merged by the actor resolver (see `createActorResolver`).
 * - Sources: URLs (only http, https and mailto are kept, others are reported) or, for text
 *   without a scheme, the publisher's name; several are separated by `;` or `|`.
 * - Event ids come from the id column; rows without one get `row-<line>` (the 1-based line
 *   the row starts on), so ids stay the same when the file is read again. A repeated id gets
 *   `-2`, `-3`… and a warning.
 * - A row that repeats an earlier row exactly is kept once, with a warning naming both lines;
 *   blank rows are skipped and counted.
 *
 * @example
 * ```ts
 * const { dataset, problems } = fromCSV('date,title,actors\n18 Jan 2024,Talks,Russia:source;North Korea:target\n');
 * dataset.events[0].when.edtf; // '2024-01-18'
 * dataset.actors.map((a) => a.id); // ['russia', 'north-korea']
 * ```
 */
export function fromCSV(text: string, options: CsvImportOptions = {}): ImportResult {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  return importTable(text, delimiter === '\t' ? 'tsv' : 'csv', delimiter, options);
}

/**
 * Reads a tab-separated table of events: {@link fromCSV} with a tab delimiter.
 *
 * @example
 * ```ts
 * fromTSV('date\ttitle\n2024-01-18\tTalks\n').dataset.events.length; // 1
 * ```
 */
export function fromTSV(text: string, options: CsvImportOptions = {}): ImportResult {
  return importTable(text, 'tsv', '\t', { ...options, delimiter: '\t' });
}

interface Columns {
  readonly at: Partial<Record<CsvField, number>>;
  readonly extra: readonly number[];
}

function mapColumns(header: readonly string[], headerLine: number, options: CsvImportOptions, problems: Problem[]): Columns {
  const keys = header.map(headerKey);
  const at: Partial<Record<CsvField, number>> = {};
  const used = new Set<number>();
  const custom = options.columns ?? {};
  for (const field of Object.keys(custom) as CsvField[]) {
    if (!FIELDS.includes(field)) {
      throw new RangeError(`columns.${field} is not a field; the fields are ${FIELDS.join(', ')}`);
    }
    const name = custom[field];
    if (name === undefined) continue;
    const index = keys.indexOf(headerKey(name));
    if (index < 0) {
      problems.push({ path: `line ${headerLine}`, message: `columns.${field} names "${name}", which is not in the header`, severity: 'error' });
      continue;
    }
    at[field] = index;
    used.add(index);
  }
  for (const field of FIELDS) {
    if (at[field] !== undefined || custom[field] !== undefined) continue;
    for (const candidate of CSV_DEFAULT_COLUMNS[field]) {
      const index = keys.indexOf(headerKey(candidate));
      if (index >= 0 && !used.has(index)) {
        at[field] = index;
        used.add(index);
        break;
      }
    }
  }
  const extra: number[] = [];
  if ((options.extraColumns ?? 'attributes') === 'attributes') {
    header.forEach((h, i) => {
      if (!used.has(i) && h.trim() !== '') extra.push(i);
    });
  }
  return { at, extra };
}

const ROLE = /^[A-Za-z][\w-]{0,29}$/;

/**
 * Splits an actor cell into names and roles: `;` or `|` separate actors, and a trailing
 * `:role` (one word) gives the role.
 *
 * @example
 * ```ts
 * splitActors('Russia:target; North Korea:source | UN'); // [{ name: 'Russia', role: 'target' }, { name: 'North Korea', role: 'source' }, { name: 'UN' }]
 * ```
 */
export function splitActors(cell: string): { name: string; role?: string }[] {
  const out: { name: string; role?: string }[] = [];
  // The parts of cell.split(/[;|]/), sliced by hand: this runs for every row of a table.
  for (let from = 0, i = 0; i <= cell.length; i++) {
    const c = i < cell.length ? cell.charCodeAt(i) : 59;
    if (c !== 59 && c !== 124) continue; // ; |
    const part = cell.slice(from, i);
    from = i + 1;
    if (part.trim() === '') continue;
    const colon = part.lastIndexOf(':');
    if (colon > 0) {
      const role = part.slice(colon + 1).trim();
      const name = part.slice(0, colon);
      if (ROLE.test(role) && name.trim() !== '') {
        out.push({ name, role: role.toLowerCase() });
        continue;
      }
    }
    out.push({ name: part });
  }
  return out;
}

/** Reads a cell of sources: URLs are checked with `safeUrl`, other text is a publisher. */
export function readSources(cell: string, path: string, problems: Problem[]): SourceInput[] {
  const sources: SourceInput[] = [];
  const parts = /[;|\s]/.test(cell) ? cell.split(/\s*[;|]\s*|\s+(?=[a-z][a-z0-9+.-]*:\/\/)/i) : [cell];
  for (const part of parts) {
    const text = part.trim();
    if (text === '') continue;
    if (isPlainHttpUrl(text)) {
      // What safeUrl would give, without building a URL for every row.
      sources.push({ url: text });
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-z][a-z0-9+.-]*:\s/i.test(text)) {
      const url = safeUrl(text);
      if (url === undefined) {
        problems.push({ path, message: `"${truncate(text)}" is not an http, https or mailto URL; it was dropped`, severity: 'warning' });
      } else {
        sources.push({ url });
      }
    } else {
      sources.push({ publisher: text });
    }
  }
  return sources;
}

function importTable(text: string, format: ImportFormat, delimiter: string, options: CsvImportOptions): ImportResult {
  const problems: Problem[] = [];
  const rejected: Rejected[] = [];
  const events = new ImportedEvents(EVENT_KEYS);
  const resolver = createActorResolver(options);
  const seenRows = new Map<string, number>();
  const ids = new UniqueIds();
  let header: string[] | undefined;
  let headerLine = 1;
  let columns: Columns | undefined;
  let records = 0;
  let duplicates = 0;
  let blank = 0;
  const dateOptions: HumanDateOptions = { dayFirst: options.dayFirst ?? false, monthFirst: options.monthFirst ?? false };
  if (dateOptions.dayFirst && dateOptions.monthFirst) throw new RangeError('dayFirst and monthFirst cannot both be set');
  const dates = new DateReader(dateOptions);

  const parseProblems = forEachDSVRow(
    text,
    (row) => {
      if (header === undefined) {
        if (row.blank || row.broken) return;
        header = row.fields;
        headerLine = row.line;
        columns = mapColumns(header, headerLine, options, problems);
        if (columns.at.start === undefined) {
          problems.push({
            path: `line ${headerLine}`,
            message: `no date column: looked for ${CSV_DEFAULT_COLUMNS.start.join(', ')}; name one with columns.start`,
            severity: 'error',
          });
        }
        return;
      }
      if (row.blank) {
        blank++;
        return;
      }
      records++;
      const reject = (rowProblems: Problem[]): void => {
        problems.push(...rowProblems);
        rejected.push({ path: `line ${row.line}`, record: recordOf(header!, row), problems: rowProblems });
      };
      if (row.broken) {
        rejected.push({
          path: `line ${row.line}`,
          record: recordOf(header, row),
          problems: [{ path: `line ${row.line}`, message: 'a quote in this record is never closed', severity: 'error' }],
        });
        return;
      }
      // The record's own text (a cheap slice of the input) is the key: exact duplicates are equal text.
      const key = text.slice(row.start, row.end);
      const first = seenRows.get(key);
      if (first !== undefined) {
        duplicates++;
        problems.push({ path: `line ${row.line}`, message: `the row repeats line ${first} exactly; it was kept once`, severity: 'warning' });
        return;
      }
      seenRows.set(key, row.line);
      const refused = buildEvent(row, header, columns!, resolver, ids, dates, problems, format, events);
      if (refused !== undefined) reject(refused);
    },
    { delimiter },
  );
  problems.push(...parseProblems);

  return events.finish(
    { format, ...(options.title !== undefined && { title: options.title }), actors: resolver.actors(), problems, rejected, merges: resolver.merges(), records, duplicates, blank },
    options.mode,
  );
}

function recordOf(header: readonly string[] | undefined, row: DsvRow): Record<string, string> | string[] {
  if (header === undefined) return row.fields;
  const record: Record<string, string> = {};
  row.fields.forEach((value, i) => {
    Object.defineProperty(record, header[i] ?? `column ${i + 1}`, { value, enumerable: true, writable: true, configurable: true });
  });
  return record;
}


/** How many distinct date cells are remembered (25 years of days, each written a few ways). */
const DATE_CACHE_LIMIT = 65536;

/**
 * `parseHumanDate` and `parseHumanWhen` with the answers for repeated cells remembered: a
 * table repeats its dates (a day's news) and reading one takes several regular expressions.
 */
class DateReader {
  readonly #dates = new Map<string, HumanDateResult>();
  readonly #whens = new Map<string, HumanWhenResult>();
  constructor(readonly options: HumanDateOptions) {}

  date(text: string): HumanDateResult {
    let read = this.#dates.get(text);
    if (read === undefined) {
      if (this.#dates.size >= DATE_CACHE_LIMIT) this.#dates.clear();
      this.#dates.set(text, (read = parseHumanDate(text, this.options)));
    }
    return read;
  }

  when(text: string): HumanWhenResult {
    let read = this.#whens.get(text);
    if (read === undefined) {
      if (this.#whens.size >= DATE_CACHE_LIMIT) this.#whens.clear();
      this.#whens.set(text, (read = parseHumanWhen(text, this.options)));
    }
    return read;
  }
}

function buildEvent(
  row: DsvRow,
  header: readonly string[],
  columns: Columns,
  resolver: ActorResolver,
  ids: UniqueIds,
  dates: DateReader,
  problems: Problem[],
  format: ImportFormat,
  events: ImportedEvents,
): Problem[] | undefined {
  const { fields, line } = row;
  const errors: Problem[] = [];
  const at = columns.at;
  const cell = (field: CsvField): string => {
    const i = at[field];
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  const where = (field: CsvField): string => `line ${line}, column ${header[at[field]!]}`;

  if (fields.length !== header.length) {
    const extra = fields.slice(header.length);
    if (fields.length > header.length && extra.some((f) => f.trim() !== '')) {
      const separator = format === 'tsv' ? 'tab' : 'delimiter';
      errors.push({
        path: `line ${line}`,
        message: `the row has ${fields.length} fields; the header has ${header.length} (an unquoted ${separator} inside a value?)`,
        severity: 'error',
      });
      return errors;
    }
    problems.push({
      path: `line ${line}`,
      message: `the row has ${fields.length} fields; the header has ${header.length}; ${fields.length > header.length ? 'the empty extra fields were ignored' : 'the missing fields were read as empty'}`,
      severity: 'warning',
    });
  }

  let when: EventInput['when'] | undefined;
  if (at.start === undefined) {
    errors.push({ path: `line ${line}`, message: 'the table has no date column', severity: 'error' });
  } else {
    const startText = cell('start');
    const endText = cell('end');
    if (startText === '') {
      errors.push({ path: where('start'), message: 'the date is empty', severity: 'error' });
    } else if (at.end === undefined || endText === '') {
      const read = dates.when(startText);
      if (read.ok) when = read.end === undefined ? read.start : { start: read.start, end: read.end };
      else errors.push({ path: where('start'), message: read.message, severity: 'error' });
    } else {
      const start = dates.date(startText);
      const end = dates.date(endText);
      if (!start.ok) errors.push({ path: where('start'), message: start.message, severity: 'error' });
      if (!end.ok) errors.push({ path: where('end'), message: end.message, severity: 'error' });
      if (start.ok && end.ok) when = { start: start.edtf, end: end.edtf };
    }
  }

  let title = cell('title');
  const description = cell('description');
  if (title === '') {
    if (description !== '') {
      title = truncate(description.split('\n')[0]!.trim(), 80);
      problems.push({ path: at.title === undefined ? `line ${line}` : where('title'), message: 'no title: the start of the description was used', severity: 'warning' });
    } else {
      errors.push({ path: at.title === undefined ? `line ${line}` : where('title'), message: 'the event has no title and no description', severity: 'error' });
    }
  }
  if (errors.length > 0 || when === undefined) return errors;

  const idCell = cell('id');
  let id = idCell === '' ? `row-${line}` : idCell;
  if (!ids.fresh(id, line)) {
    const taken = ids.take(id, line);
    problems.push({ path: at.id === undefined ? `line ${line}` : where('id'), message: `the id "${idCell}" is also used on ${taken.firstAt}; this row is "${taken.id}"`, severity: 'warning' });
    id = taken.id;
  }
  const category = cell('category');

  // Participants as the shared frozen `{ actor, role }` records (one per actor and role), so a
  // repeat is found by identity and nothing is built twice.
  let participants: Participant[] | undefined;
  const actorCell = cell('actors');
  if (actorCell !== '') {
    for (const { name, role } of splitActors(actorCell)) {
      const actor = resolver.resolve(name, { line });
      if (actor === undefined) continue;
      const participant = events.participant(actor, role ?? 'participant');
      if (participants === undefined) participants = [participant];
      else if (!participants.includes(participant)) participants.push(participant);
    }
  }

  const sources = cell('source') === '' ? [] : readSources(cell('source'), where('source'), problems);
  const publisher = cell('publisher');
  if (publisher !== '') {
    const first = sources[0];
    if (first !== undefined && first.url !== undefined && first.publisher === undefined) first.publisher = publisher;
    else sources.push({ publisher });
  }

  const place = cell('location');
  const lat = readNumber(cell('lat'), at.lat === undefined ? '' : where('lat'), -90, 90, problems);
  const lon = readNumber(cell('lon'), at.lon === undefined ? '' : where('lon'), -180, 180, problems);
  const located = place !== '' || (lat !== undefined && lon !== undefined);
  const placeName = place !== '' ? place : `${lat}, ${lon}`;
  const both = lat !== undefined && lon !== undefined;

  let tags: string[] | undefined;
  const tagCell = cell('tags');
  if (tagCell !== '') {
    for (const part of tagCell.split(/[;|,]/)) {
      const tag = part.trim();
      if (tag === '') continue;
      if (tags === undefined) tags = [tag];
      else if (!tags.includes(tag)) tags.push(tag);
    }
  }

  let reported: string | undefined;
  const reportedCell = cell('reported');
  if (reportedCell !== '') {
    const read = dates.date(reportedCell);
    if (read.ok) reported = read.edtf;
    else problems.push({ path: where('reported'), message: `${read.message}; the reported date was dropped`, severity: 'warning' });
  }

  let attributes: Record<string, string> | undefined;
  for (const i of columns.extra) {
    const value = (fields[i] ?? '').trim();
    if (value === '') continue;
    attributes ??= {};
    Object.defineProperty(attributes, header[i]!.trim(), { value, enumerable: true, writable: true, configurable: true });
  }

  /** The row's event in the library's JSON shape, keys in the order CSV imports always wrote them. */
  const input = (): EventInput => {
    const event: EventInput = { id, title, when };
    if (description !== '') event.description = description;
    if (category !== '') event.category = category;
    if (participants !== undefined) event.participants = participants.map(({ actor, role }) => ({ actor, role }));
    if (sources.length > 0) event.sources = sources;
    if (located) event.location = both ? { name: placeName, lat, lon } : { name: placeName };
    // Copies: the record may have frozen these, and the JSON shape is the caller's to change.
    if (tags !== undefined) event.tags = [...tags];
    if (reported !== undefined) event.reported = reported;
    if (attributes !== undefined) event.attributes = copyAttributes(attributes);
    return event;
  };

  // The record the validator would build from input(), made at once (see import-records.ts);
  // anything the fast path cannot vouch for goes through the validator as before.
  if (events.viaValidator || isBlank(id) || isBlank(title)) {
    events.add(input(), line);
    return undefined;
  }
  let exact = true;
  let whenValue: When | undefined;
  if (typeof when === 'string') {
    whenValue = events.when(when);
    if (whenValue !== undefined && (whenValue.edtf !== when || whenValue.end !== undefined)) exact = false;
  } else {
    const read = events.interval(when.start, when.end!);
    if (read !== undefined) {
      whenValue = read.when;
      if (!read.exact) exact = false;
    }
  }
  let reportedValue: DateValue | undefined;
  if (reported !== undefined) {
    reportedValue = events.date(reported);
    if (reportedValue !== undefined && reportedValue.edtf !== reported) exact = false;
  }
  const location = located ? events.location(placeName, both ? lat : undefined, both ? lon : undefined) : undefined;
  const frozenAttributes = attributes === undefined ? undefined : freezeAttributes(attributes);
  if (whenValue === undefined || (reported !== undefined && reportedValue === undefined) || (located && location === undefined) || (attributes !== undefined && frozenAttributes === undefined)) {
    events.add(input(), line);
    return undefined;
  }
  let sourceList: readonly Source[] = NO_ITEMS;
  if (sources.length > 0) {
    const list = new Array<Source>(sources.length);
    for (let i = 0; i < sources.length; i++) {
      const { url, publisher: by } = sources[i]!;
      const source: { url?: string; publisher?: string } = {};
      if (url !== undefined) source.url = url;
      if (by !== undefined) source.publisher = events.intern(by);
      list[i] = Object.freeze(source);
    }
    sourceList = Object.freeze(list);
  }
  // Lists are copied to exactly their length: an array grown by push keeps room for 17 items,
  // which for 100,000 records is megabytes of nothing.
  let tagList: readonly string[] = NO_ITEMS;
  if (tags !== undefined) {
    const list = new Array<string>(tags.length);
    for (let i = 0; i < tags.length; i++) list[i] = events.intern(tags[i]!);
    tagList = Object.freeze(list);
  }
  // Key by key in the validator's order, absent optional keys left out (see readEvent).
  const record: { -readonly [K in keyof EntityEvent]: EntityEvent[K] } = { id, title, when: whenValue } as EntityEvent;
  if (description !== '') record.description = description;
  if (category !== '') record.category = events.intern(category);
  if (location !== undefined) record.location = location;
  record.participants = participants === undefined ? NO_ITEMS : events.participantList(participants);
  record.tags = tagList;
  record.sources = sourceList;
  if (reportedValue !== undefined) record.reported = reportedValue;
  if (frozenAttributes !== undefined) record.attributes = frozenAttributes;
  events.addRecord(Object.freeze(record), line, exact ? undefined : input());
  return undefined;
}
