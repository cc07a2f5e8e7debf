import { describe, expect, test } from 'vitest';
import { linkViews } from '../../src/link/linker.js';
import { EMPTY_VIEW_STATE, patchViewState, type ViewState } from '../../src/link/state.js';
import type { EntityView, ViewEventMap } from '../../src/render/common/view.js';

/** A view that records the states it is given and lets the test emit interactions. */
function fakeView(options: { echo?: boolean } = {}) {
  let state = EMPTY_VIEW_STATE;
  const listeners = new Set<(patch: Partial<ViewState>) => void>();
  const received: ViewState[] = [];
  const view: EntityView & { received: ViewState[]; emit(patch: Partial<ViewState>): void; listenerCount(): number } = {
    node: {} as Element,
    received,
    update() {},
    setState(next) {
      received.push(next);
      state = next;
      // A misbehaving view that re-emits what it is given (with a twist on the first call).
      if (options.echo) for (const l of [...listeners]) l({ hoveredActor: next.hoveredActor });
    },
    getState: () => state,
    on<K extends keyof ViewEventMap>(_type: K, listener: (value: ViewEventMap[K]) => void) {
      listeners.add(listener as (patch: Partial<ViewState>) => void);
      return () => listeners.delete(listener as (patch: Partial<ViewState>) => void);
    },
    destroy() {},
    emit(patch) {
      // Views apply their own interaction before telling the link, as real views do.
      state = patchViewState(state, patch);
      for (const l of [...listeners]) l(patch);
    },
    listenerCount: () => listeners.size,
  };
  return view;
}

describe('linkViews', () => {
  test('brings every view, the emitter included, to the state one view asks for', () => {
    const a = fakeView();
    const b = fakeView();
    const link = linkViews([a, b]);
    a.emit({ selectedActor: 'kim' });
    expect(link.getState().selectedActor).toBe('kim');
    expect(a.getState()).toBe(link.getState());
    expect(b.getState()).toBe(link.getState());
    expect(b.received.at(-1)!.selectedActor).toBe('kim');
  });

  test('keeps previous fields and shares one frozen value', () => {
    const a = fakeView();
    const link = linkViews([a], { initial: patchViewState(EMPTY_VIEW_STATE, { window: [1, 2] }) });
    a.emit({ hoveredEvent: 'e1' });
    expect(link.getState()).toEqual({ ...EMPTY_VIEW_STATE, window: [1, 2], hoveredEvent: 'e1' });
    expect(Object.isFrozen(link.getState())).toBe(true);
  });

  test('calls each view once per change, synchronously, and once more only for a different re-emitted patch', () => {
    const a = fakeView();
    const b = fakeView({ echo: true });
    const c = fakeView();
    const link = linkViews([a, b, c]);
    const before = [a, b, c].map((v) => v.received.length);
    const changes: ViewState[] = [];
    link.on('change', (state) => changes.push(state));
    link.setState({ window: [1, 2] });
    // b echoes hoveredActor: null, which changes nothing, so there is no second round.
    expect([a, b, c].map((v, i) => v.received.length - before[i]!)).toEqual([1, 1, 1]);
    expect(changes).toHaveLength(1);
    expect(a.getState()).toBe(link.getState());
    link.setState({ window: [1, 2] });
    expect([a, b, c].map((v, i) => v.received.length - before[i]!)).toEqual([1, 1, 1]);
    a.emit({ hoveredActor: 'kim' });
    expect([a, b, c].map((v, i) => v.received.length - before[i]!)).toEqual([2, 2, 2]);
    expect(changes).toHaveLength(2);
  });

  test('does nothing when a patch changes nothing', () => {
    const a = fakeView();
    const link = linkViews([a]);
    const changes: ViewState[] = [];
    link.on('change', (s) => changes.push(s));
    const calls = a.received.length;
    link.setState({ selectedActor: null });
    expect(a.received.length).toBe(calls);
    expect(changes).toEqual([]);
  });

  test('does not loop when a view re-emits from setState', () => {
    const echo = fakeView({ echo: true });
    const other = fakeView();
    const link = linkViews([echo, other]);
    other.emit({ hoveredActor: 'putin' });
    expect(link.getState().hoveredActor).toBe('putin');
    expect(echo.received.length).toBeLessThan(5);
  });

  test('notifies change listeners until they unsubscribe', () => {
    const link = linkViews();
    const seen: (string | null)[] = [];
    const off = link.on('change', (s) => seen.push(s.selectedEvent));
    link.setState({ selectedEvent: 'a' });
    off();
    link.setState({ selectedEvent: 'b' });
    expect(seen).toEqual(['a']);
  });

  test('syncs an added view and stops listening to a removed one', () => {
    const a = fakeView();
    const link = linkViews([a]);
    link.setState({ selectedActor: 'x' });
    const b = fakeView();
    link.add(b);
    expect(b.getState().selectedActor).toBe('x');
    link.remove(b);
    expect(b.listenerCount()).toBe(0);
    b.emit({ selectedActor: 'y' });
    expect(link.getState().selectedActor).toBe('x');
    expect(b.getState().selectedActor).toBe('y');
  });

  test('removes every listener it added on destroy and leaves views usable', () => {
    const a = fakeView();
    const b = fakeView();
    const link = linkViews([a, b]);
    link.destroy();
    expect(a.listenerCount()).toBe(0);
    expect(b.listenerCount()).toBe(0);
    a.emit({ selectedActor: 'z' });
    expect(a.getState().selectedActor).toBe('z');
    expect(b.getState().selectedActor).toBe(null);
  });
});
