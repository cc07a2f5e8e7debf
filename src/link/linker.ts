import type { EntityView } from '../render/common/view.js';
import { EMPTY_VIEW_STATE, patchViewState, type ViewState } from './state.js';

/**
 * A group of linked views sharing one immutable {@link ViewState}. Created by {@link linkViews}.
 *
 * @example
 * ```ts
 * const link = linkViews([timeline]);
 * link.add(storyline);
 * const off = link.on('change', (state) => render(state));
 * ```
 */
export interface ViewLink {
  /** Adds a view: it is brought to the link's state and its interactions now drive the link. */
  add(view: EntityView): void;
  /** Removes a view: its listener is dropped; the view keeps working on its own. */
  remove(view: EntityView): void;
  /** The current shared state. */
  getState(): ViewState;
  /** Applies `patch` and brings every view to the result (nothing happens when nothing changes). */
  setState(patch: Partial<ViewState>): void;
  /** Called with every new state. Returns a function that removes the listener. */
  on(type: 'change', listener: (state: ViewState) => void): () => void;
  /** Removes every listener the link added; the views stay usable. */
  destroy(): void;
}

/**
 * Links views so that hovering, selecting or brushing in one is shown in all of them. There is
 * no global state: each link owns its state, and a view emitting `statechange` with a patch
 * makes the link compute the next state with {@link patchViewState} and call `setState` on
 * every view (the emitter included, so all stay consistent). Patches that arrive while views
 * are being updated are queued and applied in order, so a view that re-emits cannot loop.
 *
 * One change costs one round: each view's `setState` is called exactly once, synchronously, with
 * the new state, and then each `change` listener once; a patch that changes nothing calls
 * nobody. A view must take the state at once (its `getState` returns it) but may defer the
 * drawing to the next animation frame, coalescing several states into one drawing (the
 * storyline does this for windows); the link itself never waits for a frame.
 *
 * @example
 * ```ts
 * const link = linkViews([timeline, network, storyline]);
 * link.on('change', (state) => console.log(state.selectedActor));
 * link.setState({ window: [Date.UTC(2024, 0, 1), Date.UTC(2024, 5, 30)] });
 * ```
 */
export function linkViews(views: readonly EntityView[] = [], options: { initial?: ViewState } = {}): ViewLink {
  let state: ViewState = options.initial ?? EMPTY_VIEW_STATE;
  const members = new Map<EntityView, () => void>();
  const listeners = new Set<(state: ViewState) => void>();
  const queue: Partial<ViewState>[] = [];
  let applying = false;
  let destroyed = false;

  function apply(patch: Partial<ViewState>): void {
    if (destroyed) return;
    queue.push(patch);
    if (applying) return; // a setState that re-emitted: handled after the current round
    applying = true;
    try {
      for (let rounds = 0; queue.length > 0; rounds++) {
        const next = patchViewState(state, queue.shift()!);
        if (next === state) continue;
        // Views that keep re-emitting different patches would never settle: stop them here.
        if (rounds > 100) {
          queue.length = 0;
          break;
        }
        state = next;
        for (const view of [...members.keys()]) view.setState(state);
        for (const listener of [...listeners]) listener(state);
      }
    } finally {
      applying = false;
    }
  }

  const link: ViewLink = {
    add(view) {
      if (destroyed || members.has(view)) return;
      members.set(
        view,
        view.on('statechange', (patch) => apply(patch)),
      );
      view.setState(state);
    },
    remove(view) {
      const off = members.get(view);
      if (!off) return;
      off();
      members.delete(view);
    },
    getState: () => state,
    setState: (patch) => apply(patch),
    on(type, listener) {
      if (type !== 'change') throw new TypeError(`linkViews: unknown event ${JSON.stringify(type)}; use 'change'.`);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      for (const off of members.values()) off();
      members.clear();
      listeners.clear();
      queue.length = 0;
      destroyed = true;
    },
  };
  for (const view of views) link.add(view);
  return link;
}
