import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binDense, binDenseBy } from '../../src/layout/density.js';

describe('binDense', () => {
  it('aggregates a bin with more items than the threshold and keeps sparse ones', () => {
    const items = [1, 2, 3, 4, 5, 6, 40].map((x) => ({ x0: x, x1: x + 1 }));
    const { aggregated, bins } = binDense(items, { binWidth: 10, threshold: 4 });
    expect(aggregated).toEqual([true, true, true, true, true, true, false]);
    expect(bins).toEqual([{ bin: 0, x0: 0, x1: 10, members: [0, 1, 2, 3, 4, 5] }]);
  });

  it('leaves items wider than a bin alone', () => {
    const items = [...Array.from({ length: 6 }, () => ({ x0: 0, x1: 50 }))];
    expect(binDense(items, { binWidth: 10, threshold: 2 }).bins).toEqual([]);
  });

  it('rejects bad options', () => {
    expect(() => binDense([], { binWidth: 0 })).toThrow(/binWidth/);
    expect(() => binDense([], { threshold: 0 })).toThrow(/threshold/);
  });

  it('puts every item either on its own or in exactly one bin over the threshold', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 20 })), { maxLength: 200 }), fc.integer({ min: 1, max: 6 }), (raw, threshold) => {
        const items = raw.map(([x, w]) => ({ x0: x, x1: x + w }));
        const { aggregated, bins } = binDense(items, { binWidth: 8, threshold, origin: 3 });
        const seen = new Array<number>(items.length).fill(0);
        for (const b of bins) {
          expect(b.members.length).toBeGreaterThan(threshold);
          for (const i of b.members) {
            seen[i]!++;
            const c = (items[i]!.x0 + items[i]!.x1) / 2;
            expect(c).toBeGreaterThanOrEqual(b.x0);
            expect(c).toBeLessThan(b.x1);
          }
        }
        seen.forEach((n, i) => expect(n).toBe(aggregated[i] ? 1 : 0));
      }),
      { numRuns: 150, seed: 3 },
    );
  });

  /** The straightforward version: one member list per bin, then keep the crowded ones. */
  function reference(items: readonly { x0: number; x1: number }[], binWidth: number, threshold: number, origin: number) {
    const byBin = new Map<number, number[]>();
    items.forEach((d, i) => {
      if (d.x1 - d.x0 > binWidth) return;
      const bin = Math.floor(((d.x0 + d.x1) / 2 - origin) / binWidth);
      byBin.set(bin, [...(byBin.get(bin) ?? []), i]);
    });
    const aggregated = items.map(() => false);
    const bins = [...byBin]
      .filter(([, members]) => members.length > threshold)
      .sort((a, b) => a[0] - b[0])
      .map(([bin, members]) => {
        for (const i of members) aggregated[i] = true;
        return { bin, x0: origin + bin * binWidth, x1: origin + (bin + 1) * binWidth, members };
      });
    return { aggregated, bins };
  }

  it('bins items given by accessors as a per-bin member list would, and binDense the same', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -50, max: 300, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true })), { maxLength: 200 }), fc.integer({ min: 1, max: 6 }), (raw, threshold) => {
        const items = raw.map(([x, w]) => ({ x0: x, x1: x + w }));
        const xs = Float64Array.from(raw, ([x]) => x);
        const ws = Float64Array.from(raw, ([, w]) => w);
        const byAccessor = binDenseBy(raw.length, (i) => xs[i]!, (i) => xs[i]! + ws[i]!, { binWidth: 8, threshold, origin: 3 });
        expect(byAccessor).toEqual(reference(items, 8, threshold, 3));
        expect(binDense(items, { binWidth: 8, threshold, origin: 3 })).toEqual(byAccessor);
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});
