import { describe, expect, test } from 'vitest';
import { countCrossings, layoutStoryline, layoutStorylineWindow, planStoryline } from '../../src/layout/storyline.js';
import type { TimeWindow } from '../../src/link/state.js';
import { day, tinyDataset, type TinyEvent } from './storyline-fixture.js';

const ACTORS = ['a', 'b', 'c', 'd', 'e', 'f'];
const events: TinyEvent[] = Array.from({ length: 40 }, (_, i) => ({
  id: `e${i}`,
  when: i % 9 === 4 ? day(i * 3).slice(0, 7) : day(i * 3),
  actors: [ACTORS[i % 6]!, ACTORS[(i * 5 + 2) % 6]!, ...(i % 4 === 0 ? [ACTORS[(i + 3) % 6]!] : [])].filter((a, j, all) => all.indexOf(a) === j),
}));
const dataset = tinyDataset(events, [
  { id: 'b', parent: 'a' },
  { id: 'e', parent: 'd' },
]);
const window: TimeWindow = [Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 15)];

describe('planStoryline and layoutStorylineWindow', () => {
  test('give exactly layoutStoryline’s layout for no window', () => {
    const plan = planStoryline(dataset, { width: 800 });
    expect(layoutStorylineWindow(plan, null)).toEqual(layoutStoryline(dataset, { width: 800 }));
    expect(plan.eventCount).toBe(40);
  });

  test('draw exactly the events that overlap the window, each participant group together', () => {
    const cut = layoutStorylineWindow(planStoryline(dataset, { width: 800 }), window);
    const expected = dataset.eventsBetween(window[0], window[1]).map((e) => e.id).sort();
    expect(cut.markers.map((m) => m.eventId).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(3);
    for (const m of cut.markers) {
      const order = cut.orders[m.slot]!;
      const positions = m.actorIds.map((id) => order.indexOf(id)).sort((x, y) => x - y);
      expect(positions[positions.length - 1]! - positions[0]!).toBe(m.actorIds.length - 1);
      expect(m.y1 - m.y0).toBeCloseTo(12 * (m.actorIds.length - 1), 6);
    }
    expect(cut.crossings).toBe(countCrossings(cut));
  });

  test('keep every line in the order it has in the whole storyline', () => {
    const plan = planStoryline(dataset, { width: 800 });
    const whole = layoutStorylineWindow(plan, null);
    const cut = layoutStorylineWindow(plan, window);
    for (const slot of cut.slots) {
      const full = whole.slots.find((s) => s.eventIds.includes(slot.eventIds[0]!))!;
      const fullOrder = whole.orders[full.index]!;
      const order = cut.orders[slot.index]!;
      const positions = order.map((id) => fullOrder.indexOf(id));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    }
  });

  test('draw lines only between their first and last event in the window, and close up empty bands', () => {
    const plan = planStoryline(dataset, { width: 800 });
    const cut = layoutStorylineWindow(plan, window);
    for (const line of cut.lines) {
      const slotsWithEvent = cut.markers.filter((m) => m.actorIds.includes(line.actorId)).map((m) => m.slot);
      const points = line.segments.flatMap((s) => s.points.map((p) => p.slot));
      if (slotsWithEvent.length === 0) expect(points).toEqual([]);
      else {
        expect(Math.min(...points)).toBe(Math.min(...slotsWithEvent));
        expect(Math.max(...points)).toBe(Math.max(...slotsWithEvent));
      }
    }
    const ys = cut.lines.flatMap((l) => l.segments.flatMap((s) => s.points.map((p) => p.y))).sort((x, y) => x - y);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeLessThanOrEqual(28 + 1e-6);
    expect(ys[0]).toBe(cut.margin.top);
  });

  test('reject a plan they did not make and a reversed window', () => {
    expect(() => layoutStorylineWindow({ eventCount: 1 }, null)).toThrow(/planStoryline/);
    const plan = planStoryline(dataset, { width: 800 });
    expect(() => layoutStorylineWindow(plan, [2, 1])).toThrow(/window/);
  });
});
