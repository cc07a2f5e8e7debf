import type { DateValue } from '../types.js';

/**
 * Orders dates by their first instant, then by their last, so that within a shared start the
 * more precise value (the shorter extent) comes first: `2024-01-01` before `2024-01` before
 * `2024`. Returns a negative number, zero or a positive number, for `Array.prototype.sort`.
 *
 * @example
 * ```ts
 * ['2024', '2023-06', '2024-01'].map(parseDate).sort(compareDateValues).map((d) => d.edtf);
 * // ['2023-06', '2024-01', '2024']
 * ```
 */
export function compareDateValues(a: DateValue, b: DateValue): number {
  return a.earliest - b.earliest || a.latest - b.latest;
}
