import type { Dataset } from '../../model/types.js';
import type { ViewState } from '../../link/state.js';

/** Events every interactive view emits. Listeners receive the proposed next state patch. */
export interface ViewEventMap {
  /** The reader changed hover, selection or the visible window: the patch to apply. */
  statechange: Partial<ViewState>;
}

/**
 * What every interactive view (timeline, network, storyline…) offers, so that views can be
 * composed and linked without knowing each other.
 */
export interface EntityView {
  /** The root element the view drew (an `<svg>` or a wrapper `<div>`). */
  readonly node: Element;
  /** Replace the data; marks are joined by id so unchanged events keep their elements. */
  update(dataset: Dataset): void;
  /** Follow a view state (window, hover, selection) coming from outside. */
  setState(state: ViewState): void;
  /** The state the view currently shows. */
  getState(): ViewState;
  /** Listen to the reader's interactions. Returns a function that removes the listener. */
  on<K extends keyof ViewEventMap>(type: K, listener: (value: ViewEventMap[K]) => void): () => void;
  /** Remove every element and listener the view created. */
  destroy(): void;
}
