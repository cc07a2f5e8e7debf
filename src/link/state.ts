/**
 * The shared, immutable view state that linked views follow. A view never mutates it: it emits
 * a new value (see {@link patchViewState}) and every view re-renders from the value it is given.
 */

/** A time window in epoch milliseconds, inclusive. */
export type TimeWindow = readonly [from: number, to: number];

/** What every linked view follows. All fields are optional; `null` means "nothing". */
export interface ViewState {
  /** The time window being looked at (brushed or zoomed). `null`: the whole dataset. */
  readonly window: TimeWindow | null;
  /** The actor under the pointer or keyboard focus. */
  readonly hoveredActor: string | null;
  /** The actor the reader selected (click or Enter). */
  readonly selectedActor: string | null;
  /** The event under the pointer or keyboard focus. */
  readonly hoveredEvent: string | null;
  /** The event the reader selected. */
  readonly selectedEvent: string | null;
}

/** The state with nothing windowed, hovered or selected. */
export const EMPTY_VIEW_STATE: ViewState = Object.freeze({
  window: null,
  hoveredActor: null,
  selectedActor: null,
  hoveredEvent: null,
  selectedEvent: null,
});

/**
 * Returns a new frozen state with `patch` applied, or `state` itself when nothing changes
 * (so listeners can compare by identity).
 *
 * @example
 * ```ts
 * const next = patchViewState(EMPTY_VIEW_STATE, { selectedActor: 'north-korea' });
 * ```
 */
export function patchViewState(state: ViewState, patch: Partial<ViewState>): ViewState {
  let changed = false;
  for (const key of Object.keys(patch) as (keyof ViewState)[]) {
    const next = patch[key];
    if (next === undefined) continue;
    const prev = state[key];
    if (key === 'window') {
      const a = prev as TimeWindow | null;
      const b = next as TimeWindow | null;
      if (a === b || (a && b && a[0] === b[0] && a[1] === b[1])) continue;
    } else if (prev === next) continue;
    changed = true;
    break;
  }
  if (!changed) return state;
  const merged = { ...state } as { -readonly [K in keyof ViewState]: ViewState[K] };
  for (const key of Object.keys(patch) as (keyof ViewState)[]) {
    const next = patch[key];
    if (next === undefined) continue;
    (merged as Record<string, unknown>)[key] =
      key === 'window' && next ? Object.freeze([...(next as TimeWindow)]) : next;
  }
  return Object.freeze(merged);
}
