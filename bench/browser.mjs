// The Node half of the browser benchmarks: one fresh Chromium (a persistent context in a new
// temporary profile) per case, so no case inherits another's heap, caches or compiled code.
//
// Measurements, all from the page's own renderer:
// - firstPaint: from the page (performance.now() before the create call → second animation
//   frame after the chart is drawn), see bench/harness.mjs.
// - settled: from the page, up to the library's settle event (network).
// - longestBlock: the longest main-thread task between `bench:start` and the settle mark (or
//   first paint), from a CDP trace of the renderer's RunTask events; the page's 'longtask'
//   observer is a cross-check (it only sees tasks over 50 ms).
// - zoomMainThread: CDP Performance.getMetrics TaskDuration over 30 zoom/pan steps, minus the
//   same 30 double-rAF waits without input, divided by 30.
// - heap: JSHeapUsedSize after HeapProfiler.collectGarbage (CDP Performance.getMetrics).
// - domNodes: elements the library added to the document.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
  // sigma.js draws with WebGL; with the GPU disabled Chromium only offers WebGL through
  // SwiftShader when this is given.
  '--enable-unsafe-swiftshader',
];
const ZOOM_STEPS = 30;

class Timeout extends Error {}

function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Timeout(`${what}: no result after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function launch() {
  const dir = mkdtempSync(join(tmpdir(), 'et-bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return { context, dir };
}

async function shutdown({ context, dir }) {
  // A renderer stuck in a long synchronous layout must not hold the run up.
  await within(context.close(), 15_000, 'closing Chromium').catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}

/** The Chromium product string ("Chrome/156.0…"), from a throwaway browser. */
export async function chromiumVersion() {
  const session = await launch();
  try {
    const page = session.context.pages()[0] ?? (await session.context.newPage());
    const cdp = await session.context.newCDPSession(page);
    const { product } = await cdp.send('Browser.getVersion');
    return product;
  } finally {
    await shutdown(session);
  }
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function startTrace(cdp) {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      recordMode: 'recordAsMuchAsPossible',
      includedCategories: ['toplevel', 'blink.user_timing', '__metadata'],
      excludedCategories: ['*'],
    },
  });
}

async function endTrace(cdp) {
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  const chunks = [];
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    chunks.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
    if (eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(chunks.join(''));
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/**
 * The longest RunTask on the page's main thread between the marks `from` and `to` (names of
 * performance.mark calls), in ms; null when the marks are missing from the trace.
 */
export function longestTask(events, from, to) {
  const mark = (name) => events.find((e) => e.name === name && e.cat?.includes('blink.user_timing'));
  const start = mark(from);
  const end = mark(to);
  if (!start || !end) return null;
  let longest = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.pid !== start.pid || e.tid !== start.tid) continue;
    if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') continue;
    if (e.ts + (e.dur ?? 0) < start.ts || e.ts > end.ts) continue;
    longest = Math.max(longest, (e.dur ?? 0) / 1000);
  }
  return longest;
}

async function zoomSteps(page, cdp, mode) {
  const box = await page.locator('#chart').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  const raf2 = () => page.evaluate(() => window.bench.raf2());

  // The cost of the harness itself: the same 30 round trips with no input.
  let before = await metrics(cdp);
  for (let i = 0; i < ZOOM_STEPS; i++) await raf2();
  let after = await metrics(cdp);
  const idle = (after.TaskDuration - before.TaskDuration) / ZOOM_STEPS;

  const windowBefore = await page.evaluate(() => window.bench.visibleWindow());
  before = await metrics(cdp);
  for (let i = 0; i < ZOOM_STEPS; i++) {
    if (mode === 'api') {
      await page.evaluate((step) => window.bench.zoomStep(step), i);
    } else if (i < 10 || i >= 20) {
      await page.mouse.wheel(0, i < 10 ? -100 : 100);
    } else {
      await page.mouse.down();
      await page.mouse.move(cx - 60, cy, { steps: 3 });
      await page.mouse.up();
      await page.mouse.move(cx, cy);
    }
    await raf2();
  }
  after = await metrics(cdp);
  const windowAfterZoom = await page.evaluate(() => window.bench.visibleWindow());
  const perStep = (after.TaskDuration - before.TaskDuration) / ZOOM_STEPS;
  return {
    ms: Math.max(0, perStep - idle) * 1000,
    idleMs: idle * 1000,
    moved: windowBefore && windowAfterZoom ? windowBefore[0] !== windowAfterZoom[0] || windowBefore[1] !== windowAfterZoom[1] : null,
  };
}

/**
 * Runs one case: `{ baseUrl, workload: 'timeline'|'network', lib, n, seed, timeoutMs }`.
 * Resolves to `{ status: 'ok'|'timeout'|'unavailable'|'error', values: {metric: number|null},
 * notes: string[] }`; never rejects.
 */
export async function runBrowserCase({ baseUrl, workload, lib, n, seed, timeoutMs = 60_000 }) {
  const notes = [];
  const values = {};
  const session = await launch();
  try {
    const { context } = session;
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => notes.push(`page error: ${String(error.message).split('\n')[0]}`));
    const cdp = await context.newCDPSession(page);
    const url = `${baseUrl}/bench/page.html?workload=${workload}&lib=${encodeURIComponent(lib)}&n=${n}&seed=${seed}`;
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.bench !== undefined, null, { timeout: 30_000 });
    const ready = await within(
      page.evaluate(() => window.bench.ready),
      60_000,
      'loading the library and building the workload',
    );
    if (ready.unavailable) return { status: 'unavailable', values, notes: [ready.unavailable] };
    if (ready.error) return { status: 'error', values, notes: [ready.error.split('\n')[0]] };

    await cdp.send('Performance.enable');
    await startTrace(cdp);
    const deadline = Date.now() + timeoutMs;
    const left = () => Math.max(1, deadline - Date.now());
    const { firstPaint } = await within(page.evaluate(() => window.bench.start()), left(), 'first paint');
    values.firstPaint = firstPaint;
    if (workload === 'network') {
      values.settled = await within(page.evaluate(() => window.bench.settled()), left(), 'settle');
    }
    // A settle from DOM quiet can be stamped before `bench:settled` is marked; either way the
    // trace window ends at the last mark the page made.
    await page.evaluate(() => performance.mark('bench:end'));
    const events = await within(endTrace(cdp), 60_000, 'reading the trace');
    const traced = longestTask(events, 'bench:start', 'bench:end');
    const observed = await page.evaluate(() => window.bench.longTasks());
    const observedMax = observed.reduce((m, t) => Math.max(m, t.duration), 0);
    values.longestBlock = traced === null ? (observed.length ? observedMax : null) : Math.max(traced, observedMax);
    if (traced === null) notes.push('longest block from the longtask observer only (no trace marks)');

    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await page.evaluate(() => window.gc?.());
    await cdp.send('HeapProfiler.collectGarbage');
    values.heap = (await metrics(cdp)).JSHeapUsedSize / 1e6;
    values.domNodes = await page.evaluate(() => window.bench.domNodes());

    if (workload === 'timeline') {
      try {
        const zoom = await within(zoomSteps(page, cdp, ready.zoom), timeoutMs, 'zoom steps');
        values.zoomMainThread = zoom.ms;
        if (zoom.moved === false) notes.push('the visible window did not change during the zoom steps');
      } catch (error) {
        if (!(error instanceof Timeout)) throw error;
        values.zoomMainThread = null;
        notes.push(`zoomMainThread: timeout (> ${timeoutMs / 1000} s for 30 steps)`);
      }
    }
    notes.push(...(await page.evaluate(() => window.bench.notes())));
    return { status: 'ok', values, notes };
  } catch (error) {
    if (error instanceof Timeout) return { status: 'timeout', values, notes: [...notes, error.message] };
    return { status: 'error', values, notes: [...notes, String(error?.message ?? error).split('\n')[0]] };
  } finally {
    await shutdown(session);
  }
}
