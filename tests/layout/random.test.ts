import { describe, expect, it } from 'vitest';
import { randomSource, shuffled } from '../../src/layout/random.js';

describe('randomSource', () => {
  it('gives the same stream for the same seed', () => {
    const a = randomSource(42);
    const b = randomSource(42);
    const xs = Array.from({ length: 100 }, () => a());
    const ys = Array.from({ length: 100 }, () => b());
    expect(xs).toEqual(ys);
  });

  it('gives different streams for different seeds', () => {
    const a = randomSource(1);
    const b = randomSource(2);
    expect(Array.from({ length: 5 }, () => a())).not.toEqual(Array.from({ length: 5 }, () => b()));
  });

  it('stays within [0, 1) and spreads evenly over it', () => {
    const r = randomSource(7);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = r();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      bins[Math.floor(x * 10)]! += 1;
    }
    for (const count of bins) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('treats a non-finite seed as 0 instead of producing NaN', () => {
    expect(randomSource(Number.NaN)()).toBe(randomSource(0)());
  });
});

describe('shuffled', () => {
  it('permutes a copy and leaves the input untouched', () => {
    const input = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]);
    const out = shuffled(input, randomSource(3));
    expect([...out].sort()).toEqual([...input]);
    expect(out).toEqual(shuffled(input, randomSource(3)));
  });
});
