import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { countCrossings, countWiggles, layoutStoryline, naiveStorylineOrder, type StorylineLayout } from '../../src/layout/storyline.js';
import type { Dataset } from '../../src/model/types.js';
import { day, tinyDataset, type TinyEvent } from './storyline-fixture.js';

const ACTORS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

const eventArb = (i: number) =>
  fc
    .record({
      start: fc.integer({ min: 0, max: 40 }),
      monthly: fc.boolean(),
      actors: fc.uniqueArray(fc.constantFrom(...ACTORS), { minLength: 1, maxLength: 4 }),
    })
    .map(({ start, monthly, actors }): TinyEvent => ({
      id: `e${i}`,
      when: monthly ? day(start).slice(0, 7) : day(start),
      actors,
    }));

const datasetArb = fc
  .integer({ min: 1, max: 14 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => eventArb(i))))
  .map((events) => tinyDataset(events, [{ id: 'b', parent: 'a' }, { id: 'c', parent: 'a' }, { id: 'f', parent: 'e' }]));

const RUNS = { numRuns: 40, seed: 20240619 };

function yAt(layout: StorylineLayout, actorId: string, slot: number): number | undefined {
  const line = layout.lines.find((l) => l.actorId === actorId);
  for (const segment of line?.segments ?? []) for (const p of segment.points) if (p.slot === slot) return p.y;
  return undefined;
}

function eventSlot(layout: StorylineLayout, eventId: string): number {
  return layout.slots.findIndex((s) => s.eventIds.includes(eventId));
}

describe('layoutStoryline', () => {
  test('puts every event’s participants next to each other in the order of its slot', () => {
    fc.assert(
      fc.property(datasetArb, (dataset) => {
        const layout = layoutStoryline(dataset, { width: 600 });
        for (const event of dataset.events) {
          const slot = eventSlot(layout, event.id);
          const order = layout.orders[slot]!;
          const ids = [...new Set(event.participants.map((p) => p.actor))];
          const positions = ids.map((id) => order.indexOf(id)).sort((x, y) => x - y);
          expect(positions[0]).toBeGreaterThanOrEqual(0);
          expect(positions[positions.length - 1]! - positions[0]!).toBe(ids.length - 1);
        }
      }),
      RUNS,
    );
  });

  test('never draws a line through an event it is not part of', () => {
    fc.assert(
      fc.property(datasetArb, (dataset) => {
        const layout = layoutStoryline(dataset, { width: 600 });
        for (const marker of layout.markers) {
          for (const actorId of layout.orders[marker.slot]!) {
            if (marker.actorIds.includes(actorId)) continue;
            const y = yAt(layout, actorId, marker.slot)!;
            expect(y < marker.y0 || y > marker.y1).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  test('draws every event exactly once, as one marker in one slot', () => {
    fc.assert(
      fc.property(datasetArb, (dataset) => {
        const layout = layoutStoryline(dataset, { width: 600 });
        const markerIds = layout.markers.map((m) => m.eventId).sort();
        const slotIds = layout.slots.flatMap((s) => s.eventIds).sort();
        const eventIds = dataset.events.map((e) => e.id).sort();
        expect(markerIds).toEqual(eventIds);
        expect(slotIds).toEqual(eventIds);
      }),
      RUNS,
    );
  });

  test('keeps an event’s lines exactly lineGap apart and groups at least groupGap apart', () => {
    fc.assert(
      fc.property(datasetArb, (dataset) => {
        const layout = layoutStoryline(dataset, { width: 600, lineGap: 6, groupGap: 20 });
        for (const marker of layout.markers) {
          marker.actorIds.forEach((id, i) => expect(yAt(layout, id, marker.slot)).toBeCloseTo(marker.y0 + 6 * i, 5));
        }
        layout.orders.forEach((order, slot) => {
          for (let i = 1; i < order.length; i++) {
            expect(yAt(layout, order[i]!, slot)! - yAt(layout, order[i - 1]!, slot)!).toBeGreaterThanOrEqual(6 - 1e-6);
          }
        });
      }),
      RUNS,
    );
  });

  test('places an actor’s events in separate slots, in time order', () => {
    fc.assert(
      fc.property(datasetArb, (dataset) => {
        const layout = layoutStoryline(dataset, { width: 600 });
        for (const actor of ACTORS) {
          const slots = dataset.eventsOf(actor).map((e) => eventSlot(layout, e.id));
          for (let i = 1; i < slots.length; i++) expect(slots[i]!).toBeGreaterThan(slots[i - 1]!);
        }
      }),
      RUNS,
    );
  });

  test('is deterministic and reports the crossings and wiggles it draws', () => {
    fc.assert(
      fc.property(datasetArb, (dataset) => {
        const a = layoutStoryline(dataset, { width: 600 });
        const b = layoutStoryline(dataset, { width: 600 });
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        expect(countCrossings(a)).toBe(a.crossings);
        expect(countWiggles(a)).toBe(a.wiggles);
        const naive = naiveStorylineOrder(dataset, { width: 600 });
        expect(countCrossings(naive)).toBe(naive.crossings);
      }),
      RUNS,
    );
  });

  test('puts a month-precision event in the same slot as a day of that month it shares no actor with', () => {
    const dataset = tinyDataset([
      { id: 'month', when: '2024-03', actors: ['a', 'b'] },
      { id: 'day', when: '2024-03-10', actors: ['c', 'd'] },
      { id: 'later', when: '2024-04-02', actors: ['a', 'c'] },
    ]);
    const layout = layoutStoryline(dataset, { width: 400 });
    expect(layout.slots.map((s) => s.eventIds)).toEqual([['month', 'day'], ['later']]);
  });

  test('puts overlapping events of one actor into consecutive slots in time order', () => {
    const dataset = tinyDataset([
      { id: 'visit', when: '2024-06-18/2024-06-20', actors: ['a', 'b'] },
      { id: 'treaty', when: '2024-06-19', actors: ['a', 'c'] },
    ]);
    const layout = layoutStoryline(dataset, { width: 400 });
    expect(layout.slots.map((s) => s.eventIds)).toEqual([['visit'], ['treaty']]);
  });

  test('breaks a line after a long absence and labels it again', () => {
    const events: TinyEvent[] = [{ id: 'first', when: day(0), actors: ['a', 'b'] }];
    for (let i = 1; i <= 6; i++) events.push({ id: `gap${i}`, when: day(i), actors: ['c', 'd'] });
    events.push({ id: 'back', when: day(7), actors: ['a', 'c'] });
    const dataset = tinyDataset(events);
    const broken = layoutStoryline(dataset, { width: 600, breakGap: 3 });
    const a = broken.lines.find((l) => l.actorId === 'a')!;
    expect(a.segments.map((s) => s.points.map((p) => p.slot))).toEqual([[0], [7]]);
    expect(broken.labels.filter((l) => l.actorId === 'a').map((l) => l.kind)).toEqual(['start', 'return']);
    expect(a.d.match(/M/g)).toHaveLength(2);
    const whole = layoutStoryline(dataset, { width: 600, breakGap: 10 });
    expect(whole.lines.find((l) => l.actorId === 'a')!.segments).toHaveLength(1);
  });

  test('lays out only the events in the window and only the chosen actors', () => {
    const dataset = tinyDataset([
      { id: 'jan', when: '2024-01-05', actors: ['a', 'b'] },
      { id: 'feb', when: '2024-02-05', actors: ['a', 'c'] },
      { id: 'mar', when: '2024-03-05', actors: ['b'] },
    ]);
    const windowed = layoutStoryline(dataset, { width: 400, window: [Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 31)] });
    expect(windowed.markers.map((m) => m.eventId)).toEqual(['feb', 'mar']);
    const chosen = layoutStoryline(dataset, { width: 400, actors: ['c'] });
    expect(chosen.lines.map((l) => l.actorId)).toEqual(['c']);
    expect(chosen.markers.map((m) => m.eventId)).toEqual(['feb']);
    expect(chosen.omittedEventIds).toEqual(['jan', 'mar']);
  });

  test('runs an idle official beside their state when grouping by affiliation', () => {
    const dataset = tinyDataset(
      [
        { id: 'e1', when: day(0), actors: ['russia', 'korea'] },
        { id: 'e2', when: day(0), actors: ['minister', 'ukraine'] },
        { id: 'e3', when: day(1), actors: ['korea', 'ukraine'] },
        { id: 'e4', when: day(2), actors: ['minister', 'russia'] },
      ],
      [{ id: 'russia' }, { id: 'korea' }, { id: 'ukraine' }, { id: 'minister', parent: 'russia' }],
    );
    const layout = layoutStoryline(dataset, { width: 400 });
    const order = layout.orders[1]!;
    expect(Math.abs(order.indexOf('minister') - order.indexOf('russia'))).toBe(1);
    const gap = yAt(layout, 'minister', 1)! - yAt(layout, 'russia', 1)!;
    expect(Math.abs(gap)).toBe(12); // the default lineGap: one band, not two groups
  });

  test('removes crossings the first-appearance order makes', () => {
    // First appearance orders a, b, c, d; the meetings a–d and b–c then cross needlessly.
    const dataset = tinyDataset(
      [
        { id: 'e1', when: day(0), actors: ['a', 'b', 'c', 'd'] },
        { id: 'e2', when: day(1), actors: ['a', 'd'] },
        { id: 'e3', when: day(1), actors: ['b', 'c'] },
        { id: 'e4', when: day(2), actors: ['a', 'd'] },
        { id: 'e5', when: day(2), actors: ['b', 'c'] },
      ],
    );
    const naive = naiveStorylineOrder(dataset, { width: 400, groupAffiliated: false });
    const best = layoutStoryline(dataset, { width: 400, groupAffiliated: false });
    expect(naive.crossings).toBeGreaterThan(0);
    expect(best.crossings).toBe(0);
    expect(best.wiggles).toBeLessThanOrEqual(naive.wiggles);
  });

  test('keeps lines straight where the order allows it', () => {
    // x and y leave after the first slot; packing would lift a and b into their place.
    const dataset = tinyDataset([
      { id: 'e0', when: day(0), actors: ['x', 'y'] },
      ...Array.from({ length: 4 }, (_, i) => ({ id: `e${i + 1}`, when: day(i), actors: ['a', 'b'] })),
    ]);
    const naive = naiveStorylineOrder(dataset, { width: 400, breakGap: 0 });
    const layout = layoutStoryline(dataset, { width: 400, breakGap: 0 });
    expect(naive.wiggles).toBeGreaterThan(0);
    expect(layout.wiggles).toBe(0);
    expect(layout.crossings).toBe(0);
  });

  test('counts crossings as flipped pairs between consecutive slots', () => {
    expect(countCrossings({ orders: [['a', 'b', 'c'], ['c', 'b', 'a'], ['c', 'b', 'a']] })).toBe(3);
    expect(countCrossings({ orders: [['a', 'b'], ['c', 'b', 'x', 'a']] })).toBe(1);
  });

  test('fits a given height by scaling the gaps and fills the width', () => {
    const dataset = tinyDataset(
      Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, when: day(i), actors: [ACTORS[i % 8]!, ACTORS[(i + 3) % 8]!] })),
    );
    const layout = layoutStoryline(dataset, { width: 500, height: 100 });
    expect(layout.height).toBe(100);
    for (const line of layout.lines) for (const s of line.segments) for (const p of s.points) {
      expect(p.y).toBeGreaterThanOrEqual(layout.margin.top);
      expect(p.y).toBeLessThanOrEqual(100 - layout.margin.bottom + 1e-9);
      expect(p.x).toBeGreaterThanOrEqual(layout.margin.left);
      expect(p.x).toBeLessThanOrEqual(500 - layout.margin.right + 1e-9);
    }
  });

  test('spaces slots by time when asked, never closer than the minimum', () => {
    const dataset = tinyDataset([
      { id: 'e1', when: '2024-01-01', actors: ['a'] },
      { id: 'e2', when: '2024-01-02', actors: ['a'] },
      { id: 'e3', when: '2024-12-31', actors: ['a'] },
    ]);
    const xs = layoutStoryline(dataset, { width: 600, spacing: 'time' }).slots.map((s) => s.x);
    expect(xs[1]! - xs[0]!).toBeLessThan((xs[2]! - xs[1]!) / 10);
    expect(xs[1]! - xs[0]!).toBeGreaterThanOrEqual(11.9);
  });

  test('rejects bad options with a message naming the option', () => {
    const dataset: Dataset = tinyDataset([{ id: 'e', when: day(0), actors: ['a'] }]);
    expect(() => layoutStoryline(dataset, { width: -1 })).toThrow(/width/);
    expect(() => layoutStoryline(dataset, { width: 100, lineGap: 0 })).toThrow(/lineGap/);
    // @ts-expect-error: testing a bad value from untyped callers
    expect(() => layoutStoryline(dataset, { width: 100, spacing: 'log' })).toThrow(/spacing.*even/);
    expect(() => layoutStoryline(dataset, { width: 100, window: [5, 1] })).toThrow(/window/);
  });

  test('shortens long labels with an ellipsis and does not modify the dataset', () => {
    const dataset = tinyDataset([{ id: 'e', when: day(0), actors: ['a', 'b'] }], [{ id: 'a', name: 'A very long actor name indeed, much longer than allowed' }]);
    const before = JSON.stringify(dataset.events);
    const layout = layoutStoryline(dataset, { width: 200 });
    const label = layout.labels.find((l) => l.actorId === 'a')!;
    expect(label.text.endsWith('…')).toBe(true);
    expect(label.text.length).toBeLessThan(20);
    expect(JSON.stringify(dataset.events)).toBe(before);
  });

  test('lays out an empty dataset as an empty chart', () => {
    const layout = layoutStoryline(tinyDataset([]), { width: 300 });
    expect(layout.lines).toEqual([]);
    expect(layout.slots).toEqual([]);
    expect(layout.crossings).toBe(0);
  });
});
