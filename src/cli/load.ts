// Reading a dataset file for the CLI: size limit, decoding, format choice and import, with
// every input problem reported rather than thrown. Formats are the importers' (src/io): the
// library's JSON, CSV/TSV, TimelineJS, GDELT and ACLED, chosen by content under `auto`.
import { importText, type ImportTextOptions } from '../io/import-text.js';
import { detectFormat } from '../io/detect.js';
import { IMPORT_FORMATS, type ActorMerge, type ImportFormat } from '../io/import-result.js';
import { parseDataset } from '../model/parse.js';
import type { Dataset, DatasetInput, Problem, Rejected } from '../model/types.js';

/** What reading an input gives: every record kept, every record not, every problem. */
export interface LoadResult {
  readonly dataset: Dataset;
  readonly rejected: readonly Rejected[];
  readonly problems: readonly Problem[];
  /** The format read, and why it was chosen (`--format auto`) or `given with --format`. */
  readonly format: ImportFormat | 'auto';
  readonly reason: string;
  /**
   * What was read, in the library's JSON format. Importers that build records directly derive
   * it on first read, so it is read through to the import only when a command asks for it.
   */
  readonly input: DatasetInput;
  /** Every merge of differently written names into one actor. */
  readonly merges: readonly ActorMerge[];
}

/** The `--format` values: `auto` and every importer's format. */
export function formatNames(): string[] {
  return ['auto', ...IMPORT_FORMATS];
}

/** The file system the loader reads through (injected so tests need no files). */
export interface FileReader {
  readFile(path: string): Promise<Uint8Array>;
  /** The size in bytes, checked before reading; without it the size is checked after. */
  fileSize?(path: string): Promise<number>;
}

/** Options of {@link loadDataset}. */
export interface LoadOptions {
  /** A name from {@link formatNames} (default `auto`). */
  readonly format?: string;
  /** Importer options: `dayFirst`, `monthFirst`, `aliases`, `caseFold`… */
  readonly importOptions?: Omit<ImportTextOptions, 'format' | 'fileName' | 'mode'>;
  /** Refuse files larger than this many bytes (default 100 MB). */
  readonly maxBytes?: number;
  readonly reader: FileReader;
}

/** A file that could not be read at all. `usage` marks a mistake in the command line (exit 2). */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly usage: boolean,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

/** The default size limit: 100 MB. */
export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

/**
 * Reads and parses a dataset file leniently. Input problems (bad JSON, invalid records, text
 * that is not UTF-8) come back in `problems`; only a file that cannot be read at all, or is
 * over the size limit, throws a {@link LoadError}.
 *
 * @example
 * ```ts
 * const { dataset, problems, format } = await loadDataset('events.json', { reader: { readFile } });
 * ```
 */
export async function loadDataset(path: string, options: LoadOptions): Promise<LoadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const reader = options.reader;
  let bytes: Uint8Array;
  try {
    if (reader.fileSize !== undefined) checkSize(path, await reader.fileSize(path), maxBytes);
    bytes = await reader.readFile(path);
  } catch (error) {
    throw error instanceof LoadError ? error : readError(path, error);
  }
  checkSize(path, bytes.byteLength, maxBytes);

  const requested = options.format ?? 'auto';
  if (requested !== 'auto' && !(IMPORT_FORMATS as readonly string[]).includes(requested)) {
    throw new LoadError(`unknown format "${requested}" (use one of ${formatNames().join(', ')})`, true);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const empty = parseDataset({ events: [] }, { mode: 'lenient' }).dataset;
    const problem: Problem = { path: '$', message: 'is not UTF-8 text', severity: 'error' };
    return { dataset: empty, rejected: [], problems: [problem], format: requested as ImportFormat | 'auto', reason: 'not read', input: { events: [] }, merges: [] };
  }
  const detected = requested === 'auto' ? detectFormat(text, path) : { format: requested as ImportFormat, reason: 'given with --format' };
  const result = importText(text, { ...options.importOptions, format: detected.format, fileName: path, mode: 'lenient' });
  return {
    dataset: result.dataset,
    rejected: result.rejected,
    problems: result.problems,
    format: result.format,
    reason: detected.reason,
    // A getter: reading result.input here would rebuild every event's JSON shape for nothing.
    get input(): DatasetInput {
      return result.input;
    },
    merges: result.merges,
  };
}

function checkSize(path: string, size: number, maxBytes: number): void {
  if (size <= maxBytes) return;
  const mb = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  throw new LoadError(
    `${path} is ${mb(size)}, over the ${mb(maxBytes)} limit; pass --max-size ${Math.ceil(size / (1024 * 1024))} to read it anyway`,
    false,
  );
}

function readError(path: string, error: unknown): LoadError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return new LoadError(`no such file: ${path}`, true);
  if (code === 'EISDIR') return new LoadError(`${path} is a directory, not a file`, true);
  if (code === 'EACCES' || code === 'EPERM') return new LoadError(`permission denied: ${path}`, false);
  const reason = error instanceof Error ? error.message : String(error);
  return new LoadError(`cannot read ${path} (${reason})`, false);
}
