#!/usr/bin/env node
// How entity-timeline behaves at the edges of its size limits: prints figures, asserts nothing.
// Uses the built library (dist/index.js: run `npx rollup -c` first).
//
//   node bench/limits.mjs                 100,000 actors and a few charts of them
//   node bench/limits.mjs --actors 20000  another size
//   node bench/limits.mjs --skip-render   parsing only
//   node bench/limits.mjs --unlimited     render past the default budgets (maxEvents/maxActors:
//                                         Infinity); without it, oversized views are refused
//
// The million-event case (canvas timeline in Chromium, Node parse, renderToSVG and CLI at that
// size) is `npm run bench -- --only limits`; this script is the quick look at many actors.
//
// Measured (parse, validate, render) on the same seeded dataset: N actors, N events each
// joining two actors, affiliations on every tenth actor. Memory is the heap growth.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const N = flag('actors', 100_000);
const skipRender = args.includes('--skip-render');
const budgets = args.includes('--unlimited') ? { maxEvents: Infinity, maxActors: Infinity } : {};

const lib = await import(pathToFileURL(resolve(import.meta.dirname, '..', 'dist', 'index.js')).href);

function dataset(n) {
  let seed = 42;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const actors = Array.from({ length: n }, (_, i) => ({
    id: `a${i}`,
    name: `Actor ${i}`,
    kind: i % 3 === 0 ? 'state' : 'person',
    ...(i % 10 === 9 && { affiliations: [{ actor: `a${i - 9}`, role: 'member' }] }),
  }));
  const events = Array.from({ length: n }, (_, i) => {
    const a = Math.floor(random() * n);
    const b = (a + 1 + Math.floor(random() * (n - 1))) % n;
    const day = new Date(Date.UTC(1990, 0, 1) + Math.floor(random() * 12_000) * 86_400_000).toISOString().slice(0, 10);
    return { id: `e${i}`, title: `Event ${i}`, when: day, participants: [{ actor: `a${a}`, role: 'source' }, { actor: `a${b}`, role: 'target' }] };
  });
  return { title: `${n} actors`, actors, events };
}

function measure(label, fn) {
  globalThis.gc?.();
  const heap = process.memoryUsage().heapUsed;
  const t = performance.now();
  let result;
  let error;
  try {
    result = fn();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t;
  const mb = (process.memoryUsage().heapUsed - heap) / 1024 / 1024;
  const note = error ? `${error?.name === 'RenderLimitError' ? 'refused' : 'FAILED'}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` : typeof result === 'string' ? `${(result.length / 1024 / 1024).toFixed(1)} MB of output` : '';
  console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms  ${mb.toFixed(0).padStart(5)} MB heap  ${note}`);
  return result;
}

console.log(`entity-timeline limits, ${N.toLocaleString('en')} actors and events (node ${process.version})`);
const input = measure('build the input', () => dataset(N));
const text = measure('JSON.stringify', () => JSON.stringify(input));
console.log(`input size: ${(text.length / 1024 / 1024).toFixed(1)} MB`);
measure('validateDataset (parsed JSON)', () => lib.validateDataset(input));
const parsed = measure('parseDataset (text, strict)', () => lib.parseDataset(text));
measure('importText (auto, lenient)', () => lib.importText(text, { fileName: 'big.json' }));
measure('dataset.relations + coParticipation', () => parsed.coParticipation().length + parsed.relations.length);
if (!skipRender) {
  measure('renderToSVG timeline', () => lib.renderToSVG(parsed, { view: 'timeline', width: 1200, ...budgets }));
  measure('renderToSVG matrix', () => lib.renderToSVG(parsed, { view: 'matrix', width: 1200, ...budgets }));
  measure('renderToSVG ego (a0)', () => lib.renderToSVG(parsed, { view: 'ego', actor: 'a0', ...budgets }));
  const small = lib.parseDataset(JSON.stringify(dataset(Math.min(N, 10_000))));
  measure(`renderToSVG network (${Math.min(N, 10_000).toLocaleString('en')} actors)`, () => lib.renderToSVG(small, { view: 'network', width: 1200, height: 900, ...budgets }));
  measure('renderToSVG network', () => lib.renderToSVG(parsed, { view: 'network', width: 1200, height: 900, ...budgets }));
}
