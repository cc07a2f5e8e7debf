import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromACLED } from '../../src/io/acled.js';

const text = readFileSync(new URL('../fixtures/io/acled.csv', import.meta.url), 'utf8');

describe('fromACLED', () => {
  const result = fromACLED(text);

  it('keeps coded events and names the rejected rows by line', () => {
    expect(result.counts).toEqual({ records: 6, kept: 4, rejected: 2, duplicates: 0, blank: 0 });
    expect(result.rejected.map((r) => r.path)).toEqual(['line 5', 'line 6']);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([
      { path: 'line 5, column actor1', message: 'the event has no actor', severity: 'error' },
      { path: 'line 6', message: 'the row has 29 fields; the header has 31', severity: 'error' },
    ]);
  });

  it('shows ACLED time precision as approximation, never as a false exact day', () => {
    expect(result.dataset.event('NIG31001')!.when.edtf).toBe('2024-01-18');
    const week = result.dataset.event('NIG31002')!;
    expect(week.when.edtf).toBe('2024-01-18~');
    expect(week.when.start.approximate).toBe(true);
    const month = result.dataset.event('NIG31003')!;
    expect(month.when.edtf).toBe('2024-01~');
    expect(month.when.start.precision).toBe('month');
    expect(month.attributes!['time_precision']).toBe(3);
  });

  it('reads actors without direction, associated actors, and kinds from the interaction codes', () => {
    expect(result.dataset.event('NIG31002')!.participants).toEqual([
      { actor: 'protesters-nigeria', role: 'participant' },
      { actor: 'labour-group-nigeria', role: 'associated' },
      { actor: 'students-nigeria', role: 'associated' },
    ]);
    const kinds = Object.fromEntries(result.dataset.actors.map((a) => [a.id, a.kind]));
    expect(kinds['military-forces-of-nigeria-2023']).toBe('state');
    expect(kinds['islamic-state-west-africa-province-iswap']).toBe('group');
    expect(result.merges).toEqual([
      {
        canonical: 'Military Forces of Nigeria (2023-)',
        actorId: 'military-forces-of-nigeria-2023',
        names: ['Military Forces of Nigeria (2023-)', 'military forces of nigeria (2023-)'],
        lines: [2, 7],
      },
    ]);
  });

  it('reads type, location, sources, notes and fatalities', () => {
    const event = result.dataset.event('NIG31003')!;
    expect(event).toMatchObject({
      title: 'Attack in Guma',
      category: 'Violence against civilians',
      description: 'Gunmen attacked farmers; "several" killed.',
      location: { name: 'Guma, Benue, Nigeria', lat: 7.8, lon: 8.6 },
      tags: ['Attack', 'Political violence'],
    });
    expect(event.attributes).toMatchObject({ fatalities: 5, civilian_targeting: 'Civilian targeting', geo_precision: 2, admin2: 'Guma' });
    expect(result.dataset.event('NIG31001')!.sources).toEqual([{ publisher: 'Premium Times' }, { publisher: 'Vanguard (Nigeria)' }]);
    expect(result.dataset.event('NIG31002')!.tags).toEqual(['Peaceful protest', 'Demonstrations', 'crowd size=around 200']);
  });

  it('refuses a table that is not an ACLED export', () => {
    const { problems } = fromACLED('date,title\n2024-01-01,x\n');
    expect(problems[0]).toMatchObject({ path: 'line 1', message: 'the header has no event_date column; is this an ACLED export?' });
  });

  it('rejects an unknown time precision', () => {
    const bad = text.split('\n').slice(0, 2).join('\n').replace(',2024,1,Political', ',2024,7,Political');
    expect(fromACLED(bad).problems[0]).toMatchObject({ path: 'line 2, column time_precision', severity: 'error' });
  });
});
