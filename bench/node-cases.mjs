// Node benchmarks: import time of dist/index.js and static rendering (renderToSVG).
//
// PLUG-IN POINT for static rendering: `renderToSVG(dataset, RENDER_OPTIONS)` from
// dist/index.js, expected to return the SVG text (or an element; both are accepted). Until it
// is exported, the cases are recorded with value null and a note.
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { timelineDatasetInput, timelineWorkload } from './workloads.mjs';

const RENDER_OPTIONS = { view: 'timeline', width: 1200 };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median over `runs` fresh Node processes of the time `await import(dist/index.js)` takes. */
export function importTime(root, runs = 5) {
  const url = pathToFileURL(join(root, 'dist/index.js')).href;
  const script = `const t = performance.now(); await import(${JSON.stringify(url)}); process.stdout.write(String(performance.now() - t));`;
  const times = [];
  for (let i = 0; i < runs; i++) {
    times.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })));
  }
  return median(times);
}

/** Runs the Node cases; returns result cases in the results.json shape. */
export async function runNodeCases({ root, renderSizes, seed }) {
  const cases = [];
  const add = (size, metric, value, unit, note) =>
    cases.push({ workload: 'node', size, library: 'entity-timeline', metric, value, unit, ...(note ? { note } : {}) });

  add(null, 'importTime', importTime(root), 'ms');

  const et = await import(pathToFileURL(join(root, 'dist/index.js')).href);
  for (const n of renderSizes) {
    if (typeof et.renderToSVG !== 'function') {
      add(n, 'renderToSVG', null, 'ms', 'renderToSVG is not exported yet');
      continue;
    }
    try {
      const dataset = et.parseDataset(timelineDatasetInput(timelineWorkload(n, seed)));
      const runs = n <= 1000 ? 5 : 3;
      const times = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        const out = await et.renderToSVG(dataset, RENDER_OPTIONS);
        times.push(performance.now() - t);
        bytes = typeof out === 'string' ? out.length : (out?.outerHTML?.length ?? 0);
      }
      add(n, 'renderToSVG', median(times), 'ms');
      if (bytes) add(n, 'svgSize', bytes, 'bytes');
    } catch (error) {
      add(n, 'renderToSVG', null, 'ms', `error: ${String(error?.message ?? error).split('\n')[0]}`);
    }
  }
  return cases;
}
