import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binDense } from '../../src/layout/density.js';

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
});
