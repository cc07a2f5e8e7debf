import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packRows } from '../../src/layout/lanes.js';

type Item = { s: number; e: number };

function overlaps(a: Item, b: Item, gap: number): boolean {
  return a.s < b.e + gap && b.s < a.e + gap;
}

/** The largest number of half-open extents [s, e + gap) that share a point. */
function cliqueNumber(items: readonly Item[], gap: number): number {
  const points: [number, number][] = [];
  for (const d of items) {
    if (d.e + gap > d.s) points.push([d.s, 1], [d.e + gap, -1]);
  }
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let depth = 0;
  let max = 0;
  for (const [, delta] of points) max = Math.max(max, (depth += delta));
  return max;
}

const itemArb = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 40 }), fc.boolean())
  .map(([s, w, nonEmpty]): Item => ({ s, e: s + (nonEmpty ? Math.max(1, w) : w) }));

describe('packRows', () => {
  it('puts items that do not overlap on one row and stacks ones that do', () => {
    const items: Item[] = [
      { s: 0, e: 10 },
      { s: 5, e: 15 },
      { s: 10, e: 20 },
      { s: 16, e: 30 },
    ];
    const { row, rows } = packRows(items, (d) => d.s, (d) => d.e);
    expect(row).toEqual([0, 1, 0, 1]);
    expect(rows).toBe(2);
  });

  it('reuses the lowest-numbered free row, in input order for ties', () => {
    const items: Item[] = [
      { s: 0, e: 5 },
      { s: 0, e: 5 },
      { s: 0, e: 2 },
      { s: 6, e: 8 },
    ];
    const { row } = packRows(items, (d) => d.s, (d) => d.e);
    // Sorted by start then end: item 2 (ends first) takes row 0, items 0 and 1 rows 1 and 2.
    expect(row).toEqual([1, 2, 0, 0]);
  });

  it('keeps a gap between items in the same row', () => {
    const items: Item[] = [
      { s: 0, e: 10 },
      { s: 12, e: 20 },
    ];
    expect(packRows(items, (d) => d.s, (d) => d.e).rows).toBe(1);
    expect(packRows(items, (d) => d.s, (d) => d.e, { gap: 4 }).rows).toBe(2);
  });

  it('returns no rows for no items and rejects non-finite extents', () => {
    expect(packRows([], () => 0, () => 0)).toEqual({ row: [], rows: 0 });
    expect(() => packRows([{ s: NaN, e: 1 }], (d) => d.s, (d) => d.e)).toThrow(/item 0/);
    expect(() => packRows([{ s: 0, e: 1 }], (d) => d.s, (d) => d.e, { gap: -1 })).toThrow(/gap/);
  });

  it('never puts two overlapping items in one row, and uses exactly the clique number of rows', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 80 }), fc.integer({ min: 0, max: 6 }), (items, gap) => {
        const { row, rows } = packRows(items, (d) => d.s, (d) => d.e, { gap });
        expect(row).toHaveLength(items.length);
        for (let i = 0; i < items.length; i++) {
          expect(row[i]).toBeGreaterThanOrEqual(0);
          expect(row[i]).toBeLessThan(Math.max(rows, 1));
          for (let j = i + 1; j < items.length; j++) {
            if (row[i] === row[j]) expect(overlaps(items[i]!, items[j]!, gap)).toBe(false);
          }
        }
        expect(new Set(row).size).toBe(rows);
        // Minimality holds for non-empty extents (pixel extents always include a mark width).
        if (items.every((d) => d.e + gap > d.s)) expect(rows).toBe(cliqueNumber(items, gap));
      }),
      { numRuns: 200, seed: 20240118 },
    );
  });

  it('is deterministic and does not depend on input order for distinct extents', () => {
    fc.assert(
      fc.property(fc.uniqueArray(itemArb, { maxLength: 40, selector: (d) => `${d.s}:${d.e}` }), (items) => {
        const a = packRows(items, (d) => d.s, (d) => d.e);
        const reversed = [...items].reverse();
        const b = packRows(reversed, (d) => d.s, (d) => d.e);
        expect(b.row).toEqual([...a.row].reverse());
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
