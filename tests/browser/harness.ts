// The real-browser harness: the gallery's static server (scripts/serve.mjs) on a free port and
// Debian's Chromium driven by playwright-core. It builds nothing: `npm test` runs rollup first,
// so the pages load exactly what is shipped in dist/.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'reports', 'screenshots');

interface ServeModule {
  startServer(options: { port: number; root: string }): Promise<{ url: string; close(): Promise<void> }>;
}

/** Why the browser tests cannot run here, or null when they can. Throws in CI: there they must run. */
export function browserUnavailable(): string | null {
  const reason = existsSync(CHROMIUM) ? null : `Chromium is not installed at ${CHROMIUM}`;
  if (reason && process.env.CI) throw new Error(`${reason}; the browser tests must run in CI (apt-get install chromium).`);
  return reason;
}

/** The names the built library exports (dist/index.js), read in Node. */
export async function builtExports(): Promise<ReadonlySet<string>> {
  const entry = join(ROOT, 'dist', 'index.js');
  if (!existsSync(entry)) throw new Error('dist/index.js is missing: build first (npx rollup -c).');
  const module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  return new Set(Object.keys(module));
}

export interface Gallery {
  /** The server's origin, e.g. http://localhost:40123. */
  readonly url: string;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Starts the static server and a headless Chromium with a fresh profile. */
export async function openGallery(): Promise<Gallery> {
  const { startServer } = (await import(pathToFileURL(join(ROOT, 'scripts', 'serve.mjs')).href)) as ServeModule;
  const server = await startServer({ port: 0, root: ROOT });
  const profile = mkdtempSync(join(tmpdir(), 'et-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      reducedMotion: 'reduce',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--font-render-hinting=none',
      ],
    });
  } catch (error) {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    url: server.url,
    context,
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What went wrong while a page loaded and ran: console errors, page errors, failed requests. */
export interface PageProblems {
  readonly errors: string[];
}

/** Watches a page for console errors, uncaught exceptions, failed requests and HTTP errors. */
export function watchProblems(page: Page): PageProblems {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A module script removed from a page that navigates away is aborted, not failed.
    const failure = request.failure()?.errorText ?? 'failed';
    if (failure !== 'net::ERR_ABORTED') errors.push(`request: ${request.url()} ${failure}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { errors };
}

/** Opens a gallery page and waits until it has run its example (or said it cannot). */
export async function loadPage(gallery: Gallery, path: string): Promise<{ page: Page; problems: PageProblems }> {
  const page = await gallery.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${gallery.url}/examples/${path}`, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  return { page, problems };
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  return page.evaluate(async () => {
    interface AxeResult {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
}

/** How varied an image is: distinct colours (quantised to 4 bits a channel) and the share of pixels unlike the corner. */
export interface Variety {
  readonly colours: number;
  readonly inked: number;
}

/** Decodes a PNG inside the page (no image library in Node) and measures its variety. */
export async function pngVariety(page: Page, png: Buffer): Promise<Variety> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const g = canvas.getContext('2d', { willReadFrequently: true });
    if (!g) return { colours: 0, inked: 0 };
    g.drawImage(image, 0, 0);
    const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set<number>();
    const background = ((data[0]! >> 4) << 8) | ((data[1]! >> 4) << 4) | (data[2]! >> 4);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      const key = ((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4);
      seen.add(key);
      if (key !== background) inked++;
    }
    return { colours: seen.size, inked: inked / (data.length / 4) };
  }, png.toString('base64'));
}

/** Saves a screenshot under reports/screenshots/ (CI keeps reports/) and returns it. */
export async function saveScreenshot(page: Page, name: string): Promise<Buffer> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Whole pages, but no taller than 4,000 px (the 100,000-event page would take seconds).
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()?.width ?? 1280;
  const png = await page.screenshot({
    fullPage: true,
    animations: 'disabled',
    ...(height > 4000 ? { clip: { x: 0, y: 0, width, height: 4000 } } : {}),
  });
  writeFileSync(join(SCREENSHOTS, `${name}.png`), png);
  return png;
}

/** The text of the axis ticks inside an element (d3-axis writes `.tick text`). */
export async function tickTexts(page: Page, scope: string): Promise<string[]> {
  return page.locator(`${scope} .tick text, ${scope} .et-tick text`).allTextContents();
}

/** Reads a gallery page's HTML from disk. */
export function pageSource(file: string): string {
  return readFileSync(join(ROOT, 'examples', file), 'utf8');
}
