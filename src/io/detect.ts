/**
 * Which format a text is in, from its content (and its file name when the content does not
 * settle it).
 *
 * @packageDocumentation
 */
import type { ImportFormat } from './import-result.js';

/** What {@link detectFormat} decided, and why (for messages such as `read as gdelt: …`). */
export interface DetectedFormat {
  readonly format: ImportFormat;
  readonly reason: string;
}

const GDELT_COLUMN_COUNTS = new Set([57, 58, 61]);

/**
 * Guesses the format of a text:
 * - JSON (first non-blank character `{` or `[`): `timelinejs` when it has an `events` array of
 *   slides with `start_date` objects (or `eras`, or a `title` slide with `text`), else `json`;
 * - a header with `event_id_cnty` and `event_date`: `acled`;
 * - a first line of 57, 58 or 61 tab-separated columns starting with a numeric id and an
 *   eight-digit date: `gdelt`;
 * - otherwise a table: `tsv` when its first line has more tabs than commas and semicolons,
 *   else `csv`. The file name breaks ties (`.json`, `.tsv`, `.export.CSV` for GDELT).
 *
 * @example
 * ```ts
 * detectFormat('event_id_cnty,event_date,actor1\n…'); // { format: 'acled', reason: 'the header has event_id_cnty and event_date' }
 * ```
 */
export function detectFormat(text: string, fileName?: string): DetectedFormat {
  const name = (fileName ?? '').toLowerCase();
  const start = text.search(/[^\s\ufeff]/);
  const first = start < 0 ? '' : text[start]!;
  if (first === '{' || first === '[') {
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start)) as unknown;
    } catch {
      return { format: 'json', reason: 'the text starts like JSON (it does not parse; the JSON reader will say where)' };
    }
    if (looksLikeTimelineJS(value)) return { format: 'timelinejs', reason: 'a JSON object whose events have start_date objects (TimelineJS)' };
    return { format: 'json', reason: 'a JSON document' };
  }
  if (name.endsWith('.json')) return { format: 'json', reason: 'the file name ends in .json' };
  const end = text.slice(Math.max(start, 0)).search(/\r|\n/);
  const line = end < 0 ? text.slice(Math.max(start, 0)) : text.slice(Math.max(start, 0), Math.max(start, 0) + end);
  const header = line.toLowerCase();
  if (/(^|[,;\t"])event_id_cnty([,;\t"]|$)/.test(header) && /(^|[,;\t"])event_date([,;\t"]|$)/.test(header)) {
    return { format: 'acled', reason: 'the header has event_id_cnty and event_date (ACLED)' };
  }
  const cells = line.split('\t');
  if (GDELT_COLUMN_COUNTS.has(cells.length) && (/^\d+$/.test(cells[0] ?? '') || cells[0] === 'GLOBALEVENTID') && (/^\d{8}$/.test(cells[1] ?? '') || cells[1] === 'SQLDATE')) {
    return { format: 'gdelt', reason: `the first line has ${cells.length} tab-separated columns, an event id and a YYYYMMDD date (GDELT)` };
  }
  const tabs = cells.length - 1;
  const commas = countOutsideQuotes(line, ',');
  const semicolons = countOutsideQuotes(line, ';');
  if (tabs > 0 && tabs > commas && tabs >= semicolons) return { format: 'tsv', reason: 'the first line is separated by tabs' };
  if (name.endsWith('.tsv') || name.endsWith('.tab')) return { format: 'tsv', reason: 'the file name ends in .tsv' };
  return { format: 'csv', reason: semicolons > commas ? 'the first line is separated by semicolons' : 'a table (the default)' };
}

function countOutsideQuotes(line: string, char: string): number {
  let count = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === char) count++;
  }
  return count;
}

function looksLikeTimelineJS(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const events = record['events'];
  if (Array.isArray(events) && events.length > 0) {
    return events.some((e) => typeof e === 'object' && e !== null && typeof (e as Record<string, unknown>)['start_date'] === 'object');
  }
  if (Array.isArray(record['eras'])) return true;
  const title = record['title'];
  return typeof title === 'object' && title !== null && typeof (title as Record<string, unknown>)['text'] === 'object';
}
