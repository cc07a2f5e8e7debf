// Size limits: the CLI refuses an input over --max-size (default 100 MB) before reading it, with a
// message that says how to read it anyway; a dataset of 100,000 actors parses in bounded time;
// and static rendering refuses, at once, the views of it that would run for minutes (render
// budgets, docs/limits.md). Heavier figures come from `node bench/limits.mjs` and
// `npm run bench -- --only limits`.
import { describe, expect, it } from 'vitest';
import { runCli, type CliIO } from '../../src/cli/run.js';
import { RenderLimitError, parseDataset, renderToSVG, type Dataset } from '../../src/index.js';
import { run } from '../cli/run-cli.js';

const MB = 1024 * 1024;

/** An io whose one file claims `size` bytes; reading it returns `content` and is counted. */
function fakeIO(size: number, content = '{"events":[{"id":"a","title":"A","when":"2024"}]}') {
  const out = { stdout: '', stderr: '', reads: 0 };
  const io: CliIO = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    fileSize: async () => size,
    readFile: async () => {
      out.reads++;
      return new TextEncoder().encode(content);
    },
  };
  return { io, out };
}

describe('input size limits in the CLI', () => {
  for (const command of ['validate', 'render'] as const) {
    it(`${command} refuses a 150 MB file without reading it, naming its size, the limit and --max-size`, async () => {
      const { io, out } = fakeIO(150 * MB);
      const status = await runCli([command, 'big.json'], io);
      expect(status).toBe(1);
      expect(out.reads).toBe(0);
      expect(out.stderr).toBe('entity-timeline: big.json is 150 MB, over the 100 MB limit; pass --max-size 150 to read it anyway\n');
      expect(out.stdout).toBe('');
    });
  }

  it('reads the same file when --max-size allows it', async () => {
    const { io, out } = fakeIO(150 * MB);
    expect(await runCli(['validate', 'big.json', '--max-size', '150'], io)).toBe(0);
    expect(out.reads).toBe(1);
    expect(out.stdout).toMatch(/^big\.json: valid/);
  });

  it('accepts a file of exactly the limit and refuses one byte more', async () => {
    expect(await runCli(['validate', 'a.json'], fakeIO(100 * MB).io)).toBe(0);
    const over = fakeIO(100 * MB + 1);
    expect(await runCli(['validate', 'a.json'], over.io)).toBe(1);
    expect(over.out.reads).toBe(0);
  });

  it('checks the size of what was read when the file system cannot tell it first', async () => {
    const text = JSON.stringify({ events: [{ id: 'a', title: 'x'.repeat(4096), when: '2024' }] });
    const result = await run(['validate', 'a.json', '--max-size', '0.001'], { 'a.json': text });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/a\.json is 0 MB, over the 0 MB limit; pass --max-size 1 to read it anyway/);
  });

  it('refuses a --max-size that is not a positive number as a usage error', async () => {
    for (const value of ['0', '-5', 'lots', 'Infinity', 'NaN']) {
      const result = await run(['validate', 'a.json', `--max-size=${value}`], { 'a.json': '{"events":[]}' });
      expect(result.status, value).toBe(2);
      expect(result.stderr).toMatch(/--max-size must be a positive number/);
    }
  });
});

describe('a dataset of 100,000 actors', () => {
  const n = 100_000;
  let dataset: Dataset | undefined;

  it('parses (100,000 actors, 100,000 events) and indexes every actor, timed', () => {
    const input = {
      actors: Array.from({ length: n }, (_, i) => ({ id: `a${i}`, name: `Actor ${i}` })),
      events: Array.from({ length: n }, (_, i) => ({ id: `e${i}`, title: `E${i}`, when: `${1900 + (i % 120)}-01-01`, participants: [`a${i}`, `a${(i * 7919 + 1) % n}`] })),
    };
    const t = performance.now();
    dataset = parseDataset(input);
    const ms = performance.now() - t;
    console.log(`parseDataset with ${n} actors and ${n} events: ${Math.round(ms)} ms, ${dataset.relations.length} relations`);
    expect(dataset.actors).toHaveLength(n);
    expect(dataset.events).toHaveLength(n);
    expect(dataset.actor('a99999')?.name).toBe('Actor 99999');
    expect(dataset.eventsOf('a1')).not.toHaveLength(0);
    // Generous on a loaded 2-core machine (17 s seen at load 17); bench/limits.mjs has the real figures.
    expect(ms).toBeLessThan(30_000);
  });

  it('is refused at once by the network, matrix and arc views (a force layout of it ran for over 5 minutes)', () => {
    if (!dataset) throw new Error('the parse test did not run');
    for (const view of ['network', 'matrix', 'arc'] as const) {
      const t = performance.now();
      let error: unknown;
      try {
        renderToSVG(dataset, { view });
      } catch (e) {
        error = e;
      }
      expect(error, view).toBeInstanceOf(RenderLimitError);
      expect((error as RenderLimitError).count).toBe(n);
      expect((error as RenderLimitError).message).toMatch(/would draw 100,000 actors, over its limit of 10,000/);
      // Counting is linear and needs no layout: well under a second of CPU (the first view also
      // builds the dataset's lazy indexes); the bound is for a 2-core machine at load 17.
      expect(performance.now() - t, view).toBeLessThan(5_000);
    }
  });
});
