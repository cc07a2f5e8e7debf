// Every gallery page in a real Chromium: it loads cleanly, draws its marks, answers the pointer
// and the keyboard, zooms, passes axe-core, and leaves a non-blank screenshot in
// reports/screenshots/. Checks that need a view the build does not export yet are reported as
// todo with the missing export named, and the page itself must then say it is not available.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  browserUnavailable,
  builtExports,
  loadPage,
  openGallery,
  pageSource,
  pngVariety,
  saveScreenshot,
  seriousAxeViolations,
  tickTexts,
  type Gallery,
  type PageProblems,
} from './harness.js';
import { MARK_SELECTOR, PAGES, type PageSpec } from './pages.js';

const unavailable = browserUnavailable();
const exported = await builtExports();

/** What keeps a page's chart from being checked: missing exports and missing files. */
function pendingOn(spec: PageSpec): { exports: string[]; files: string[] } {
  return {
    exports: spec.requires.filter((name) => !exported.has(name)),
    files: (spec.files ?? []).filter((f) => !existsSync(join(ROOT, f.path))).map((f) => `${f.path} (from ${f.by})`),
  };
}

describe('the gallery pages as files', () => {
  const htmlFiles = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.html') && f !== 'index.html');

  it('lists every page of examples/ in the test table, and nothing else', () => {
    expect(PAGES.map((p) => `${p.slug}.html`).sort()).toEqual(htmlFiles.sort());
  });

  it('links every page from the index, each with a thumbnail', () => {
    const index = pageSource('index.html');
    for (const { slug } of PAGES) {
      expect(index).toContain(`href="${slug}.html"`);
      expect(index).toContain(`src="thumbs/${slug}.png"`);
    }
  });

  for (const spec of PAGES) {
    it(`${spec.slug}.html declares the exports the test table expects, with the page chrome every page has`, () => {
      const html = pageSource(`${spec.slug}.html`);
      const declared = /data-requires="([^"]*)"/.exec(html)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
      expect(declared).toEqual([...spec.requires]);
      expect(html).toMatch(/<html lang="en">/);
      expect(html).toMatch(/<title>[^<]+<\/title>/);
      expect(html).toContain('<link rel="icon" href="data:,">');
      expect(html).toMatch(/<a class="skip-link" href="#main">/);
      expect(html).toMatch(/<main id="main">/);
      expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    });
  }
});

describe.skipIf(unavailable !== null)(`the gallery in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let gallery: Gallery;
  // Pages load four at a time in the background (most of a load is waiting for the network to
  // settle), so each page's checks find it ready; the checks themselves run one page at a time.
  const loads = new Map<string, Promise<{ page: Page; problems: PageProblems }>>();
  beforeAll(async () => {
    gallery = await openGallery();
    const limited = limiter(4);
    for (const path of ['', ...PAGES.map((p) => `${p.slug}.html`)]) {
      const load = limited(() => loadPage(gallery, path));
      load.catch(() => undefined); // reported by the page's own checks, not as an unhandled rejection
      loads.set(path, load);
    }
  });
  afterAll(async () => {
    await gallery?.close();
  });
  const opened = async (path: string) => {
    const loaded = await loads.get(path)!;
    await loaded.page.bringToFront();
    return loaded;
  };

  describe('index.html', () => {
    let page: Page;
    let problems: PageProblems;
    beforeAll(async () => {
      ({ page, problems } = await opened(''));
    });
    afterAll(async () => {
      await page?.close();
    });

    it('loads without console errors or failed requests, thumbnails included', async () => {
      await page.locator('img').evaluateAll((images) => Promise.all(images.map((i) => (i as HTMLImageElement).decode().catch(() => undefined))));
      expect(problems.errors).toEqual([]);
      const broken = await page.locator('img').evaluateAll((images) =>
        images.filter((i) => !(i as HTMLImageElement).naturalWidth).map((i) => i.getAttribute('src')),
      );
      expect(broken).toEqual([]);
    });

    it('has no serious or critical accessibility violations', async () => {
      expect(await seriousAxeViolations(page)).toEqual([]);
    });

    it('leaves a non-blank screenshot', async () => {
      const variety = await pngVariety(page, await saveScreenshot(page, 'index'));
      expect(variety.colours).toBeGreaterThan(8);
    });
  });

  for (const spec of PAGES) {
    const pending = pendingOn(spec);
    const needsExports = pending.exports.length > 0;
    const needsFiles = !needsExports && pending.files.length > 0;
    const chartReady = !needsExports && !needsFiles;
    const why = needsExports
      ? `pending on export ${pending.exports.join(', ')}`
      : needsFiles
        ? `pending on ${pending.files.join(', ')}`
        : '';
    // A check that needs the chart: required when the page can draw it, otherwise todo with the reason.
    const chartIt = (name: string, fn: () => Promise<void>) => (chartReady ? it(name, fn) : it.todo(`${name} — ${why}`));

    describe(`${spec.slug}.html`, () => {
      let page: Page;
      let problems: PageProblems;
      beforeAll(async () => {
        ({ page, problems } = await opened(`${spec.slug}.html`));
      });
      afterAll(async () => {
        await page?.close();
      });

      if (needsExports) {
        it(`says it is not available in this build, naming ${pending.exports.join(', ')}`, async () => {
          const message = page.locator('[data-chart] .unavailable');
          await expect.poll(() => message.count()).toBe(1);
          const text = await message.textContent();
          for (const name of pending.exports) expect(text).toContain(name);
        });
      }

      const loadCheck = async () => {
        if (chartReady) await waitForChart(page, spec);
        expect(problems.errors).toEqual([]);
        expect(await page.locator('.example-error').count()).toBe(0);
      };
      if (needsFiles) it.todo(`loads without console errors or failed requests — ${why}`);
      else it('loads without console errors or failed requests', loadCheck);

      chartIt(`draws its ${spec.marks} marks`, async () => {
        await waitForChart(page, spec);
        if (spec.marks === 'events' || spec.marks === 'events+actors') {
          expect(await page.locator(`main ${MARK_SELECTOR.event}`).count()).toBeGreaterThan(0);
        }
        if (spec.marks === 'actors' || spec.marks === 'events+actors') {
          expect(await page.locator(`main ${MARK_SELECTOR.actor}`).count()).toBeGreaterThan(0);
        }
        if (spec.marks === 'canvas') {
          const canvas = page.locator('[data-chart] canvas').first();
          const variety = await pngVariety(page, await canvas.screenshot());
          expect(variety.colours).toBeGreaterThan(3);
          expect(variety.inked).toBeGreaterThan(0.01);
        }
        if (spec.marks === 'static-image') {
          const size = await page.locator('main figure img').evaluate((img) => (img as HTMLImageElement).naturalWidth);
          expect(size).toBeGreaterThan(0);
        }
      });

      chartIt('fits the window: nothing on the page makes it scroll sideways', async () => {
        await waitForChart(page, spec);
        const { scrollWidth, clientWidth, culprits } = await page.evaluate(() => {
          const root = document.documentElement;
          const wide = (el: Element) => el.getBoundingClientRect().right > root.clientWidth + 1;
          return {
            scrollWidth: root.scrollWidth,
            clientWidth: root.clientWidth,
            // The outermost elements that stick out, to name in the failure.
            culprits: [...document.querySelectorAll('body *')]
              .filter((el) => wide(el) && !(el.parentElement && wide(el.parentElement)))
              .map((el) => `<${el.localName} class="${el.getAttribute('class') ?? ''}">`),
          };
        });
        expect(scrollWidth, `wider than the window: ${culprits.join(', ')}`).toBeLessThanOrEqual(clientWidth);
      });

      it('has no serious or critical accessibility violations', async () => {
        if (chartReady) await waitForChart(page, spec);
        expect(await seriousAxeViolations(page)).toEqual([]);
      });

      it('leaves a non-blank screenshot in reports/screenshots/', async () => {
        if (chartReady) await waitForChart(page, spec);
        const variety = await pngVariety(page, await saveScreenshot(page, spec.slug));
        expect(variety.colours).toBeGreaterThan(8);
        if (chartReady) {
          const chart = await pngVariety(page, await page.locator('[data-chart]').first().screenshot());
          expect(chart.colours).toBeGreaterThan(3);
          expect(chart.inked).toBeGreaterThan(0.005);
        }
      });

      if (spec.tooltip) {
        const selector = `main svg ${MARK_SELECTOR[spec.tooltip]}`;
        chartIt(`shows a tooltip when the pointer rests on an ${spec.tooltip}`, async () => {
          await waitForChart(page, spec);
          const mark = page.locator(selector).filter({ visible: true }).first();
          await mark.hover({ force: true, timeout: 5_000 });
          await page.locator('[role=tooltip]').filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 3_000 });
          expect((await page.locator('[role=tooltip]').filter({ visible: true }).first().textContent())?.trim()).not.toBe('');
          await page.mouse.move(0, 0);
        });
      }

      if (spec.keyboard) {
        const selector = MARK_SELECTOR[spec.keyboard];
        chartIt(`reaches an ${spec.keyboard} with Tab and selects it with Enter`, async () => {
          await waitForChart(page, spec);
          await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          let reached = false;
          for (let i = 0; i < 60 && !reached; i++) {
            await page.keyboard.press('Tab');
            reached = await page.evaluate((s) => document.activeElement?.closest(s) != null, selector);
          }
          expect(reached, `Tab never reached a ${selector} mark`).toBe(true);
          const selected = '.et-selected, .et-chart [aria-selected="true"], .et-chart [aria-pressed="true"]';
          const before = await page.locator(selected).count();
          await page.keyboard.press('Enter');
          await expect.poll(() => page.locator(selected).count(), { timeout: 2_000 }).toBeGreaterThan(before);
        });
      }

      if (spec.zoom) {
        chartIt('zooms with the wheel: the time axis shows other ticks', async () => {
          await waitForChart(page, spec);
          const scope = '[data-chart]';
          const before = await tickTexts(page, scope);
          expect(before.length).toBeGreaterThan(0);
          const chart = page.locator(`${scope} svg, ${scope} canvas`).first();
          await chart.evaluate((el) => el.scrollIntoView({ block: 'start' }));
          const box = await chart.boundingBox();
          if (!box) throw new Error('the chart has no box');
          // Over the plot (below the axis), and inside the window however tall the chart is.
          await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
          await page.mouse.wheel(0, -800);
          await expect.poll(() => tickTexts(page, scope), { timeout: 3_000 }).not.toEqual(before);
        });
      }

      for (const extra of EXTRA_CHECKS[spec.slug] ?? []) {
        chartIt(extra.name, async () => {
          await waitForChart(page, spec);
          await extra.run(page);
          expect(problems.errors).toEqual([]);
        });
      }
    });
  }
});

/** What particular pages exist to show, checked once their views exist. */
const EXTRA_CHECKS: Record<string, readonly { name: string; run(page: Page): Promise<void> }[]> = {
  react: [
    {
      name: 'updates the chart when React passes new data, and destroys it on unmount',
      async run(page) {
        const marks = page.locator('#app [data-event-id]');
        const all = await marks.count();
        await page.getByRole('button', { name: '2023' }).click();
        await expect.poll(() => marks.count()).toBeLessThan(all);
        expect(await marks.count()).toBeGreaterThan(0);
        await page.getByRole('button', { name: 'Unmount the chart' }).click();
        await expect.poll(() => page.locator('#app .et-chart, #app svg, #app [role=tooltip]').count()).toBe(0);
        await page.getByRole('button', { name: 'Mount the chart' }).click();
        await page.getByRole('button', { name: 'All years' }).click();
        await expect.poll(() => marks.count()).toBe(all);
      },
    },
  ],
  dashboard: [
    {
      name: 'highlights an actor hovered in the network in the timeline and the storyline',
      async run(page) {
        const emphasis = (scope: string) => page.locator(`${scope} .et-dim, ${scope} .et-highlight`).count();
        await page.locator('#network svg [data-actor-id]').filter({ visible: true }).first().hover({ force: true, timeout: 5_000 });
        await expect.poll(() => emphasis('#timeline')).toBeGreaterThan(0);
        await expect.poll(() => emphasis('#storyline')).toBeGreaterThan(0);
        await page.mouse.move(0, 0);
      },
    },
  ],
  scrollytelling: [
    {
      name: 'selects the step’s event in the linked charts as the reader scrolls to it',
      async run(page) {
        await page.locator('.step').nth(1).scrollIntoViewIfNeeded();
        await page.mouse.wheel(0, 200);
        const selected = () =>
          page
            .locator('#timeline [data-event-id="kharkiv-strike"]')
            .evaluateAll((marks) => marks.some((m) => m.closest('.et-selected') !== null || m.querySelector('.et-selected') !== null));
        await expect.poll(selected, { timeout: 5_000 }).toBe(true);
      },
    },
  ],
  'deep-history': [
    {
      name: 'labels years before the common era as BCE on the axis',
      async run(page) {
        expect((await tickTexts(page, '[data-chart]')).join(' ')).toMatch(/BCE/);
      },
    },
  ],
  'large-canvas': [
    {
      name: 'parses and draws all 100,000 events',
      async run(page) {
        await expect.poll(() => page.locator('#timing').textContent()).toMatch(/^100,000 events parsed and drawn in \d+ ms\.$/);
      },
    },
  ],
  'import-csv': [
    {
      name: 'reports the spellings the alias table merged',
      async run(page) {
        const items = await page.locator('#problems li').allTextContents();
        expect(items).toContain('Merged Kim Jong Un, Kim Jong-un into Kim Jong Un');
        expect(items).toContain('Merged North Korea, DPRK into North Korea');
      },
    },
  ],
};

/** Waits until the page's chart has drawn what its spec says it draws (or the timeout). */
async function waitForChart(page: Page, spec: PageSpec): Promise<void> {
  const selector =
    spec.marks === 'canvas'
      ? '[data-chart] canvas'
      : spec.marks === 'static-image'
        ? 'main figure img'
        : spec.marks === 'actors'
          ? `main ${MARK_SELECTOR.actor}`
          : `main ${MARK_SELECTOR.event}`;
  await page.waitForSelector(selector, { state: 'attached', timeout: 10_000 }).catch(() => undefined);
}

/** Runs at most `n` of the given tasks at a time. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return (task) =>
    new Promise((resolveTask, rejectTask) => {
      const run = () => {
        active++;
        task()
          .then(resolveTask, rejectTask)
          .finally(() => {
            active--;
            waiting.shift()?.();
          });
      };
      if (active < n) run();
      else waiting.push(run);
    });
}
