import { describe, expect, test } from 'vitest';
import { countCrossings, layoutStoryline, layoutStorylineWindow, panLayout, panStoryline, planStoryline } from '../../src/layout/storyline.js';
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

describe('panStoryline', () => {
  const plan = planStoryline(dataset, { width: 800 });
  const whole = layoutStorylineWindow(plan, null);

  test('shows exactly the events that overlap the window, at the heights of the whole storyline', () => {
    const pan = panStoryline(plan, window);
    const expected = dataset.eventsBetween(window[0], window[1]).map((e) => e.id).sort();
    expect(pan.markers.map((m) => m.eventId).sort()).toEqual(expected);
    for (const m of pan.markers) {
      const full = whole.markers.find((w) => w.eventId === m.eventId)!;
      expect([m.y0, m.y1]).toEqual([full.y0, full.y1]);
    }
    expect(pan.height).toBe(whole.height);
    const layout = panLayout(pan);
    expect(layout.markers.map((m) => m.eventId).sort()).toEqual(expected);
    expect(layout.crossings).toBe(countCrossings(layout));
    // The window's first and last slots sit at the plot's left edge and within its right edge.
    expect(layout.slots[0]!.x).toBeCloseTo(layout.margin.left, 1);
    expect(layout.slots[layout.slots.length - 1]!.x).toBeLessThanOrEqual(800 - layout.margin.right + 1e-6);
  });

  test('keeps its scale and its records as the window moves, changing only the offset', () => {
    // Day-precision events two days apart: a window moved by two days holds as many slots.
    const even = tinyDataset(
      Array.from({ length: 30 }, (_, i) => ({ id: `v${i}`, when: day(i * 2), actors: [ACTORS[i % 6]!, ACTORS[(i + 1) % 6]!] })),
      [],
    );
    const evenPlan = planStoryline(even, { width: 800 });
    const from = Date.parse(day(10));
    const a = panStoryline(evenPlan, [from, from + 20 * 86_400_000]);
    const b = panStoryline(evenPlan, [from + 2 * 86_400_000, from + 22 * 86_400_000], a);
    expect(b.first).toBe(a.first + 1);
    expect(b.scale).toBe(a.scale);
    expect(b.offset).toBeLessThan(a.offset);
    const kept = b.markers.filter((m) => a.markers.some((n) => n.eventId === m.eventId));
    expect(kept.length).toBeGreaterThan(5);
    for (const m of kept) expect(a.markers).toContain(m);
    // A window whose slots no longer fit gets a smaller scale.
    expect(panStoryline(evenPlan, [from, from + 40 * 86_400_000], a).scale).toBeLessThan(a.scale);
  });

  test('names every line at the window’s left edge and draws it across the window', () => {
    const pan = panStoryline(plan, window);
    const layout = panLayout(pan);
    const edge = layout.orders[0]!;
    expect(layout.labels.filter((l) => l.slot === 0).map((l) => l.actorId).sort()).toEqual([...edge].sort());
    for (const id of edge) expect(pan.lines.find((l) => l.actorId === id)?.slices.length).toBeGreaterThan(0);
  });

  test('rejects a plan it did not make and a reversed window', () => {
    expect(() => panStoryline({ eventCount: 1 }, null)).toThrow(/planStoryline/);
    expect(() => panStoryline(plan, [2, 1])).toThrow(/window/);
  });
});
