#!/usr/bin/env node
// Profiles dataset parsing and indexing on a seeded, import-shaped input.
//
//   node bench/parse-profile.mjs                   # 100k events, bundle src/ with esbuild
//   node bench/parse-profile.mjs --events 20000    # another size
//   node bench/parse-profile.mjs --dist            # use dist/index.js instead of src/
//   node bench/parse-profile.mjs --entry /tmp/before/src/index.ts   # another copy of src/, e.g. the
//       last commit's: mkdir -p /tmp/before && git archive HEAD src | tar -x -C /tmp/before
//   node bench/parse-profile.mjs --cases lenient,strict   # some cases (lenient, strict, json,
//       lenient+relations, create, derive, relations-in)
//   node bench/parse-profile.mjs --repeat 3        # warm: report the third run in each process
//   node bench/parse-profile.mjs --only lenient    # one case, in this process
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/parse-profile.mjs --only lenient
//
// Each case runs in a fresh child process (unless --only is given) so that one case's garbage
// and peak memory do not leak into the next, and cold (the first call, as in an import),
// unless --repeat is given. CPU is process.cpuUsage() (user + system, all of the process's
// threads, so V8's concurrent GC and compiler threads count) around the call; peak RSS is
// sampled every 2 ms by a worker thread during it, heap at its end; both are reported
// absolute and above the baseline measured just before the call (after GC).
// "gc ms" is the time V8 reports for garbage collections during the call (its 'gc'
// performance entries). The machine is shared: compare runs made at the same time.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};

const EVENTS = Number(option('events', '100000'));
const ACTORS = Number(option('actors', '2000'));
const SEED = Number(option('seed', '42'));
const REPEAT = Number(option('repeat', '1'));
const CASES = option('cases', 'lenient,strict,json,lenient+relations,create,derive,relations-in').split(',');

/** mulberry32: a small, fast, seeded generator. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/**
 * A dataset input shaped like what the CSV and GDELT importers hand to parseDataset: day dates
 * over ~5 years (so many events share a date), a few intervals, 1–4 participants with roles
 * (directed pairs in about half the events), a location, attributes, sometimes a source.
 */
export function makeInput(events = EVENTS, actorCount = ACTORS, seed = SEED) {
  const rnd = random(seed);
  const int = (n) => Math.floor(rnd() * n);
  const kinds = ['person', 'organisation', 'state', 'group', 'other'];
  const actors = [];
  for (let i = 0; i < actorCount; i++) {
    const actor = { id: `actor-${i}`, name: `Actor ${i}`, kind: kinds[i % kinds.length] };
    if (i % 7 === 0) actor.aliases = [`A${i}`];
    // Affiliations only point to lower ids, so there are no cycles.
    if (i > 10 && i % 5 === 0) actor.affiliations = [{ actor: `actor-${int(i)}`, role: 'member', start: `${2015 + int(5)}` }];
    actors.push(actor);
  }
  // Skewed popularity, as in news data: a few actors are in many events.
  const pick = () => `actor-${Math.floor(actorCount * rnd() ** 2)}`;
  const list = [];
  for (let i = 0; i < events; i++) {
    const day = int(5 * 365);
    const date = new Date(Date.UTC(2019, 0, 1) + day * 86_400_000);
    const ymd = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
    let when = ymd;
    if (i % 50 === 0) when = `${ymd}/${date.getUTCFullYear() + 1}-${pad(date.getUTCMonth() + 1)}`;
    else if (i % 97 === 0) when = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}~`;
    const n = 1 + int(4);
    const directed = rnd() < 0.5;
    const participants = [];
    for (let k = 0; k < n; k++) {
      const actor = pick();
      if (directed && k < 2) participants.push({ actor, role: k === 0 ? 'source' : 'target' });
      else if (k % 2 === 0) participants.push(actor);
      else participants.push({ actor, role: 'participant' });
    }
    const event = {
      id: `e${i}`,
      title: `Event ${i}`,
      when,
      category: `cat-${int(20)}`,
      location: `Place ${int(300)}`,
      participants,
      attributes: { code: `${100 + int(100)}`, goldstein: Math.round(rnd() * 200 - 100) / 10, root: i % 3 === 0 },
    };
    if (i % 4 === 0) event.sources = [{ url: `https://news.example/${i}`, publisher: 'Example News' }];
    if (i % 10 === 0) event.tags = ['tag-a', `tag-${int(10)}`];
    list.push(event);
  }
  return {
    title: 'Profile dataset',
    actors,
    events: list,
    relations: [
      { source: 'actor-1', target: 'actor-2', type: 'alliance', start: '2019' },
      { source: 'actor-3', target: 'actor-4', type: 'rivalry', directed: true, start: '2020', end: '2022' },
    ],
  };
}

async function loadLibrary() {
  if (flag('dist')) return import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  const outfile = join(tmpdir(), `entity-timeline-parse-profile-${process.pid}.mjs`);
  await build({
    entryPoints: [resolve(option('entry', join(root, 'src', 'index.ts')))],
    nodePaths: [join(root, 'node_modules')], // for an --entry outside the repository
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    // Everything is bundled: a file in the temp folder could not resolve bare imports.
    logLevel: 'error',
    sourcemap: 'inline',
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true });
  }
}

/**
 * Samples the process's RSS every 2 ms from a worker thread: the measured calls are
 * synchronous, so a timer on the main thread could never fire during them. RSS is per process,
 * so the worker sees the main thread's allocations.
 */
function rssSampler() {
  const shared = new Int32Array(new SharedArrayBuffer(12)); // [stop flag, peak MB * 16 as int, samples]
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const s = new Int32Array(workerData);
     while (Atomics.load(s, 0) === 0) {
       const v = Math.round(process.memoryUsage.rss() / 65536);
       if (v > s[1]) s[1] = v;
       s[2]++;
       Atomics.wait(s, 0, 0, 2);
     }`,
    { eval: true, workerData: shared.buffer },
  );
  return {
    reset() {
      shared[1] = 0;
    },
    peak: () => (shared[1] * 65536),
    async stop() {
      Atomics.store(shared, 0, 1);
      Atomics.notify(shared, 0);
      await worker.terminate();
    },
    ready: new Promise((done) => {
      const poll = () => (shared[2] > 0 ? done() : setTimeout(poll, 1));
      poll();
    }),
  };
}

/** Total duration of the garbage collections V8 reports, in ms, since the observer started. */
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });
// GC entries are delivered asynchronously: wait for them before reading the total.
const settle = () => new Promise((done) => setTimeout(done, 50));

/** Runs fn once, returning CPU ms, wall ms, GC ms and memory peaks above the baseline. */
async function measure(fn, sampler) {
  globalThis.gc?.();
  await settle();
  const gc0 = gcMs;
  const base = process.memoryUsage();
  sampler.reset();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // Heap is sampled at the end, before anything is released: peak heap is at least this.
  const end = process.memoryUsage();
  await settle();
  const gc = gcMs - gc0;
  const peakRss = Math.max(sampler.peak(), end.rss);
  globalThis.gc?.();
  const retained = process.memoryUsage().heapUsed;
  return {
    result,
    wallMs: wall,
    cpuMs: (cpu.user + cpu.system) / 1000,
    gcMs: gc,
    baseRssMB: base.rss / 2 ** 20,
    peakRssMB: peakRss / 2 ** 20,
    rssAboveBaseMB: (peakRss - base.rss) / 2 ** 20,
    heapAtEndMB: (end.heapUsed - base.heapUsed) / 2 ** 20,
    retainedMB: (retained - base.heapUsed) / 2 ** 20,
  };
}

async function runCase(name) {
  const lib = await loadLibrary();
  const input = makeInput();
  let fn;
  if (name === 'lenient') fn = () => lib.parseDataset(input, { mode: 'lenient' });
  else if (name === 'lenient+relations') {
    // Relations may be derived on first read: this case reads them, for an end-to-end figure.
    fn = () => {
      const result = lib.parseDataset(input, { mode: 'lenient' });
      void result.dataset.relations.length;
      return result;
    };
  }
  else if (name === 'strict') fn = () => lib.parseDataset(input);
  else if (name === 'json') {
    const text = JSON.stringify(input);
    fn = () => lib.parseDataset(text, { mode: 'lenient' });
  } else {
    const dataset = lib.parseDataset(input);
    if (name === 'create') {
      // Records not built by parseDataset: copies, as a caller of createDataset would pass.
      const parts = {
        meta: dataset.meta,
        events: dataset.events.map((e) => ({ ...e, participants: e.participants.map((p) => ({ ...p })) })),
        actors: dataset.actors.map((a) => ({ ...a })),
        declaredRelations: dataset.declaredRelations,
      };
      fn = () => lib.createDataset(parts);
    } else if (name === 'derive') fn = () => lib.deriveRelations(dataset.events);
    else if (name === 'relations-in') {
      const [from, to] = dataset.extent;
      fn = () => dataset.relationsIn(from, from + (to - from) / 4);
    } else throw new Error(`unknown case ${name}`);
  }
  // Warm-up runs let the JIT settle when --repeat > 1; the last run is the one reported.
  const sampler = rssSampler();
  await sampler.ready;
  let m;
  for (let r = 0; r < REPEAT; r++) m = await measure(fn, sampler);
  await sampler.stop();
  const r = m.result;
  const dataset = r?.dataset ?? (r?.events ? r : undefined);
  const summary = dataset
    ? `${dataset.events.length} events, ${dataset.actors.length} actors, ${dataset.relations.length} relations` +
      (r.rejected ? `, ${r.rejected.length} rejected, ${r.problems.length} problems` : '')
    : `${r.length} relations`;
  return { case: name, ...m, result: summary };
}

const main = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (!main) {
  // Imported for makeInput: run nothing.
} else if (flag('child') || option('only', undefined) !== undefined) {
  const only = option('only', undefined);
  const out = await runCase(only);
  if (flag('child')) process.stdout.write(JSON.stringify(out));
  else console.log(out);
} else {
  if (!flag('dist') && !existsSync(join(root, 'src', 'index.ts'))) throw new Error('src/index.ts not found');
  console.log(`parseDataset profile: ${EVENTS} events, ${ACTORS} actors, seed ${SEED}, node ${process.version}${flag('dist') ? ', dist/' : `, ${option('entry', 'src/index.ts')} via esbuild`}`);
  const rows = [];
  for (const name of CASES) {
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...args, '--only', name, '--child'], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) {
      console.error(child.stderr);
      process.exit(1);
    }
    rows.push(JSON.parse(child.stdout));
  }
  const f = (x) => x.toFixed(0).padStart(7);
  console.log('case               cpu ms  (gc ms)  wall ms  peak RSS MB  RSS +MB  heap@end +MB  retained MB  result');
  for (const r of rows) {
    console.log(
      `${r.case.padEnd(17)} ${f(r.cpuMs)}  ${f(r.gcMs)}  ${f(r.wallMs)}  ${f(r.peakRssMB).padStart(11)}  ${f(r.rssAboveBaseMB)}  ${f(r.heapAtEndMB).padStart(12)}  ${f(r.retainedMB).padStart(11)}  ${r.result}`,
    );
  }
}
