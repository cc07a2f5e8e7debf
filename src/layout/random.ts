/**
 * Seeded randomness for layouts. Every layout that needs chance (force simulations, tie
 * breaking in community detection) takes a seed, so the same data and seed always give the
 * same picture: in a browser, in Node, and in a snapshot test.
 */

/**
 * A deterministic uniform random source on [0, 1), built from a 32-bit seed (mulberry32:
 * tiny, fast and statistically good enough for jittering layouts).
 *
 * @param seed - any number; it is truncated to 32 bits, so `1` and `1.5` give the same stream.
 * @returns a function returning the next number of the stream each time it is called.
 *
 * @example
 * ```ts
 * const random = randomSource(42);
 * random(); // always the same first value for seed 42
 * forceSimulation(nodes).randomSource(randomSource(42));
 * ```
 */
export function randomSource(seed: number): () => number {
  let state = (Number.isFinite(seed) ? Math.trunc(seed) : 0) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fisher–Yates shuffle of a copy of `items` driven by `random`; the input is left untouched.
 *
 * @example
 * ```ts
 * shuffled(['a', 'b', 'c'], randomSource(1)); // a fixed permutation for seed 1
 * ```
 */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}
