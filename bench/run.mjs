#!/usr/bin/env node
// `npm run bench`: entity-timeline against its peers, written to bench/results.json and
// bench/RESULTS.md.
//
//   node bench/run.mjs                         everything (about 10–15 minutes on 2 cores)
//   node bench/run.mjs --only timeline         one group: timeline|network|storyline|node|bundle|limits
//                                              (comma-separated for several; importers run with node)
//   node bench/run.mjs --only limits           1,000,000 events (canvas timeline, parse, static output)
//                                              and a 100,000-actor network: about 10 minutes, so it is
//                                              not part of the default run; --sizes 200000 for a smaller N
//   node bench/run.mjs --sizes 1000,10000      sizes for the selected browser/node workloads
//   node bench/run.mjs --quick                 small sizes only (CI smoke test)
//   node bench/run.mjs --libs vis-timeline     only these libraries (comma-separated)
//   node bench/run.mjs --timeout 60            per-case timeout in seconds
//   node bench/run.mjs --out bench/results.json
//   node bench/run.mjs --report                only rewrite RESULTS.md from results.json
//
// With --only/--libs/--sizes, results for the cases not run are kept from the previous
// bench/results.json, so partial runs add up to a full table.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBenchServer } from './server.mjs';
import { buildVendor } from './vendor.mjs';
import { chromiumVersion, runBrowserCase } from './browser.mjs';
import { runNodeCases } from './node-cases.mjs';
import { runBundleCases } from './bundle.mjs';
import { runLimitsTimeline } from './limits-browser.mjs';
import { renderMarkdown, evaluateTargets } from './report.mjs';
import { DEFAULT_SEED } from './workloads.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GROUPS = ['timeline', 'network', 'storyline', 'node', 'bundle', 'limits'];
// `limits` takes about 10 minutes on its own (a million events parsed four times), so it only
// runs when asked for with --only limits.
const DEFAULT_GROUPS = GROUPS.filter((g) => g !== 'limits');
const LIBS = {
  timeline: ['entity-timeline', 'vis-timeline', 'timelines-chart'],
  network: ['entity-timeline', 'vis-network', 'cytoscape', 'sigma', 'd3-force'],
};
const SIZES = {
  full: { timeline: [1000, 10000, 100000], network: [100, 1000, 5000, 20000], render: [1000, 10000], importRows: 100000, limits: 1_000_000, limitsActors: 100_000 },
  quick: { timeline: [1000], network: [100], render: [1000], importRows: 10000, limits: 100_000, limitsActors: 10_000 },
};
const UNITS = {
  firstPaint: 'ms',
  settled: 'ms',
  zoomMainThread: 'ms',
  longestBlock: 'ms',
  heap: 'MB',
  domNodes: 'count',
};
const METRICS = {
  timeline: ['firstPaint', 'zoomMainThread', 'longestBlock', 'heap', 'domNodes'],
  network: ['firstPaint', 'settled', 'longestBlock', 'heap', 'domNodes'],
};
// The whole run must fit in 15 minutes; past this, remaining browser cases are skipped.
const RUN_BUDGET_MS = 14 * 60_000;

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    sizes: { type: 'string' },
    libs: { type: 'string' },
    quick: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '60' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    out: { type: 'string', default: join(ROOT, 'bench/results.json') },
    report: { type: 'boolean', default: false },
  },
});

const only = args.only ? args.only.split(',').map((s) => s.trim()) : DEFAULT_GROUPS;
for (const g of only) if (!GROUPS.includes(g)) throw new Error(`--only: unknown group "${g}" (one of ${GROUPS.join(', ')})`);
const explicitSizes = args.sizes ? args.sizes.split(',').map((s) => Number(s.trim())) : null;
if (explicitSizes?.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sizes: positive integers, comma-separated');
const libFilter = args.libs ? args.libs.split(',').map((s) => s.trim()) : null;
const timeoutMs = Number(args.timeout) * 1000;
const seed = Number(args.seed);
const preset = args.quick ? SIZES.quick : SIZES.full;
const startedAt = Date.now();
const log = (...parts) => console.log(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s]`, ...parts);

function ensureBuilt() {
  if (existsSync(join(ROOT, 'dist/index.js')) && existsSync(join(ROOT, 'dist/entity-timeline.min.js'))) return;
  log('dist/ is missing: building with rollup');
  execFileSync('npx', ['rollup', '-c'], { cwd: ROOT, stdio: 'inherit' });
}

function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function gitRevision() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

const cases = [];
const push = (c) => cases.push(c);

async function browserGroup(workload, baseUrl) {
  const sizes = explicitSizes ?? preset[workload];
  const libs = LIBS[workload].filter((l) => !libFilter || libFilter.includes(l));
  for (const lib of libs) {
    let gaveUp = null;
    for (const n of sizes) {
      const record = (metric, value, note) =>
        push({ workload, size: n, library: lib, metric, value: value ?? null, unit: UNITS[metric], ...(note ? { note } : {}) });
      if (gaveUp) {
        for (const metric of METRICS[workload]) record(metric, null, gaveUp);
        log(`${workload} ${lib} ${n}: skipped (${gaveUp})`);
        continue;
      }
      if (Date.now() - startedAt > RUN_BUDGET_MS) {
        for (const metric of METRICS[workload]) record(metric, null, 'skipped: run time budget used up');
        log(`${workload} ${lib} ${n}: skipped (budget)`);
        continue;
      }
      const t = Date.now();
      const result = await runBrowserCase({ baseUrl, workload, lib, n, seed, timeoutMs });
      const note = result.notes.length ? result.notes.join('; ') : undefined;
      if (result.status === 'unavailable') {
        for (const metric of METRICS[workload]) record(metric, null, `not available: ${note}`);
        log(`${workload} ${lib} ${n}: not available (${note})`);
        gaveUp = `not available: ${note}`;
        continue;
      }
      for (const metric of METRICS[workload]) {
        const value = result.values[metric];
        let why = note;
        if (value == null) why = result.status === 'timeout' ? `timeout${note ? `: ${note}` : ''}` : result.status === 'error' ? `error: ${note}` : note;
        record(metric, value, value == null ? why : undefined);
      }
      // Notes of a case that ran (e.g. how a peer zooms) go on its first figure.
      if (note && result.status === 'ok') cases[cases.length - METRICS[workload].length].note ??= note;
      log(
        `${workload} ${lib} ${n}: ${result.status} in ${((Date.now() - t) / 1000).toFixed(1)} s`,
        Object.entries(result.values)
          .map(([k, v]) => `${k}=${v == null ? '—' : Number(v.toFixed(1))}`)
          .join(' '),
        note ? `(${note})` : '',
      );
      if (result.status === 'timeout') gaveUp = 'skipped: timed out at a smaller size';
    }
  }
}

// Figures from bench/importers.mjs's JSON lines (`{ kind, rows, wallMs | ms, cpuMs,
// parseDatasetCpuMs | parseDatasetMs, maxRssMB, kept, problems }`).
function importerFigures(line) {
  const wall = line.wallMs ?? line.ms;
  if (typeof line.kind !== 'string' || typeof wall !== 'number') return [];
  const base = { workload: 'importers', size: line.rows ?? null, library: 'entity-timeline' };
  const out = [{ ...base, metric: `${line.kind}Import`, value: wall, unit: 'ms', note: `${line.kept ?? '?'} kept, ${line.problems ?? '?'} problems` }];
  if (typeof line.cpuMs === 'number') out.push({ ...base, metric: `${line.kind}ImportCpu`, value: line.cpuMs, unit: 'ms' });
  const parse = line.parseDatasetCpuMs ?? line.parseDatasetMs;
  if (typeof parse === 'number') out.push({ ...base, metric: `${line.kind}ParseDataset`, value: parse, unit: 'ms' });
  if (typeof line.maxRssMB === 'number') out.push({ ...base, metric: `${line.kind}MaxRss`, value: line.maxRssMB, unit: 'MB' });
  return out;
}

// Figures from bench/storyline.mjs: its JSON lines ({ workload: 'storyline', size: '100x1000',
// library: 'entity-timeline' | 'naive', metric: 'layout' | 'crossings' | …, value, unit }), under
// the names results.json uses (size = events, 'naive order', layoutTime); else its console.table.
function storylineFigures(text) {
  const fromJson = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line.startsWith('{')) continue;
    let c;
    try {
      c = JSON.parse(line);
    } catch {
      continue;
    }
    if (c?.workload !== 'storyline' || typeof c.metric !== 'string') continue;
    const [actors, events] = String(c.size).split('x').map(Number);
    fromJson.push({
      workload: 'storyline',
      size: events || null,
      library: c.library === 'naive' ? 'naive order' : c.library,
      metric: c.metric === 'layout' ? 'layoutTime' : c.metric,
      value: c.value ?? null,
      unit: c.unit ?? null,
      ...(c.library === 'entity-timeline' && c.metric === 'layout' ? { note: `${actors} actors × ${events} events` } : {}),
    });
  }
  if (fromJson.length) return fromJson;
  const rows = text.split('\n').filter((l) => l.startsWith('│')).map((l) => l.split('│').slice(1, -1).map((c) => c.trim().replace(/^'|'$/g, '')));
  if (rows.length < 2) return [];
  const [header, ...data] = rows;
  const col = (row, name) => {
    const i = header.indexOf(name);
    return i < 0 ? undefined : row[i];
  };
  const out = [];
  for (const row of data) {
    const label = col(row, 'case') ?? '';
    const events = Number((/([\d,]+) events/.exec(label)?.[1] ?? '').replace(/,/g, '')) || null;
    let first = true;
    const add = (library, metric, column, unit) => {
      const raw = col(row, column);
      if (raw === undefined || raw === '' || Number.isNaN(Number(raw))) return;
      out.push({ workload: 'storyline', size: events, library, metric, value: Number(raw), unit, ...(first ? { note: label } : {}) });
      first = false;
    };
    add('entity-timeline', 'layoutTime', 'layout ms (median)', 'ms');
    add('naive order', 'layoutTime', 'naive ms', 'ms');
    add('entity-timeline', 'crossings', 'crossings', 'count');
    add('naive order', 'crossings', 'naive crossings', 'count');
    add('entity-timeline', 'wiggles', 'wiggles', 'count');
    add('naive order', 'wiggles', 'naive wiggles', 'count');
    add('entity-timeline', 'height', 'height', 'px');
    add('naive order', 'height', 'naive height', 'px');
  }
  return out;
}

/**
 * Runs a script another engineer owns (bench/storyline.mjs, bench/importers.mjs) as a child
 * process and reads its figures. Understood outputs, per stdout line: a case in the
 * results.json shape (`{ metric, value, … }`); bench/importers.mjs's `{ kind, rows, ms, … }`;
 * and, for storyline, bench/storyline.mjs's console.table.
 */
async function peerScript(file, workload, argv, limitMs = 5 * 60_000) {
  const path = join(ROOT, 'bench', file);
  if (!existsSync(path)) {
    push({ workload, size: null, library: 'entity-timeline', metric: 'available', value: null, unit: null, note: `bench/${file} does not exist yet` });
    log(`${workload}: bench/${file} does not exist yet`);
    return;
  }
  const normalise = (c) => ({
    workload: c.workload ?? workload,
    size: c.size ?? null,
    library: c.library ?? 'entity-timeline',
    metric: c.metric,
    value: c.value ?? null,
    unit: c.unit ?? null,
    ...(c.note ? { note: c.note } : {}),
  });
  try {
    const { code, out, err } = await new Promise((done, fail) => {
      const child = spawn(process.execPath, [path, ...argv], { cwd: ROOT });
      let out = '';
      let err = '';
      const timer = setTimeout(() => child.kill('SIGTERM'), limitMs);
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('error', fail);
      child.on('close', (code) => {
        clearTimeout(timer);
        done({ code, out, err });
      });
    });
    const found = [];
    for (const line of workload === 'storyline' ? [] : out.split('\n').map((l) => l.trim())) {
      if (!line.startsWith('{')) continue;
      let parsed;
      try {
        parsed = JSON.parse(line);
      } catch {
        continue;
      }
      if (parsed && typeof parsed.metric === 'string') found.push(normalise(parsed));
      else found.push(...importerFigures(parsed));
    }
    if (!found.length && workload === 'storyline') found.push(...storylineFigures(out));
    if (!found.length) {
      const why = (err.trim().split('\n').find((l) => /Error|error/.test(l)) ?? err.trim().split('\n')[0] ?? '').slice(0, 200);
      throw new Error(`bench/${file} exited with ${code} and no figures${why ? `: ${why}` : ''}`);
    }
    for (const c of found) push(c);
    log(`${workload}: ${found.length} figures from bench/${file}`);
  } catch (error) {
    push({ workload, size: null, library: 'entity-timeline', metric: 'error', value: null, unit: null, note: String(error?.message ?? error).split('\n')[0] });
    log(`${workload}: ${error?.message ?? error}`);
  }
}

/**
 * The `limits` group (issue 8): a canvas timeline of N events (1,000,000 by default; the first
 * of --sizes) in Chromium, phase by phase (bench/limits-browser.mjs); createNetwork of 100,000
 * actors (the network workload through its usual adapter, with a longer timeout); and in Node,
 * parseDataset of N events, renderToSVG and the CLI at that size (bench/limits-node.mjs).
 */
async function limitsGroup(baseUrl) {
  const n = explicitSizes?.[0] ?? preset.limits;
  const actors = explicitSizes?.[1] ?? preset.limitsActors;
  const phaseMs = Math.max(timeoutMs, 300_000);
  const record = (size, metric, value, unit, note) =>
    push({ workload: 'limits', size, library: 'entity-timeline', metric, value: value ?? null, unit, ...(note ? { note } : {}) });

  let t = Date.now();
  const timeline = await runLimitsTimeline({ baseUrl, n, seed, timeoutMs: phaseMs });
  const why = timeline.status === 'ok' ? undefined : `${timeline.status}: ${timeline.notes.join('; ')}`;
  const units = { parse: 'ms', firstPaint: 'ms', longestBlock: 'ms', heap: 'MB', domNodes: 'count', zoomMainThread: 'ms' };
  let first = true;
  for (const [key, unit] of Object.entries(units)) {
    const value = timeline.values[key];
    const metric = `timeline${key[0].toUpperCase()}${key.slice(1)}`;
    const note = value == null ? (why ?? timeline.notes.find((x) => x.startsWith(key)) ?? 'not measured') : first && timeline.notes.length ? timeline.notes.join('; ') : undefined;
    record(n, metric, value, unit, note);
    if (value != null) first = false;
  }
  log(`limits: canvas timeline of ${n} events: ${timeline.status} in ${((Date.now() - t) / 1000).toFixed(0)} s`, JSON.stringify(timeline.values), timeline.notes.join('; '));

  t = Date.now();
  const network = await runBrowserCase({ baseUrl, workload: 'network', lib: 'entity-timeline', n: actors, seed, timeoutMs: phaseMs });
  const netNote = network.notes.length ? network.notes.join('; ') : undefined;
  for (const [key, unit] of Object.entries({ firstPaint: 'ms', settled: 'ms', longestBlock: 'ms', heap: 'MB', domNodes: 'count' })) {
    const value = network.values[key];
    const metric = `network${key[0].toUpperCase()}${key.slice(1)}`;
    record(actors, metric, value, unit, value == null ? `${network.status}${netNote ? `: ${netNote}` : ''}` : key === 'firstPaint' ? netNote : undefined);
  }
  log(`limits: createNetwork of ${actors} actors: ${network.status} in ${((Date.now() - t) / 1000).toFixed(0)} s`, JSON.stringify(network.values), netNote ?? '');
}

async function main() {
  if (args.report) {
    // Only rewrite RESULTS.md from results.json (after editing report.mjs, say).
    const results = JSON.parse(readFileSync(args.out, 'utf8'));
    const mdPath = join(dirname(args.out), 'RESULTS.md');
    const md = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : '';
    const load = /Load average at start: ([\d., ]+?) \(/.exec(md)?.[1];
    const ranWith = /`npm run bench -- (.*?)`/.exec(md)?.[1];
    writeFileSync(mdPath, renderMarkdown(results, { args: ranWith, load }));
    return;
  }
  ensureBuilt();
  const load = loadavg().map((l) => l.toFixed(1)).join(', ');
  log(`load average ${load}; groups: ${only.join(', ')}`);
  const vendorDir = await buildVendor(ROOT, join(tmpdir(), 'entity-timeline-bench-vendor'));
  const needsBrowser = only.includes('timeline') || only.includes('network') || only.includes('limits');
  const chromium = await chromiumVersion();

  if (needsBrowser) {
    const server = await startBenchServer({ root: ROOT, vendorDir });
    try {
      if (only.includes('timeline')) await browserGroup('timeline', server.url);
      if (only.includes('network')) await browserGroup('network', server.url);
      if (only.includes('limits')) await limitsGroup(server.url);
    } finally {
      await server.close();
    }
  }
  if (only.includes('storyline')) await peerScript('storyline.mjs', 'storyline', []);
  // Linked views (timeline + network + storyline, window moves): part of the storyline group.
  if (only.includes('storyline')) await peerScript('linked.mjs', 'linked', args.quick ? ['--quick'] : []);
  if (only.includes('node')) {
    cases.push(...(await runNodeCases({ root: ROOT, renderSizes: explicitSizes ?? preset.render, seed })));
    log('node: import time and renderToSVG done');
    await peerScript('importers.mjs', 'importers', [String(explicitSizes?.[0] ?? preset.importRows)]);
  }
  if (only.includes('limits')) await peerScript('limits-node.mjs', 'limits', [String(explicitSizes?.[0] ?? preset.limits)], 20 * 60_000);
  if (only.includes('bundle')) {
    cases.push(...(await runBundleCases({ root: ROOT, vendorDir })));
    log('bundle: sizes done');
  }

  // Keep earlier figures for cases this run did not touch, so partial runs add up.
  const ran = new Set(cases.map((c) => `${c.workload}|${c.size}|${c.library}|${c.metric}`));
  let previous = [];
  if (existsSync(args.out)) {
    try {
      previous = JSON.parse(readFileSync(args.out, 'utf8')).cases ?? [];
    } catch {
      previous = [];
    }
  }
  const ranWorkloads = new Set(cases.map((c) => c.workload));
  const kept = previous.filter((c) => !ran.has(`${c.workload}|${c.size}|${c.library}|${c.metric}`) && !(ranWorkloads.has(c.workload) && c.metric === 'available'));
  const order = ['timeline', 'network', 'storyline', 'linked', 'node', 'importers', 'bundle', 'limits'];
  const all = [...kept, ...cases].sort(
    (a, b) => order.indexOf(a.workload) - order.indexOf(b.workload) || (a.size ?? 0) - (b.size ?? 0) || a.library.localeCompare(b.library),
  );

  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const rev = gitRevision();
  const results = {
    date: new Date().toISOString(),
    machine: {
      cores: cpus().length,
      memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
      cpu: cpus()[0]?.model ?? 'unknown',
      chromium,
      node: process.version,
    },
    versions: {
      'entity-timeline': `${pkg.version}${rev ? ` (${rev}+working tree)` : ''}`,
      ...Object.fromEntries(
        ['vis-timeline', 'vis-data', 'timelines-chart', 'vis-network', 'cytoscape', 'sigma', 'graphology', 'graphology-layout-forceatlas2', 'd3-force', 'd3-selection', 'playwright-core', 'esbuild'].map(
          (p) => [p, versionOf(p)],
        ),
      ),
    },
    cases: all,
  };
  writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
  const argv = process.argv.slice(2).join(' ');
  writeFileSync(join(dirname(args.out), 'RESULTS.md'), renderMarkdown(results, { args: argv, load }));
  log(`wrote ${args.out} and RESULTS.md`);
  for (const t of evaluateTargets(all)) log(`${t.status.padEnd(12)} ${t.target}: ${t.detail}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
