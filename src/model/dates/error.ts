/**
 * Why a date or an interval was refused:
 * - `syntax`: the text is not an ISO 8601 / EDTF level 0–1 date (`2024-13-01`, ` 2024`);
 * - `calendar`: it is well formed but names no real day or time (`2024-02-30`, `T24:00`);
 * - `range`: it lies beyond the years a JavaScript `Date` can hold (about ±270,000);
 * - `order`: an interval ends before it starts;
 * - `open`: an interval has an open (`..`) or unknown (empty) end, which an event cannot have.
 */
export type DateErrorReason = 'syntax' | 'calendar' | 'range' | 'order' | 'open';

/**
 * The error every date function in this library throws for input it refuses. The message
 * quotes the input and says what is wrong with it, without a location: callers prefix the
 * JSON path or line (`events[3].when: "2024-02-30" is not a calendar date`).
 *
 * @example
 * ```ts
 * try {
 *   parseDate('2023-02-29');
 * } catch (error) {
 *   if (error instanceof DateSyntaxError) console.log(error.reason, error.message);
 *   // calendar "2023-02-29" is not a calendar date
 * }
 * ```
 */
export class DateSyntaxError extends Error {
  /** The text (or the description of the parts) that was refused, untrimmed. */
  readonly input: string;
  /** What kind of problem it is; see {@link DateErrorReason}. */
  readonly reason: DateErrorReason;

  constructor(input: string, reason: DateErrorReason, message: string) {
    super(message);
    this.name = 'DateSyntaxError';
    this.input = input;
    this.reason = reason;
  }
}

// Messages quote the input as JSON so control characters and quotes stay visible, and cut
// very long input so a megabyte of junk does not become a megabyte of error message.
const MAX_QUOTED = 60;
function quote(input: string): string {
  return JSON.stringify(input.length > MAX_QUOTED ? `${input.slice(0, MAX_QUOTED)}…` : input);
}

/** `"2024-13-01" is not a date`, with an optional hint in parentheses. */
export function syntaxError(input: string, hint?: string): DateSyntaxError {
  return new DateSyntaxError(input, 'syntax', `${quote(input)} is not a date${hint ? ` (${hint})` : ''}`);
}

/** `"2024-02-30" is not a calendar date`, with an optional hint in parentheses. */
export function calendarError(input: string, hint?: string): DateSyntaxError {
  return new DateSyntaxError(input, 'calendar', `${quote(input)} is not a calendar date${hint ? ` (${hint})` : ''}`);
}

export function rangeError(input: string): DateSyntaxError {
  return new DateSyntaxError(input, 'range', `${quote(input)} is outside the range of dates this library can place`);
}

export function orderError(input: string): DateSyntaxError {
  return new DateSyntaxError(input, 'order', `${quote(input)} ends before it starts`);
}

export function openError(input: string, which: 'start' | 'end', kind: 'open' | 'unknown'): DateSyntaxError {
  return new DateSyntaxError(input, 'open', `${quote(input)} has an ${kind} ${which}; an event needs both ends`);
}
