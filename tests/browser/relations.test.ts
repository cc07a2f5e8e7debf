// The relations page (examples/relations.html) in a real Chromium: the adjacency matrix, the
// arc diagram and the ego network of North Korea drawn from the built dist/, linked so that
// hovering or selecting an actor in one shows it in the others; pointer, keyboard and axe-core.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, builtExports, loadPage, openGallery, pngVariety, seriousAxeViolations, type Gallery, type PageProblems } from './harness.js';

const unavailable = browserUnavailable();
const exported = await builtExports();
const missing = ['createMatrix', 'createArcDiagram', 'createEgoNetwork'].filter((name) => !exported.has(name));
const skip = unavailable ?? (missing.length ? `dist/ does not export ${missing.join(', ')}` : null);

describe.skipIf(skip !== null)(`relations.html in Chromium${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let gallery: Gallery;
  let page: Page;
  let problems: PageProblems;
  beforeAll(async () => {
    gallery = await openGallery();
    ({ page, problems } = await loadPage(gallery, 'relations.html'));
    await page.waitForSelector('#arc g.et-node', { timeout: 10_000 });
  });
  afterAll(async () => {
    await gallery?.close();
  });

  const emphasised = (scope: string, id: string) =>
    page.evaluate(
      ([s, a]) => [...document.querySelectorAll(`${s} [data-actor-id="${a}"], ${s} rect.et-cell[data-source="${a}"]`)].some((el) => el.classList.contains('et-highlight')),
      [scope, id] as const,
    );

  it('draws all three views without console errors', async () => {
    expect(await page.locator('#matrix rect.et-cell').count()).toBeGreaterThan(10);
    expect(await page.locator('#arc g.et-edges path.et-edge').count()).toBeGreaterThan(5);
    expect(await page.locator('#ego g.et-node').count()).toBeGreaterThan(3);
    expect(await page.locator('#ego circle.et-ring').count()).toBe(2);
    expect(problems.errors).toEqual([]);
  });

  it('has no serious or critical accessibility violations', async () => {
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('lights an actor hovered in the arc diagram in the matrix and the ego network', async () => {
    await page.locator('#arc g.et-node[data-actor-id="russia"]').hover({ force: true });
    await expect.poll(() => emphasised('#matrix', 'russia')).toBe(true);
    await expect.poll(() => emphasised('#ego', 'russia')).toBe(true);
    expect(await page.locator('#arc [role=tooltip]').filter({ visible: true }).textContent()).toMatch(/Russia.*state/);
    await page.mouse.move(0, 0);
    await expect.poll(() => emphasised('#matrix', 'russia')).toBe(false);
  });

  it('shows the events behind a matrix cell, with only http(s) links', async () => {
    const cell = page.locator('#matrix rect.et-cell[data-source="north-korea"][data-target="russia"]');
    await cell.hover({ force: true });
    const tip = page.locator('#matrix [role=tooltip]').filter({ visible: true });
    await tip.waitFor({ state: 'visible', timeout: 3_000 });
    expect(await tip.textContent()).toMatch(/North Korea.*Russia/);
    for (const href of await tip.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(href).toMatch(/^https?:/);
    // The row and the column of the cell are lit.
    expect(await page.locator('#matrix rect.et-matrix-band:not([visibility])').count()).toBe(2);
    await page.mouse.move(0, 0);
  });

  it('selects with a click in one view and shows the selection in the others', async () => {
    await page.locator('#ego g.et-node[data-actor-id="ukraine"]').click({ force: true });
    await expect.poll(() => page.locator('#arc g.et-node[data-actor-id="ukraine"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#matrix rect.et-cell[data-source="ukraine"][aria-pressed="true"]').count()).toBeGreaterThan(0);
    // Escape on the focused (clicked) actor clears the selection everywhere.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#arc g.et-node[data-actor-id="ukraine"]').getAttribute('aria-pressed')).toBe('false');
    // A click selects from the arc diagram too, and a second click on the same actor deselects.
    const arcNode = page.locator('#arc g.et-node[data-actor-id="ukraine"]');
    await arcNode.click({ force: true });
    await expect.poll(() => page.locator('#ego g.et-node[data-actor-id="ukraine"]').getAttribute('aria-pressed')).toBe('true');
    await arcNode.click({ force: true });
    await expect.poll(() => page.locator('#ego g.et-node[data-actor-id="ukraine"]').getAttribute('aria-pressed')).toBe('false');
  });

  it('moves through matrix cells with the arrow keys and selects with Enter', async () => {
    await page.locator('#matrix rect.et-cell[tabindex="0"]').focus();
    const at = () => page.evaluate(() => `${document.activeElement?.getAttribute('data-source')}>${document.activeElement?.getAttribute('data-target')}`);
    const first = await at();
    await page.keyboard.press('ArrowRight');
    const second = await at();
    expect(second).not.toBe(first);
    expect(second).not.toBe('null>null');
    await page.keyboard.press('ArrowLeft');
    expect(await at()).toBe(first);
    await page.keyboard.press('Enter');
    const row = first.split('>')[0]!;
    await expect.poll(() => page.locator(`#arc g.et-node[data-actor-id="${row}"]`).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(`#arc g.et-node[data-actor-id="${row}"]`).getAttribute('aria-pressed')).toBe('false');
  });

  it('walks the arc diagram in order of appearance and along relations', async () => {
    const ids = await page.locator('#arc g.et-node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-actor-id')));
    await page.locator(`#arc g.et-node[data-actor-id="${ids[0]}"]`).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-actor-id'))).toBe(ids[1]);
    await page.locator('#arc g.et-node[data-actor-id="north-korea"]').focus();
    await page.keyboard.press(']');
    const other = await page.evaluate(() => document.activeElement?.getAttribute('data-actor-id'));
    expect(other).not.toBe('north-korea');
    expect(await page.locator('#arc [role=tooltip]').filter({ visible: true }).textContent()).toContain('North Korea');
  });

  it('draws a matrix on a canvas and finds the cell under the pointer and the keyboard cursor', async () => {
    // A module script of the page's own (the test runner would rewrite an import() inside evaluate).
    await page.addScriptTag({
      type: 'module',
      content: `
        import { parseDataset, createMatrix } from 'entity-timeline';
        const json = await fetch('data/korea-russia-2024.json').then((r) => r.json());
        const host = document.createElement('div');
        host.id = 'canvas-matrix';
        host.style.width = '420px';
        document.querySelector('main').append(host);
        window.canvasMatrix = createMatrix(host, parseDataset(json), { width: 400, height: 400, renderer: 'canvas' });
      `,
    });
    await page.waitForFunction(() => 'canvasMatrix' in window, undefined, { timeout: 5_000 });
    const made = await page.evaluate(() => {
      interface Cell { source: string; target: string; x: number; y: number }
      const view = (window as unknown as { canvasMatrix: { renderer: string; layout: { cells: Cell[]; cellSize: number } } }).canvasMatrix;
      const cell = view.layout.cells.find((c) => c.source === 'north-korea' && c.target === 'russia')!;
      return { renderer: view.renderer, x: cell.x + view.layout.cellSize / 2, y: cell.y + view.layout.cellSize / 2 };
    });
    expect(made.renderer).toBe('canvas');
    const canvas = page.locator('#canvas-matrix canvas');
    await canvas.scrollIntoViewIfNeeded();
    await page.waitForTimeout(100);
    const variety = await pngVariety(page, await canvas.screenshot());
    expect(variety.colours).toBeGreaterThan(3);
    expect(variety.inked).toBeGreaterThan(0.02);
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + made.x, box.y + made.y);
    const hovered = () => page.evaluate(() => (window as unknown as { canvasMatrix: { getState(): { hoveredActor: string | null } } }).canvasMatrix.getState().hoveredActor);
    await expect.poll(hovered).toBe('north-korea');
    const tip = page.locator('#canvas-matrix [role=tooltip]');
    await tip.waitFor({ state: 'visible', timeout: 3_000 });
    expect(await tip.textContent()).toMatch(/North Korea.*Russia/);
    await page.mouse.move(0, 0);
    await expect.poll(hovered).toBeNull();
    await canvas.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(hovered).not.toBeNull();
    await tip.waitFor({ state: 'visible', timeout: 3_000 });
    const before = await tip.textContent();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tip.textContent()).not.toBe(before);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (window as unknown as { canvasMatrix: { getState(): { selectedActor: string | null } } }).canvasMatrix.getState().selectedActor)).not.toBeNull();
    expect(problems.errors).toEqual([]);
  });

  it('moves around the ego network’s rings with the arrow keys', async () => {
    await page.locator('#ego g.et-node[data-actor-id="north-korea"]').focus();
    await page.keyboard.press('ArrowDown');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('data-actor-id'));
    expect(first).not.toBe('north-korea');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-actor-id'))).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-actor-id'))).toBe('north-korea');
    expect(problems.errors).toEqual([]);
  });
});
