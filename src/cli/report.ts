// What `validate` prints: a summary computed once, then written as text or as one JSON object.
import { formatDate } from '../model/dates.js';
import type { Dataset, DateValue, Problem } from '../model/types.js';
import type { LoadResult } from './load.js';

/** The machine-readable result of `entity-timeline validate --json`. */
export interface ValidationReport {
  /** True when there is no error (warnings allowed). */
  readonly valid: boolean;
  /** Counts of the records kept. */
  readonly events: number;
  readonly actors: number;
  readonly relations: number;
  /** ISO instants of the earliest and latest event, or null without events. */
  readonly start: string | null;
  readonly end: string | null;
  readonly problems: readonly { readonly path: string; readonly message: string; readonly severity: Problem['severity'] }[];
  /** The input format read, and why (`--format auto` says what it decided from). */
  readonly format: string;
  readonly formatReason: string;
  /** Every record that was not kept (JSON path or line) with its reasons. */
  readonly rejected: readonly { readonly path: string; readonly reasons: readonly string[] }[];
  /** Every merge of differently written names into one actor. */
  readonly merges: readonly { readonly actor: string; readonly names: readonly string[] }[];
}

/** Builds the report of a leniently parsed dataset. */
export function validationReport(loaded: LoadResult): ValidationReport {
  const { dataset, problems } = loaded;
  const extent = dataset.extent;
  return {
    valid: !problems.some((p) => p.severity === 'error'),
    events: dataset.events.length,
    actors: dataset.actors.length,
    relations: dataset.relations.length,
    start: extent === undefined ? null : new Date(extent[0]).toISOString(),
    end: extent === undefined ? null : new Date(extent[1]).toISOString(),
    problems: problems.map((p) => ({ path: p.path, message: p.message, severity: p.severity })),
    format: loaded.format,
    formatReason: loaded.reason,
    rejected: loaded.rejected.map((r) => ({ path: r.path, reasons: r.problems.map((p) => p.message) })),
    merges: loaded.merges.map((m) => ({ actor: m.actorId, names: m.names })),
  };
}

/** The report as text for people: a status line, counts, the date range, every problem. */
export function formatReport(file: string, report: ValidationReport, loaded: LoadResult): string {
  const { dataset, rejected } = loaded;
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.length - errors;
  const status = report.valid ? 'valid' : 'invalid';
  const tally = [plural(errors, 'error'), plural(warnings, 'warning')].filter((_, i) => (i === 0 ? errors : warnings) > 0);
  const lines = [`${file}: ${status}${tally.length > 0 ? ` (${tally.join(', ')})` : ''}`];

  const rejectedOf = (key: string): number => rejected.filter((r) => new RegExp(`^${key}\\[\\d+\\]$`).test(r.path)).length;
  const rejectedCounts = [
    plural(rejectedOf('events'), 'event'),
    plural(rejectedOf('actors'), 'actor'),
    plural(rejectedOf('relations'), 'relation'),
  ].filter((text) => !text.startsWith('0 '));
  lines.push(
    `  ${plural(report.events, 'event')}, ${plural(report.actors, 'actor')}, ${plural(report.relations, 'relation')}` +
      (rejectedCounts.length > 0 ? ` kept; rejected: ${rejectedCounts.join(', ')}` : ''),
  );
  const range = dateRange(dataset);
  if (range !== undefined) lines.push(`  ${range}`);
  lines.push(`  read as ${report.format} (${report.formatReason})`);
  for (const m of report.merges) lines.push(`  merged into one actor "${m.actor}": ${m.names.map((n) => JSON.stringify(n)).join(', ')}`);
  for (const p of report.problems) lines.push(`  ${p.path}: ${p.message}${p.severity === 'warning' ? ' (warning)' : ''}`);
  return `${lines.join('\n')}\n`;
}

/** `from 2023 to January 2024`, each end at the precision it was written with. */
function dateRange(dataset: Dataset): string | undefined {
  const first = dataset.events[0];
  if (first === undefined) return undefined;
  let last: DateValue = first.when.end ?? first.when.start;
  for (const event of dataset.events) {
    const end = event.when.end ?? event.when.start;
    if (end.latest > last.latest) last = end;
  }
  const from = formatDate(first.when.start);
  const to = formatDate(last);
  return from === to ? `on ${from}` : `from ${from} to ${to}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
