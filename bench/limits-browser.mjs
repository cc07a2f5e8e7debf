// The browser half of the `limits` group: one fresh Chromium, one canvas timeline of N events
// (bench/limits-page.html), each phase measured apart:
//
// - parse: parseDataset of the JSON input object, in the page (ms).
// - firstPaint: createTimeline(…, { renderer: 'canvas' }) to the second animation frame (ms);
//   parsing is not included (the timeline group's firstPaint includes it).
// - longestBlock: the longest main-thread task from the create call to first paint (CDP trace).
// - heap: JSHeapUsedSize after forced GC, with the input released: the dataset and the view.
// - zoomMainThread: CDP TaskDuration per zoom/pan step (ZOOM_STEPS steps: a third wheel zoom-in,
//   a third drag pans, a third wheel zoom-out) minus the same number of idle double-rAF waits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, longestTask } from './browser.mjs';

const ZOOM_STEPS = 12;

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

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function readTrace(cdp) {
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

async function zoomSteps(page, cdp) {
  const box = await page.locator('#chart').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  const raf2 = () => page.evaluate(() => window.limits.raf2());
  let before = await metrics(cdp);
  for (let i = 0; i < ZOOM_STEPS; i++) await raf2();
  let after = await metrics(cdp);
  const idle = (after.TaskDuration - before.TaskDuration) / ZOOM_STEPS;
  const windowBefore = await page.evaluate(() => window.limits.visibleWindow());
  const third = ZOOM_STEPS / 3;
  before = await metrics(cdp);
  for (let i = 0; i < ZOOM_STEPS; i++) {
    if (i < third || i >= 2 * third) {
      await page.mouse.wheel(0, i < third ? -100 : 100);
    } else {
      await page.mouse.down();
      await page.mouse.move(cx - 60, cy, { steps: 3 });
      await page.mouse.up();
      await page.mouse.move(cx, cy);
    }
    await raf2();
  }
  after = await metrics(cdp);
  const windowAfter = await page.evaluate(() => window.limits.visibleWindow());
  return {
    ms: Math.max(0, (after.TaskDuration - before.TaskDuration) / ZOOM_STEPS - idle) * 1000,
    moved: windowBefore && windowAfter ? windowBefore[0] !== windowAfter[0] || windowBefore[1] !== windowAfter[1] : null,
  };
}

/**
 * Runs the canvas timeline of `n` events. Resolves to `{ status: 'ok'|'timeout'|'unavailable'|
 * 'error', values: { parse, firstPaint, longestBlock, heap, domNodes, zoomMainThread }, notes }`;
 * never rejects. `timeoutMs` bounds each phase (building the workload, parse, draw, zoom).
 */
export async function runLimitsTimeline({ baseUrl, n, seed, timeoutMs = 180_000 }) {
  const notes = [];
  const values = {};
  const dir = mkdtempSync(join(tmpdir(), 'et-bench-limits-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      headless: true,
      // A million events need more than the default old-space limit in some builds.
      args: [...CHROMIUM_ARGS.filter((a) => !a.startsWith('--js-flags')), '--js-flags=--expose-gc --max-old-space-size=8192'],
      viewport: { width: 1280, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => notes.push(`page error: ${String(error.message).split('\n')[0]}`));
    page.on('crash', () => notes.push('the page crashed'));
    const cdp = await context.newCDPSession(page);
    await page.goto(`${baseUrl}/bench/limits-page.html?n=${n}&seed=${seed}`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.limits !== undefined, null, { timeout: 30_000 });
    const ready = await within(page.evaluate(() => window.limits.ready), timeoutMs, 'building the workload');
    if (ready.unavailable) return { status: 'unavailable', values, notes: [ready.unavailable] };
    if (ready.error) return { status: 'error', values, notes: [ready.error.split('\n')[0]] };

    values.parse = await within(page.evaluate(() => window.limits.parse()), timeoutMs, 'parse');
    await cdp.send('Performance.enable');
    await cdp.send('Tracing.start', {
      transferMode: 'ReturnAsStream',
      traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: ['toplevel', 'blink.user_timing', '__metadata'], excludedCategories: ['*'] },
    });
    values.firstPaint = await within(page.evaluate(() => window.limits.draw()), timeoutMs, 'first paint');
    values.longestBlock = longestTask(await within(readTrace(cdp), 60_000, 'reading the trace'), 'bench:start', 'bench:firstPaint');
    const renderer = await page.evaluate(() => window.limits.renderer());
    if (renderer !== 'canvas') notes.push(`drawn with the ${renderer} renderer, not canvas`);

    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await page.evaluate(() => window.gc?.());
    await cdp.send('HeapProfiler.collectGarbage');
    values.heap = (await metrics(cdp)).JSHeapUsedSize / 1e6;
    values.domNodes = await page.evaluate(() => window.limits.domNodes());
    try {
      const zoom = await within(zoomSteps(page, cdp), timeoutMs, 'zoom steps');
      values.zoomMainThread = zoom.ms;
      if (zoom.moved === false) notes.push('the visible window did not change during the zoom steps');
    } catch (error) {
      if (!(error instanceof Timeout)) throw error;
      values.zoomMainThread = null;
      notes.push(`zoomMainThread: timeout (> ${timeoutMs / 1000} s for ${ZOOM_STEPS} steps)`);
    }
    return { status: 'ok', values, notes };
  } catch (error) {
    if (error instanceof Timeout) return { status: 'timeout', values, notes: [...notes, error.message] };
    return { status: 'error', values, notes: [...notes, String(error?.message ?? error).split('\n')[0]] };
  } finally {
    if (context) await within(context.close(), 15_000, 'closing Chromium').catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

export { ZOOM_STEPS };
