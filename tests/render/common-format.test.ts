import { describe, expect, it } from 'vitest';
import { eventActorsText, eventAriaLabel, eventTooltipContent } from '../../src/render/common/format.js';
import { event, koreaRussia } from '../layout/timeline.fixture.js';

describe('event text', () => {
  const ds = koreaRussia();

  it('names actors with their roles, and plain participants without one', () => {
    expect(eventActorsText(ds.event('summit')!, ds)).toBe('Kim Jong Un (source), Russia (target)');
    expect(eventActorsText(ds.event('treaty')!, ds)).toBe('Russia, North Korea');
    expect(eventActorsText(event('x', '2024', ['ghost']), ds)).toBe('ghost');
  });

  it('reads an event as title, date at its own precision, then actors', () => {
    expect(eventAriaLabel(ds.event('shells')!, ds)).toBe('Shell deliveries begin, circa October 2023, North Korea (source), Russia (target)');
    expect(eventAriaLabel(ds.event('statement')!, ds)).toBe('Trilateral statement, 18 January 2024');
    expect(eventAriaLabel(ds.event('statement')!, ds, { formatWhen: (e) => e.when.edtf })).toBe('Trilateral statement, 2024-01-18');
  });

  it('builds tooltip content with the sources as links', () => {
    const e = event('x', '2024-02-03', ['russia'], {
      title: 'Report',
      category: 'diplomacy',
      location: { name: 'Seoul' },
      sources: [{ url: 'https://example.org/a', publisher: 'Example' }, { title: 'Unlinked' }],
    });
    expect(eventTooltipContent(e, ds)).toEqual({
      title: 'Report',
      lines: ['3 February 2024', 'Russia', 'diplomacy', 'Seoul'],
      links: [
        { href: 'https://example.org/a', text: 'Example' },
        { href: '', text: 'Unlinked' },
      ],
    });
  });
});
