/**
 * ACLED (Armed Conflict Location & Event Data) exports: CSV with ACLED's own header.
 *
 * @packageDocumentation
 */
import type { ActorKind, EventInput, ParticipantInput, Problem, Rejected } from '../model/types.js';
import { createActorResolver, type ActorResolverOptions } from './aliases.js';
import { detectDelimiter } from './csv.js';
import { parseHumanDate } from './dates-human.js';
import { forEachDSVRow } from './dsv.js';
import type { ImportOptionsBase, ImportResult } from './import-result.js';
import { ImportedEvents, type EventKey } from './import-records.js';
import { readNumber, truncate, UniqueIds } from './util.js';

/** The keys of an event as {@link fromACLED} writes them, in order. */
const EVENT_KEYS: readonly EventKey[] = ['id', 'title', 'when', 'participants', 'category', 'description', 'tags', 'location', 'sources', 'attributes'];

/** Options of {@link fromACLED}. */
export interface AcledImportOptions extends ImportOptionsBase, ActorResolverOptions {
  /** The dataset's title. */
  readonly title?: string;
  /** The field separator; by default detected from the header (ACLED writes `,`). */
  readonly delimiter?: string;
}

// ACLED's interaction codes (inter1/inter2), as numbers in older exports and words in newer ones.
const INTER_KIND: Readonly<Record<string, ActorKind>> = {
  '1': 'state',
  'state forces': 'state',
  '2': 'group',
  'rebel group': 'group',
  'rebel groups': 'group',
  '3': 'group',
  'political militia': 'group',
  'political militias': 'group',
  '4': 'group',
  'identity militia': 'group',
  'identity militias': 'group',
  '5': 'group',
  rioters: 'group',
  '6': 'group',
  protesters: 'group',
  '7': 'group',
  civilians: 'group',
  '8': 'organisation',
  'external/other forces': 'organisation',
};

/** The ACLED columns read into event fields; every other non-empty column goes to `attributes`. */
const READ = new Set(['event_id_cnty', 'event_date', 'event_type', 'actor1', 'actor2', 'assoc_actor_1', 'assoc_actor_2', 'location', 'latitude', 'longitude', 'notes', 'source', 'tags']);
const NUMERIC = new Set(['fatalities', 'time_precision', 'geo_precision', 'year', 'timestamp', 'event_id_no_cnty', 'iso', 'interaction']);

/**
 * Reads an ACLED export (CSV with ACLED's header) into a dataset.
 *
 * - Ids are `event_id_cnty`. `event_date` may be ISO (`2024-01-18`) or written out
 *   (`18 January 2024`).
 * - `time_precision` is kept honest: 1 is the day; 2 (ACLED: known to within about a week, coded
 *   on a day in it) is that day marked approximate (`2024-01-18~`); 3 (known to the month or
 *   worse) is the month, approximate (`2024-01~`). The code is kept in `attributes.time_precision`.
 * - `actor1` and `actor2` are participants without direction (role `participant`: ACLED does
 *   not say who acted on whom); each actor in `assoc_actor_1` / `assoc_actor_2` (separated by
 *   `;`) has role `associated`. Kinds come from `inter1` / `inter2`: state forces are `state`,
 *   rebels, militias, rioters, protesters and civilians `group`, external forces `organisation`.
 * - category is `event_type`; tags are `sub_event_type`, each `disorder_type` and the `tags`.
 * - The location is `location, admin1, country` with latitude and longitude.
 * - `source` is text (publishers separated by `;`), kept as sources with `publisher` only.
 * - `notes` is the description; `fatalities` and every other column are kept in `attributes`
 *   (numbers as numbers).
 *
 * @example
 * ```ts
 * const { dataset } = fromACLED(await readFile('acled-export.csv', 'utf8'));
 * dataset.events[0].attributes?.fatalities; // 3
 * ```
 */
export function fromACLED(text: string, options: AcledImportOptions = {}): ImportResult {
  const problems: Problem[] = [];
  const rejected: Rejected[] = [];
  // Each event becomes the validator's record as it is read (see import-records.ts).
  const events = new ImportedEvents(EVENT_KEYS);
  const resolver = createActorResolver(options);
  const ids = new UniqueIds();
  const seenRows = new Map<string, number>();
  let header: string[] | undefined;
  let col: Map<string, number> = new Map();
  let records = 0;
  let duplicates = 0;
  let blank = 0;

  const parseProblems = forEachDSVRow(
    text,
    (row) => {
      if (header === undefined) {
        if (row.blank || row.broken) return;
        header = row.fields.map((h) => h.trim().toLowerCase());
        col = new Map(header.map((h, i) => [h, i]));
        for (const required of ['event_date', 'actor1']) {
          if (!col.has(required)) problems.push({ path: `line ${row.line}`, message: `the header has no ${required} column; is this an ACLED export?`, severity: 'error' });
        }
        return;
      }
      if (row.blank) {
        blank++;
        return;
      }
      records++;
      const line = row.line;
      const fields = row.fields;
      const record = (): Record<string, string> => {
        const out: Record<string, string> = {};
        fields.forEach((value, i) => Object.defineProperty(out, header![i] ?? `column ${i + 1}`, { value, enumerable: true, writable: true, configurable: true }));
        return out;
      };
      const reject = (rowProblems: Problem[]): void => {
        problems.push(...rowProblems);
        rejected.push({ path: `line ${line}`, record: record(), problems: rowProblems });
      };
      if (row.broken) {
        rejected.push({ path: `line ${line}`, record: record(), problems: [{ path: `line ${line}`, message: 'a quote in this record is never closed', severity: 'error' }] });
        return;
      }
      if (fields.length !== header.length) {
        reject([{ path: `line ${line}`, message: `the row has ${fields.length} fields; the header has ${header.length}`, severity: 'error' }]);
        return;
      }
      // The record's own text (a cheap slice of the input) is the key: exact duplicates are equal text.
      const key = text.slice(row.start, row.end);
      const first = seenRows.get(key);
      if (first !== undefined) {
        duplicates++;
        problems.push({ path: `line ${line}`, message: `the row repeats line ${first} exactly; it was kept once`, severity: 'warning' });
        return;
      }
      seenRows.set(key, line);
      const cell = (name: string): string => {
        const i = col.get(name);
        return i === undefined ? '' : (fields[i] ?? '').trim();
      };
      const errors: Problem[] = [];

      const dateText = cell('event_date');
      const precisionText = cell('time_precision');
      let when: string | undefined;
      if (dateText === '') errors.push({ path: `line ${line}, column event_date`, message: 'the date is empty', severity: 'error' });
      else {
        const read = parseHumanDate(dateText);
        if (!read.ok) errors.push({ path: `line ${line}, column event_date`, message: read.message, severity: 'error' });
        else if (!/^\d{4}-\d{2}-\d{2}$/.test(read.edtf)) errors.push({ path: `line ${line}, column event_date`, message: `"${truncate(dateText)}" is not a day`, severity: 'error' });
        else if (precisionText === '' || precisionText === '1') when = read.edtf;
        else if (precisionText === '2') when = `${read.edtf}~`;
        else if (precisionText === '3') when = `${read.edtf.slice(0, 7)}~`;
        else errors.push({ path: `line ${line}, column time_precision`, message: `"${truncate(precisionText)}" is not an ACLED time precision (1, 2 or 3)`, severity: 'error' });
      }

      const participants: ParticipantInput[] = [];
      const seen = new Set<string>();
      const add = (name: string, role: string, kind: ActorKind | undefined): void => {
        const id = resolver.resolve(name, kind === undefined ? { line } : { line, kind });
        if (id === undefined || seen.has(`${id}\u0000${role}`)) return;
        seen.add(`${id}\u0000${role}`);
        participants.push({ actor: id, role });
      };
      add(cell('actor1'), 'participant', INTER_KIND[cell('inter1').toLowerCase()]);
      add(cell('actor2'), 'participant', INTER_KIND[cell('inter2').toLowerCase()]);
      for (const name of `${cell('assoc_actor_1')};${cell('assoc_actor_2')}`.split(';')) add(name, 'associated', undefined);
      if (participants.length === 0) errors.push({ path: `line ${line}, column actor1`, message: 'the event has no actor', severity: 'error' });

      if (errors.length > 0 || when === undefined) {
        reject(errors);
        return;
      }

      const eventType = cell('event_type');
      const subType = cell('sub_event_type');
      const place = cell('location');
      const what = subType || eventType || 'Event';
      const title = place !== '' ? `${what} in ${place}` : what;
      const idText = cell('event_id_cnty');
      const taken = ids.take(idText !== '' ? idText : `row-${line}`, line);
      if (taken.firstAt !== undefined) {
        problems.push({ path: `line ${line}, column event_id_cnty`, message: `the id "${idText}" is also on ${taken.firstAt}; this row is "${taken.id}"`, severity: 'warning' });
      }
      const event: EventInput = { id: taken.id, title, when, participants };
      if (eventType !== '') event.category = eventType;
      const notes = cell('notes');
      if (notes !== '') event.description = notes;

      const tags = [subType, ...cell('disorder_type').split(';'), ...cell('tags').split(';')].map((t) => t.trim()).filter((t) => t !== '');
      if (tags.length > 0) event.tags = [...new Set(tags)];

      const name = [...new Set([place, cell('admin1'), cell('country')].filter((p) => p !== ''))].join(', ');
      const lat = readNumber(cell('latitude'), `line ${line}, column latitude`, -90, 90, problems);
      const lon = readNumber(cell('longitude'), `line ${line}, column longitude`, -180, 180, problems);
      if (name !== '' || (lat !== undefined && lon !== undefined)) {
        event.location = lat !== undefined && lon !== undefined ? { name: name !== '' ? name : `${lat}, ${lon}`, lat, lon } : { name };
      }

      const publishers = cell('source').split(';').map((s) => s.trim()).filter((s) => s !== '');
      if (publishers.length > 0) event.sources = publishers.map((publisher) => ({ publisher }));

      const attributes: Record<string, string | number> = {};
      header.forEach((name, i) => {
        if (READ.has(name) || name === '') return;
        const value = (fields[i] ?? '').trim();
        if (value === '') return;
        const number = Number(value);
        Object.defineProperty(attributes, name, {
          value: NUMERIC.has(name) && Number.isFinite(number) ? number : value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      });
      event.attributes = attributes;
      events.add(event, line);
    },
    { delimiter: options.delimiter ?? detectDelimiter(text) },
  );
  problems.push(...parseProblems);
  return events.finish(
    { format: 'acled', ...(options.title !== undefined && { title: options.title }), actors: resolver.actors(), problems, rejected, merges: resolver.merges(), records, duplicates, blank },
    options.mode,
  );
}
