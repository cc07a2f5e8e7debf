// Reading a dataset file for the CLI: size limit, decoding, format choice and parsing, with
// every input problem reported rather than thrown. Formats are a table so importers for CSV,
// TimelineJS, GDELT or ACLED can be added as entries without touching the commands.
import { parseDataset } from '../model/parse.js';
import type { Dataset, Problem, Rejected } from '../model/types.js';

/** What reading an input format gives: every record kept, every record not, every problem. */
export interface LoadResult {
  readonly dataset: Dataset;
  readonly rejected: readonly Rejected[];
  readonly problems: readonly Problem[];
}

/** An input format the CLI can read. */
export interface InputFormat {
  /** The `--format` value. */
  readonly name: string;
  /** File name endings that select this format under `--format auto` (lower case, with the dot). */
  readonly extensions: readonly string[];
  /** A cheap look at the text for `--format auto` when the extension does not decide. */
  readonly sniff?: (text: string) => boolean;
  /** Parses the text leniently. Must not throw for any text. */
  readonly parse: (text: string) => LoadResult;
}

/**
 * The input formats, by `--format` name. Add importers here; `auto` tries extensions, then
 * each format's `sniff`, in this order.
 */
export const INPUT_FORMATS: ReadonlyMap<string, InputFormat> = new Map<string, InputFormat>([
  [
    'json',
    {
      name: 'json',
      extensions: ['.json'],
      sniff: (text) => /^\s*[{[]/.test(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
      parse: (text) => parseDataset(text, { mode: 'lenient' }),
    },
  ],
]);

/** The `--format` values: `auto` and every format's name. */
export function formatNames(): string[] {
  return ['auto', ...INPUT_FORMATS.keys()];
}

/** The file system the loader reads through (injected so tests need no files). */
export interface FileReader {
  readFile(path: string): Promise<Uint8Array>;
  /** The size in bytes, checked before reading; without it the size is checked after. */
  fileSize?(path: string): Promise<number>;
}

/** Options of {@link loadDataset}. */
export interface LoadOptions {
  /** A name from {@link INPUT_FORMATS} or `auto` (default). */
  readonly format?: string;
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
export async function loadDataset(path: string, options: LoadOptions): Promise<LoadResult & { readonly format: string }> {
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

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const format = options.format ?? 'auto';
    const empty = parseDataset({ events: [] }, { mode: 'lenient' }).dataset;
    const problem: Problem = { path: '$', message: 'is not UTF-8 text', severity: 'error' };
    return { dataset: empty, rejected: [], problems: [problem], format };
  }
  const format = chooseFormat(path, text, options.format ?? 'auto');
  return { ...format.parse(text), format: format.name };
}

function chooseFormat(path: string, text: string, name: string): InputFormat {
  if (name !== 'auto') {
    const format = INPUT_FORMATS.get(name);
    if (format === undefined) throw new LoadError(`unknown format "${name}" (use one of ${formatNames().join(', ')})`, true);
    return format;
  }
  const lower = path.toLowerCase();
  for (const format of INPUT_FORMATS.values()) if (format.extensions.some((ext) => lower.endsWith(ext))) return format;
  for (const format of INPUT_FORMATS.values()) if (format.sniff?.(text)) return format;
  // JSON is the library's own format: its parser says clearly what is wrong with other text.
  return INPUT_FORMATS.get('json')!;
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
