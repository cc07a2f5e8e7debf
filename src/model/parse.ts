import { createDataset, createDatasetFromRecordsSteps } from './dataset.js';
import { parseJsonText } from './parse-json.js';
import { abortReason, drain, runInSlices, yieldToPage, type Steps } from './steps.js';
import { validationSteps, type ValidationOutcome } from './validate.js';
import type { Dataset, EntityEvent, Problem, Rejected } from './types.js';

/** Options of {@link parseDataset}. */
export interface ParseDatasetOptions {
  /**
   * `strict` (default): any error throws a {@link DatasetValidationError} listing every problem.
   * `lenient`: keep every valid record and report the rest (see {@link LenientParseResult}).
   */
  mode?: 'strict' | 'lenient';
}

/** What {@link parseDataset} returns in lenient mode. */
export interface LenientParseResult {
  /** Every record that passed validation. */
  readonly dataset: Dataset;
  /** Every record that did not, with its errors. */
  readonly rejected: readonly Rejected[];
  /** Every problem found, errors and warnings, in input order. */
  readonly problems: readonly Problem[];
}

/**
 * Thrown by {@link parseDataset} in strict mode. The message lists every problem, one per
 * line, as `path: message` (errors first, then warnings marked as such).
 *
 * @example
 * ```ts
 * try {
 *   parseDataset(json);
 * } catch (error) {
 *   if (error instanceof DatasetValidationError) for (const p of error.problems) console.log(p.path, p.message);
 * }
 * ```
 */
export class DatasetValidationError extends Error {
  /** Every problem found, errors and warnings. */
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    const warnings = problems.filter((p) => p.severity === 'warning');
    const lines = [
      ...errors.map((p) => `${p.path}: ${p.message}`),
      ...warnings.map((p) => `${p.path}: ${p.message} (warning)`),
    ];
    super(`The dataset has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}:\n${lines.join('\n')}`);
    this.name = 'DatasetValidationError';
    this.problems = problems;
  }
}

/**
 * Reads the library's JSON format (see `entity-timeline/schema.json`) into a {@link Dataset}.
 * `input` is the parsed JSON value or the JSON text itself (a syntax error is then a problem at
 * path `$` that gives the line and column).
 *
 * Every rule is checked and every problem is reported with its JSON path
 * (`events[12].when: "2024-02-30" is not a calendar date`): required fields, types, EDTF dates
 * and their calendar validity, intervals that end before they start, references to unknown
 * actors, duplicate ids, alias collisions, affiliation cycles, source URLs other than
 * http/https/mailto, numbers out of range. Unknown fields are warnings and are ignored.
 *
 * In **lenient** mode nothing is dropped silently: each record not kept is in `rejected` with
 * its reasons, so for events, actors and relations kept + rejected = the input's count.
 * - An event, actor or declared relation with an error in its own fields is rejected whole.
 *   An event naming an unknown (or rejected) actor is rejected rather than kept without that
 *   participant, since a chart of it would misstate who took part.
 * - The second and later records with the same id are rejected; the first is kept.
 * - An actor keeps its place when one of its affiliations is malformed, names an unknown actor
 *   or closes a cycle: that affiliation alone is rejected (path `actors[i].affiliations[j]`).
 * - An alias that is also another actor's id or name, or an alias of an earlier actor, is removed
 *   (an error, so strict mode throws).
 * - The dataset's own `sources` are kept one by one.
 *
 * Input is only read, never modified, and only own data properties are read (so `__proto__`
 * keys and polluted prototypes have no effect). Whatever the input, strict mode throws nothing
 * but a {@link DatasetValidationError} and lenient mode throws nothing.
 *
 * @example
 * ```ts
 * const dataset = parseDataset(await (await fetch('events.json')).json());
 * const { dataset: partial, rejected } = parseDataset(text, { mode: 'lenient' });
 * ```
 */
export function parseDataset(input: unknown, options?: ParseDatasetOptions & { mode?: 'strict' }): Dataset;
export function parseDataset(input: unknown, options: ParseDatasetOptions & { mode: 'lenient' }): LenientParseResult;
export function parseDataset(input: unknown, options?: ParseDatasetOptions): Dataset | LenientParseResult;
export function parseDataset(input: unknown, options: ParseDatasetOptions = {}): Dataset | LenientParseResult {
  const outcome = safeValidate(input);
  return finish(outcome, built(() => drain(datasetSteps(outcome))), options);
}

/** Options of {@link parseDatasetAsync}. */
export interface ParseDatasetAsyncOptions extends ParseDatasetOptions {
  /** Stops parsing: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The longest stretch of validation between two pauses, in milliseconds (default 8). */
  sliceMs?: number;
  /**
   * How to give the page its turn between slices. Default: `scheduler.yield()` where the
   * browser has it, else a `MessageChannel` message (a task, without `setTimeout`'s 4 ms clamp).
   */
  pause?: () => Promise<void>;
}

/**
 * {@link parseDataset} for big inputs in a page: the same checks, problems, result and errors,
 * but validation runs in slices of about `sliceMs` with a pause between them, so the page keeps
 * answering input while tens of thousands of records are read. (JSON text is still parsed by
 * `JSON.parse` in one go, and the dataset's indexes are built in one step at the end: pass the
 * parsed value when the text is large.) Strict mode rejects with a {@link DatasetValidationError};
 * lenient mode resolves with a {@link LenientParseResult}.
 *
 * @example
 * ```ts
 * const dataset = await parseDatasetAsync(await (await fetch('gdelt-month.json')).json());
 * createNetwork(container, dataset);
 * ```
 */
export function parseDatasetAsync(input: unknown, options?: ParseDatasetAsyncOptions & { mode?: 'strict' }): Promise<Dataset>;
export function parseDatasetAsync(input: unknown, options: ParseDatasetAsyncOptions & { mode: 'lenient' }): Promise<LenientParseResult>;
export function parseDatasetAsync(input: unknown, options?: ParseDatasetAsyncOptions): Promise<Dataset | LenientParseResult>;
export async function parseDatasetAsync(input: unknown, options: ParseDatasetAsyncOptions = {}): Promise<Dataset | LenientParseResult> {
  const { signal, sliceMs = 8, pause = yieldToPage } = options;
  signal?.throwIfAborted();
  const run = <T>(steps: Steps<T>): Promise<T> => runInSlices(steps, { budgetMs: sliceMs, yieldFn: pause, signal });
  const aborted = (error: unknown): boolean => signal !== undefined && signal.aborted && error === abortReason(signal);
  let outcome: ValidationOutcome;
  try {
    outcome = await run(validationSteps(jsonValue(input)));
  } catch (error) {
    if (aborted(error)) throw error;
    outcome = failedWith(error);
  }
  let dataset: Built;
  try {
    dataset = { dataset: await run(datasetSteps(outcome)) };
  } catch (error) {
    if (aborted(error)) throw error;
    dataset = { error };
  }
  return finish(outcome, dataset, options);
}

/** The dataset built from a validation outcome, or what building it threw. */
type Built = { readonly dataset: Dataset } | { readonly error: unknown };

function built(build: () => Dataset): Built {
  try {
    return { dataset: build() };
  } catch (error) {
    return { error };
  }
}

/** The result parseDataset returns for a validation outcome and its dataset, as the mode asks. */
function finish(outcome: ValidationOutcome, result: Built, options: ParseDatasetOptions): Dataset | LenientParseResult {
  if (!('dataset' in result)) {
    // Validated records cannot make createDataset fail; if they ever do, say so as a problem.
    const problems = [...outcome.problems, internalProblem(result.error)];
    if (options.mode === 'lenient') return { dataset: createDataset({ events: [], actors: [] }), rejected: outcome.rejected, problems };
    throw new DatasetValidationError(problems);
  }
  const { dataset } = result;
  if (options.mode === 'lenient') {
    return Object.freeze({ dataset, rejected: Object.freeze(outcome.rejected), problems: Object.freeze(outcome.problems) });
  }
  if (outcome.problems.some((p) => p.severity === 'error')) throw new DatasetValidationError(outcome.problems);
  return dataset;
}

/**
 * Every problem in a dataset input (parsed JSON or JSON text), errors and warnings, without
 * building a dataset. An empty array means the input is valid and clean. Never throws.
 *
 * @example
 * ```ts
 * validateDataset({ events: [{ id: 'a', title: 'A', when: '2024-02-30' }] });
 * // [{ path: 'events[0].when', message: '"2024-02-30" is not a calendar date', severity: 'error' }]
 * ```
 */
export function validateDataset(input: unknown): readonly Problem[] {
  return Object.freeze(safeValidate(input).problems);
}

function safeValidate(input: unknown): ValidationOutcome {
  try {
    return drain(validationSteps(jsonValue(input)));
  } catch (error) {
    return failedWith(error);
  }
}

/** Thrown by {@link jsonValue} for text that is not JSON; becomes the problem at `$`. */
class JsonTextProblem {
  constructor(readonly problem: Problem) {}
}

/** The input itself, or the value of JSON text. */
function jsonValue(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  const parsed = parseJsonText(input);
  if (!parsed.ok) throw new JsonTextProblem({ path: '$', message: parsed.message, severity: 'error' });
  return parsed.value;
}

/** Hostile input (a Proxy whose traps throw, an exotic object) must still end in a problem. */
function failedWith(error: unknown): ValidationOutcome {
  return failed(error instanceof JsonTextProblem ? error.problem : internalProblem(error));
}

/** The validator's events are its own fresh, deeply frozen array: adopted as they are, not copied. */
function datasetSteps(outcome: ValidationOutcome): Steps<Dataset> {
  return createDatasetFromRecordsSteps({ ...outcome, events: outcome.events as EntityEvent[] });
}

function failed(problem: Problem): ValidationOutcome {
  return { meta: {}, events: [], actors: [], declaredRelations: [], rejected: [], problems: [Object.freeze(problem)] };
}

function internalProblem(error: unknown): Problem {
  let reason: string;
  try {
    reason = error instanceof Error ? error.message : String(error);
  } catch {
    reason = 'unknown error';
  }
  return Object.freeze({ path: '$', message: `could not be read (${reason})`, severity: 'error' });
}
