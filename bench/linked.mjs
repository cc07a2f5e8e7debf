// Linked-view update cost: a timeline, an actor network and a storyline linked with linkViews,
// in headless Chromium; the shared time window is moved 30 times with link.setState({ window })
// and the main-thread time of each update is measured. Issue target: every view redrawn in
// under 16 ms per move for the seed dataset, under 50 ms for 10,000 events.
//
//   npx rollup -c && node bench/linked.mjs
//   node bench/linked.mjs --quick                      # the seed dataset only
//   ET_BUNDLE=/path/to/entity-timeline.min.js node bench/linked.mjs
//
// Measurements (the same harness approach as bench/browser.mjs: one fresh Chromium per case):
// - updateMainThread: CDP Performance.getMetrics TaskDuration over 30 window moves (each
//   followed by a double requestAnimationFrame, so style, layout and paint are included),
//   minus the same 30 double-rAF waits without a move, divided by 30.
// - updateSync: median time of the link.setState call itself (every view's setState: layout
//   and DOM joins), from performance.now() in the page.
// - updateFrame: median time from the call to the second animation frame after it.
// - <view>SetState: median time of one view's own setState for the same window moves, to find
//   the bottleneck (with its layout read afterwards, which makes a view that defers its drawing
//   to the next frame do it at once, so the figure includes it).
// - <view>InLink: median time of that view's setState inside the linked updates above (the same
//   calls updateSync times, taken apart); updateSync minus their sum is the linker's own cost.
// A view may take the state in setState and draw in the next animation frame (the storyline
// does for a window), so updateSync and the setState figures can understate a view's work;
// updateMainThread and updateFrame count it wherever it runs, and the target is judged on
// updateMainThread.
// The reader is emulated as preferring reduced motion, so each move redraws at once, as it does
// under a dragged brush; with transitions the same work is spread over the following frames.
//
// Prints a table and, per case and figure, a JSON line
// {"workload":"linked","size":12,"library":"entity-timeline","metric":"updateMainThread","value":…,"unit":"ms"}.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
import { mulberry32 } from './workloads.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = process.env.ET_BUNDLE ?? join(ROOT, 'dist/entity-timeline.min.js');
const STEPS = 30;
const quick = process.argv.includes('--quick');

/**
 * A seeded dataset of `eventCount` events in the JSON input format: `actorCount` actors in
 * communities (a state and its officials), most events within one community, days over five
 * years, a tenth of them at month precision (the structure of bench/storyline.mjs's data).
 */
function syntheticInput(actorCount, eventCount, seed) {
  const random = mulberry32(seed);
  const communities = Math.max(2, Math.round(actorCount / 8));
  const actors = Array.from({ length: actorCount }, (_, i) => ({
    id: `a${i}`,
    name: `Actor ${i}`,
    kind: i < communities ? 'state' : 'person',
    ...(i >= communities ? { affiliations: [{ actor: `a${i % communities}` }] } : {}),
  }));
  const members = Array.from({ length: communities }, (_, c) => actors.filter((_, i) => i % communities === c).map((a) => a.id));
  const start = Date.UTC(2019, 0, 1);
  const days = 5 * 365;
  const events = [];
  for (let e = 0; e < eventCount; e++) {
    const size = 2 + Math.floor(random() * 3);
    const home = Math.floor(random() * communities);
    const ids = new Set();
    while (ids.size < size) {
      const pool = members[random() < 0.8 ? home : Math.floor(random() * communities)];
      ids.add(pool[Math.floor(random() * pool.length)]);
    }
    const date = new Date(start + Math.floor(random() * days) * 86_400_000).toISOString();
    events.push({ id: `e${e}`, title: `Event ${e}`, when: random() < 0.1 ? date.slice(0, 7) : date.slice(0, 10), participants: [...ids] });
  }
  return { title: `Linked-view benchmark, ${eventCount} events`, actors, events };
}

// Runs in the page: builds the three linked views and exposes the steps.
function setUpPage(input) {
  const et = window.EntityTimeline;
  const dataset = et.parseDataset(input);
  const box = (id, height) => {
    const el = document.createElement('div');
    el.id = id;
    el.style.cssText = `width: 1200px; height: ${height}px; position: relative;`;
    document.body.append(el);
    return el;
  };
  const timeline = et.createTimeline(box('timeline', 360), dataset, { width: 1200, height: 360 });
  const network = et.createNetwork(box('network', 480), dataset, { width: 1200, height: 480 });
  const storyline = et.createStoryline(box('storyline', 600), dataset, { width: 1200 });
  const views = { timeline, network, storyline };
  // Times each view's setState when the link calls it (wrapped before linking, so the link
  // calls the wrapper).
  const inLink = { timeline: [], network: [], storyline: [] };
  let recording = false;
  for (const [name, view] of Object.entries(views)) {
    const setState = view.setState.bind(view);
    view.setState = (next) => {
      const t0 = performance.now();
      setState(next);
      if (recording) inLink[name].push(performance.now() - t0);
    };
  }
  const link = et.linkViews([timeline, network, storyline]);
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of dataset.events) {
    lo = Math.min(lo, e.when.earliest);
    hi = Math.max(hi, e.when.latest);
  }
  // A window a quarter of the span wide, moved from the start to the end in equal steps.
  const width = (hi - lo) / 4;
  const windowAt = (i) => {
    const from = lo + ((hi - lo - width) * i) / (STEPS_IN_PAGE - 1);
    return [Math.round(from), Math.round(from + width)];
  };
  const raf2 = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  window.linked = {
    ready: Promise.race([network.ready ?? Promise.resolve(), new Promise((done) => setTimeout(done, 30_000))]),
    raf2,
    async step(i, record = false) {
      recording = record;
      const t0 = performance.now();
      link.setState({ window: windowAt(i) });
      const t1 = performance.now();
      recording = false;
      await raf2();
      return [t1 - t0, performance.now() - t0];
    },
    reset: () => link.setState({ window: null }),
    // One view's own setState, unlinked, for the same moves.
    viewCost(name) {
      const view = views[name];
      const times = [];
      for (let i = 0; i < STEPS_IN_PAGE; i++) {
        const next = et.patchViewState(view.getState(), { window: windowAt(i) });
        const t0 = performance.now();
        view.setState(next);
        // A view that defers its drawing to the next frame (the storyline) lays out and draws
        // when its layout is read: read it, so that this figure counts that work too.
        void view.layout;
        times.push(performance.now() - t0);
      }
      view.setState(et.patchViewState(view.getState(), { window: null }));
      return median(times);
    },
    median,
    inLink: () => Object.fromEntries(Object.entries(inLink).map(([name, list]) => [name, list.length ? median(list) : NaN])),
    counts: () => ({ events: dataset.events.length, actors: dataset.actors.length, slots: storyline.layout.slots.length }),
  };
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function runCase(label, input) {
  const dir = mkdtempSync(join(tmpdir(), 'et-linked-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    reducedMotion: 'reduce',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error.message).split('\n')[0]));
    await page.setContent('<!doctype html><html lang="en"><body style="margin:0"></body></html>');
    await page.addScriptTag({ path: BUNDLE });
    await page.evaluate(`window.STEPS_IN_PAGE = ${STEPS};`);
    await page.evaluate(`(${setUpPage.toString()})(${JSON.stringify(input)})`);
    await page.evaluate(() => window.linked.ready);
    const counts = await page.evaluate(() => window.linked.counts());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    // Warm up (first layouts compile code paths), then the idle baseline, then the moves.
    for (let i = 0; i < 3; i++) await page.evaluate((k) => window.linked.step(k), i);
    await page.evaluate(() => window.linked.reset());
    await page.evaluate(() => window.linked.raf2());
    let before = await metrics(cdp);
    for (let i = 0; i < STEPS; i++) await page.evaluate(() => window.linked.raf2());
    let after = await metrics(cdp);
    const idle = (after.TaskDuration - before.TaskDuration) / STEPS;
    const sync = [];
    const frame = [];
    before = await metrics(cdp);
    for (let i = 0; i < STEPS; i++) {
      const [s, f] = await page.evaluate((k) => window.linked.step(k, true), i);
      sync.push(s);
      frame.push(f);
    }
    after = await metrics(cdp);
    const perStep = (after.TaskDuration - before.TaskDuration) / STEPS;
    const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    const values = {
      updateMainThread: Math.max(0, perStep - idle) * 1000,
      updateSync: median(sync),
      updateFrame: median(frame),
    };
    for (const [view, value] of Object.entries(await page.evaluate(() => window.linked.inLink()))) values[`${view}InLink`] = value;
    await page.evaluate(() => window.linked.reset());
    for (const view of ['timeline', 'network', 'storyline']) {
      values[`${view}SetState`] = await page.evaluate((name) => window.linked.viewCost(name), view);
    }
    return { label, counts, values, errors };
  } finally {
    await context.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!existsSync(BUNDLE)) {
  console.error(`${BUNDLE} is missing: run npx rollup -c first (or set ET_BUNDLE).`);
  process.exit(1);
}
const seedInput = JSON.parse(readFileSync(join(ROOT, 'examples/data/korea-russia-2024.json'), 'utf8'));
const cases = [['seed dataset', seedInput, 16]];
if (!quick) cases.push(['10,000 events', syntheticInput(200, 10_000, 20240118), 50]);

const rows = [];
for (const [label, input, target] of cases) {
  const result = await runCase(label, input);
  const v = result.values;
  const size = result.counts.events;
  for (const [metric, value] of Object.entries(v)) {
    console.log(JSON.stringify({ workload: 'linked', size, library: 'entity-timeline', metric, value: Math.round(value * 100) / 100, unit: 'ms' }));
  }
  rows.push({
    case: `${label} (${result.counts.events} events, ${result.counts.actors} actors)`,
    'main thread ms/update': +v.updateMainThread.toFixed(1),
    'setState ms': +v.updateSync.toFixed(1),
    'to 2nd frame ms': +v.updateFrame.toFixed(1),
    'timeline ms': +v.timelineSetState.toFixed(1),
    'network ms': +v.networkSetState.toFixed(1),
    'storyline ms': +v.storylineSetState.toFixed(1),
    'in link: timeline/network/storyline ms': [v.timelineInLink, v.networkInLink, v.storylineInLink].map((x) => x.toFixed(1)).join(' / '),
    target: `< ${target} ms`,
    met: v.updateMainThread < target ? 'yes' : 'NO',
  });
  if (result.errors.length) console.error(`${label}: page errors: ${result.errors.join('; ')}`);
}
console.table(rows);
