/**
 * GDELT event exports: GDELT 2.0 (61 tab-separated columns) and GDELT 1.0 (57 columns, or 58
 * with SOURCEURL), without a header.
 *
 * @packageDocumentation
 */
import { safeUrl } from '../render/common/safe-url.js';
import type { DatasetInput, EventInput, ParticipantInput, Problem, Rejected } from '../model/types.js';
import { createActorResolver, type ActorResolverOptions } from './aliases.js';
import { cameoActorKind, cameoRootName } from './cameo.js';
import { UniqueIds, truncate } from './util.js';
import { finishImport, type ImportOptionsBase, type ImportResult } from './import-result.js';

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
  const events: EventInput[] = [];
  const origins: number[] = [];
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
  let row = '';
  let count = 0;
  /** Field `i` of the current row, trimmed ('' when the row is shorter). */
  const f = (i: number): string => (i < count && i < MAX_FIELDS ? row.slice(starts[i]!, ends[i]!).trim() : '');

  const actor = (at: number, role: 'source' | 'target', rowLine: number): ParticipantInput | undefined => {
    const code = f(at);
    const name = f(at + 1);
    const key = code !== '' ? code : name;
    if (key === '') return undefined;
    const kind = cameoActorKind({ code: key, countryCode: f(at + 2), knownGroup: f(at + 3), type1: f(at + 7) });
    // GDELT names the government, the army and the state alike ("SYRIA"), so only a state keeps
    // the bare name; other actors show their code too.
    const label = name === '' ? code : kind === 'state' || code === '' ? name : `${name} (${code})`;
    const id = resolver.resolve(label, { key, line: rowLine, kind });
    return id === undefined ? undefined : { actor: id, role };
  };

  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    row = text.slice(pos, end);
    pos = end + 1;
    line++;
    if (row.endsWith('\r')) row = row.slice(0, -1);
    if (row.trim() === '') {
      blank++;
      continue;
    }
    if (line === 1 && row.startsWith('GLOBALEVENTID')) continue;
    records++;
    // Field offsets instead of row.split('\t'): a row has 61 fields and the importer reads 30.
    count = 0;
    for (let from = 0; ; count++) {
      const tab = row.indexOf('\t', from);
      if (count < MAX_FIELDS) {
        starts[count] = from;
        ends[count] = tab < 0 ? row.length : tab;
      }
      if (tab < 0) {
        count++;
        break;
      }
      from = tab + 1;
    }
    const reject = (rowProblems: Problem[]): void => {
      problems.push(...rowProblems);
      rejected.push({ path: `line ${line}`, record: row.split('\t'), problems: rowProblems });
    };
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
    const sqlDate = f(1);
    const when = compactDate(sqlDate);
    if (when === undefined) rowProblems.push({ path: `line ${line}, column SQLDATE`, message: `"${truncate(sqlDate)}" is not a date in the form YYYYMMDD`, severity: 'error' });
    const source = actor(5, 'source', line);
    const target = actor(15, 'target', line);
    if (source === undefined && target === undefined) {
      rowProblems.push({ path: `line ${line}`, message: 'the event has no actor (Actor1Code, Actor1Name, Actor2Code and Actor2Name are empty)', severity: 'error' });
    }
    if (rowProblems.length > 0 || when === undefined) {
      reject(rowProblems);
      continue;
    }
    const eventCode = f(26);
    const rootCode = f(28);
    const rootName = cameoRootName(rootCode !== '' ? rootCode : eventCode);
    const label = (p: ParticipantInput | undefined, at: number): string => (p === undefined ? '' : f(at + 1) || f(at));
    const verb = `${rootName === undefined ? 'event' : rootName.toLowerCase()}${eventCode !== '' ? ` (${eventCode})` : ''}`;
    const a1 = label(source, 5);
    const a2 = label(target, 15);
    const title = a1 !== '' && a2 !== '' ? `${a1} → ${a2}: ${verb}` : `${a1 || a2}: ${verb}`;

    const globalId = f(0);
    const taken = ids.take(globalId !== '' ? globalId : `row-${line}`, line);
    if (taken.firstAt !== undefined) {
      problems.push({ path: `line ${line}, column GLOBALEVENTID`, message: `the id "${globalId}" is also on ${taken.firstAt}; this row is "${taken.id}"`, severity: 'warning' });
    }
    const event: EventInput = { id: taken.id, title, when };
    if (rootName !== undefined) event.category = rootName;
    const participants: ParticipantInput[] = [];
    if (source !== undefined) participants.push(source);
    if (target !== undefined) participants.push(target);
    event.participants = participants;

    const attributes: Record<string, string | number | boolean | null> = {};
    const keep = (name: string, at: number): void => {
      const value = f(at);
      if (value !== '') attributes[name] = value;
    };
    const number = (name: string, at: number): void => {
      const value = f(at);
      if (value === '') return;
      const parsed = Number(value);
      if (Number.isFinite(parsed)) attributes[name] = parsed;
      else problems.push({ path: `line ${line}, column ${name}`, message: `"${truncate(value)}" is not a number; it was dropped`, severity: 'warning' });
    };
    keep('EventCode', 26);
    keep('EventBaseCode', 27);
    keep('EventRootCode', 28);
    const isRoot = f(25);
    if (isRoot === '0' || isRoot === '1') attributes['IsRootEvent'] = isRoot === '1';
    number('QuadClass', 29);
    number('GoldsteinScale', 30);
    number('NumMentions', 31);
    number('NumSources', 32);
    number('NumArticles', 33);
    number('AvgTone', 34);
    keep('Actor1Code', 5);
    keep('Actor2Code', 15);
    const geo = layout.actionGeo;
    const w = layout.geoWidth;
    keep('ActionGeo_CountryCode', geo + 2);
    keep('ActionGeo_FeatureID', geo + w - 1);
    event.attributes = attributes;

    const place = f(geo + 1);
    if (place !== '') {
      const lat = coordinate(f(geo + w - 3), 90);
      const lon = coordinate(f(geo + w - 2), 180);
      event.location = lat !== undefined && lon !== undefined ? { name: place, lat, lon } : { name: place };
    }

    if (layout.sourceUrl !== undefined) {
      const url = f(layout.sourceUrl);
      if (url !== '') {
        if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
          const safe = safeUrl(url);
          if (safe !== undefined && /^https?:/i.test(safe)) event.sources = [{ url: safe }];
          else problems.push({ path: `line ${line}, column SOURCEURL`, message: `"${truncate(url)}" is not an http or https URL; it was dropped`, severity: 'warning' });
        } else {
          event.sources = [{ publisher: url }];
        }
      }
    }

    const added = f(layout.dateAdded);
    if (added !== '') {
      const reported = compactDate(added);
      if (reported !== undefined) event.reported = reported;
      else problems.push({ path: `line ${line}, column DATEADDED`, message: `"${truncate(added)}" is not a date in the form YYYYMMDDHHMMSS; it was dropped`, severity: 'warning' });
    }
    events.push(event);
    origins.push(line);
  }

  const input: DatasetInput = { events };
  if (options.title !== undefined) input.title = options.title;
  const actors = resolver.actors();
  if (actors.length > 0) input.actors = actors;
  return finishImport({ format: 'gdelt', input, problems, rejected, merges: resolver.merges(), records, duplicates: 0, blank, eventOrigins: origins }, options.mode);
}

const MAX_FIELDS = 64;
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
