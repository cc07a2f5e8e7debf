#!/usr/bin/env node
// Makes the gallery index's thumbnails (examples/thumbs/<page>.png, 640×400) from the pages
// themselves: each page is opened in Chromium from the built dist/, its chart area is captured
// and scaled down. Real output, not drawings of it, so rerun this after the views change:
//
//   npx rollup -c && node scripts/thumbs.mjs [page …]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const index = readFileSync(join(root, 'examples', 'index.html'), 'utf8');
const all = [...index.matchAll(/<a href="([\w-]+)\.html">/g)].map((m) => m[1]);
const pages = process.argv.length > 2 ? process.argv.slice(2) : all;
const out = join(root, 'examples', 'thumbs');
mkdirSync(out, { recursive: true });

const server = await startServer({ port: 0, root });
const profile = mkdtempSync(join(tmpdir(), 'et-thumbs-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  reducedMotion: 'reduce',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

try {
  const page = await context.newPage();
  for (const name of pages) {
    await page.goto(`${server.url}/examples/${name}.html`, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    await page.waitForTimeout(300);
    const area = page.locator('[data-chart], main figure').first();
    const box = await area.boundingBox();
    if (!box) throw new Error(`${name}: no chart area`);
    const width = Math.min(box.width, 1232);
    const clip = { x: box.x, y: box.y, width, height: Math.min(width * 0.625, Math.max(box.height, 200)) };
    const shot = await page.screenshot({ clip, fullPage: true });
    const png = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 400;
      const g = canvas.getContext('2d');
      g.fillStyle = getComputedStyle(document.body).backgroundColor || '#fff';
      g.fillRect(0, 0, 640, 400);
      const scale = 640 / image.naturalWidth;
      g.imageSmoothingQuality = 'high';
      g.drawImage(image, 0, 0, 640, image.naturalHeight * scale);
      return canvas.toDataURL('image/png').split(',')[1];
    }, shot.toString('base64'));
    writeFileSync(join(out, `${name}.png`), Buffer.from(png, 'base64'));
    console.log(`examples/thumbs/${name}.png`);
  }
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
