/**
 * One entry point for every importer: pick the format (or detect it) and read the text.
 *
 * @packageDocumentation
 */
import { parseDataset } from '../model/parse.js';
import { fromACLED, type AcledImportOptions } from './acled.js';
import { fromCSV, fromTSV, type CsvImportOptions } from './csv.js';
import { detectFormat } from './detect.js';
import { fromGDELT, type GdeltImportOptions } from './gdelt.js';
import { IMPORT_FORMATS, ImportError, type ImportFormat, type ImportOptionsBase, type ImportResult } from './import-result.js';
import { fromTimelineJS, type TimelineJSImportOptions } from './timelinejs.js';

/** Options of {@link importText}: the format, and the options of the importer it picks. */
export interface ImportTextOptions extends CsvImportOptions, GdeltImportOptions, AcledImportOptions, TimelineJSImportOptions, ImportOptionsBase {
  /** The format, or `auto` (the default) to detect it with {@link detectFormat}. */
  readonly format?: 'auto' | ImportFormat;
  /** The file's name, used by detection when the content does not settle the format. */
  readonly fileName?: string;
}

/**
 * Reads a text in any supported format. With `format: 'auto'` (the default) the format is
 * detected ({@link detectFormat}); `json` is the library's own format, read leniently by
 * `parseDataset` and wrapped as an {@link ImportResult} with JSON paths.
 *
 * @example
 * ```ts
 * const result = importText(await readFile(path, 'utf8'), { fileName: path });
 * console.log(`${result.format}: ${result.counts.kept} of ${result.counts.records} events`);
 * ```
 */
export function importText(text: string, options: ImportTextOptions = {}): ImportResult {
  const requested = options.format ?? 'auto';
  if (requested !== 'auto' && !IMPORT_FORMATS.includes(requested)) {
    throw new RangeError(`format must be 'auto' or one of ${IMPORT_FORMATS.join(', ')}, not ${JSON.stringify(requested)}`);
  }
  const format = requested === 'auto' ? detectFormat(text, options.fileName).format : requested;
  switch (format) {
    case 'csv':
      return fromCSV(text, options);
    case 'tsv':
      return fromTSV(text, options);
    case 'gdelt':
      return fromGDELT(text, options);
    case 'acled':
      return fromACLED(text, options);
    case 'timelinejs':
      return fromTimelineJS(text, options);
    case 'json':
      return fromJSON(text, options);
  }
}

/**
 * Reads the library's JSON format (text or parsed) leniently and returns it as an
 * {@link ImportResult}; in strict mode throws an {@link ImportError} listing every problem.
 *
 * @example
 * ```ts
 * fromJSON('{"events":[]}').counts; // { records: 0, kept: 0, rejected: 0, duplicates: 0, blank: 0 }
 * ```
 */
export function fromJSON(json: string | object, options: ImportOptionsBase = {}): ImportResult {
  const mode = options.mode ?? 'lenient';
  if (mode !== 'strict' && mode !== 'lenient') throw new RangeError(`mode must be 'strict' or 'lenient', not ${JSON.stringify(mode)}`);
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json) as unknown;
    } catch {
      // parseDataset reads the text itself and reports the syntax error with its line and column.
      value = json;
    }
  }
  const { dataset, problems, rejected } = parseDataset(value, { mode: 'lenient' });
  const events = typeof value === 'object' && value !== null && Array.isArray((value as { events?: unknown }).events) ? ((value as { events: unknown[] }).events) : [];
  const eventRejects = rejected.filter((r) => /^events\[\d+\]$/.test(r.path)).length;
  if (mode === 'strict' && problems.some((p) => p.severity === 'error')) throw new ImportError('json', problems);
  const input = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { events: [] }) as ImportResult['input'];
  return {
    format: 'json',
    input,
    dataset,
    problems,
    rejected,
    merges: [],
    counts: { records: events.length, kept: dataset.events.length, rejected: eventRejects, duplicates: 0, blank: 0 },
  };
}
