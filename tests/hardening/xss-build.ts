// Builds, for each input format, a file whose every string field carries XSS payloads, and
// says where each payload's text must still be shown. Shared by the Node corpus and the CLI
// checks; the browser test builds its own JSON dataset.
import { GDELT_COLUMNS, formatDSVField, htmlToText, splitActors, type ImportFormat } from '../../src/index.js';
import type { Payload } from './payloads.js';

/** Where a payload's text must appear: in an event's title or an actor's name. */
export interface Expectation {
  readonly payload: Payload;
  readonly kind: 'event title' | 'actor name';
  /** The text as it must read once shown (see {@link displayForm}). */
  readonly text: string;
  /** The views that must show it, when not every view that shows this kind of text. */
  readonly views?: readonly string[];
}

/** A file in one format carrying a chunk of payloads. */
export interface PayloadFile {
  readonly format: ImportFormat;
  readonly fileName: string;
  readonly text: string;
  readonly expectations: readonly Expectation[];
  /** An actor id the ego view can centre on. */
  readonly egoActor: string;
}

/** The string fields each format's builder fills with payloads (what the counts multiply by). */
export const FIELDS: Readonly<Record<Exclude<ImportFormat, 'tsv'>, readonly string[]>> = {
  json: [
    'event.title', 'event.description', 'event.category', 'event.location.name', 'participant.role', 'event.tags',
    'source.url', 'source.publisher', 'source.title', 'actor.name', 'actor.aliases', 'actor.description',
    'affiliation.role', 'relation.type',
  ],
  csv: ['title', 'description', 'actors', 'category', 'location', 'source_url', 'tags', 'publisher'],
  timelinejs: ['text.headline', 'text.text', 'media.url', 'media.caption', 'media.credit', 'group', 'display_date', 'start_date.display_date'],
  gdelt: ['Actor1Code', 'Actor1Name', 'Actor2Name', 'Actor1Geo_FullName', 'Actor2Geo_FullName', 'ActionGeo_FullName', 'SOURCEURL'],
  acled: ['actor1', 'actor2', 'assoc_actor_1', 'assoc_actor_2', 'location', 'notes', 'source'],
};

// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A string as any chart may show it: without the characters XML cannot carry, white space runs
 * read as one space, trimmed. Both the expected text and what is found are compared in this form.
 */
export function displayForm(text: string): string {
  return text.replace(INVALID_XML, '').replace(/\s+/g, ' ').trim();
}

const day = (i: number): string => new Date(Date.UTC(1900 + i, 5, 15)).toISOString().slice(0, 10);

/** The library's JSON: every string field of events, actors, affiliations, sources and relations. */
export function jsonFile(payloads: readonly Payload[]): PayloadFile {
  const actors: object[] = [{ id: 'hub', name: 'Hub', kind: 'organisation' }];
  const events: object[] = [];
  const relations: object[] = [];
  const expectations: Expectation[] = [];
  payloads.forEach(({ text }, i) => {
    actors.push({ id: `a${i}`, name: text, kind: 'person', aliases: [`alias ${i} ${text}`], description: text, affiliations: [{ actor: 'hub', role: text }] });
    events.push({
      id: `e${i}`,
      title: text,
      when: day(i),
      description: text,
      category: text,
      location: { name: text, lat: 10, lon: 20 },
      participants: [{ actor: `a${i}`, role: text }, { actor: 'hub', role: 'target' }],
      tags: [text, 'plain'],
      sources: [{ url: 'https://example.org/a', publisher: text, title: text }],
    });
    // URLs in records of their own: a refused URL rejects its record, which must not hide the other fields.
    events.push({ id: `u${i}`, title: `url ${i}`, when: day(i), participants: ['hub'], sources: [{ url: text, publisher: 'P' }] });
    relations.push({ id: `r${i}`, source: `a${i}`, target: 'hub', type: text });
  });
  for (const payload of payloads) {
    const shown = displayForm(payload.text);
    if (shown === '') continue;
    expectations.push({ payload, kind: 'event title', text: shown }, { payload, kind: 'actor name', text: shown });
  }
  return { format: 'json', fileName: 'payloads.json', text: JSON.stringify({ title: 'Payloads', actors, events, relations }), expectations, egoActor: 'hub' };
}

const csvRow = (cells: readonly string[]): string => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');

/** CSV with every text column, every cell quoted (so newlines and quotes stay in their cell). */
export function csvFile(payloads: readonly Payload[]): PayloadFile {
  const lines = [csvRow(['id', 'date', 'title', 'description', 'actors', 'category', 'location', 'source_url', 'tags', 'publisher'])];
  const expectations: Expectation[] = [];
  payloads.forEach((payload, i) => {
    const { text } = payload;
    lines.push(csvRow([`e${i}`, day(i), text, text, `${text};Hub:target`, text, text, 'https://example.org/a', `${text};plain`, text]));
    lines.push(csvRow([`u${i}`, day(i), `url ${i}`, '', 'Hub', '', '', text, '', '']));
    const title = displayForm(text);
    if (title !== '') expectations.push({ payload, kind: 'event title', text: title });
    // Only a cell that reads as exactly one name (no `;`, `|` or `:role`) must show the payload whole.
    const names = splitActors(`${text};Hub:target`);
    if (names.length === 2 && names[0]!.role === undefined && displayForm(names[0]!.name) === title && title !== '') {
      expectations.push({ payload, kind: 'actor name', text: title });
    }
  });
  return { format: 'csv', fileName: 'payloads.csv', text: `${lines.join('\r\n')}\r\n`, expectations, egoActor: 'hub' };
}

/** TimelineJS3 JSON: headline, text, media, group and display dates. Its text fields are HTML. */
export function timelineJSFile(payloads: readonly Payload[]): PayloadFile {
  const events: object[] = [];
  const expectations: Expectation[] = [];
  payloads.forEach((payload, i) => {
    const { text } = payload;
    events.push({
      unique_id: `e${i}`,
      start_date: { year: 1900 + i, month: 6, day: 15, display_date: text },
      text: { headline: text, text },
      media: { url: 'https://example.org/m.jpg', caption: text, credit: text },
      group: text,
      display_date: text,
    });
    events.push({ unique_id: `u${i}`, start_date: { year: 1900 + i }, text: { headline: `url ${i}` }, media: { url: text, caption: 'c' } });
    // TimelineJS headlines are HTML: what must be shown is their text, not their markup.
    const shown = displayForm(htmlToText(text));
    // These events have no actors, so only the timeline (its "Other events" lane) draws them.
    if (shown !== '') expectations.push({ payload, kind: 'event title', text: shown, views: ['timeline'] });
  });
  return { format: 'timelinejs', fileName: 'payloads.json', text: JSON.stringify({ title: { text: { headline: 'Payloads' } }, events }), expectations, egoActor: '' };
}

/** GDELT 2.0 (61 tab-separated columns): actor codes and names, geo names and SOURCEURL. */
export function gdeltFile(payloads: readonly Payload[]): PayloadFile {
  const col = (name: string): number => GDELT_COLUMNS.indexOf(name);
  const base = (i: number, date: string): string[] => {
    const row = GDELT_COLUMNS.map(() => '');
    const set = (name: string, value: string) => (row[col(name)] = value);
    set('GLOBALEVENTID', String(1000 + i));
    set('SQLDATE', date);
    set('MonthYear', date.slice(0, 6));
    set('Year', date.slice(0, 4));
    set('FractionDate', `${date.slice(0, 4)}.4500`);
    set('Actor1Code', 'RUS');
    set('Actor1Name', 'RUSSIA');
    set('Actor1CountryCode', 'RUS');
    set('Actor2Code', 'PRK');
    set('Actor2Name', 'NORTH KOREA');
    set('Actor2CountryCode', 'PRK');
    set('IsRootEvent', '1');
    set('EventCode', '042');
    set('EventBaseCode', '042');
    set('EventRootCode', '04');
    set('QuadClass', '1');
    set('GoldsteinScale', '1.9');
    set('NumMentions', '10');
    set('NumSources', '2');
    set('NumArticles', '10');
    set('AvgTone', '-1.2');
    set('DATEADDED', `${date}093000`);
    set('SOURCEURL', 'https://example.org/news');
    return row;
  };
  const rows: string[] = [];
  const expectations: Expectation[] = [];
  const flat = (text: string): boolean => !/[\t\n\r]/.test(text);
  payloads.forEach((payload, i) => {
    const { text } = payload;
    const date = `${2000 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}15`;
    const a = base(i, date);
    a[col('Actor1Code')] = `ZZZ${i}`;
    a[col('Actor1Name')] = text;
    for (const geo of ['Actor1Geo', 'Actor2Geo', 'ActionGeo']) {
      a[col(`${geo}_Type`)] = '4';
      a[col(`${geo}_FullName`)] = text;
      a[col(`${geo}_Lat`)] = '39.0';
      a[col(`${geo}_Long`)] = '125.7';
    }
    a[col('SOURCEURL')] = text;
    rows.push(a.join('\t'));
    const b = base(10_000 + i, date);
    b[col('Actor1Code')] = text;
    b[col('Actor1Name')] = '';
    b[col('Actor2Code')] = `YYY${i}`;
    b[col('Actor2Name')] = text;
    rows.push(b.join('\t'));
    const shown = displayForm(text);
    if (flat(text) && shown !== '') expectations.push({ payload, kind: 'actor name', text: shown });
  });
  return { format: 'gdelt', fileName: 'payloads.export.CSV', text: `${rows.join('\n')}\n`, expectations, egoActor: 'prk' };
}

const ACLED_HEADER = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1',
  'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location',
  'latitude', 'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
];

/** ACLED's export: actors, associated actors, location, notes and source. */
export function acledFile(payloads: readonly Payload[]): PayloadFile {
  const lines = [ACLED_HEADER.join(',')];
  const expectations: Expectation[] = [];
  payloads.forEach((payload, i) => {
    const { text } = payload;
    const row: Record<string, string> = {
      event_id_cnty: `XSS${i}`,
      event_date: day(i),
      year: String(1900 + i),
      time_precision: '1',
      disorder_type: 'Political violence',
      event_type: 'Battles',
      sub_event_type: 'Armed clash',
      actor1: text,
      assoc_actor_1: `${text}; Helpers`,
      inter1: 'State forces',
      actor2: 'Hub',
      assoc_actor_2: text,
      inter2: 'Rebel group',
      country: 'Nigeria',
      admin1: 'Borno',
      location: text,
      latitude: '11.8',
      longitude: '13.1',
      source: text,
      notes: text,
      fatalities: '0',
    };
    lines.push(ACLED_HEADER.map((h) => formatDSVField(row[h] ?? '', ',')).join(','));
    const second: Record<string, string> = { ...row, event_id_cnty: `XSSB${i}`, actor1: 'Hub', actor2: text, assoc_actor_1: '', assoc_actor_2: '' };
    lines.push(ACLED_HEADER.map((h) => formatDSVField(second[h] ?? '', ',')).join(','));
    const shown = displayForm(text);
    if (shown !== '') expectations.push({ payload, kind: 'actor name', text: shown });
  });
  return { format: 'acled', fileName: 'payloads-acled.csv', text: `${lines.join('\n')}\n`, expectations, egoActor: 'hub' };
}

/** Every builder, by format. */
export const BUILDERS = { json: jsonFile, csv: csvFile, timelinejs: timelineJSFile, gdelt: gdeltFile, acled: acledFile } as const;
