import type { TimeWindow, ViewState } from './state.js';
import type { ViewLink } from './linker.js';

/**
 * One step of a scrollytelling story: a caption and the view state the charts move to. Fields
 * left out are left as they are; `null` clears them.
 *
 * @example
 * ```ts
 * const step: ScrollyStep = { id: 'treaty', caption: 'June: the treaty.', selectedEvent: 'treaty-signed' };
 * ```
 */
export interface ScrollyStep {
  readonly id: string;
  readonly window?: TimeWindow | null;
  readonly selectedActor?: string | null;
  readonly selectedEvent?: string | null;
  readonly caption: string;
  /** The element on the page that stands for this step; when it scrolls into view, the step runs. */
  readonly element?: Element;
}

/**
 * Options of {@link createScrollytelling}.
 *
 * @example
 * ```ts
 * createScrollytelling(link, steps, { root: document.querySelector('#story')!, threshold: 0.6 });
 * ```
 */
export interface ScrollyOptions {
  /** The scrolling ancestor for the IntersectionObserver. Default: the viewport. */
  readonly root?: Element;
  /** Share of a step element that must be visible to activate it, 0–1. Default 0.5. */
  readonly threshold?: number;
}

/**
 * A running story. Created by {@link createScrollytelling}.
 *
 * @example
 * ```ts
 * story.on('step', (step) => (caption.textContent = step.caption));
 * ```
 */
export interface Scrolly {
  /** Index of the active step, or -1 before the first one. */
  readonly current: number;
  readonly steps: readonly ScrollyStep[];
  /** Activates step `index` (clamped to the steps) and applies its patch to the link. */
  goTo(index: number): void;
  next(): void;
  prev(): void;
  /** Listens to step changes. Returns a function that removes the listener. */
  on(type: 'step', listener: (step: ScrollyStep, index: number) => void): () => void;
  /** Stops observing the step elements and drops listeners. The link is left as it is. */
  destroy(): void;
}

/**
 * The view-state patch a step stands for: its window and selections, leaving out what it omits.
 *
 * @example
 * ```ts
 * stepPatch({ id: 's1', caption: 'Kim', selectedActor: 'kim' }); // { selectedActor: 'kim' }
 * ```
 */
export function stepPatch(step: ScrollyStep): Partial<ViewState> {
  const patch: { -readonly [K in keyof ViewState]?: ViewState[K] } = {};
  if (step.window !== undefined) patch.window = step.window;
  if (step.selectedActor !== undefined) patch.selectedActor = step.selectedActor;
  if (step.selectedEvent !== undefined) patch.selectedEvent = step.selectedEvent;
  return patch;
}

/**
 * Drives linked views from a sequence of steps: each step is a view-state patch applied to the
 * link. When the steps have elements and the page has `IntersectionObserver`, a step runs as
 * its element scrolls into view; otherwise (or as well) call `goTo`, `next` and `prev`, e.g.
 * from buttons. Nothing is observed where `IntersectionObserver` is missing (Node, jsdom).
 *
 * @example
 * ```ts
 * const story = createScrollytelling(link, [
 *   { id: 'intro', caption: 'Two leaders.', window: null, element: document.querySelector('#s1')! },
 *   { id: 'summit', caption: 'The summit.', selectedEvent: 'summit', element: document.querySelector('#s2')! },
 * ]);
 * nextButton.onclick = () => story.next();
 * ```
 */
export function createScrollytelling(link: ViewLink, steps: readonly ScrollyStep[], options: ScrollyOptions = {}): Scrolly {
  const threshold = options.threshold ?? 0.5;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(`createScrollytelling: threshold must be between 0 and 1, got ${String(options.threshold)}.`);
  }
  const ids = new Set<string>();
  for (const step of steps) {
    if (ids.has(step.id)) throw new Error(`createScrollytelling: duplicate step id ${JSON.stringify(step.id)}.`);
    ids.add(step.id);
  }
  const list = Object.freeze([...steps]);
  const listeners = new Set<(step: ScrollyStep, index: number) => void>();
  let current = -1;
  let observer: IntersectionObserver | undefined;

  function goTo(index: number): void {
    if (list.length === 0) return;
    const i = Math.min(list.length - 1, Math.max(0, Math.trunc(index)));
    const step = list[i]!;
    current = i;
    link.setState(stepPatch(step));
    for (const listener of [...listeners]) listener(step, i);
  }

  const elements = list.map((s) => s.element);
  const Observer = (globalThis as { IntersectionObserver?: typeof IntersectionObserver }).IntersectionObserver;
  if (typeof Observer === 'function' && elements.some((e) => e !== undefined)) {
    observer = new Observer(
      (entries) => {
        // Of the steps that just crossed the threshold, the last in document order wins.
        let best = -1;
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const i = elements.indexOf(entry.target);
          if (i > best) best = i;
        }
        if (best >= 0 && best !== current) goTo(best);
      },
      { root: options.root ?? null, threshold },
    );
    for (const element of elements) if (element) observer.observe(element);
  }

  return {
    get current() {
      return current;
    },
    steps: list,
    goTo,
    next: () => goTo(current + 1),
    prev: () => goTo(current - 1),
    on(type, listener) {
      if (type !== 'step') throw new TypeError(`createScrollytelling: unknown event ${JSON.stringify(type)}; use 'step'.`);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      observer?.disconnect();
      observer = undefined;
      listeners.clear();
    },
  };
}
