import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { countCrossings, layoutStoryline, naiveStorylineOrder, type StorylineLabel, type StorylineLayout } from '../../src/layout/storyline.js';
import { estimateTextWidth } from '../../src/render/common/measure.js';
import { day, tinyDataset, type TinyEvent } from './storyline-fixture.js';

const FONT = '12px sans-serif';
const ACTORS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const RUNS = { numRuns: 40, seed: 20260118 };

const datasetArb = fc
  .array(
    fc.record({
      start: fc.integer({ min: 0, max: 30 }),
      actors: fc.uniqueArray(fc.constantFrom(...ACTORS), { minLength: 1, maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 14 },
  )
  .map((events) =>
    tinyDataset(
      events.map((e, i): TinyEvent => ({ id: `e${i}`, when: day(e.start), actors: e.actors })),
      ACTORS.map((id) => ({ id, name: `Actor ${id.toUpperCase()} of the long-named ministry`.slice(0, 8 + ACTORS.indexOf(id) * 4) })),
    ),
  );

/** The box a label's text covers, as the layout measures it. */
function box(label: StorylineLabel): [number, number, number, number] {
  const w = estimateTextWidth(label.text, FONT);
  const x0 = label.anchor === 'end' ? label.x - w : label.x;
  return [x0, label.y - 6, x0 + w, label.y + 6];
}

/** Whether any other actor's line has a flat stretch (at a slot) inside `b`. */
function flatInside(layout: StorylineLayout, actorId: string, b: [number, number, number, number]): boolean {
  const half = layout.markerWidth / 2;
  for (const line of layout.lines) {
    if (line.actorId === actorId) continue;
    for (const segment of line.segments) {
      for (const p of segment.points) {
        if (p.x + half > b[0] && p.x - half < b[2] && p.y + 1 > b[1] && p.y - 1 < b[3]) return true;
      }
    }
  }
  return false;
}

describe('storyline labels', () => {
  test('never draws two visible labels over each other', () => {
    fc.assert(
      fc.property(datasetArb, fc.integer({ min: 240, max: 900 }), (dataset, width) => {
        const layout = layoutStoryline(dataset, { width });
        const shown = layout.labels.filter((l) => l.visible).map(box);
        for (let i = 0; i < shown.length; i++) {
          for (let j = i + 1; j < shown.length; j++) {
            const [a, b] = [shown[i]!, shown[j]!];
            const apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
            expect(apart).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  test('shows the label of every line that starts at the first slot and keeps labels inside the chart', () => {
    fc.assert(
      fc.property(datasetArb, (dataset) => {
        const layout = layoutStoryline(dataset, { width: 720 });
        for (const label of layout.labels.filter((l) => l.slot === 0)) {
          expect(label.visible).toBe(true);
          expect(label.anchor).toBe('end');
        }
        for (const label of layout.labels.filter((l) => l.visible)) {
          const [x0, y0, x1, y1] = box(label);
          expect(x0).toBeGreaterThanOrEqual(0);
          expect(x1).toBeLessThanOrEqual(layout.width);
          expect(y0).toBeGreaterThanOrEqual(0);
          expect(y1).toBeLessThanOrEqual(layout.height - layout.margin.bottom + 7);
        }
      }),
      RUNS,
    );
  });

  test('sizes the left gutter by the longest label of a line that starts there', () => {
    const dataset = tinyDataset(
      [
        { id: 'e1', when: day(0), actors: ['long', 'short'] },
        { id: 'e2', when: day(1), actors: ['long', 'short'] },
      ],
      [
        { id: 'long', name: 'The Ministry of Foreign Affairs' },
        { id: 'short', name: 'Kim' },
      ],
    );
    const layout = layoutStoryline(dataset, { width: 800 });
    const label = layout.labels.find((l) => l.actorId === 'long')!;
    expect(label.anchor).toBe('end');
    expect(label.y).toBe(layout.lines.find((l) => l.actorId === 'long')!.segments[0]!.points[0]!.y);
    expect(box(label)[0]).toBeGreaterThanOrEqual(0);
    expect(layout.margin.left).toBeGreaterThanOrEqual(estimateTextWidth('The Ministry of Foreign Affairs', FONT));
  });

  test('makes room for a late line’s label left of its start, clear of the other lines', () => {
    // a and b meet every day; c joins them on the fourth day, and its label needs the room that
    // a and b's lines would otherwise take.
    const events: TinyEvent[] = [];
    for (let i = 0; i < 6; i++) events.push({ id: `ab${i}`, when: day(i), actors: ['a', 'b'] });
    events.push({ id: 'join', when: day(3), actors: ['c'] });
    events.push({ id: 'all', when: day(4), actors: ['a', 'b', 'c'] });
    const dataset = tinyDataset(events, [
      { id: 'a', name: 'Alpha' },
      { id: 'b', name: 'Bravo' },
      { id: 'c', name: 'Charlie the newcomer' },
    ]);
    const roomy = layoutStoryline(dataset, { width: 600 });
    const label = roomy.labels.find((l) => l.actorId === 'c')!;
    expect(label.visible).toBe(true);
    expect(label.anchor).toBe('end');
    expect(label.leader).toBeUndefined();
    expect(flatInside(roomy, 'c', box(label))).toBe(false);

    const tight = layoutStoryline(dataset, { width: 600, labelRoom: false });
    expect(tight.height).toBeLessThanOrEqual(roomy.height);
  });

  test('joins a label moved off its line to the line’s start with a leader', () => {
    // Many lines start at one slot, one row apart: some labels must move.
    const names = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
    const dataset = tinyDataset(
      [
        { id: 'before', when: day(0), actors: ['x', 'y'] },
        { id: 'crowd', when: day(1), actors: ['x', 'y', ...names.map((n) => n.toLowerCase())] },
        { id: 'after', when: day(2), actors: ['x', 'alpha'] },
      ],
      [{ id: 'x', name: 'X' }, { id: 'y', name: 'Y' }, ...names.map((name) => ({ id: name.toLowerCase(), name }))],
    );
    const layout = layoutStoryline(dataset, { width: 400, labelRoom: false });
    for (const label of layout.labels.filter((l) => l.leader)) {
      const line = layout.lines.find((l) => l.actorId === label.actorId)!;
      const start = line.segments[0]!.points[0]!;
      expect(label.leader!.y2).toBe(start.y);
      expect(label.leader!.x2).toBeLessThan(start.x);
      expect(label.leader!.y1).toBe(label.y);
      expect(label.y).not.toBe(start.y);
    }
    const shown = layout.labels.filter((l) => l.visible);
    expect(new Set(shown.map((l) => l.actorId)).size).toBe(layout.lines.length);
  });

  test('holds no room for labels in a chart too dense to read them', () => {
    const events: TinyEvent[] = [];
    for (let i = 0; i < 120; i++) events.push({ id: `e${i}`, when: day(i), actors: [ACTORS[i % 8]!, ACTORS[(i * 3 + 1) % 8]!] });
    const dataset = tinyDataset(events);
    const auto = layoutStoryline(dataset, { width: 600 });
    const off = layoutStoryline(dataset, { width: 600, labelRoom: false });
    expect(auto.orders).toEqual(off.orders);
    expect(auto.height).toBe(off.height);
  });
});

describe('storyline compaction', () => {
  test('keeps a long, busy storyline within 1.5 times its tallest slot and still removes most crossings', () => {
    // Communities of actors meeting mostly among themselves, day after day: long straight
    // chains that, kept rigid, would stack far taller than any one slot.
    let state = 7;
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const actors = Array.from({ length: 40 }, (_, i) => `p${i}`);
    const events: TinyEvent[] = [];
    for (let i = 0; i < 300; i++) {
      const home = Math.floor(random() * 5);
      const ids = new Set<string>();
      while (ids.size < 2 + Math.floor(random() * 2)) {
        const c = random() < 0.8 ? home : Math.floor(random() * 5);
        ids.add(actors[c + 5 * Math.floor(random() * 8)]!);
      }
      events.push({ id: `e${i}`, when: day(Math.floor(random() * 200)), actors: [...ids] });
    }
    const dataset = tinyDataset(events);
    const best = layoutStoryline(dataset, { width: 1600, labelRoom: false });
    // Packed slot by slot, the naive heights are the tallest stack of any slot.
    const packed = naiveStorylineOrder(dataset, { width: 1600, labelRoom: false });
    const plot = (l: StorylineLayout): number => l.height - l.margin.top - l.margin.bottom;
    expect(plot(best)).toBeLessThanOrEqual(1.5 * plot(packed) + 1);
    expect(best.crossings).toBe(countCrossings(best));
    expect(best.crossings).toBeLessThan(packed.crossings / 2);
  });
});
