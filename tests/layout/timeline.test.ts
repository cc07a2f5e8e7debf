import { describe, expect, it } from 'vitest';
import { createDataset } from '../../src/model/dataset.js';
import { layoutTimeline, markGeometry, linearTime, timeTicks, fitText, UNASSIGNED_LANE, UNCATEGORISED_LANE, ALL_LANE } from '../../src/layout/timeline.js';
import type { TimelineLayout } from '../../src/layout/timeline.js';
import { fr } from 'date-fns/locale/fr';
import { actor, event, koreaRussia, synthetic } from './timeline.fixture.js';

const measure = (text: string, font: string): number => text.length * (Number.parseFloat(font) || 12) * 0.6;

/** Every event id in the dataset has a mark or sits in an aggregate. */
function accountedFor(layout: TimelineLayout): Set<string> {
  const ids = new Set(layout.items.map((i) => i.eventId));
  for (const a of layout.aggregates) for (const id of a.eventIds) ids.add(id);
  return ids;
}

describe('layoutTimeline', () => {
  it('draws one mark per event per participant lane and an Other events lane for unassigned ones', () => {
    const ds = koreaRussia();
    const layout = layoutTimeline(ds, { width: 900, measureText: measure });
    expect(layout.lanes.map((l) => l.id)).toEqual(['russia', 'belousov', 'dprk', 'kim', 'ukraine', UNASSIGNED_LANE]);
    expect(layout.lanes.at(-1)!.label).toBe('Other events');
    const treaty = layout.items.filter((i) => i.eventId === 'treaty').map((i) => i.laneId);
    expect(treaty).toEqual(['russia', 'dprk']);
    expect(layout.items.find((i) => i.eventId === 'statement')!.laneId).toBe(UNASSIGNED_LANE);
    expect(accountedFor(layout)).toEqual(new Set(ds.events.map((e) => e.id)));
    // Keys are unique.
    expect(new Set(layout.items.map((i) => i.key)).size).toBe(layout.items.length);
  });

  it('spans a month-precision event over its month and marks approximate and uncertain dates', () => {
    const layout = layoutTimeline(koreaRussia(), { width: 900, measureText: measure });
    const shells = layout.items.find((i) => i.eventId === 'shells')!;
    expect(shells.t0).toBe(Date.UTC(2023, 9, 1));
    expect(shells.t1).toBe(Date.UTC(2023, 10, 1) - 1);
    expect(shells.x1).toBeGreaterThan(shells.x0);
    expect(shells.kind).toBe('point');
    expect(shells.precision).toBe('month');
    expect(shells.fuzzy).toBe('approximate');
    const troops = layout.items.find((i) => i.eventId === 'troops')!;
    expect(troops.kind).toBe('interval');
    expect(troops.fuzzy).toBe('uncertain');
    expect(troops.markWidth).toBeCloseTo(troops.x1 - troops.x0, 6);
    expect(layout.items.find((i) => i.eventId === 'summit')!.fuzzy).toBeNull();
    expect(layout.legend.map((l) => l.key)).toEqual(expect.arrayContaining(['approximate', 'uncertain', 'interval', 'source', 'target']));
  });

  it('joins an event’s lanes with a connector from source to target; targets are hollow', () => {
    const layout = layoutTimeline(koreaRussia(), { width: 900, measureText: measure });
    const summit = layout.items.filter((i) => i.eventId === 'summit');
    const source = summit.find((i) => i.role === 'source')!;
    const target = summit.find((i) => i.role === 'target')!;
    expect(source.laneId).toBe('kim');
    expect(source.filled).toBe(true);
    expect(target.filled).toBe(false);
    const [c] = layout.connectors.filter((c) => c.eventId === 'summit');
    expect(c!.directed).toBe(true);
    // Kim's lane is below Russia's: the connector runs upward from Kim to Russia.
    expect(c!.y0).toBeLessThan(source.y);
    expect(c!.y1).toBeGreaterThan(target.y);
    const treaty = layout.connectors.filter((c) => c.eventId === 'treaty');
    expect(treaty).toHaveLength(1);
    expect(treaty[0]!.directed).toBe(false);
    // Single-lane events have no connector.
    expect(layout.connectors.some((c) => c.eventId === 'statement')).toBe(false);
  });

  it('nests lanes by affiliation and folds collapsed lanes’ events into them', () => {
    const ds = koreaRussia();
    const nested = layoutTimeline(ds, { width: 900, measureText: measure, nestAffiliations: true });
    const byId = new Map(nested.lanes.map((l) => [l.id, l]));
    expect(nested.lanes.map((l) => l.id)).toEqual(['russia', 'mod-ru', 'belousov', 'dprk', 'kim', 'ukraine', UNASSIGNED_LANE]);
    expect(byId.get('belousov')!.depth).toBe(2);
    expect(byId.get('belousov')!.parent).toBe('mod-ru');
    expect(byId.get('russia')!.collapsible).toBe(true);
    // The ministry has no events of its own but heads a lane that has.
    expect(byId.get('mod-ru')!.eventCount).toBe(0);

    const folded = layoutTimeline(ds, { width: 900, measureText: measure, nestAffiliations: true, collapsed: new Set(['russia']) });
    expect(folded.lanes.map((l) => l.id)).toEqual(['russia', 'dprk', 'kim', 'ukraine', UNASSIGNED_LANE]);
    expect(folded.lanes[0]!.collapsed).toBe(true);
    const visit = folded.items.filter((i) => i.eventId === 'visit');
    expect(visit.map((i) => i.laneId)).toEqual(['russia', 'kim']);
    expect(accountedFor(folded)).toEqual(new Set(ds.events.map((e) => e.id)));
  });

  it('draws each event once when two of its participants fold into the same lane', () => {
    const ds = createDataset({
      actors: [actor('s', 'State'), actor('m', 'Minister', 'person', 's')],
      events: [event('x', '2024-01-01', [['m', 'source'], ['s', 'target']])],
    });
    const layout = layoutTimeline(ds, { nestAffiliations: true, collapsed: new Set(['s']), measureText: measure });
    expect(layout.items).toHaveLength(1);
    expect(layout.items[0]!.role).toBe('participant');
    expect(layout.connectors).toHaveLength(0);
  });

  it('lays out category and single lanes', () => {
    const ds = createDataset({
      actors: [],
      events: [
        event('a', '2024-01-01', [], { category: 'diplomacy' }),
        event('b', '2024-02-01', [], { category: 'military' }),
        event('c', '2024-03-01'),
      ],
    });
    const cat = layoutTimeline(ds, { lanes: 'category', measureText: measure });
    expect(cat.lanes.map((l) => l.id)).toEqual(['diplomacy', 'military', UNCATEGORISED_LANE]);
    expect(cat.lanes[0]!.color).not.toBe(cat.lanes[1]!.color);
    const none = layoutTimeline(ds, { lanes: 'none', measureText: measure });
    expect(none.lanes.map((l) => l.id)).toEqual([ALL_LANE]);
    expect(none.items).toHaveLength(3);
    expect(() => layoutTimeline(ds, { lanes: 'people' as 'actor' })).toThrow(/unknown lanes "people"/);
  });

  it('keeps marks in one lane row from overlapping and visible labels apart', () => {
    const layout = layoutTimeline(synthetic(300, 5), { width: 1000, measureText: measure, density: false });
    const byRow = new Map<string, { x0: number; x1: number }[]>();
    for (const i of layout.items) {
      const k = `${i.laneId}:${i.row}`;
      const list = byRow.get(k) ?? [];
      for (const o of list) expect(i.markX < o.x1 && o.x0 < i.markX + i.markWidth).toBe(false);
      list.push({ x0: i.markX, x1: i.markX + i.markWidth });
      byRow.set(k, list);
    }
    const visible = layout.labels.filter((l) => l.visible);
    for (let a = 0; a < visible.length; a++) {
      for (let b = a + 1; b < visible.length; b++) {
        const p = visible[a]!;
        const q = visible[b]!;
        const px = p.anchor === 'end' ? p.x - p.width : p.x;
        const qx = q.anchor === 'end' ? q.x - q.width : q.x;
        const overlap = px < qx + q.width && qx < px + p.width && Math.abs(p.y - q.y) < layout.rowHeight - 2;
        expect(overlap).toBe(false);
      }
    }
    // Every event with a title either shows its label or is counted hidden.
    expect(visible.length + layout.hiddenLabels).toBe(300);
  });

  it('aggregates crowded bins and still accounts for every event', () => {
    const ds = synthetic(3000, 3);
    const layout = layoutTimeline(ds, { width: 600, measureText: measure });
    expect(layout.aggregates.length).toBeGreaterThan(0);
    const counted = layout.aggregates.reduce((n, a) => n + a.count, 0);
    expect(counted).toBe(layout.aggregates.reduce((n, a) => n + a.eventIds.length, 0));
    expect(accountedFor(layout)).toEqual(new Set(ds.events.map((e) => e.id)));
    // Each (event, lane) pair is drawn exactly once: as a mark or inside one aggregate.
    const pairs = new Set<string>();
    for (const i of layout.items) pairs.add(i.key);
    for (const a of layout.aggregates) for (const id of a.eventIds) {
      const key = `${id}|${a.laneId}`;
      expect(pairs.has(key)).toBe(false);
      pairs.add(key);
    }
    const expected = ds.events.reduce((n, e) => n + Math.max(1, new Set(e.participants.map((p) => p.actor)).size), 0);
    expect(pairs.size).toBe(expected);
  });

  it('caps lane rows and counts the overflow on the last row', () => {
    const ds = synthetic(600, 2);
    const layout = layoutTimeline(ds, { width: 800, measureText: measure, maxRows: 5, density: false });
    for (const lane of layout.lanes) expect(lane.rows).toBeLessThanOrEqual(5);
    expect(layout.items.every((i) => i.row < 4)).toBe(true);
    const overflow = layout.aggregates.filter((a) => a.y === layout.lanes.find((l) => l.id === a.laneId)!.y + 3 + 4 * layout.rowHeight + layout.rowHeight / 2);
    expect(overflow.length).toBeGreaterThan(0);
    expect(accountedFor(layout)).toEqual(new Set(ds.events.map((e) => e.id)));
    // Overflow bins in one row never overlap.
    const byLane = new Map<string, { x0: number; x1: number }[]>();
    for (const a of overflow) {
      const list = byLane.get(a.laneId) ?? [];
      for (const o of list) expect(a.x0 < o.x1 && o.x0 < a.x1).toBe(false);
      list.push(a);
      byLane.set(a.laneId, list);
    }
  });

  it('places annotations and highlights, and puts highlighted labels first', () => {
    const ds = koreaRussia();
    const layout = layoutTimeline(ds, {
      width: 900,
      measureText: measure,
      annotations: [
        { type: 'line', at: Date.UTC(2024, 5, 19), label: 'Treaty' },
        { type: 'band', from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 11, 31), label: '2024', id: 'y2024' },
        { type: 'line', at: Date.UTC(1990, 0, 1), label: 'outside' },
      ],
      highlight: ['treaty'],
    });
    expect(layout.lines).toHaveLength(1);
    expect(layout.lines[0]!.x).toBeCloseTo(layout.items.find((i) => i.eventId === 'treaty')!.x0, 6);
    expect(layout.bands[0]!.key).toBe('y2024');
    expect(layout.items.filter((i) => i.highlighted).map((i) => i.eventId)).toEqual(['treaty', 'treaty']);
  });

  it('maps the domain onto the plot and honours an explicit window', () => {
    const from = Date.UTC(2024, 0, 1);
    const to = Date.UTC(2025, 0, 1);
    const layout = layoutTimeline(koreaRussia(), { width: 900, domain: [from, to], measureText: measure });
    expect(layout.domain).toEqual([from, to]);
    const x = linearTime(layout.domain, layout.range);
    expect(x(from)).toBe(layout.plot.x0);
    expect(x(to)).toBe(layout.plot.x1);
    expect(x.invert(x(from + 1e9))).toBeCloseTo(from + 1e9, 0);
    expect(() => layoutTimeline(koreaRussia(), { domain: [to, from] })).toThrow(/increasing/);
  });

  it('does not modify the dataset and is deterministic', () => {
    const ds = koreaRussia();
    const before = JSON.stringify(ds.events);
    const a = layoutTimeline(ds, { measureText: measure, nestAffiliations: true });
    const b = layoutTimeline(ds, { measureText: measure, nestAffiliations: true });
    expect(JSON.stringify(ds.events)).toBe(before);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('lays out only a given subset of events but keeps every lane that has events', () => {
    const ds = koreaRussia();
    const all = layoutTimeline(ds, { measureText: measure });
    const subset = ds.eventsBetween(Date.UTC(2024, 5, 1), Date.UTC(2024, 6, 1));
    const part = layoutTimeline(ds, { measureText: measure, events: subset });
    expect(new Set(part.items.map((i) => i.eventId))).toEqual(new Set(['treaty']));
    expect(part.lanes.map((l) => l.id)).toEqual(all.lanes.map((l) => l.id));
    expect(part.eventCount).toBe(1);
  });

  it('gives the same layout when it reuses a dataset’s lanes and titles as when it starts afresh', () => {
    // The window-independent work is kept per dataset: a change of any option it depends on
    // (lanes, nesting, collapsed lanes, labels, measurer, font size) must not reuse a stale one.
    const ds = synthetic(400, 6, 7);
    const [a, b] = ds.extent!;
    const third = (b - a) / 3;
    const other = (text: string, font: string): number => measure(text, font) * 1.5;
    const steps: Parameters<typeof layoutTimeline>[1][] = [
      { measureText: measure },
      { measureText: measure, domain: [a + third, b - third] },
      { measureText: measure, domain: [a + third, b - third], events: ds.eventsBetween(a, b - third) },
      { measureText: measure, lanes: 'category' },
      { measureText: measure, lanes: 'none', density: false },
      { measureText: measure, collapsed: new Set(['a0']) },
      { measureText: measure, labels: false },
      { measureText: other },
      { measureText: other, fontSize: 16 },
      { measureText: measure, domain: [a, a + third], height: 300 },
    ];
    for (const options of steps) {
      const fresh = synthetic(400, 6, 7);
      expect(JSON.stringify(layoutTimeline(ds, options))).toBe(JSON.stringify(layoutTimeline(fresh, options)));
    }
    const nested = koreaRussia();
    for (const options of [
      { measureText: measure, nestAffiliations: true },
      { measureText: measure, nestAffiliations: true, collapsed: new Set(['russia']) },
      { measureText: measure, nestAffiliations: true, collapsed: new Set(['russia', 'dprk']) },
      { measureText: measure },
      { measureText: measure, palette: ['#111111', '#222222'] },
    ]) {
      expect(JSON.stringify(layoutTimeline(nested, options))).toBe(JSON.stringify(layoutTimeline(koreaRussia(), options)));
    }
  });

  it('measures each title once per dataset, not once per relayout', () => {
    const ds = synthetic(200, 4, 3);
    const titles = new Set(ds.events.map((e) => e.title));
    let calls = 0;
    const counting = (text: string, font: string): number => {
      if (titles.has(text)) calls++;
      return measure(text, font);
    };
    const [a, b] = ds.extent!;
    layoutTimeline(ds, { measureText: counting });
    const first = calls;
    expect(first).toBeGreaterThan(0);
    layoutTimeline(ds, { measureText: counting, domain: [a, (a + b) / 2] });
    layoutTimeline(ds, { measureText: counting, domain: [(a + b) / 2, b], events: ds.eventsBetween((a + b) / 2, b) });
    expect(calls).toBe(first);
  });

  it('lays out a given event the dataset does not hold like one it holds', () => {
    const ds = koreaRussia();
    const treaty = ds.event('treaty')!;
    const copy = { ...treaty };
    const held = layoutTimeline(ds, { measureText: measure, events: [treaty] });
    const stranger = layoutTimeline(ds, { measureText: measure, events: [copy] });
    expect(JSON.stringify(stranger)).toBe(JSON.stringify(held));
    expect(held.items.map((i) => i.laneId)).toEqual(['russia', 'dprk']);
  });

  it('lays out an empty dataset without failing', () => {
    const layout = layoutTimeline(createDataset({ actors: [], events: [] }));
    expect(layout.items).toHaveLength(0);
    expect(layout.lanes).toHaveLength(0);
    expect(layout.ticks.length).toBeGreaterThan(0);
  });
});

describe('markGeometry', () => {
  it('draws short events as dots of the mark diameter and long ones as bars', () => {
    const x = linearTime([0, 100], [0, 100]);
    expect(markGeometry(50, 50, 'point', x, 5)).toEqual({ x0: 50, x1: 50, markX: 45, markWidth: 10, rx: 5 });
    const bar = markGeometry(10, 60, 'interval', x, 5);
    expect(bar.markX).toBe(10);
    expect(bar.markWidth).toBe(50);
    expect(bar.rx).toBe(2);
  });
});

describe('timeTicks', () => {
  const ticks = (a: number, b: number, w = 800) => timeTicks([a, b], w).map((t) => t.label);

  it('labels centuries with BCE years', () => {
    const labels = ticks(Date.UTC(-700, 0, 1), Date.UTC(150, 0, 1), 1000);
    expect(labels).toContain('500 BCE');
    expect(labels).toContain('1 CE');
    expect(labels).toContain('100 CE');
    expect(labels).not.toContain('501 BCE');
  });

  it('labels years, months with the year where it changes, days and hours', () => {
    expect(ticks(Date.UTC(1900, 0, 1), Date.UTC(2000, 0, 1))).toEqual(['1900', '1920', '1940', '1960', '1980', '2000']);
    const months = ticks(Date.UTC(2023, 10, 1), Date.UTC(2024, 4, 1));
    expect(months[0]).toBe('Nov 2023');
    expect(months).toContain('Jan 2024');
    expect(months).toContain('Feb');
    const days = ticks(Date.UTC(2024, 0, 10), Date.UTC(2024, 0, 20));
    expect(days).toEqual(['11 Jan 2024', '13 Jan', '15 Jan', '17 Jan', '19 Jan']);
    const hours = ticks(Date.UTC(2024, 0, 18, 6), Date.UTC(2024, 0, 19, 6));
    expect(hours[0]).toBe('18 Jan 06:00');
    expect(hours).toContain('19 Jan');
    expect(hours).toContain('12:00');
  });

  it('gives ticks in UTC whatever the machine’s time zone', () => {
    const t = timeTicks([Date.UTC(2024, 0, 1), Date.UTC(2024, 11, 31)], 800);
    for (const tick of t) expect(new Date(tick.value).getUTCDate()).toBe(1);
  });

  it('returns no ticks for an empty range', () => {
    expect(timeTicks([5, 5], 100)).toEqual([]);
  });

  it('names months in the locale asked for, each call in its own, whichever came first', () => {
    const year: [number, number] = [Date.UTC(2024, 0, 1), Date.UTC(2024, 11, 31)];
    const names = (locale?: typeof fr) => timeTicks(year, 2000, locale ? { locale } : {}).map((t) => t.label.split(' ')[0]);
    const english = names();
    const french = names(fr);
    expect(english.slice(0, 4)).toEqual(['Jan', 'Feb', 'Mar', 'Apr']);
    expect(french.slice(0, 4)).toEqual(['janv.', 'févr.', 'mars', 'avr.']);
    // Asked again, after the other locale: the same names, not the other locale's.
    expect(names()).toEqual(english);
    expect(names(fr)).toEqual(french);
  });
});

describe('fitText', () => {
  it('cuts text with an ellipsis to fit', () => {
    expect(fitText('abcdefghij', 1000, measure, '10px x')).toBe('abcdefghij');
    const cut = fitText('abcdefghij', 36, measure, '10px x');
    expect(cut.endsWith('…')).toBe(true);
    expect(measure(cut, '10px x')).toBeLessThanOrEqual(36);
    expect(fitText('abc', 1, measure, '10px x')).toBe('');
  });
});
