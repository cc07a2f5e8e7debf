/**
 * Dates with honest precision: ISO 8601 / EDTF level 0–1 parsing into {@link DateValue}s that
 * know what was written and the extent it covers, intervals ({@link When}), and formatting that
 * prints a value at its own precision in every time zone.
 *
 * @packageDocumentation
 */
export { DateSyntaxError, type DateErrorReason } from './dates/error.js';
export { parseDate, tryParseDate } from './dates/parse.js';
export { dateFromParts, type DateParts, type DateFlags } from './dates/parts.js';
export { parseWhen, tryParseWhen, whenFromDates } from './dates/when.js';
export { formatDate, formatWhen, type FormatDateOptions } from './dates/format.js';
export { compareDateValues } from './dates/compare.js';
