#!/usr/bin/env node
// The Node half of the `limits` group (run by bench/run.mjs as a child process; prints one
// JSON line per figure in the results.json shape). N events (1,000,000 by default) of the
// timeline workload, written as a JSON file, then:
//
// - parse: a fresh process reads the file and runs parseDataset on the text: wall and CPU
//   time, peak RSS of that process (maxRSS after parsing), heap after GC.
// - renderToSVG in the same process: the default timeline (refused over the event budget:
//   time to refuse), a one-month window (drawn: time and SVG size) and the network view.
// - the CLI (dist/cli.js render): as is (refused by --max-size), with --max-size raised
//   (refused by the event budget after parsing) and with --from/--to (drawn).
//
//   node bench/limits-node.mjs [events]            e.g. 100000 for a quick look
//   node bench/limits-node.mjs --child <file>      (internal) the measuring process
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { timelineDatasetInput, timelineWorkload, DEFAULT_SEED } from './workloads.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WINDOW = { from: '2020-01', to: '2020-01' };

function emit(size, metric, value, unit, note) {
  console.log(JSON.stringify({ workload: 'limits', size, library: 'entity-timeline', metric, value, unit, ...(note ? { note } : {}) }));
}

async function child(file, n) {
  const lib = await import(pathToFileURL(join(ROOT, 'dist/index.js')).href);
  const text = readFileSync(file, 'utf8');
  globalThis.gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const dataset = lib.parseDataset(text);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const maxRss = process.resourceUsage().maxRSS / 1024;
  globalThis.gc?.();
  const heap = process.memoryUsage().heapUsed / 1e6;
  emit(n, 'nodeParse', wall, 'ms', `parseDataset of the ${(text.length / 1e6).toFixed(0)} MB JSON text`);
  emit(n, 'nodeParseCpu', (cpu.user + cpu.system) / 1000, 'ms');
  emit(n, 'nodeParseMaxRss', maxRss, 'MB', 'peak RSS of the process: the text, the parsed JSON and the dataset');
  emit(n, 'nodeDatasetHeap', heap, 'MB', 'heap after GC holding the text and the dataset');

  const attempt = (metric, options) => {
    const t = performance.now();
    try {
      const svg = lib.renderToSVG(dataset, options);
      emit(n, metric, performance.now() - t, 'ms', `drawn: ${(svg.length / 1e6).toFixed(1)} MB of SVG`);
      return svg.length;
    } catch (error) {
      const refused = error?.name === 'RenderLimitError';
      emit(n, metric, performance.now() - t, 'ms', `${refused ? 'refused' : 'error'}: ${String(error?.message ?? error).split('. ')[0]}`);
      return null;
    }
  };
  attempt('svgTimeline', { view: 'timeline', width: 1200 });
  const bytes = attempt('svgTimelineMonth', { view: 'timeline', width: 1200, ...WINDOW });
  if (bytes !== null) emit(n, 'svgTimelineMonthSize', bytes, 'bytes', `${dataset.eventsBetween(Date.UTC(2020, 0, 1), Date.UTC(2020, 1, 1) - 1).length} events in ${WINDOW.from}`);
  attempt('svgNetwork', { view: 'network', width: 1200, height: 900 });
}

function runNode(args, timeoutMs) {
  return new Promise((done) => {
    const t = performance.now();
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 1 << 30, timeout: timeoutMs }, (error, stdout, stderr) => {
      done({ ms: performance.now() - t, code: error ? (error.code ?? error.signal) : 0, stdout, stderr });
    });
  });
}

async function main() {
  const n = Number(process.argv[2] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'et-limits-'));
  try {
    const file = join(dir, `timeline-${n}.json`);
    writeFileSync(file, JSON.stringify(timelineDatasetInput(timelineWorkload(n, DEFAULT_SEED))));
    const size = statSync(file).size;
    emit(n, 'inputSize', size, 'bytes', `${n.toLocaleString('en')} events, ${Math.round(n / 50).toLocaleString('en')} actors`);

    const measured = await runNode(['--expose-gc', '--max-old-space-size=8192', fileURLToPath(import.meta.url), '--child', file, String(n)], 10 * 60_000);
    process.stdout.write(measured.stdout);
    if (measured.code !== 0) emit(n, 'nodeParse', null, 'ms', `error: exit ${measured.code}: ${measured.stderr.trim().split('\n').at(-1) ?? ''}`);

    const cli = join(ROOT, 'dist/cli.js');
    const mb = Math.ceil(size / 2 ** 20) + 1;
    const cases = [
      ['cliRender', [cli, 'render', file, '-o', join(dir, 'a.svg')]],
      ['cliRenderMaxSize', [cli, 'render', file, '--max-size', String(mb), '-o', join(dir, 'b.svg')]],
      ['cliRenderMonth', [cli, 'render', file, '--max-size', String(mb), '--from', WINDOW.from, '--to', WINDOW.to, '-o', join(dir, 'c.svg')]],
    ];
    for (const [metric, args] of cases) {
      // As a user runs it: Node's default heap limit.
      const r = await runNode(args, 10 * 60_000);
      const said = r.stderr.trim().split('\n').filter((l) => !/^\S+: \$|events\[/.test(l)).at(-1) ?? '';
      emit(n, metric, r.ms, 'ms', `exit ${r.code}: ${said.replace(dir, '<tmp>').slice(0, 300)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], Number(process.argv[4]));
else await main();
