/**
 * TimelineJS3 JSON (Knight Lab), read and written. TimelineJS renders its text fields as HTML,
 * so reading turns them into plain text and writing escapes them.
 *
 * @packageDocumentation
 */
import { dateFromParts, DateSyntaxError } from '../model/dates.js';
import type {
  ActorInput,
  Dataset,
  DatasetInput,
  DateValue,
  EventInput,
  ParticipantInput,
  Problem,
  Rejected,
  Source,
  SourceInput,
} from '../model/types.js';
import { safeUrl } from '../render/common/safe-url.js';
import { slugify } from './aliases.js';
import { htmlToText, escapeHtml, textToHtml } from './html-text.js';
import { finishImport, type ImportOptionsBase, type ImportResult } from './import-result.js';
import { ImportedEvents, type EventKey } from './import-records.js';
import { truncate, UniqueIds } from './util.js';

/** A TimelineJS date: `year` and, optionally, finer units down to the millisecond. */
export interface TimelineJSDate {
  year: number | string;
  month?: number | string;
  day?: number | string;
  hour?: number | string;
  minute?: number | string;
  second?: number | string;
  millisecond?: number | string;
  /** How TimelineJS shows the date instead of formatting it. */
  display_date?: string;
}

/** A slide's text: both fields are HTML. */
export interface TimelineJSText {
  headline?: string;
  text?: string;
}

export interface TimelineJSMedia {
  url?: string;
  caption?: string;
  credit?: string;
  thumbnail?: string;
}

/** What entity-timeline keeps on a slide that TimelineJS has no field for (TimelineJS ignores it). */
export interface TimelineJSEventExtension {
  /** The EDTF `when`, written only when the date objects cannot say it (qualifiers, offsets). */
  when?: string;
  participants?: ParticipantInput[];
  tags?: string[];
  location?: string | { name: string; lat?: number; lon?: number };
  sources?: SourceInput[];
  reported?: string;
  attributes?: Record<string, string | number | boolean | null>;
}

export interface TimelineJSSlide {
  start_date?: TimelineJSDate;
  end_date?: TimelineJSDate;
  text?: TimelineJSText;
  media?: TimelineJSMedia;
  group?: string;
  display_date?: string;
  unique_id?: string;
  background?: { url?: string; color?: string };
  autolink?: boolean;
  entity_timeline?: TimelineJSEventExtension;
}

export interface TimelineJSEra {
  start_date: TimelineJSDate;
  end_date: TimelineJSDate;
  text?: TimelineJSText;
  unique_id?: string;
  entity_timeline?: TimelineJSEventExtension;
}

/** A TimelineJS3 JSON document, with entity-timeline's actors in an extension TimelineJS ignores. */
export interface TimelineJSDocument {
  title?: TimelineJSSlide;
  events: TimelineJSSlide[];
  eras?: TimelineJSEra[];
  scale?: 'human' | 'cosmological';
  entity_timeline?: { version: 1; actors: ActorInput[] };
}

/** Options of {@link fromTimelineJS}. */
export interface TimelineJSImportOptions extends ImportOptionsBase {}

const UNITS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own data property (never an inherited or accessor one). */
function own(record: Record<string, unknown>, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(record, key);
  return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
}

function ownString(record: Record<string, unknown>, key: string): string | undefined {
  const value = own(record, key);
  return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/**
 * Reads a TimelineJS date object into EDTF. The precision is the finest unit present
 * (`{ year: 2024, month: 1 }` is January 2024); units may be numbers or numeric strings.
 */
function readDate(value: unknown, path: string, problems: Problem[]): string | undefined {
  if (!isObject(value)) {
    problems.push({ path, message: 'a date must be an object with at least a year', severity: 'error' });
    return undefined;
  }
  const parts: Partial<Record<(typeof UNITS)[number], number>> = {};
  for (const unit of UNITS) {
    const raw = own(value, unit);
    if (raw === undefined || raw === null || raw === '') continue;
    const number = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(number)) {
      problems.push({ path: `${path}.${unit}`, message: `${truncate(JSON.stringify(raw) ?? String(raw))} is not a whole number`, severity: 'error' });
      return undefined;
    }
    parts[unit] = number;
  }
  if (parts.year === undefined) {
    problems.push({ path: `${path}.year`, message: 'the date has no year', severity: 'error' });
    return undefined;
  }
  try {
    return dateFromParts({ ...parts, year: parts.year }).edtf;
  } catch (error) {
    if (error instanceof DateSyntaxError) {
      problems.push({ path, message: error.message, severity: 'error' });
      return undefined;
    }
    throw error;
  }
}

function readText(value: unknown): { headline: string; text: string } {
  if (!isObject(value)) return { headline: '', text: '' };
  return { headline: htmlToText(ownString(value, 'headline') ?? ''), text: htmlToText(ownString(value, 'text') ?? '') };
}

/** The keys of an event as {@link fromTimelineJS} writes them, in order (an era's tags come first, see readSlide). */
const EVENT_KEYS: readonly EventKey[] = ['id', 'title', 'when', 'description', 'category', 'participants', 'tags', 'location', 'sources', 'reported', 'attributes'];

/**
 * Reads a TimelineJS3 JSON document (text or parsed) into a dataset.
 *
 * - Each slide is an event. Dates: the finest unit present sets the precision; TimelineJS
 *   years are read as astronomical years (as JavaScript dates count them: 0 is 1 BCE).
 * - Headline and text are HTML: read to plain text (tags dropped, with the content of `script`
 *   and `style`; entities decoded; `<br>` and paragraphs become newlines). An empty headline
 *   falls back to the text, the media caption, the display date, then "Untitled event".
 * - `group` becomes the category (and `attributes.group`); `display_date` (of the slide and of
 *   each date) is kept in attributes (`display_date`, `start_display_date`, `end_display_date`).
 * - A media URL is kept as a source (with caption as title and credit as publisher) only when
 *   it is http(s); other media (embed code, other schemes) is dropped with a warning.
 * - `unique_id` is the event id (a slug of the headline, or `event-<n>`, when missing); a
 *   repeated one is reported and both are kept (`id`, `id-2`).
 * - The title slide gives the dataset's title and description.
 * - **Eras** have no place in the data model, so each era becomes an event with category
 *   `era`, tag `era` and id `era-<n>` (unless it carries one); {@link toTimelineJS} writes such
 *   events back as eras.
 * - The `entity_timeline` extensions written by {@link toTimelineJS} (actors, participants,
 *   tags, locations, sources, qualified dates) are read back, so a round trip keeps them.
 *
 * @example
 * ```ts
 * const { dataset } = fromTimelineJS({ events: [{ start_date: { year: 2024, month: 1 }, text: { headline: 'Talks &amp; more' } }] });
 * dataset.events[0].title;           // 'Talks & more'
 * dataset.events[0].when.start.precision; // 'month'
 * ```
 */
export function fromTimelineJS(json: string | object, options: TimelineJSImportOptions = {}): ImportResult {
  const problems: Problem[] = [];
  const rejected: Rejected[] = [];
  const input: DatasetInput = { events: [] };
  // Each slide's event becomes the validator's record as it is read (see import-records.ts).
  const imported = new ImportedEvents(EVENT_KEYS);
  let root: unknown = json;
  if (typeof json === 'string') {
    try {
      root = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json) as unknown;
    } catch (error) {
      problems.push({ path: '$', message: `not JSON: ${(error as Error).message}`, severity: 'error' });
      return finishImport({ format: 'timelinejs', input, problems, rejected, merges: [], records: 0, duplicates: 0, blank: 0 }, options.mode);
    }
  }
  if (!isObject(root)) {
    problems.push({ path: '$', message: 'a TimelineJS document is an object with an events array', severity: 'error' });
    return finishImport({ format: 'timelinejs', input, problems, rejected, merges: [], records: 0, duplicates: 0, blank: 0 }, options.mode);
  }

  const title = own(root, 'title');
  if (isObject(title)) {
    const text = readText(own(title, 'text'));
    if (text.headline !== '') input.title = text.headline;
    if (text.text !== '') input.description = text.text;
    const media = readMedia(own(title, 'media'), 'title.media', problems);
    if (media !== undefined) input.sources = [media];
  }
  const extension = own(root, 'entity_timeline');
  if (isObject(extension)) {
    const actors = own(extension, 'actors');
    if (Array.isArray(actors)) input.actors = actors as ActorInput[];
  }

  const ids = new UniqueIds();
  let records = 0;
  const readSlide = (slide: unknown, path: string, index: number, era: boolean): void => {
    records++;
    const slideProblems: Problem[] = [];
    const reject = (): void => {
      problems.push(...slideProblems);
      rejected.push({ path, record: slide, problems: slideProblems });
    };
    if (!isObject(slide)) {
      slideProblems.push({ path, message: 'a slide must be an object', severity: 'error' });
      reject();
      return;
    }
    const ext = isObject(own(slide, 'entity_timeline')) ? (own(slide, 'entity_timeline') as Record<string, unknown>) : undefined;
    const startValue = own(slide, 'start_date');
    const endValue = own(slide, 'end_date');
    let when: EventInput['when'] | undefined;
    const extWhen = ext === undefined ? undefined : own(ext, 'when');
    if (typeof extWhen === 'string' && extWhen !== '') {
      when = extWhen;
    } else if (startValue === undefined) {
      slideProblems.push({ path: `${path}.start_date`, message: 'the slide has no start_date', severity: 'error' });
    } else {
      const start = readDate(startValue, `${path}.start_date`, slideProblems);
      const end = endValue === undefined ? undefined : readDate(endValue, `${path}.end_date`, slideProblems);
      if (era && endValue === undefined) slideProblems.push({ path: `${path}.end_date`, message: 'an era needs an end_date', severity: 'error' });
      if (start !== undefined && slideProblems.length === 0) when = end === undefined ? start : { start, end };
    }
    if (slideProblems.length > 0 || when === undefined) {
      reject();
      return;
    }

    const text = readText(own(slide, 'text'));
    const media = own(slide, 'media');
    const displayDate = ownString(slide, 'display_date');
    let headline = text.headline;
    if (headline === '') {
      const caption = isObject(media) ? htmlToText(ownString(media, 'caption') ?? '') : '';
      headline = text.text !== '' ? truncate(text.text.split('\n')[0]!, 80) : caption !== '' ? caption : displayDate !== undefined && displayDate.trim() !== '' ? htmlToText(displayDate) : '';
      if (headline === '') headline = era ? `Era ${index + 1}` : 'Untitled event';
      if (!era) problems.push({ path: `${path}.text.headline`, message: `the slide has no headline; "${truncate(headline)}" was used`, severity: 'warning' });
    }

    const uniqueId = ownString(slide, 'unique_id')?.trim() ?? '';
    const base = uniqueId !== '' ? uniqueId : era ? `era-${index + 1}` : text.headline !== '' ? slugify(text.headline) : `event-${index + 1}`;
    const taken = ids.take(base, path);
    if (taken.firstAt !== undefined) {
      problems.push({
        path: `${path}.unique_id`,
        message: uniqueId !== '' ? `unique_id "${uniqueId}" is also used by ${taken.firstAt}; this slide is "${taken.id}"` : `the generated id "${base}" is taken; this slide is "${taken.id}"`,
        severity: 'warning',
      });
    }
    const event: EventInput = { id: taken.id, title: headline, when };
    if (text.text !== '') event.description = text.text;
    const attributes: Record<string, string | number | boolean | null> = {};
    const group = ownString(slide, 'group')?.trim() ?? '';
    if (era) {
      event.category = 'era';
      event.tags = ['era'];
    } else if (group !== '') {
      event.category = group;
      attributes['group'] = group;
    }
    if (displayDate !== undefined && displayDate !== '') attributes['display_date'] = displayDate;
    for (const [key, value] of [
      ['start_display_date', startValue],
      ['end_display_date', endValue],
    ] as const) {
      if (isObject(value)) {
        const display = ownString(value, 'display_date');
        if (display !== undefined && display !== '') attributes[key] = display;
      }
    }
    const mediaSource = readMedia(media, `${path}.media`, problems);
    if (ext !== undefined) {
      const participants = own(ext, 'participants');
      if (Array.isArray(participants)) event.participants = participants as ParticipantInput[];
      const tags = own(ext, 'tags');
      if (Array.isArray(tags)) event.tags = [...new Set([...(event.tags ?? []), ...(tags as string[])])];
      const location = own(ext, 'location');
      if (location !== undefined) event.location = location as EventInput['location'];
      const sources = own(ext, 'sources');
      if (Array.isArray(sources)) event.sources = sources as SourceInput[];
      const reported = own(ext, 'reported');
      if (typeof reported === 'string') event.reported = reported;
      const extra = own(ext, 'attributes');
      if (isObject(extra)) {
        for (const key of Object.keys(extra)) {
          Object.defineProperty(attributes, key, { value: own(extra, key), enumerable: true, writable: true, configurable: true });
        }
      }
    }
    if (mediaSource !== undefined && !(event.sources ?? []).some((s) => s.url === mediaSource.url)) event.sources = [...(event.sources ?? []), mediaSource];
    if (Object.keys(attributes).length > 0) event.attributes = attributes;
    // An era's tags come before its participants, against EVENT_KEYS: keep that event's JSON shape as written.
    imported.add(event, path, era && event.participants !== undefined);
  };

  const slides = own(root, 'events');
  if (slides !== undefined && !Array.isArray(slides)) problems.push({ path: 'events', message: 'events must be an array of slides', severity: 'error' });
  if (Array.isArray(slides)) slides.forEach((slide, i) => readSlide(slide, `events[${i}]`, i, false));
  const eras = own(root, 'eras');
  if (eras !== undefined && !Array.isArray(eras)) problems.push({ path: 'eras', message: 'eras must be an array', severity: 'error' });
  if (Array.isArray(eras)) eras.forEach((era, i) => readSlide(era, `eras[${i}]`, i, true));
  if (slides === undefined && eras === undefined) problems.push({ path: 'events', message: 'the document has no events', severity: 'error' });

  return imported.finish(
    {
      format: 'timelinejs',
      ...(input.title !== undefined && { title: input.title }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.sources !== undefined && { sources: input.sources }),
      actors: input.actors ?? [],
      emptyActors: input.actors !== undefined,
      problems,
      rejected,
      merges: [],
      records,
      duplicates: 0,
      blank: 0,
    },
    options.mode,
  );
}

function readMedia(media: unknown, path: string, problems: Problem[]): SourceInput | undefined {
  if (!isObject(media)) return undefined;
  const url = (ownString(media, 'url') ?? '').trim();
  if (url === '') return undefined;
  const safe = safeUrl(url);
  if (safe === undefined || !/^https?:/i.test(safe)) {
    problems.push({ path: `${path}.url`, message: `the media "${truncate(url)}" is not an http(s) URL; it was dropped`, severity: 'warning' });
    return undefined;
  }
  const source: SourceInput = { url: safe };
  const caption = htmlToText(ownString(media, 'caption') ?? '');
  const credit = htmlToText(ownString(media, 'credit') ?? '');
  if (caption !== '') source.title = caption;
  if (credit !== '') source.publisher = credit;
  return source;
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

function partsOf(value: DateValue): TimelineJSDate {
  const date: TimelineJSDate = { year: value.year };
  if (value.month !== undefined) date.month = value.month;
  if (value.day !== undefined) date.day = value.day;
  if (value.hour !== undefined) date.hour = value.hour;
  if (value.minute !== undefined) date.minute = value.minute;
  if (value.second !== undefined) date.second = value.second;
  if (value.millisecond !== undefined) date.millisecond = value.millisecond;
  return date;
}

/** Whether TimelineJS's date objects say all of `value` (no qualifiers, offsets, seasons or X). */
function plain(value: DateValue): boolean {
  if (value.approximate || value.uncertain || value.unspecified.length > 0 || value.offsetMinutes !== undefined || value.season !== undefined) return false;
  try {
    const { year, month, day, hour, minute, second, millisecond } = value;
    return dateFromParts({ year, month, day, hour, minute, second, millisecond }).edtf === value.edtf;
  } catch {
    return false;
  }
}

function sourceInput(source: Source): SourceInput {
  const out: SourceInput = {};
  if (source.url !== undefined) out.url = source.url;
  if (source.publisher !== undefined) out.publisher = source.publisher;
  if (source.title !== undefined) out.title = source.title;
  if (source.published !== undefined) out.published = source.published.edtf;
  if (source.confidence !== undefined) out.confidence = source.confidence;
  return out;
}

/**
 * Writes a dataset as a TimelineJS3 JSON document. Titles and descriptions are escaped as HTML
 * (TimelineJS renders them as HTML); dates become date objects at their precision; the category
 * becomes the group and the id the unique_id; events with category `era` and tag `era` become
 * eras. What TimelineJS has no field for (actors, participants, tags, locations, sources,
 * attributes, and dates with EDTF qualifiers) goes into `entity_timeline` extension objects
 * that TimelineJS ignores and {@link fromTimelineJS} reads back.
 *
 * @example
 * ```ts
 * const doc = toTimelineJS(dataset);
 * await writeFile('timeline.json', JSON.stringify(doc));
 * fromTimelineJS(doc).dataset.events.length === dataset.events.length; // true
 * ```
 */
export function toTimelineJS(dataset: Dataset): TimelineJSDocument {
  const doc: TimelineJSDocument = { events: [] };
  if (dataset.meta.title !== undefined || dataset.meta.description !== undefined) {
    doc.title = { text: { headline: escapeHtml(dataset.meta.title ?? ''), text: textToHtml(dataset.meta.description ?? '') } };
  }
  const eras: TimelineJSEra[] = [];
  for (const event of dataset.events) {
    const { start, end } = event.when;
    const ext: TimelineJSEventExtension = {};
    if (!plain(start) || (end !== undefined && !plain(end))) ext.when = event.when.edtf;
    const attributes: Record<string, string | number | boolean | null> = {};
    let displayDate: string | undefined;
    let startDisplay: string | undefined;
    let endDisplay: string | undefined;
    for (const [key, value] of Object.entries(event.attributes ?? {})) {
      if (key === 'display_date' && typeof value === 'string') displayDate = value;
      else if (key === 'start_display_date' && typeof value === 'string') startDisplay = value;
      else if (key === 'end_display_date' && typeof value === 'string') endDisplay = value;
      else if (!(key === 'group' && value === event.category)) Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true });
    }
    const startDate = partsOf(start);
    if (startDisplay !== undefined) startDate.display_date = startDisplay;
    const text: TimelineJSText = { headline: escapeHtml(event.title) };
    if (event.description !== undefined) text.text = textToHtml(event.description);
    const isEra = event.category === 'era' && event.tags.includes('era') && end !== undefined;
    if (event.participants.length > 0) ext.participants = event.participants.map((p) => ({ actor: p.actor, role: p.role }));
    const tags = isEra ? event.tags.filter((t) => t !== 'era') : event.tags;
    if (tags.length > 0) ext.tags = [...tags];
    if (event.location !== undefined) ext.location = { ...event.location };
    if (event.sources.length > 0) ext.sources = event.sources.map(sourceInput);
    if (event.reported !== undefined) ext.reported = event.reported.edtf;
    if (Object.keys(attributes).length > 0) ext.attributes = attributes;
    const extension = Object.keys(ext).length > 0 ? { entity_timeline: ext } : {};
    if (isEra) {
      const endDate = partsOf(end);
      if (endDisplay !== undefined) endDate.display_date = endDisplay;
      eras.push({ start_date: startDate, end_date: endDate, text, unique_id: event.id, ...extension });
      continue;
    }
    const slide: TimelineJSSlide = { start_date: startDate, text, unique_id: event.id };
    if (end !== undefined) {
      const endDate = partsOf(end);
      if (endDisplay !== undefined) endDate.display_date = endDisplay;
      slide.end_date = endDate;
    }
    if (event.category !== undefined) slide.group = event.category;
    if (displayDate !== undefined) slide.display_date = displayDate;
    doc.events.push({ ...slide, ...extension });
  }
  if (eras.length > 0) doc.eras = eras;
  if (dataset.actors.length > 0) {
    doc.entity_timeline = {
      version: 1,
      actors: dataset.actors.map((actor) => {
        const out: ActorInput = { id: actor.id, name: actor.name, kind: actor.kind };
        if (actor.aliases.length > 0) out.aliases = [...actor.aliases];
        if (actor.affiliations.length > 0) {
          out.affiliations = actor.affiliations.map((a) => {
            const affiliation: NonNullable<ActorInput['affiliations']>[number] = { actor: a.actor };
            if (a.role !== undefined) affiliation.role = a.role;
            if (a.start !== undefined) affiliation.start = a.start.edtf;
            if (a.end !== undefined) affiliation.end = a.end.edtf;
            return affiliation;
          });
        }
        if (actor.color !== undefined) out.color = actor.color;
        if (actor.description !== undefined) out.description = actor.description;
        return out;
      }),
    };
  }
  return doc;
}
