/**
 * What `<entity-timeline>` tells the reader in its status area, as plain text: one short
 * summary (announced politely, `role="status"`) and a list of details. Kept apart from the
 * element so the wording can be tested without a DOM.
 *
 * @packageDocumentation
 */
import type { Problem } from '../model/types.js';

/** The element's phase, reflected in the status area's `data-kind`. */
export type ElementStatusKind = 'empty' | 'loading' | 'ready' | 'warning' | 'error';

/** What the status area shows. */
export interface ElementStatus {
  readonly kind: ElementStatusKind;
  /** One or two sentences; empty when there is nothing to say. */
  readonly message: string;
  /** One line per problem, most important first. */
  readonly details: readonly string[];
}

/** At most this many detail lines; the rest are counted in a final line. */
export const MAX_STATUS_DETAILS = 100;

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What was read: counts and problems, as importers and `parseDataset` report them. */
export interface ReadSummary {
  readonly events: number;
  /** Event records that could not be read. */
  readonly rejected: number;
  readonly problems: readonly Problem[];
}

/**
 * The status after data was read and drawn: quiet when all went well, otherwise how many
 * records could not be read (with each problem listed) and any attribute the element could
 * not use.
 *
 * @example
 * ```ts
 * describeRead({ events: 17, rejected: 2, problems }, []).message;
 * // '2 records could not be read; showing 17 events.'
 * ```
 */
export function describeRead(read: ReadSummary, attributeProblems: readonly string[]): ElementStatus {
  const sentences: string[] = [];
  const errors = read.problems.filter((p) => p.severity === 'error');
  const warnings = read.problems.filter((p) => p.severity === 'warning');
  if (read.events === 0) {
    sentences.push(read.rejected > 0 || errors.length > 0 ? `No events could be read (${plural(Math.max(read.rejected, 1), 'record', 'records')} rejected).` : 'There are no events to show.');
  } else if (read.rejected > 0) {
    sentences.push(`${plural(read.rejected, 'record', 'records')} could not be read; showing ${plural(read.events, 'event', 'events')}.`);
  } else if (errors.length > 0) {
    sentences.push(`${plural(errors.length, 'part', 'parts')} of the data could not be read; showing ${plural(read.events, 'event', 'events')}.`);
  } else if (warnings.length > 0) {
    sentences.push(`The data has ${plural(warnings.length, 'warning', 'warnings')}.`);
  }
  if (attributeProblems.length === 1) sentences.push(attributeProblems[0]!);
  else if (attributeProblems.length > 1) sentences.push(`${attributeProblems.length} attributes could not be used.`);
  const details = [
    ...(attributeProblems.length > 1 ? attributeProblems : []),
    ...errors.map(problemLine),
    ...warnings.map(problemLine),
  ];
  const kind: ElementStatusKind = read.events === 0 ? 'error' : sentences.length > 0 ? 'warning' : 'ready';
  return { kind, message: sentences.join(' '), details: capDetails(details) };
}

/**
 * The status when the data could not be loaded at all (an unsafe or failed `src`).
 *
 * @example
 * ```ts
 * describeFailure('The address "javascript:alert(1)" was not loaded: only http(s) addresses can be.', []);
 * ```
 */
export function describeFailure(message: string, attributeProblems: readonly string[]): ElementStatus {
  return { kind: 'error', message, details: capDetails(attributeProblems) };
}

/** A problem as one line: where, then what. */
export function problemLine(problem: Problem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

function capDetails(lines: readonly string[]): readonly string[] {
  if (lines.length <= MAX_STATUS_DETAILS) return lines;
  return [...lines.slice(0, MAX_STATUS_DETAILS), `… and ${plural(lines.length - MAX_STATUS_DETAILS, 'more', 'more')}.`];
}

/**
 * A user-supplied string shortened for a message (an address can be a whole data: URL).
 *
 * @example
 * ```ts
 * shorten('x'.repeat(200), 20); // 'xxxxxxxxxxxxxxxxxxx…'
 * ```
 */
export function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
