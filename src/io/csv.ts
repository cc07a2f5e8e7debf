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
import { isBlankRecord, scanDSV } from './dsv.js';
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

/**
 * Reads a cell of sources: URLs are checked with `safeUrl`, other text is a publisher. A
 * dropped URL is reported at `line <line>, column <column>`.
 */
export function readSources(cell: string, line: number, column: string, problems: Problem[]): SourceInput[] {
  // One plain http(s) URL, the usual cell: what safeUrl would give, without building a URL.
  if (!SOURCE_SEPARATOR.test(cell) && isPlainHttpUrl(cell)) return [{ url: cell }];
  const sources: SourceInput[] = [];
  const parts = SOURCE_SEPARATOR.test(cell) ? cell.split(/\s*[;|]\s*|\s+(?=[a-z][a-z0-9+.-]*:\/\/)/i) : [cell];
  for (const part of parts) {
    const text = part.trim();
    if (text === '') continue;
    if (isPlainHttpUrl(text)) {
      // What safeUrl would give, without building a URL for every row.
      sources.push({ url: text });
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-z][a-z0-9+.-]*:\s/i.test(text)) {
      const url = safeUrl(text);
      if (url === undefined) {
        problems.push({ path: `line ${line}, column ${column}`, message: `"${truncate(text)}" is not an http, https or mailto URL; it was dropped`, severity: 'warning' });
      } else {
        sources.push({ url });
      }
    } else {
      sources.push({ publisher: text });
    }
  }
  return sources;
}

const SOURCE_SEPARATOR = /[;|\s]/;

function importTable(text: string, format: ImportFormat, delimiter: string, options: CsvImportOptions): ImportResult {
  const problems: Problem[] = [];
  const rejected: Rejected[] = [];
  const events = new ImportedEvents(EVENT_KEYS);
  const resolver = createActorResolver(options);
  const seenRows = new RowSet();
  const ids = new UniqueIds();
  let header: string[] | undefined;
  let headerLine = 1;
  let columns: Columns | undefined;
  let records = 0;
  let duplicates = 0;
  let blank = 0;
  const dateOptions: HumanDateOptions = { dayFirst: options.dayFirst ?? false, monthFirst: options.monthFirst ?? false };
  if (dateOptions.dayFirst && dateOptions.monthFirst) throw new RangeError('dayFirst and monthFirst cannot both be set');
  const reader = new CellReader(dateOptions, events, resolver);

  const parseProblems = scanDSV(text, delimiter, (row) => {
    const { fields, count, line } = row;
    if (header === undefined) {
      if (row.broken || isBlankRecord(fields, count)) return;
      header = fields.slice(0, count);
      headerLine = line;
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
    if (!row.broken && isBlankRecord(fields, count)) {
      blank++;
      return;
    }
    records++;
    if (row.broken) {
      rejected.push({
        path: `line ${line}`,
        record: recordOf(header, fields, count),
        problems: [{ path: `line ${line}`, message: 'a quote in this record is never closed', severity: 'error' }],
      });
      return;
    }
    // Exact duplicates are equal text: the record's own text, found by a hash of it.
    const first = seenRows.add(text, row.start, row.end, line);
    if (first !== 0) {
      duplicates++;
      problems.push({ path: `line ${line}`, message: `the row repeats line ${first} exactly; it was kept once`, severity: 'warning' });
      return;
    }
    const refused = buildEvent(fields, count, line, header, columns!, reader, ids, problems, format, events);
    if (refused !== undefined) {
      problems.push(...refused);
      rejected.push({ path: `line ${line}`, record: recordOf(header, fields, count), problems: refused });
    }
  });
  problems.push(...parseProblems);

  return events.finish(
    { format, ...(options.title !== undefined && { title: options.title }), actors: resolver.actors(), problems, rejected, merges: resolver.merges(), records, duplicates, blank },
    options.mode,
  );
}

function recordOf(header: readonly string[], fields: readonly string[], count: number): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    Object.defineProperty(record, header[i] ?? `column ${i + 1}`, { value: fields[i], enumerable: true, writable: true, configurable: true });
  }
  return record;
}

/**
 * The records of a table seen so far, by a hash of their text (internal): each record is
 * hashed once as it is read and compared character by character only with earlier records of
 * the same hash, so finding exact duplicates keeps no string per row, only four numbers.
 *
 * @example
 * ```ts
 * const rows = new RowSet();
 * rows.add('a,b\na,b', 0, 3, 1); // 0: new
 * rows.add('a,b\na,b', 4, 7, 2); // 1: the line of the same text
 * ```
 */
export class RowSet {
  /** The hash's mask: 30 bits; fewer only in tests, to make records collide. */
  readonly #mask: number;
  /** Open addressing: 1 + the index of a record, or 0 for an empty slot; its length a power of two. */
  #table = new Int32Array(1024);
  #hashes = new Int32Array(256);
  #starts = new Int32Array(256);
  #ends = new Int32Array(256);
  #lines = new Int32Array(256);
  #size = 0;

  /** @param bits how many bits of the hash to keep (tests pass a few to force collisions). */
  constructor(bits = 30) {
    this.#mask = bits >= 30 ? 0x3fffffff : (1 << bits) - 1;
  }

  /**
   * Adds the record `text.slice(start, end)` read on `line` and returns 0, or returns the line
   * of an earlier record with exactly this text (adding nothing).
   */
  add(text: string, start: number, end: number, line: number): number {
    // FNV-1a over the UTF-16 code units.
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    hash &= this.#mask;
    const table = this.#table;
    const slots = table.length - 1;
    let slot = hash & slots;
    for (let k = table[slot]!; k !== 0; k = table[slot]!) {
      k--;
      if (this.#hashes[k] === hash && sameText(text, this.#starts[k]!, this.#ends[k]!, start, end)) return this.#lines[k]!;
      slot = (slot + 1) & slots;
    }
    const k = this.#size++;
    if (k === this.#starts.length) {
      this.#hashes = grow(this.#hashes);
      this.#starts = grow(this.#starts);
      this.#ends = grow(this.#ends);
      this.#lines = grow(this.#lines);
    }
    this.#hashes[k] = hash;
    this.#starts[k] = start;
    this.#ends[k] = end;
    this.#lines[k] = line;
    table[slot] = k + 1;
    // At most half full, so probes stay short.
    if (this.#size * 2 > table.length) this.#rehash(table.length * 2);
    return 0;
  }

  #rehash(capacity: number): void {
    const table = new Int32Array(capacity);
    const slots = capacity - 1;
    for (let k = 0; k < this.#size; k++) {
      let slot = this.#hashes[k]! & slots;
      while (table[slot] !== 0) slot = (slot + 1) & slots;
      table[slot] = k + 1;
    }
    this.#table = table;
  }
}

function sameText(text: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (; a < aEnd; a++, b++) if (text.charCodeAt(a) !== text.charCodeAt(b)) return false;
  return true;
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/** How many distinct cells each cache of {@link CellReader} remembers before it starts over. */
const CELL_CACHE_LIMIT = 65536;

/** A start cell read: the human date, its JSON shape and, once asked for, the record's value. */
interface StartCell {
  readonly read: HumanWhenResult;
  /** The model's frozen value of `read` and whether it gives `read` back as written (undefined: the model refuses it). */
  value?: { readonly when: When; readonly exact: boolean } | undefined;
  /** True once `value` is worked out. */
  valued: boolean;
}

/** An actors cell read: the shared frozen participants (undefined when no name in it is an actor). */
interface ActorsCell {
  readonly participants: readonly Participant[] | undefined;
}

/** A tags cell read: the tags in order without repeats, and the record's frozen, interned list. */
interface TagsCell {
  readonly tags: readonly string[] | undefined;
  readonly list: readonly string[];
}

/**
 * Reads the cells that tables repeat (dates, actor lists, tags) once per distinct text
 * (internal). `parseHumanDate` and `parseHumanWhen` take several regular expressions; an actor
 * list is split, resolved and made into a shared frozen list. An answer given again is the
 * answer given the first time: the resolver's side effects (a spelling's first line) happen
 * when a name is first met, and a repeated cell only names spellings already met.
 */
class CellReader {
  readonly #dates = new Map<string, HumanDateResult>();
  readonly #starts = new Map<string, StartCell>();
  readonly #actors = new Map<string, ActorsCell>();
  readonly #tags = new Map<string, TagsCell>();
  constructor(
    readonly options: HumanDateOptions,
    readonly events: ImportedEvents,
    readonly resolver: ActorResolver,
  ) {}

  date(text: string): HumanDateResult {
    let read = this.#dates.get(text);
    if (read === undefined) {
      if (this.#dates.size >= CELL_CACHE_LIMIT) this.#dates.clear();
      this.#dates.set(text, (read = parseHumanDate(text, this.options)));
    }
    return read;
  }

  /** A start cell with no end beside it: a date or an interval. */
  start(text: string): StartCell {
    let cell = this.#starts.get(text);
    if (cell === undefined) {
      if (this.#starts.size >= CELL_CACHE_LIMIT) this.#starts.clear();
      this.#starts.set(text, (cell = { read: parseHumanWhen(text, this.options), value: undefined, valued: false }));
    }
    return cell;
  }

  /** The record's value of a start cell that was read (`cell.read.ok`). */
  value(cell: StartCell): { readonly when: When; readonly exact: boolean } | undefined {
    if (cell.valued) return cell.value;
    const read = cell.read;
    if (read.ok) {
      if (read.end === undefined) {
        const when = this.events.when(read.start);
        cell.value = when === undefined ? undefined : { when, exact: when.edtf === read.start && when.end === undefined };
      } else {
        cell.value = this.events.interval(read.start, read.end);
      }
    }
    cell.valued = true;
    return cell.value;
  }

  actors(text: string, line: number): ActorsCell {
    const known = this.#actors.get(text);
    if (known !== undefined) return known;
    // Participants as the shared frozen `{ actor, role }` records (one per actor and role), so a
    // repeat is found by identity and nothing is built twice.
    let participants: Participant[] | undefined;
    for (const { name, role } of splitActors(text)) {
      const actor = this.resolver.resolve(name, { line });
      if (actor === undefined) continue;
      const participant = this.events.participant(actor, role ?? 'participant');
      if (participants === undefined) participants = [participant];
      else if (!participants.includes(participant)) participants.push(participant);
    }
    const cell: ActorsCell = { participants: participants === undefined ? undefined : this.events.participantList(participants) };
    if (this.#actors.size >= CELL_CACHE_LIMIT) this.#actors.clear();
    this.#actors.set(text, cell);
    return cell;
  }

  tags(text: string): TagsCell {
    const known = this.#tags.get(text);
    if (known !== undefined) return known;
    let tags: string[] | undefined;
    for (const part of text.split(/[;|,]/)) {
      const tag = part.trim();
      if (tag === '') continue;
      if (tags === undefined) tags = [tag];
      else if (!tags.includes(tag)) tags.push(tag);
    }
    // Lists are copied to exactly their length: an array grown by push keeps room for 17 items,
    // which for 100,000 records is megabytes of nothing.
    let list: readonly string[] = NO_ITEMS;
    if (tags !== undefined) {
      const interned = new Array<string>(tags.length);
      for (let i = 0; i < tags.length; i++) interned[i] = this.events.intern(tags[i]!);
      list = Object.freeze(interned);
    }
    const cell: TagsCell = { tags, list };
    if (this.#tags.size >= CELL_CACHE_LIMIT) this.#tags.clear();
    this.#tags.set(text, cell);
    return cell;
  }
}

/** Field `i` of the record, trimmed; '' when the table has no such column or the record is shorter. */
function cellAt(fields: readonly string[], count: number, i: number | undefined): string {
  return i === undefined || i >= count ? '' : fields[i]!.trim();
}

/** `line 7, column Date`: where a field's problem is. */
function at(line: number, header: readonly string[], column: number | undefined): string {
  return `line ${line}, column ${header[column!]}`;
}

/** The number in a lat or lon cell, or undefined (reported as `readNumber` does when the cell holds something else). */
function coordinate(text: string, line: number, header: readonly string[], column: number | undefined, limit: number, problems: Problem[]): number | undefined {
  if (text === '') return undefined;
  const value = Number(text);
  if (Number.isFinite(value) && value >= -limit && value <= limit) return value;
  return readNumber(text, column === undefined ? '' : at(line, header, column), -limit, limit, problems);
}

function buildEvent(
  fields: readonly string[],
  count: number,
  line: number,
  header: readonly string[],
  columns: Columns,
  reader: CellReader,
  ids: UniqueIds,
  problems: Problem[],
  format: ImportFormat,
  events: ImportedEvents,
): Problem[] | undefined {
  const errors: Problem[] = [];
  const columnAt = columns.at;

  if (count !== header.length) {
    let extra = false;
    for (let i = header.length; i < count; i++) if (fields[i]!.trim() !== '') extra = true;
    if (count > header.length && extra) {
      const separator = format === 'tsv' ? 'tab' : 'delimiter';
      errors.push({
        path: `line ${line}`,
        message: `the row has ${count} fields; the header has ${header.length} (an unquoted ${separator} inside a value?)`,
        severity: 'error',
      });
      return errors;
    }
    problems.push({
      path: `line ${line}`,
      message: `the row has ${count} fields; the header has ${header.length}; ${count > header.length ? 'the empty extra fields were ignored' : 'the missing fields were read as empty'}`,
      severity: 'warning',
    });
  }

  let when: EventInput['when'] | undefined;
  let startCell: StartCell | undefined;
  if (columnAt.start === undefined) {
    errors.push({ path: `line ${line}`, message: 'the table has no date column', severity: 'error' });
  } else {
    const startText = cellAt(fields, count, columnAt.start);
    const endText = cellAt(fields, count, columnAt.end);
    if (startText === '') {
      errors.push({ path: at(line, header, columnAt.start), message: 'the date is empty', severity: 'error' });
    } else if (columnAt.end === undefined || endText === '') {
      startCell = reader.start(startText);
      const read = startCell.read;
      if (read.ok) when = read.end === undefined ? read.start : { start: read.start, end: read.end };
      else errors.push({ path: at(line, header, columnAt.start), message: read.message, severity: 'error' });
    } else {
      const start = reader.date(startText);
      const end = reader.date(endText);
      if (!start.ok) errors.push({ path: at(line, header, columnAt.start), message: start.message, severity: 'error' });
      if (!end.ok) errors.push({ path: at(line, header, columnAt.end), message: end.message, severity: 'error' });
      if (start.ok && end.ok) when = { start: start.edtf, end: end.edtf };
    }
  }

  let title = cellAt(fields, count, columnAt.title);
  const description = cellAt(fields, count, columnAt.description);
  if (title === '') {
    if (description !== '') {
      title = truncate(description.split('\n')[0]!.trim(), 80);
      problems.push({ path: columnAt.title === undefined ? `line ${line}` : at(line, header, columnAt.title), message: 'no title: the start of the description was used', severity: 'warning' });
    } else {
      errors.push({ path: columnAt.title === undefined ? `line ${line}` : at(line, header, columnAt.title), message: 'the event has no title and no description', severity: 'error' });
    }
  }
  if (errors.length > 0 || when === undefined) return errors;

  const idCell = cellAt(fields, count, columnAt.id);
  let id = idCell === '' ? `row-${line}` : idCell;
  if (!ids.fresh(id, line)) {
    const taken = ids.take(id, line);
    problems.push({ path: columnAt.id === undefined ? `line ${line}` : at(line, header, columnAt.id), message: `the id "${idCell}" is also used on ${taken.firstAt}; this row is "${taken.id}"`, severity: 'warning' });
    id = taken.id;
  }
  const category = cellAt(fields, count, columnAt.category);

  const actorCell = cellAt(fields, count, columnAt.actors);
  const participants = actorCell === '' ? undefined : reader.actors(actorCell, line).participants;

  const sourceCell = cellAt(fields, count, columnAt.source);
  const sources = sourceCell === '' ? [] : readSources(sourceCell, line, header[columnAt.source!]!, problems);
  const publisher = cellAt(fields, count, columnAt.publisher);
  if (publisher !== '') {
    const first = sources[0];
    if (first !== undefined && first.url !== undefined && first.publisher === undefined) first.publisher = publisher;
    else sources.push({ publisher });
  }

  const place = cellAt(fields, count, columnAt.location);
  const lat = coordinate(cellAt(fields, count, columnAt.lat), line, header, columnAt.lat, 90, problems);
  const lon = coordinate(cellAt(fields, count, columnAt.lon), line, header, columnAt.lon, 180, problems);
  const located = place !== '' || (lat !== undefined && lon !== undefined);
  const placeName = place !== '' ? place : `${lat}, ${lon}`;
  const both = lat !== undefined && lon !== undefined;

  const tagCell = cellAt(fields, count, columnAt.tags);
  const tagsRead = tagCell === '' ? undefined : reader.tags(tagCell);
  const tags = tagsRead?.tags;

  let reported: string | undefined;
  const reportedCell = cellAt(fields, count, columnAt.reported);
  if (reportedCell !== '') {
    const read = reader.date(reportedCell);
    if (read.ok) reported = read.edtf;
    else problems.push({ path: at(line, header, columnAt.reported), message: `${read.message}; the reported date was dropped`, severity: 'warning' });
  }

  let attributes: Record<string, string> | undefined;
  for (const i of columns.extra) {
    const value = cellAt(fields, count, i);
    if (value === '') continue;
    attributes ??= {};
    Object.defineProperty(attributes, header[i]!.trim(), { value, enumerable: true, writable: true, configurable: true });
  }

  // The record the validator would build from the JSON shape (see csvInput), made at once (see
  // import-records.ts); anything the fast path cannot vouch for goes through the validator as before.
  // (The parts of the JSON shape are gathered only for the rows that need it.)
  if (events.viaValidator || isBlank(id) || isBlank(title)) {
    events.add(csvInput({ id, title, when, description, category, participants, sources, located, placeName, both, lat, lon, tags, reported, attributes }), line);
    return undefined;
  }
  let exact = true;
  let whenValue: When | undefined;
  if (startCell !== undefined) {
    const read = reader.value(startCell);
    if (read !== undefined) {
      whenValue = read.when;
      if (!read.exact) exact = false;
    }
  } else if (typeof when === 'object') {
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
    events.add(csvInput({ id, title, when, description, category, participants, sources, located, placeName, both, lat, lon, tags, reported, attributes }), line);
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
  // Key by key in the validator's order, absent optional keys left out (see readEvent).
  const record: { -readonly [K in keyof EntityEvent]: EntityEvent[K] } = { id, title, when: whenValue } as EntityEvent;
  if (description !== '') record.description = description;
  if (category !== '') record.category = events.intern(category);
  if (location !== undefined) record.location = location;
  record.participants = participants ?? NO_ITEMS;
  record.tags = tagsRead === undefined ? NO_ITEMS : tagsRead.list;
  record.sources = sourceList;
  if (reportedValue !== undefined) record.reported = reportedValue;
  if (frozenAttributes !== undefined) record.attributes = frozenAttributes;
  events.addRecord(
    Object.freeze(record),
    line,
    exact ? undefined : csvInput({ id, title, when, description, category, participants, sources, located, placeName, both, lat, lon, tags, reported, attributes }),
  );
  return undefined;
}

/** What one CSV row gives an event. */
interface CsvParts {
  readonly id: string;
  readonly title: string;
  readonly when: EventInput['when'];
  readonly description: string;
  readonly category: string;
  readonly participants: readonly Participant[] | undefined;
  readonly sources: SourceInput[];
  readonly located: boolean;
  readonly placeName: string;
  readonly both: boolean;
  readonly lat: number | undefined;
  readonly lon: number | undefined;
  readonly tags: readonly string[] | undefined;
  readonly reported: string | undefined;
  readonly attributes: Record<string, string> | undefined;
}

/** The row's event in the library's JSON shape, keys in the order CSV imports always wrote them. */
function csvInput(parts: CsvParts): EventInput {
  const { when } = parts;
  // A fresh interval object: the JSON shape is the caller's to change, and cells share what they read.
  const event: EventInput = { id: parts.id, title: parts.title, when: typeof when === 'string' ? when : { start: when.start, end: when.end! } };
  if (parts.description !== '') event.description = parts.description;
  if (parts.category !== '') event.category = parts.category;
  if (parts.participants !== undefined) event.participants = parts.participants.map(({ actor, role }) => ({ actor, role }));
  if (parts.sources.length > 0) event.sources = parts.sources;
  if (parts.located) event.location = parts.both ? { name: parts.placeName, lat: parts.lat, lon: parts.lon } : { name: parts.placeName };
  // Copies: the record may have frozen these, and the JSON shape is the caller's to change.
  if (parts.tags !== undefined) event.tags = [...parts.tags];
  if (parts.reported !== undefined) event.reported = parts.reported;
  if (parts.attributes !== undefined) event.attributes = copyAttributes(parts.attributes);
  return event;
}
