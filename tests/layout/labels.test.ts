import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { placeLabels, type LabelCandidate } from '../../src/layout/labels.js';

const intersects = (a: LabelCandidate, b: LabelCandidate): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('placeLabels', () => {
  it('shows the first of two overlapping labels and counts the other hidden', () => {
    const result = placeLabels([
      { id: 'a', x0: 10, x1: 80, y0: 0, y1: 14 },
      { id: 'b', x0: 40, x1: 90, y0: 0, y1: 14 },
      { id: 'c', x0: 40, x1: 90, y0: 20, y1: 34 },
    ]);
    expect(result).toEqual({ visible: [true, false, true], position: [0, -1, 0], hidden: 1 });
  });

  it('places higher priority labels first', () => {
    const result = placeLabels([
      { id: 'a', x0: 10, x1: 80, y0: 0, y1: 14 },
      { id: 'b', x0: 40, x1: 90, y0: 0, y1: 14, priority: 1 },
    ]);
    expect(result.visible).toEqual([false, true]);
  });

  it('hides labels that cover another mark or leave the bounds, but not their own mark', () => {
    const result = placeLabels(
      [
        { id: 'a', x0: 10, x1: 50, y0: 0, y1: 14, owner: 'a' },
        { id: 'b', x0: 100, x1: 150, y0: 0, y1: 14, owner: 'b' },
        { id: 'c', x0: 180, x1: 260, y0: 0, y1: 14, owner: 'c' },
      ],
      {
        obstacles: [
          { x0: 5, x1: 15, y0: 2, y1: 12, owner: 'a' },
          { x0: 120, x1: 130, y0: 2, y1: 12, owner: 'x' },
        ],
        bounds: { x0: 0, x1: 200, y0: 0, y1: 100 },
      },
    );
    expect(result).toEqual({ visible: [true, false, false], position: [0, -1, -1], hidden: 2 });
  });

  it('tries alternative boxes in order when the first does not fit', () => {
    const result = placeLabels([
      { id: 'a', x0: 10, x1: 80, y0: 0, y1: 14 },
      { id: 'b', x0: 40, x1: 90, y0: 0, y1: 14, alternatives: [{ x0: 50, x1: 60, y0: 0, y1: 14 }, { x0: 100, x1: 140, y0: 0, y1: 14 }] },
    ]);
    expect(result).toEqual({ visible: [true, true], position: [0, 2], hidden: 0 });
  });

  it('never shows two overlapping labels, and every label is shown or counted hidden', () => {
    const box = fc
      .tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 2 }))
      .map(([x, w, row, priority]): LabelCandidate => ({ id: `${x}`, x0: x, x1: x + w, y0: row * 16, y1: row * 16 + 14, priority }));
    fc.assert(
      fc.property(fc.array(box, { maxLength: 150 }), (candidates) => {
        const { visible, hidden } = placeLabels(candidates, { padding: 0 });
        expect(visible).toHaveLength(candidates.length);
        expect(visible.filter(Boolean).length + hidden).toBe(candidates.length);
        const shown = candidates.filter((_, i) => visible[i]);
        for (let i = 0; i < shown.length; i++) for (let j = i + 1; j < shown.length; j++) expect(intersects(shown[i]!, shown[j]!)).toBe(false);
        // Greedy is maximal: every hidden label overlaps a shown one.
        candidates.forEach((c, i) => {
          if (!visible[i]) expect(shown.some((s) => intersects(c, s))).toBe(true);
        });
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
