// Work that can pause: the model's long loops (validating a big input) are generators that
// yield every GRAIN records, so one function serves both a synchronous call (drain) and a
// caller that spreads the work over several tasks to keep a page responsive.

/** Records processed between two pauses: small enough for a few ms, large enough to be cheap. */
export const GRAIN = 256;

/** Work that can stop at every `yield` and returns `T` at the end. */
export type Steps<T = void> = Generator<void, T, void>;

/** Runs steps to the end without pausing. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * A pause that lets the page handle input and paint: `scheduler.yield()` (Chromium) keeps the
 * task's place at the front of the queue; a MessageChannel message is a new task without
 * setTimeout's 4 ms clamp.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
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
 * Runs steps to the end in slices of about `sliceMs` milliseconds, awaiting `pause` between
 * slices; rejects with the signal's reason once it is aborted, or with what the steps throw.
 */
export async function runInSlices<T>(
  steps: Steps<T>,
  sliceMs: number,
  pause: () => Promise<void>,
  signal?: AbortSignal,
): Promise<T> {
  const clock = typeof performance !== 'undefined' ? performance : Date;
  for (;;) {
    const started = clock.now();
    let next = steps.next();
    while (!next.done && clock.now() - started < sliceMs) next = steps.next();
    if (next.done) return next.value;
    await pause();
    signal?.throwIfAborted();
  }
}
