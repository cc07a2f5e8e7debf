// Writes bench/RESULTS.md from the results object: one table per workload (a column per
// library, ratio columns entity-timeline ÷ peer), then the issue's targets and whether each
// is met.
const ET = 'entity-timeline';

const LABELS = {
  firstPaint: 'first paint',
  zoomMainThread: 'main thread per zoom/pan step',
  heap: 'JS heap after GC',
  domNodes: 'DOM elements',
  longestBlock: 'longest main-thread task',
  settled: 'layout settled',
  importTime: 'import dist/index.js',
  renderToSVG: 'renderToSVG',
  svgSize: 'SVG text',
  browserBundleGzip: 'browser bundle, gzip',
  timelineOnlyGzip: 'timeline-only ESM, gzip',
  // The limits group (bench/limits-browser.mjs, bench/limits-node.mjs).
  timelineParse: 'canvas timeline: parseDataset in the page',
  timelineFirstPaint: 'canvas timeline: first paint (after parsing)',
  timelineLongestBlock: 'canvas timeline: longest task to first paint',
  timelineHeap: 'canvas timeline: JS heap after GC (dataset + view)',
  timelineDomNodes: 'canvas timeline: DOM elements',
  timelineZoomMainThread: 'canvas timeline: main thread per zoom/pan step',
  networkFirstPaint: 'createNetwork: first paint',
  networkSettled: 'createNetwork: layout settled',
  networkLongestBlock: 'createNetwork: longest main-thread task',
  networkHeap: 'createNetwork: JS heap after GC',
  networkDomNodes: 'createNetwork: DOM elements',
  inputSize: 'JSON input file',
  nodeParse: 'Node: parseDataset (wall)',
  nodeParseCpu: 'Node: parseDataset (CPU)',
  nodeParseMaxRss: 'Node: peak RSS while parsing',
  nodeDatasetHeap: 'Node: heap after GC (text + dataset)',
  svgTimeline: 'renderToSVG timeline (default budget)',
  svgTimelineMonth: 'renderToSVG timeline, one month (--from/--to)',
  svgTimelineMonthSize: 'SVG text of that month',
  svgNetwork: 'renderToSVG network (default budget)',
  cliRender: 'CLI render, as is',
  cliRenderMaxSize: 'CLI render --max-size raised',
  cliRenderMonth: 'CLI render --max-size raised, one month',
};

function fmt(value, unit) {
  if (value === null || value === undefined) return '—';
  if (unit === 'bytes') return value >= 1e6 ? `${(value / 1e6).toFixed(1)} MB` : value >= 1000 ? `${(value / 1000).toFixed(1)} kB` : `${value} B`;
  if (unit === 'ms') return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  if (Number.isInteger(value)) return String(value);
  return `${Number(value.toPrecision(4))}${unit && unit !== 'count' ? ` ${unit}` : ''}`;
}

function cellOf(c) {
  if (!c) return '';
  if (c.value === null || c.value === undefined) return c.note?.startsWith('timeout') ? 'timeout' : c.note ? `n/a¹` : '—';
  return fmt(c.value, c.unit);
}

const sizeLabel = (s) => (s === null || s === undefined ? '' : s >= 1e6 ? `${s / 1e6}M` : s >= 1000 ? `${s / 1000}k` : String(s));

function table(cases, workload) {
  const rows = cases.filter((c) => c.workload === workload);
  if (!rows.length) return '';
  const libs = [...new Set(rows.map((c) => c.library))].sort((a, b) => (a === ET ? -1 : b === ET ? 1 : a.localeCompare(b)));
  const peers = libs.filter((l) => l !== ET);
  const keys = [];
  for (const c of rows) {
    const key = `${c.size}|${c.metric}`;
    if (!keys.includes(key)) keys.push(key);
  }
  keys.sort((a, b) => {
    const [sa, ma] = a.split('|');
    const [sb, mb] = b.split('|');
    // The limits table reads as a story (input, parse, draw, zoom…): the order of LABELS.
    const rank = (m) => (workload === 'limits' && m in LABELS ? Object.keys(LABELS).indexOf(m) : 0);
    return (Number(sa) || 0) - (Number(sb) || 0) || rank(ma) - rank(mb) || ma.localeCompare(mb);
  });
  const find = (lib, key) => rows.find((c) => c.library === lib && `${c.size}|${c.metric}` === key);
  const hasEt = libs.includes(ET);
  const header = ['size', 'metric', ...libs, ...(hasEt ? peers.map((p) => `ET ÷ ${p}`) : [])];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const key of keys) {
    const [size, metric] = key.split('|');
    const cells = libs.map((l) => cellOf(find(l, key)));
    const ratios = hasEt
      ? peers.map((p) => {
          const e = find(ET, key);
          const q = find(p, key);
          return e?.value != null && q?.value ? `${(e.value / q.value).toFixed(2)}×` : '';
        })
      : [];
    lines.push(`| ${sizeLabel(size === 'null' ? null : Number(size))} | ${LABELS[metric] ?? metric} | ${[...cells, ...ratios].join(' | ')} |`);
  }
  // One line per distinct note, naming the cells it applies to.
  const byNote = new Map();
  for (const c of rows) {
    if (!c.note) continue;
    // A note with a figure names the figure; one without (timeouts, skips) covers the case.
    const where = `${c.library}${c.size != null ? ` ${sizeLabel(c.size)}` : ''}${c.value != null && (c.workload === 'bundle' || c.workload === 'limits') ? ` ${LABELS[c.metric] ?? c.metric}` : ''}`;
    const list = byNote.get(c.note) ?? [];
    if (!list.includes(where)) list.push(where);
    byNote.set(c.note, list);
  }
  const noteLines = [...byNote].map(([note, where]) => `${where.join(', ')}: ${note}`);
  return `${lines.join('\n')}\n${noteLines.length ? `\nNotes (¹ = no figure, see here):\n${noteLines.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
}

/** The issue's targets, each `{ target, status: 'met'|'not met'|'not measured', detail }`. */
export function evaluateTargets(cases) {
  const get = (workload, size, library, metric) =>
    cases.find((c) => c.workload === workload && c.size === size && c.library === library && c.metric === metric);
  const out = [];
  const fastestPeer = (workload, size, metric) => {
    const peers = cases.filter((c) => c.workload === workload && c.size === size && c.metric === metric && c.library !== ET && c.value != null);
    return peers.reduce((best, c) => (!best || c.value < best.value ? c : best), null);
  };
  const ratioTarget = (label, workload, size, metric, factor) => {
    const e = get(workload, size, ET, metric);
    const peer = fastestPeer(workload, size, metric);
    if (!e || e.value == null || !peer) {
      out.push({ target: label, status: 'not measured', detail: !e || e.value == null ? `entity-timeline: ${e?.note ?? 'not run'}` : 'no peer finished' });
      return;
    }
    const limit = factor * peer.value;
    out.push({
      target: label,
      status: e.value <= limit ? 'met' : 'not met',
      detail: `${fmt(e.value, e.unit)} vs ${factor}× ${peer.library} (${fmt(peer.value, peer.unit)}) = ${fmt(limit, e.unit)}`,
    });
  };
  const absTarget = (label, workload, size, metric, limit, strict = false) => {
    const e = get(workload, size, ET, metric);
    if (!e || e.value == null) {
      out.push({ target: label, status: 'not measured', detail: `entity-timeline: ${e?.note ?? 'not run'}` });
      return;
    }
    const ok = strict ? e.value < limit : e.value <= limit;
    out.push({ target: label, status: ok ? 'met' : 'not met', detail: `${fmt(e.value, e.unit)} (limit ${fmt(limit, e.unit)})` });
  };
  ratioTarget('Timeline first paint at 1k ≤ 0.2× the fastest timeline peer', 'timeline', 1000, 'firstPaint', 0.2);
  ratioTarget('Timeline first paint at 10k ≤ 0.2× the fastest timeline peer', 'timeline', 10000, 'firstPaint', 0.2);
  absTarget('Zoom/pan main thread at 10k ≤ 8 ms per step', 'timeline', 10000, 'zoomMainThread', 8);
  absTarget('Zoom/pan main thread at 100k ≤ 16 ms per step', 'timeline', 100000, 'zoomMainThread', 16);
  ratioTarget('Network settled at 1k ≤ 0.5× the fastest peer that finishes', 'network', 1000, 'settled', 0.5);
  ratioTarget('Network settled at 5k ≤ 0.5× the fastest peer that finishes', 'network', 5000, 'settled', 0.5);
  for (const size of [...new Set(cases.filter((c) => c.workload === 'network').map((c) => c.size))].sort((a, b) => a - b)) {
    absTarget(`Network longest main-thread task at ${sizeLabel(size)} ≤ 50 ms`, 'network', size, 'longestBlock', 50);
  }
  {
    const best = get('storyline', 1000, ET, 'crossings');
    const naive = get('storyline', 1000, 'naive order', 'crossings');
    const ms = get('storyline', 1000, ET, 'layoutTime');
    const label = 'Storyline 100 actors × 1,000 events: layout < 1 s and ≥ 50% fewer crossings than the naive order';
    if (best?.value == null || naive?.value == null || ms?.value == null) out.push({ target: label, status: 'not measured', detail: 'bench/storyline.mjs gave no figures' });
    else {
      const saved = naive.value ? 1 - best.value / naive.value : 0;
      out.push({ target: label, status: ms.value < 1000 && saved >= 0.5 ? 'met' : 'not met', detail: `${fmt(ms.value, 'ms')}, ${Math.round(saved * 100)}% fewer crossings` });
    }
  }
  absTarget('Browser bundle ≤ 78 kB gzip (0.5× vis-timeline)', 'bundle', null, 'browserBundleGzip', 78_000);
  absTarget('Timeline-only ESM < 44 kB gzip (timelines-chart)', 'bundle', null, 'timelineOnlyGzip', 44_000, true);
  return out;
}

/** The whole RESULTS.md text. */
export function renderMarkdown(results, extra = {}) {
  const m = results.machine;
  const parts = [
    '# Benchmark results',
    '',
    `Run ${results.date} with \`npm run bench${extra.args ? ` -- ${extra.args}` : ''}\` on ${m.cores} cores (${m.cpu}), ${m.memory}, ${m.chromium}, Node ${m.node}.` +
      (extra.load ? ` Load average at start: ${extra.load} (the machine is shared; treat timings as indicative).` : ''),
    '',
    'Versions: ' + Object.entries(results.versions).map(([k, v]) => `${k} ${v}`).join(', ') + '.',
    '',
    'Method: one fresh headless Chromium per case; seeded workloads from bench/workloads.mjs (timeline: N events, 70% points, 30% intervals over ten years, N/50 actors, one lane per actor; network: N actors, 3N relations). ' +
      'First paint = performance.now() before the create call to the second animation frame after the chart is drawn. Zoom = CDP TaskDuration over 30 steps (10 wheel zoom-in, 10 drag pans, 10 wheel zoom-out; API zoom where a library has no wheel zoom) minus an idle baseline, per step. ' +
      'Heap = JSHeapUsedSize after forced GC (includes the workload data, the same for every library). Longest task = longest RunTask in a CDP trace from the create call to settle. A case that does not finish in 60 s is a timeout; larger sizes of that library are then skipped. ET ÷ peer < 1 means entity-timeline is smaller/faster.',
    '',
  ];
  const titles = { timeline: 'Timeline', network: 'Network', storyline: 'Storyline', linked: 'Linked views', node: 'Node', importers: 'Importers', bundle: 'Bundle size', limits: 'Limits (`--only limits`, not in the default run)' };
  const intros = {
    limits:
      'Issue 8: what a million events and 100,000 actors cost (docs/limits.md). Canvas timeline: the timeline workload (N events, N/50 actors) in one fresh Chromium, ' +
      'parseDataset timed apart from createTimeline(…, { renderer: \'canvas\' }); zoom = 12 steps (4 wheel zoom-in, 4 drag pans, 4 wheel zoom-out). ' +
      'createNetwork: the network workload (N actors, 3N relations) through the network group\'s adapter, with a 5-minute limit. ' +
      'Node: the same timeline workload as a JSON file, parsed in a fresh process; renderToSVG and the CLI with their default budgets (100,000 events, 10,000 actors).',
  };
  const workloads = [...new Set(results.cases.map((c) => c.workload))];
  for (const w of workloads) {
    parts.push(`## ${titles[w] ?? w}`, '', ...(intros[w] ? [intros[w], ''] : []), table(results.cases, w));
  }
  const targets = evaluateTargets(results.cases);
  parts.push('## Targets (issue 9)', '', '| target | status | detail |', '| --- | --- | --- |');
  for (const t of targets) parts.push(`| ${t.target} | ${t.status === 'met' ? '✅ met' : t.status === 'not met' ? '❌ not met' : '— not measured'} | ${t.detail} |`);
  parts.push('');
  return parts.join('\n');
}
