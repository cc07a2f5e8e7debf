// `render` refuses a chart over its budget (--max-events, --max-actors) with a one-line message
// and exit status 1, like the --max-size refusal: never a stack trace, never a truncated chart.
import { describe, expect, it } from 'vitest';
import { run } from './run-cli.js';

/** A JSON dataset of `n` daily events chaining actors a0 … a{n}. */
function chain(n: number): string {
  return JSON.stringify({
    actors: Array.from({ length: n + 1 }, (_, i) => ({ id: `a${i}`, name: `Actor ${i}` })),
    events: Array.from({ length: n }, (_, i) => ({
      id: `e${i}`,
      title: `Event ${i}`,
      when: new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10),
      participants: [`a${i}`, `a${i + 1}`],
    })),
  });
}

describe('render budgets in the CLI', () => {
  it('refuses a timeline over --max-events with the count, the limit and the flags that get past it', async () => {
    const result = await run(['render', 'big.json', '--max-events', '9', '-o', 'out.svg'], { 'big.json': chain(10) });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'entity-timeline: big.json: not rendered: the timeline view would draw 10 events, over the limit of 9; draw a shorter period with --from/--to, or raise the limit with --max-events 10 (it may take minutes and a lot of memory)\n',
    );
    expect(result.stdout).toBe('');
    expect(result.written).toEqual({});
  });

  it('renders the same file within the window, or with the limit raised', async () => {
    const files = { 'big.json': chain(10) };
    const windowed = await run(['render', 'big.json', '--max-events', '9', '--from', '2020-01-02', '--to', '2020-01-04'], files);
    expect(windowed.status).toBe(0);
    expect(windowed.stdout).toMatch(/^<svg/);
    expect(new Set([...windowed.stdout.matchAll(/data-event-id="(e\d+)"/g)].map((m) => m[1]))).toEqual(new Set(['e1', 'e2', 'e3']));
    expect(windowed.stderr).toBe('stdout: timeline of 3 of 10 events\n');
    const raised = await run(['render', 'big.json', '--max-events', '10'], files);
    expect(raised.status).toBe(0);
    expect(raised.stderr).toBe('stdout: timeline of 10 events\n');
  });

  it('refuses a network over --max-actors, suggesting the ego view and not --from/--to', async () => {
    const result = await run(['render', 'big.json', '--view', 'network', '--max-actors', '10'], { 'big.json': chain(10) });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "entity-timeline: big.json: not rendered: the network view would draw 11 actors, over the limit of 10; draw one actor's neighbourhood with --view ego --actor <id>, or raise the limit with --max-actors 11 (it may take minutes and a lot of memory)\n",
    );
    const ego = await run(['render', 'big.json', '--view', 'ego', '--actor', 'a0', '--max-actors', '10'], { 'big.json': chain(10) });
    expect(ego.status).toBe(0);
  });

  it('refuses a network of 10,001 actors by default, quickly', async () => {
    const n = 10_001;
    const text = JSON.stringify({
      actors: Array.from({ length: n }, (_, i) => ({ id: `a${i}`, name: `A${i}` })),
      events: Array.from({ length: n }, (_, i) => ({ id: `e${i}`, title: 'x', when: '2024', participants: [`a${i}`] })),
    });
    const t = performance.now();
    const result = await run(['render', 'big.json', '--view', 'network'], { 'big.json': text });
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/the network view would draw 10,001 actors, over the limit of 10,000;.*--max-actors 10001/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists both flags and their defaults in the help of render', async () => {
    const help = await run(['render', '--help']);
    expect(help.stdout).toMatch(/--max-events <n>\s+refuse to draw more events than this \(default 100,000\)/);
    expect(help.stdout).toMatch(/--max-actors <n>\s+refuse to draw more actors than this \(default 10,000\)/);
  });

  it('refuses --max-events that is not a positive number as a usage error', async () => {
    const result = await run(['render', 'big.json', '--max-events', '0'], { 'big.json': chain(2) });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--max-events must be a positive number/);
  });
});
