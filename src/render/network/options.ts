import type { TimeWindow } from '../../link/state.js';

/** A time bound: epoch milliseconds or a `Date`. */
export type TimeBound = number | Date;

/** Window options shared by the network renderers. */
export interface WindowOptions {
  /** Show only relations with events from this instant on. */
  readonly from?: TimeBound;
  /** Show only relations with events up to this instant. */
  readonly to?: TimeBound;
}

/** Turns `from`/`to` options into a window, or `null` when neither is set. */
export function windowFromOptions(options: WindowOptions, name: string): TimeWindow | null {
  if (options.from === undefined && options.to === undefined) return null;
  const ms = (v: TimeBound | undefined, fallback: number, key: string): number => {
    if (v === undefined) return fallback;
    const n = v instanceof Date ? v.getTime() : v;
    if (typeof n !== 'number' || Number.isNaN(n)) throw new TypeError(`${name}: ${key} must be a Date or epoch milliseconds, got ${String(v)}`);
    return n;
  };
  const from = ms(options.from, -Infinity, 'from');
  const to = ms(options.to, Infinity, 'to');
  if (from > to) throw new RangeError(`${name}: from must not be after to`);
  return [from, to];
}

/** Checks a positive size option and names it in the error. */
export function positive(value: number | undefined, fallback: number, name: string, key: string): number {
  const v = value ?? fallback;
  if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) throw new RangeError(`${name}: ${key} must be a positive number, got ${String(value)}`);
  return v;
}
