import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromTimelineJS, toTimelineJS } from '../../src/io/timelinejs.js';
import { parseDataset } from '../../src/model/parse.js';
import type { DatasetInput, EventInput } from '../../src/model/types.js';

const fixture = readFileSync(new URL('../fixtures/io/timeline.json', import.meta.url), 'utf8');

describe('fromTimelineJS', () => {
  const result = fromTimelineJS(fixture);

  it('reads slides and eras as events and counts them', () => {
    expect(result.format).toBe('timelinejs');
    expect(result.dataset.events.map((e) => e.id).sort()).toEqual(['era-1', 'event-3', 'summit', 'summit-2'].sort());
    expect(result.counts).toEqual({ records: 6, kept: 4, rejected: 2, duplicates: 0, blank: 0 });
    expect(result.rejected.map((r) => r.path)).toEqual(['events[3]', 'events[4]']);
  });

  it('takes the precision from the units present', () => {
    expect(result.dataset.event('summit')!.when.edtf).toBe('2023-09-13');
    expect(result.dataset.event('summit-2')!.when.edtf).toBe('2024-01/2024-03');
    const treaty = [...result.dataset.events].find((e) => e.title === 'Treaty signed in Pyongyang')!;
    expect(treaty.when.start.precision).toBe('minute');
    expect(result.dataset.event('era-1')!.when.edtf).toBe('2023/2023-12');
  });

  it('turns HTML into plain text, dropping script and style content and decoding entities', () => {
    const summit = result.dataset.event('summit')!;
    expect(summit.title).toBe('Summit at Vostochny');
    expect(summit.description).toBe('Kim and Putin met.\n\nSecond\u00a0paragraph\nwith a break — and ’quotes’.');
    expect(summit.description).not.toMatch(/alert|color|</);
    expect(result.dataset.event('summit-2')!.description).toBe('Reported in the press.');
    expect(result.dataset.meta.title).toBe('Russia & North Korea\na timeline');
    expect(result.dataset.meta.description).toBe('How ties grew — 2023–2024.');
  });

  it('keeps an http(s) media URL as a source with caption and credit, and drops other media with a warning', () => {
    expect(result.dataset.event('summit')!.sources).toEqual([{ url: 'https://example.org/summit.jpg', title: 'The summit', publisher: 'Photo: Agency' }]);
    expect(result.dataset.event('summit-2')!.sources).toEqual([]);
    expect(result.problems).toContainEqual({ path: 'events[1].media.url', message: 'the media "javascript:alert(1)" is not an http(s) URL; it was dropped', severity: 'warning' });
    expect(result.dataset.meta.sources).toEqual([{ url: 'https://example.org/cover.jpg', title: 'Cover', publisher: 'Example Agency' }]);
  });

  it('maps group to category, keeps display dates, and reports a repeated unique_id', () => {
    const summit = result.dataset.event('summit')!;
    expect(summit.category).toBe('Diplomacy');
    expect(summit.attributes).toEqual({ group: 'Diplomacy', start_display_date: '13 Sept' });
    expect(result.problems).toContainEqual({ path: 'events[1].unique_id', message: 'unique_id "summit" is also used by events[0]; this slide is "summit-2"', severity: 'warning' });
    const treaty = [...result.dataset.events].find((e) => e.title === 'Treaty signed in Pyongyang')!;
    expect(treaty.attributes).toEqual({ display_date: '19 June 2024, morning' });
    expect(result.problems).toContainEqual(expect.objectContaining({ path: 'events[2].text.headline', severity: 'warning' }));
  });

  it('stores eras as events with category and tag era', () => {
    expect(result.dataset.event('era-1')).toMatchObject({ title: 'Before the visit', category: 'era', tags: ['era'] });
  });

  it('names bad dates by JSON path', () => {
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => p.path)).toEqual(['events[3].start_date', 'events[4].start_date']);
  });

  it('reports text that is not JSON, or JSON that is not a timeline', () => {
    expect(fromTimelineJS('{').problems[0]).toMatchObject({ path: '$', severity: 'error' });
    expect(fromTimelineJS('[]').problems[0]).toMatchObject({ path: '$', severity: 'error' });
    expect(() => fromTimelineJS('{"events":[{"text":{}}]}', { mode: 'strict' })).toThrow(/events\[0\]\.start_date/);
  });
});

describe('toTimelineJS', () => {
  const dataset = parseDataset({
    title: 'A & B',
    actors: [
      { id: 'ru', name: 'Russia', kind: 'state' },
      { id: 'kp', name: 'North Korea', kind: 'state' },
    ],
    events: [
      { id: 'e1', title: '<script>alert(1)</script> & talks', when: '2024-01~', description: 'one\n\ntwo <b>', participants: [{ actor: 'ru', role: 'source' }, { actor: 'kp', role: 'target' }], category: 'diplomacy' },
      { id: 'e2', title: 'Term', when: '2023/2024-06-30', category: 'era', tags: ['era'] },
    ],
  });
  const doc = toTimelineJS(dataset);

  it('escapes text as HTML, since TimelineJS renders it as HTML', () => {
    const slide = doc.events[0]!;
    expect(slide.text!.headline).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; talks');
    expect(slide.text!.text).toBe('<p>one</p><p>two &lt;b&gt;</p>');
    expect(doc.title!.text!.headline).toBe('A &amp; B');
  });

  it('writes dates at their precision, the group, the id, and keeps qualifiers and actors in extensions', () => {
    const slide = doc.events[0]!;
    expect(slide).toMatchObject({ start_date: { year: 2024, month: 1 }, group: 'diplomacy', unique_id: 'e1' });
    expect(slide.start_date).not.toHaveProperty('day');
    expect(slide.entity_timeline).toMatchObject({ when: '2024-01~', participants: [{ actor: 'ru', role: 'source' }, { actor: 'kp', role: 'target' }] });
    expect(doc.entity_timeline!.actors.map((a) => a.id)).toEqual(['ru', 'kp']);
    expect(doc.eras).toEqual([{ start_date: { year: 2023 }, end_date: { year: 2024, month: 6, day: 30 }, text: { headline: 'Term' }, unique_id: 'e2' }]);
  });
});

// Random datasets in the library's JSON format, for the round trip.
const word = fc.constantFrom('talks', 'Russia', 'A&B', '<b>', '"quoted"', "it's", 'café', 'x > y', '—', 'north');
const sentence = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const date = fc
  .record({
    year: fc.integer({ min: 1000, max: 2900 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    precision: fc.constantFrom('year', 'month', 'day', 'hour', 'minute', 'second'),
    qualifier: fc.constantFrom('', '', '', '~', '?', '%'),
    zone: fc.constantFrom('', '', 'Z', '+09:00'),
  })
  .map((d) => {
    let text = String(d.year);
    if (d.precision !== 'year') text += `-${pad(d.month)}`;
    if (!['year', 'month'].includes(d.precision)) text += `-${pad(d.day)}`;
    const timed = ['hour', 'minute', 'second'].includes(d.precision);
    if (timed) {
      text += `T${pad(d.hour)}`;
      if (d.precision !== 'hour') text += `:${pad(d.minute)}`;
      if (d.precision === 'second') text += `:${pad(d.second)}`;
      return { text: text + d.zone, year: d.year };
    }
    return { text: text + d.qualifier, year: d.year };
  });

const datasetInput: fc.Arbitrary<DatasetInput> = fc
  .record({
    actorCount: fc.integer({ min: 0, max: 4 }),
    events: fc.array(
      fc.record({
        title: sentence,
        start: date,
        span: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
        description: fc.option(fc.array(sentence, { minLength: 1, maxLength: 3 }).map((p) => p.join('\n\n')), { nil: undefined }),
        category: fc.option(fc.constantFrom('diplomacy', 'trade', 'era'), { nil: undefined }),
        tags: fc.uniqueArray(fc.constantFrom('a', 'b', 'era'), { maxLength: 2 }),
        participants: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('source', 'target', 'participant', 'ally')), {
          maxLength: 3,
          selector: (p) => p[0],
        }),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ actorCount, events }) => {
    const actors = Array.from({ length: actorCount }, (_, i) => ({ id: `actor-${i}`, name: `Actor ${i}`, kind: i % 2 === 0 ? ('state' as const) : ('person' as const) }));
    return {
      actors,
      events: events.map((e, i): EventInput => {
        const event: EventInput = { id: `ev-${i}`, title: e.title, when: e.span === undefined ? e.start.text : `${e.start.text}/${e.start.year + e.span}` };
        if (e.description !== undefined) event.description = e.description;
        if (e.category !== undefined) event.category = e.category;
        if (e.tags.length > 0) event.tags = e.tags;
        const participants = e.participants.filter(([a]) => a < actorCount).map(([a, role]) => ({ actor: `actor-${a}`, role }));
        if (participants.length > 0) event.participants = participants;
        return event;
      }),
    };
  });

describe('the TimelineJS round trip', () => {
  it('keeps every event, its dates at their precision with qualifiers, its text, and every actor and participant', () => {
    fc.assert(
      fc.property(datasetInput, (input) => {
        const original = parseDataset(input);
        const doc = JSON.parse(JSON.stringify(toTimelineJS(original))) as object;
        const back = fromTimelineJS(doc);
        expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(back.dataset.events.length).toBe(original.events.length);
        for (const event of original.events) {
          const copy = back.dataset.event(event.id);
          expect(copy, event.id).toBeDefined();
          expect(copy!.when.edtf).toBe(event.when.edtf);
          expect(copy!.when.start.precision).toBe(event.when.start.precision);
          expect(copy!.title).toBe(event.title);
          expect(copy!.description).toBe(event.description);
          expect(copy!.category).toBe(event.category);
          expect([...copy!.tags].sort()).toEqual([...event.tags].sort());
          expect(copy!.participants).toEqual(event.participants);
        }
        expect(back.dataset.actors.map((a) => [a.id, a.name, a.kind])).toEqual(original.actors.map((a) => [a.id, a.name, a.kind]));
      }),
      { seed: 1918, numRuns: 100 },
    );
  });
});
