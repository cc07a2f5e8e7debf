// Work that can pause. Long loops (validating a big input, deriving relations, building a
// graph, a force layout's ticks) are generators that yield where they may stop, so one function
// serves both a synchronous call (drain) and a caller that spreads the work over several tasks
// to keep a page responsive (runInSlices).

/** Records processed between two pauses: small enough for a few ms, large enough to be cheap. */
export const GRAIN = 256;

/** Work that can stop at every `yield` and returns `T` at the end. */
export type Steps<T = void> = Generator<void, T, void>;

/**
 * Runs steps to the end without pausing.
 *
 * @example
 * ```ts
 * const layout = drain(forceLayoutSteps(graph, options).steps);
 * ```
 */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** How {@link runInSlices} schedules work. */
export interface SliceOptions {
  /** Stops the work: the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Milliseconds of work per slice before pausing. Default 8. */
  readonly budgetMs?: number;
  /** How to pause between slices. Default: a `MessageChannel` message (a new task), or `setTimeout(0)` where there is none. */
  readonly yieldFn?: () => Promise<void>;
  /** Clock in milliseconds (default `performance.now`). */
  readonly now?: () => number;
  /** Called after every slice. */
  readonly onSlice?: () => void;
}

/**
 * Runs resumable work (a generator that yields where it may pause) in slices of about
 * `budgetMs`, pausing between slices so the page can paint and answer input. Used for
 * parsing, layouts and the views' drawing of big data.
 *
 * @example
 * ```ts
 * const layout = await runInSlices(forceLayoutSteps(graph, options).steps, { budgetMs: 8 });
 * ```
 */
export async function runInSlices<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T> {
  const budget = options.budgetMs ?? 8;
  const now = options.now ?? (() => (typeof performance !== 'undefined' ? performance.now() : Date.now()));
  const pause = options.yieldFn ?? nextTask;
  for (;;) {
    if (options.signal?.aborted) throw abortReason(options.signal);
    const start = now();
    let next = steps.next();
    while (!next.done && now() - start < budget) next = steps.next();
    options.onSlice?.();
    if (next.done) {
      if (options.signal?.aborted) throw abortReason(options.signal);
      return next.value;
    }
    await pause();
  }
}

/** What an aborted signal rejects with: its reason (always set by `abort()` in current runtimes). */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('Aborted');
}

/**
 * Resolves in a task of its own, soon: a `MessageChannel` message (a new task without
 * `setTimeout`'s 4 ms clamp), or `setTimeout(0)` where there is none.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A pause that lets the page handle input and paint: `scheduler.yield()` where the browser has
 * it (the continuation keeps its place ahead of other queued tasks), else {@link nextTask}.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return nextTask();
}
