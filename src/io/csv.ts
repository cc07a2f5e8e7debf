/**
 * CSV and TSV tables of events: one row an event, columns found by their header.
 *
 * @packageDocumentation
 */
import { safeUrl } from '../render/common/safe-url.js';
import type { EventInput, ParticipantInput, Problem, Rejected, SourceInput } from '../model/types.js';
import { createActorResolver, type ActorResolver, type ActorResolverOptions } from './aliases.js';
import { parseHumanDate, parseHumanWhen, type HumanDateOptions, type HumanDateResult, type HumanWhenResult } from './dates-human.js';
import { forEachDSVRow, type DsvRow } from './dsv.js';
import { readNumber, truncate, UniqueIds } from './util.js';
import type { ImportFormat, ImportOptionsBase, ImportResult } from './import-result.js';
import { ImportedEvents, type EventKey } from './import-records.js';

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
    if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-z][a-z0-9+.-]*:\s/i.test(text)) {
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
      const built = buildEvent(row, header, columns!, resolver, ids, dates, problems, format);
      if (!built.ok) {
        reject(built.problems);
        return;
      }
      events.add(built.event, row.line);
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

type Built = { ok: true; event: EventInput } | { ok: false; problems: Problem[] };

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
): Built {
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
      return { ok: false, problems: errors };
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
  if (errors.length > 0 || when === undefined) return { ok: false, problems: errors };

  const idCell = cell('id');
  const taken = ids.take(idCell === '' ? `row-${line}` : idCell, line);
  if (taken.firstAt !== undefined) {
    problems.push({ path: at.id === undefined ? `line ${line}` : where('id'), message: `the id "${idCell}" is also used on ${taken.firstAt}; this row is "${taken.id}"`, severity: 'warning' });
  }
  const event: EventInput = { id: taken.id, title, when };
  if (description !== '') event.description = description;
  const category = cell('category');
  if (category !== '') event.category = category;

  const actorCell = cell('actors');
  if (actorCell !== '') {
    const participants: ParticipantInput[] = [];
    for (const { name, role } of splitActors(actorCell)) {
      const id = resolver.resolve(name, { line });
      if (id === undefined) continue;
      const r = role ?? 'participant';
      // A handful of actors a row: a linear check allocates less than a Set.
      if (!participants.some((p) => p.actor === id && p.role === r)) participants.push({ actor: id, role: r });
    }
    if (participants.length > 0) event.participants = participants;
  }

  const sources = cell('source') === '' ? [] : readSources(cell('source'), where('source'), problems);
  const publisher = cell('publisher');
  if (publisher !== '') {
    const first = sources[0];
    if (first !== undefined && first.url !== undefined && first.publisher === undefined) first.publisher = publisher;
    else sources.push({ publisher });
  }
  if (sources.length > 0) event.sources = sources;

  const place = cell('location');
  const lat = readNumber(cell('lat'), at.lat === undefined ? '' : where('lat'), -90, 90, problems);
  const lon = readNumber(cell('lon'), at.lon === undefined ? '' : where('lon'), -180, 180, problems);
  if (place !== '' || (lat !== undefined && lon !== undefined)) {
    const location: { name: string; lat?: number; lon?: number } = { name: place !== '' ? place : `${lat}, ${lon}` };
    if (lat !== undefined && lon !== undefined) {
      location.lat = lat;
      location.lon = lon;
    }
    event.location = location;
  }

  const tags = cell('tags');
  if (tags !== '') {
    const list: string[] = [];
    for (const part of tags.split(/[;|,]/)) {
      const tag = part.trim();
      if (tag !== '' && !list.includes(tag)) list.push(tag);
    }
    if (list.length > 0) event.tags = list;
  }

  const reported = cell('reported');
  if (reported !== '') {
    const read = dates.date(reported);
    if (read.ok) event.reported = read.edtf;
    else problems.push({ path: where('reported'), message: `${read.message}; the reported date was dropped`, severity: 'warning' });
  }

  if (columns.extra.length > 0) {
    const attributes: Record<string, string> = {};
    let any = false;
    for (const i of columns.extra) {
      const value = (fields[i] ?? '').trim();
      if (value === '') continue;
      Object.defineProperty(attributes, header[i]!.trim(), { value, enumerable: true, writable: true, configurable: true });
      any = true;
    }
    if (any) event.attributes = attributes;
  }
  return { ok: true, event };
}
