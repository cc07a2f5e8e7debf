/**
 * What every importer returns: the input as the library's JSON, the parsed dataset, and a full
 * account of what was not kept and why.
 *
 * @packageDocumentation
 */
import { parseDataset } from '../model/parse.js';
import type { Dataset, DatasetInput, Problem, Rejected } from '../model/types.js';

/** The formats the importers read. `json` is the library's own format. */
export type ImportFormat = 'json' | 'csv' | 'tsv' | 'timelinejs' | 'gdelt' | 'acled';

/** Every import format, for option checking and help texts. */
export const IMPORT_FORMATS: readonly ImportFormat[] = Object.freeze(['json', 'csv', 'tsv', 'timelinejs', 'gdelt', 'acled']);

/** Strict imports throw on the first look at an error; lenient ones (the default) keep what they can. */
export type ImportMode = 'strict' | 'lenient';

/** Options every importer takes. */
export interface ImportOptionsBase {
  /** `lenient` (default) keeps every record it can and reports the rest; `strict` throws an {@link ImportError} listing every problem when there is any error. */
  readonly mode?: ImportMode;
}

/**
 * Distinct spellings read as one actor (`russia`, `Russia `), or a spelling mapped to a
 * different canonical name by an alias table.
 */
export interface ActorMerge {
  /** The name the actor was given. */
  readonly canonical: string;
  readonly actorId: string;
  /** Every spelling (or, for GDELT, every actor code) read for this actor, as written, in order of first appearance. */
  readonly names: readonly string[];
  /** The line each of `names` was first read on (same order), for text formats. */
  readonly lines?: readonly number[];
}

/** The record counts of an import. `records = kept + rejected + duplicates` for event records. */
export interface ImportCounts {
  /** Event records read (rows, slides and eras), blank rows and the header excluded. */
  readonly records: number;
  /** Events in the dataset. */
  readonly kept: number;
  /** Event records not kept (see `rejected`). */
  readonly rejected: number;
  /** Rows that repeated an earlier row exactly and were kept once. */
  readonly duplicates: number;
  /** Blank rows skipped. */
  readonly blank: number;
}

/**
 * The result of an import.
 *
 * @example
 * ```ts
 * const result = fromCSV(text);
 * result.dataset.events.length;       // what will be drawn
 * result.counts;                      // { records: 120, kept: 117, rejected: 2, duplicates: 1, blank: 0 }
 * result.problems.map((p) => `${p.path}: ${p.message}`);
 * JSON.stringify(result.input);       // the same data in the library's JSON format
 * ```
 */
export interface ImportResult {
  readonly format: ImportFormat;
  /**
   * What was read, in the library's JSON format (so it can be saved or converted). The CSV, TSV
   * and GDELT importers build the dataset's records directly and derive this from them on first
   * read (then keep it): an import that only draws never holds a second copy of every event.
   * Reading it gives the same value as before, one plain object you may change freely.
   */
  readonly input: DatasetInput;
  /** Equal to `parseDataset(input, { mode: 'lenient' }).dataset`. */
  readonly dataset: Dataset;
  /**
   * Every problem: paths are `line N` or `line N, column C` for text formats (the 1-based
   * physical line a record starts on) and JSON paths for JSON formats. Problems found when the
   * converted input was validated are named `line N (events[i].field)`.
   */
  readonly problems: readonly Problem[];
  /** Every record not kept, with its reasons. */
  readonly rejected: readonly Rejected[];
  /** Every merge of distinct spellings into one actor. */
  readonly merges: readonly ActorMerge[];
  readonly counts: ImportCounts;
}

/** Thrown by importers in strict mode when the input has any error; `.problems` lists them all. */
export class ImportError extends Error {
  readonly format: ImportFormat;
  readonly problems: readonly Problem[];
  constructor(format: ImportFormat, problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    const shown = errors.slice(0, 20).map((p) => `  ${p.path}: ${p.message}`);
    if (errors.length > shown.length) shown.push(`  … and ${errors.length - shown.length} more`);
    super(`the ${format} input has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${shown.join('\n')}`);
    this.name = 'ImportError';
    this.format = format;
    this.problems = problems;
  }
}

/** What an importer has read before validation (internal). */
export interface ImportDraft {
  readonly format: ImportFormat;
  readonly input: DatasetInput;
  readonly problems: Problem[];
  readonly rejected: Rejected[];
  readonly merges: readonly ActorMerge[];
  /** Event records read. */
  readonly records: number;
  readonly duplicates: number;
  readonly blank: number;
  /** Where `input.events[i]` came from (a line number, or a path such as `eras[0]`), to name validation problems. */
  readonly eventOrigins?: readonly (string | number)[];
  /** Where `input.actors[i]` came from. */
  readonly actorOrigins?: readonly (string | number)[];
}

/**
 * Validates the draft's input with `parseDataset` (lenient), names the validator's problems
 * by line, counts, and throws in strict mode (internal).
 */
export function finishImport(draft: ImportDraft, mode: ImportMode = 'lenient'): ImportResult {
  if (mode !== 'strict' && mode !== 'lenient') throw new RangeError(`mode must be 'strict' or 'lenient', not ${JSON.stringify(mode)}`);
  const parsed = parseDataset(draft.input, { mode: 'lenient' });
  const rename = (path: string): string => {
    const m = /^(events|actors)\[(\d+)\](.*)$/.exec(path);
    if (!m) return path;
    const origins = m[1] === 'events' ? draft.eventOrigins : draft.actorOrigins;
    const found = origins?.[Number(m[2])];
    const origin = typeof found === 'number' ? `line ${found}` : found;
    return origin === undefined || origin === `${m[1]}[${m[2]}]` ? path : `${origin} (${path})`;
  };
  const renameProblem = (p: Problem): Problem => {
    const path = rename(p.path);
    return path === p.path ? p : { ...p, path };
  };
  let eventRejects = 0;
  const validationRejected = parsed.rejected.map((r): Rejected => {
    if (r.path.startsWith('events[')) eventRejects++;
    const path = rename(r.path);
    return path === r.path && r.problems.every((p) => rename(p.path) === p.path) ? r : { path, record: r.record, problems: r.problems.map(renameProblem) };
  });
  const problems = [...draft.problems, ...parsed.problems.map(renameProblem)];
  if (draft.format !== 'json' && draft.format !== 'timelinejs') sortByLine(problems);
  const rejected = [...draft.rejected, ...validationRejected];
  const counts: ImportCounts = {
    records: draft.records,
    kept: parsed.dataset.events.length,
    rejected: draft.rejected.length + eventRejects,
    duplicates: draft.duplicates,
    blank: draft.blank,
  };
  if (mode === 'strict' && problems.some((p) => p.severity === 'error')) throw new ImportError(draft.format, problems);
  return { format: draft.format, input: draft.input, dataset: parsed.dataset, problems, rejected, merges: draft.merges, counts };
}

/** Orders problems by their line, keeping the order found within a line (internal). */
export function sortByLine(problems: Problem[]): void {
  const line = (p: Problem): number => {
    const m = /^line (\d+)/.exec(p.path);
    return m ? Number(m[1]) : 0;
  };
  // Array.prototype.sort is stable, so problems on one line keep the order they were found in.
  problems.sort((a, b) => line(a) - line(b));
}
