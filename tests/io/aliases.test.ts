import { describe, expect, it } from 'vitest';
import { AliasTableError, createActorResolver, slugify } from '../../src/io/aliases.js';

describe('createActorResolver', () => {
  it('merges spellings that differ in case and spacing, and lists the merge', () => {
    const r = createActorResolver();
    expect(r.resolve('Russia', { line: 2 })).toBe('russia');
    expect(r.resolve('  russia ', { line: 5 })).toBe('russia');
    expect(r.resolve('RUSSIA', { line: 9 })).toBe('russia');
    expect(r.resolve('   ')).toBeUndefined();
    expect(r.merges()).toEqual([{ canonical: 'Russia', actorId: 'russia', names: ['Russia', 'russia', 'RUSSIA'], lines: [2, 5, 9] }]);
    expect(r.actors()).toEqual([{ id: 'russia', name: 'Russia' }]);
  });

  it('keeps case apart when caseFold is false, giving distinct ids', () => {
    const r = createActorResolver({ caseFold: false });
    expect([r.resolve('Apple'), r.resolve('apple'), r.resolve('APPLE')]).toEqual(['apple', 'apple-2', 'apple-3']);
    expect(r.merges()).toEqual([]);
  });

  it('makes colliding slugs unique in order of appearance', () => {
    const r = createActorResolver();
    expect([r.resolve('North Korea'), r.resolve('North-Korea'), r.resolve('north_korea')]).toEqual(['north-korea', 'north-korea-2', 'north-korea-3']);
  });

  it('maps aliases to their canonical name and kind', () => {
    const r = createActorResolver({ aliases: { DPRK: { canonical: 'North Korea', kind: 'state' }, 'Russian Federation': 'Russia' } });
    expect(r.resolve('dprk', { line: 3 })).toBe('north-korea');
    expect(r.resolve('North Korea', { line: 4 })).toBe('north-korea');
    expect(r.resolve('Russian Federation', { line: 5, kind: 'state' })).toBe('russia');
    expect(r.actors()).toEqual([
      { id: 'north-korea', name: 'North Korea', kind: 'state', aliases: ['dprk'] },
      { id: 'russia', name: 'Russia', kind: 'state', aliases: ['Russian Federation'] },
    ]);
    expect(r.merges().map((m) => m.names)).toEqual([['dprk', 'North Korea'], ['Russian Federation']]);
  });

  it('identifies keyed actors by key, labels them by name and lists a merge only for several keys', () => {
    const r = createActorResolver({ aliases: { USAGOV: 'USA' } });
    expect(r.resolve('UNITED STATES', { key: 'USA', line: 1 })).toBe('usa');
    expect(r.resolve('UNITED STATES', { key: 'USA', line: 2 })).toBe('usa');
    expect(r.merges()).toEqual([]);
    expect(r.resolve('US GOVERNMENT', { key: 'USAGOV', line: 3 })).toBe('usa');
    expect(r.merges()).toEqual([{ canonical: 'USA', actorId: 'usa', names: ['USA', 'USAGOV'], lines: [1, 3] }]);
  });

  it('reports every bad row of an alias table', () => {
    expect(() => createActorResolver({ aliases: 'alias,canonical,kind\nA,,state\nB,C,planet\n' })).toThrow(AliasTableError);
    try {
      createActorResolver({ aliases: 'alias,canonical,kind\nA,,state\nB,C,planet\n' });
    } catch (error) {
      expect((error as AliasTableError).problems.map((p) => p.path)).toEqual(['line 2', 'line 3, column kind']);
    }
    expect(() => createActorResolver({ aliases: 'name,other\n' })).toThrow(/alias and canonical/);
  });
});

describe('slugify', () => {
  it('keeps ASCII letters and digits, strips accents and joins the rest with -', () => {
    expect(slugify('North Korea')).toBe('north-korea');
    expect(slugify("Côte d'Ivoire")).toBe('cote-d-ivoire');
    expect(slugify('  (2023-)  ')).toBe('2023');
    expect(slugify('北朝鮮')).toBe('actor');
  });
});
