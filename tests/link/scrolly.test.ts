import { afterEach, describe, expect, test, vi } from 'vitest';
import { linkViews } from '../../src/link/linker.js';
import { createScrollytelling, type ScrollyStep } from '../../src/link/scrolly.js';

const steps: ScrollyStep[] = [
  { id: 'all', caption: 'Everything', window: null, selectedActor: null },
  { id: 'kim', caption: 'Kim', selectedActor: 'kim' },
  { id: 'june', caption: 'June', window: [10, 20], selectedEvent: 'treaty' },
];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createScrollytelling', () => {
  test('applies each step as a patch of the link state', () => {
    const link = linkViews();
    const story = createScrollytelling(link, steps);
    expect(story.current).toBe(-1);
    story.next();
    story.next();
    expect(link.getState().selectedActor).toBe('kim');
    story.next();
    expect(story.current).toBe(2);
    // Fields a step leaves out are kept.
    expect(link.getState()).toMatchObject({ selectedActor: 'kim', window: [10, 20], selectedEvent: 'treaty' });
    story.prev();
    story.prev();
    expect(link.getState().selectedActor).toBeNull();
    expect(link.getState().window).toBeNull();
  });

  test('clamps goTo to the steps and reports step changes', () => {
    const link = linkViews();
    const story = createScrollytelling(link, steps);
    const seen: string[] = [];
    story.on('step', (step, i) => seen.push(`${step.id}:${i}`));
    story.goTo(99);
    story.goTo(-5);
    expect(seen).toEqual(['june:2', 'all:0']);
  });

  test('works without IntersectionObserver and rejects duplicate ids', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const link = linkViews();
    const story = createScrollytelling(link, [{ ...steps[0]!, element: {} as Element }]);
    story.goTo(0);
    expect(story.current).toBe(0);
    story.destroy();
    expect(() => createScrollytelling(link, [steps[0]!, steps[0]!])).toThrow(/duplicate/);
  });

  test('runs the step whose element scrolls into view and disconnects on destroy', () => {
    let callback: ((entries: { target: Element; isIntersecting: boolean }[]) => void) | undefined;
    const observed: Element[] = [];
    const disconnect = vi.fn();
    class FakeObserver {
      constructor(cb: typeof callback, public options: { threshold: number }) {
        callback = cb;
      }
      observe(el: Element) {
        observed.push(el);
      }
      disconnect = disconnect;
    }
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const elements = steps.map(() => ({}) as Element);
    const link = linkViews();
    const story = createScrollytelling(link, steps.map((s, i) => ({ ...s, element: elements[i]! })), { threshold: 0.6 });
    expect(observed).toEqual(elements);
    callback!([{ target: elements[1]!, isIntersecting: true }]);
    expect(story.current).toBe(1);
    expect(link.getState().selectedActor).toBe('kim');
    callback!([{ target: elements[2]!, isIntersecting: false }]);
    expect(story.current).toBe(1);
    story.destroy();
    expect(disconnect).toHaveBeenCalled();
  });
});
