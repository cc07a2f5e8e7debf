// The in-page half of the `limits` group: a canvas timeline of N events (1,000,000 by default),
// with parsing and drawing timed apart so the figures say where the time goes. Exposes
// `window.limits` for bench/limits-browser.mjs:
//
//   await limits.ready        → { ok, bytes } | { unavailable } | { error }   (workload built, untimed)
//   limits.parse()            → ms of parseDataset(input); the input is then released, so the
//                               heap measured later is the dataset and the view only
//   await limits.draw()       → ms from just before createTimeline to the second animation frame
//   limits.visibleWindow()    → [from, to] of the view (to check that zoom steps moved it)
//   limits.domNodes()         → elements the view added
//   await limits.raf2()
import { mulberry32, timelineDatasetInput, timelineWorkload } from '/bench/workloads.mjs';

const params = new URLSearchParams(location.search);
const n = Number(params.get('n'));
const seed = Number(params.get('seed') ?? 1);
Math.random = mulberry32(seed);

const OPTIONS = { width: 1200, height: 800, renderer: 'canvas' };
const container = document.getElementById('chart');
const raf2 = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

let input = null;
let dataset = null;
let view = null;
let baselineNodes = 0;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}

async function init() {
  await loadScript('/dist/entity-timeline.min.js');
  const et = window.EntityTimeline;
  if (!et || typeof et.parseDataset !== 'function' || typeof et.createTimeline !== 'function') {
    return { unavailable: 'dist/entity-timeline.min.js has no parseDataset/createTimeline' };
  }
  input = timelineDatasetInput(timelineWorkload(n, seed));
  baselineNodes = document.getElementsByTagName('*').length;
  return { ok: true };
}

const ready = init().catch((error) => ({ error: String(error?.stack ?? error) }));

window.limits = {
  ready,
  parse() {
    const t = performance.now();
    dataset = window.EntityTimeline.parseDataset(input);
    const ms = performance.now() - t;
    input = null;
    return ms;
  },
  async draw() {
    performance.mark('bench:start');
    const t = performance.now();
    view = window.EntityTimeline.createTimeline(container, dataset, OPTIONS);
    await raf2();
    const ms = performance.now() - t;
    performance.mark('bench:firstPaint');
    return ms;
  },
  renderer() {
    return view?.renderer ?? null;
  },
  visibleWindow() {
    const w = view?.getState?.()?.window;
    if (!w) return null;
    return Array.isArray(w) ? [+w[0], +w[1]] : [+(w.from ?? w.start), +(w.to ?? w.end)];
  },
  domNodes() {
    return document.getElementsByTagName('*').length - baselineNodes;
  },
  raf2,
};
