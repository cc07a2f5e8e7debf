// The linked dashboard (examples/dashboard.html) driven by the keyboard alone, in Chromium: no
// mouse, pointer or wheel event is ever dispatched (a listener counts them and the last test
// checks there were none). Tab reaches the timeline, the arrow keys move through its events,
// Enter selects one and the other views highlight its participants; Tab goes on into the
// network and the storyline, whose marks are focusable and labelled; Escape clears the
// selection everywhere; + and - change the shared time window; and Tab leaves the charts again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, browserUnavailable, builtExports, loadPage, openGallery, type Gallery, type PageProblems } from './harness.js';

const unavailable = browserUnavailable();
const exported = await builtExports();
const needed = ['parseDataset', 'createTimeline', 'createNetwork', 'createStoryline', 'linkViews'];
const missing = needed.filter((name) => !exported.has(name));

interface SeedEvent {
  readonly id: string;
  readonly participants?: readonly (string | { readonly actor: string })[];
}
const seed = JSON.parse(readFileSync(join(ROOT, 'examples/data/korea-russia-2024.json'), 'utf8')) as { events: SeedEvent[] };
const participantsOf = (id: string): string[] =>
  (seed.events.find((e) => e.id === id)?.participants ?? []).map((p) => (typeof p === 'string' ? p : p.actor));

/** What has keyboard focus: which chart it is in, its mark ids, label and focus styling. */
interface Focused {
  readonly chart: string | null;
  readonly eventId: string | null;
  readonly actorId: string | null;
  readonly label: string | null;
  readonly tag: string;
  /** An outline is drawn, or the mark's stroke is widened, as the focus indication. */
  readonly indicated: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { chart: null, eventId: null, actorId: null, label: null, tag: 'body', indicated: false };
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const stroked = parseFloat(style.strokeWidth) >= 3 && style.stroke !== 'none';
    return {
      chart: el.closest('#timeline, #network, #storyline')?.id ?? null,
      eventId: el.getAttribute('data-event-id'),
      actorId: el.getAttribute('data-actor-id'),
      label: el.getAttribute('aria-label'),
      tag: el.localName,
      indicated: outlined || stroked,
    };
  });
}

/** Presses Tab (or Shift+Tab) until focus is in `chart`; fails after `limit` presses. */
async function tabInto(page: Page, chart: string, { back = false, limit = 80 } = {}): Promise<Focused> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (now.chart === chart) return now;
  }
  throw new Error(`${limit} presses of ${back ? 'Shift+Tab' : 'Tab'} did not reach #${chart}`);
}

/** Class lists of the marks of an actor in one chart. */
async function actorClasses(page: Page, chart: string, selector: string): Promise<Record<string, string>> {
  return page.evaluate(
    ([chart, selector]) => {
      const out: Record<string, string> = {};
      for (const el of document.querySelectorAll(`#${chart} ${selector}`)) out[el.getAttribute('data-actor-id')!] = el.getAttribute('class') ?? '';
      return out;
    },
    [chart, selector] as const,
  );
}

const storylineEvents = (page: Page): Promise<number> => page.locator('#storyline rect.et-mark').count();

describe.skipIf(unavailable !== null || missing.length > 0)(
  `the dashboard with the keyboard alone${unavailable ? ` (skipped: ${unavailable})` : missing.length ? ` (skipped: dist/ lacks ${missing.join(', ')})` : ''}`,
  () => {
    let gallery: Gallery;
    let page: Page;
    let problems: PageProblems;
    let selected: string;

    beforeAll(async () => {
      gallery = await openGallery();
      // Counts every pointer-ish event from before the page's own scripts run.
      await gallery.context.addInitScript(() => {
        const w = window as unknown as { pointerEvents: string[] };
        w.pointerEvents = [];
        for (const type of ['mousedown', 'mouseup', 'mousemove', 'pointerdown', 'pointermove', 'pointerup', 'wheel', 'touchstart']) {
          window.addEventListener(type, (e) => w.pointerEvents.push(`${type}:${e.isTrusted}`), true);
        }
      });
      ({ page, problems } = await loadPage(gallery, 'dashboard.html'));
      for (const chart of ['timeline', 'network', 'storyline']) {
        await page.locator(`#${chart} [data-event-id], #${chart} [data-actor-id]`).first().waitFor({ timeout: 20_000 });
      }
    });
    afterAll(async () => {
      await gallery?.close();
    });

    it('reaches the timeline with Tab, with a visible focus indication on a labelled event', async () => {
      const now = await tabInto(page, 'timeline');
      // The timeline may first stop on its lane toggles: move on to an event mark.
      let at = now;
      for (let i = 0; i < 20 && at.eventId === null && at.chart === 'timeline'; i++) {
        await page.keyboard.press('Tab');
        at = await focused(page);
      }
      expect(at.chart).toBe('timeline');
      expect(at.eventId).not.toBeNull();
      expect(at.label).toMatch(/\S/);
      expect(at.indicated).toBe(true);
    });

    it('moves through the events with the arrow keys', async () => {
      const seen = new Set<string>();
      const first = await focused(page);
      seen.add(first.eventId!);
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('ArrowRight');
        const now = await focused(page);
        expect(now.chart).toBe('timeline');
        expect(now.eventId).not.toBeNull();
        seen.add(now.eventId!);
      }
      expect(seen.size).toBeGreaterThan(1);
    });

    it('selects the focused event with Enter, and the storyline highlights its participants', async () => {
      const now = await focused(page);
      selected = now.eventId!;
      const participants = participantsOf(selected);
      expect(participants.length).toBeGreaterThan(0);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator(`#storyline rect.et-mark.et-selected[data-event-id="${selected}"]`).count()).toBe(1);
      const lines = await actorClasses(page, 'storyline', 'g.et-line');
      for (const [actor, classes] of Object.entries(lines)) {
        const shouldLight = participants.includes(actor);
        expect({ actor, lit: !classes.split(' ').includes('et-dim') }).toEqual({ actor, lit: shouldLight });
      }
      expect(Object.keys(lines).filter((a) => participants.includes(a)).length).toBe(participants.length);
      await expect.poll(() => page.locator(`#timeline [data-event-id="${selected}"].et-selected, #timeline [data-event-id="${selected}"] .et-selected`).count()).toBeGreaterThan(0);
    });

    // The network follows selectedEvent: its participants stay clear, every other actor dims.
    it('highlights the participants of the selected event in the network', async () => {
      const participants = participantsOf(selected);
      await expect
        .poll(async () => {
          const nodes = await actorClasses(page, 'network', 'g.et-node');
          return Object.entries(nodes).every(([actor, classes]) => !classes.split(' ').includes('et-dim') === participants.includes(actor));
        }, { timeout: 2000 })
        .toBe(true);
    });

    it('goes on with Tab into the network and the storyline, whose marks are focusable and labelled', async () => {
      let network = await tabInto(page, 'network');
      // One node holds the network's Tab stop; allow for a control of the chart before it.
      for (let i = 0; i < 3 && network.chart === 'network' && network.actorId === null; i++) {
        await page.keyboard.press('Tab');
        network = await focused(page);
      }
      expect(network.chart).toBe('network');
      expect(network.actorId).not.toBeNull();
      expect(network.label).toMatch(/\S/);
      expect(network.indicated).toBe(true);
      const story = await tabInto(page, 'storyline', { limit: 200 });
      expect(story.actorId ?? story.eventId).not.toBeNull();
      expect(story.label).toMatch(/\S/);
      expect(story.indicated).toBe(true);
    });

    it('clears the selection in every view with Escape', async () => {
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('#timeline .et-selected, #network .et-selected, #storyline .et-selected').count()).toBe(0);
      expect(await page.locator('#storyline [aria-current], #network [aria-pressed="true"]').count()).toBe(0);
      // What stays emphasised is only the actor whose line has the focus (a hover).
      const focusedActor = (await focused(page)).actorId;
      const lines = await actorClasses(page, 'storyline', 'g.et-line');
      for (const [actor, classes] of Object.entries(lines)) {
        expect({ actor, dim: classes.split(' ').includes('et-dim') }).toEqual({ actor, dim: focusedActor !== null && actor !== focusedActor });
      }
    });

    it('lets Tab leave the storyline after its lines and one stop for all its markers', async () => {
      let presses = 0;
      let now = await focused(page);
      while (now.chart === 'storyline' && presses < 60) {
        await page.keyboard.press('Tab');
        presses++;
        now = await focused(page);
      }
      expect(now.chart).not.toBe('storyline');
      const lines = await page.locator('#storyline g.et-line').count();
      expect(presses).toBeLessThanOrEqual(lines + 2);
    });

    it('changes the shared time window from the keyboard: + in the timeline narrows the storyline', async () => {
      const before = await storylineEvents(page);
      const networkDesc = (): Promise<string | null> => page.locator('#network svg > desc').first().textContent();
      const descBefore = await networkDesc();
      const at = await tabInto(page, 'timeline', { back: true, limit: 200 });
      expect(at.eventId ?? at.tag).toBeTruthy();
      // Zoom about the first event: most of the seed's events are fuzzy and overlap its end.
      await page.keyboard.press('Home');
      for (let i = 0; i < 4; i++) await page.keyboard.press('+');
      await expect.poll(() => storylineEvents(page), { timeout: 5000 }).toBeLessThan(before);
      // The network follows the same window: its description counts what is in it.
      await expect.poll(networkDesc, { timeout: 5000 }).not.toBe(descBefore);
      for (let i = 0; i < 6; i++) await page.keyboard.press('-');
      await expect.poll(() => storylineEvents(page), { timeout: 5000 }).toBe(before);
    });

    it('never received a mouse, pointer or wheel event, and logged no errors', async () => {
      expect(await page.evaluate(() => (window as unknown as { pointerEvents: string[] }).pointerEvents)).toEqual([]);
      expect(problems.errors).toEqual([]);
    });
  },
);
