// The in-page half of the benchmark. It builds the workload, loads one library through its
// adapter (bench/adapters/<workload>/<lib>.mjs) and exposes `window.bench` for the runner:
//
//   await bench.ready                 → { ok } | { unavailable } | { error }
//   await bench.start()               → { firstPaint }  (ms from just before the create call to
//                                       the second animation frame after the chart is drawn)
//   await bench.settled()             → ms from the same start to the layout's settle event
//   await bench.zoomStep(i)           → for adapters that zoom through their API (zoom: 'api')
//   bench.visibleWindow()             → [from, to] when the adapter can tell (checks zooms)
//   bench.longTasks()                 → PerformanceObserver 'longtask' entries since start
//   bench.domNodes()                  → elements the library added to the document
//
// Math.random is replaced with a seeded generator before any library loads, so peers that
// place nodes randomly (vis-network, cytoscape's cose) start from the same positions each run.
import { mulberry32, timelineWorkload, networkWorkload } from '/bench/workloads.mjs';

const params = new URLSearchParams(location.search);
const kind = params.get('workload');
const lib = params.get('lib');
const n = Number(params.get('n'));
const seed = Number(params.get('seed') ?? 1);

Math.random = mulberry32(seed);

const longTasks = [];
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // No Long Tasks API: the runner still has the trace.
}

const raf2 = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}

function loadStyle(href) {
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.onload = () => resolve();
    link.onerror = () => reject(new Error(`cannot load ${href}`));
    document.head.append(link);
  });
}

let adapter;
let native;
let workload;
let handle;
let t0 = 0;
let baselineNodes = 0;
let settledAt = null;
let settleWaiters = [];
let quietAt = null;
const container = document.getElementById('chart');

// Adapters call this when the library says its layout stopped.
function onSettled() {
  if (settledAt !== null) return;
  settledAt = quietAt ?? performance.now();
  performance.mark('bench:settled');
  for (const resolve of settleWaiters) resolve(settledAt - t0);
  settleWaiters = [];
}

// Fallback settle signal: no DOM mutation in the container for `quiet` ms. `then` is called
// with nothing; the settle time is the last mutation, not the end of the quiet period.
function settleOnQuiet(quiet = 500, then = onSettled) {
  let last = performance.now();
  const observer = new MutationObserver(() => {
    last = performance.now();
  });
  observer.observe(container, { subtree: true, childList: true, attributes: true, characterData: true });
  const check = () => {
    if (settledAt !== null) return observer.disconnect();
    if (performance.now() - last >= quiet) {
      observer.disconnect();
      quietAt = last;
      then();
    } else setTimeout(check, 50);
  };
  setTimeout(check, quiet);
}

async function init() {
  adapter = await import(`/bench/adapters/${kind}/${lib}.mjs`);
  for (const href of adapter.styles ?? []) await loadStyle(href);
  for (const src of adapter.scripts ?? []) await loadScript(src);
  const reason = adapter.unavailable?.();
  if (reason) return { unavailable: reason };
  workload = kind === 'timeline' ? timelineWorkload(n, seed) : networkWorkload(n, seed);
  native = adapter.prepare(workload);
  baselineNodes = document.getElementsByTagName('*').length;
  return { ok: true, zoom: adapter.zoom ?? 'wheel' };
}

const ready = init().catch((error) => ({ error: String(error?.stack ?? error) }));

window.bench = {
  ready,
  async start() {
    performance.mark('bench:start');
    t0 = performance.now();
    handle = await adapter.create(container, native, { onSettled, settleOnQuiet, workload });
    if (adapter.drawn) await adapter.drawn(handle);
    await raf2();
    const firstPaint = performance.now() - t0;
    performance.mark('bench:firstPaint');
    return { firstPaint };
  },
  settled() {
    if (settledAt !== null) return Promise.resolve(settledAt - t0);
    return new Promise((resolve) => settleWaiters.push(resolve));
  },
  async zoomStep(i) {
    await adapter.zoomStep(handle, i, workload);
  },
  visibleWindow() {
    return adapter.visibleWindow ? adapter.visibleWindow(handle) : null;
  },
  longTasks() {
    return longTasks.filter((task) => task.start + task.duration >= t0);
  },
  domNodes() {
    return document.getElementsByTagName('*').length - baselineNodes;
  },
  notes() {
    return [...(adapter?.notes ?? [])];
  },
  raf2,
};
