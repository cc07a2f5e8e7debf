import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseHumanDate, parseHumanWhen } from '../../src/io/dates-human.js';

const ok = (edtf: string) => ({ ok: true, edtf });
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

describe('parseHumanDate', () => {
  it('reads the written forms at the precision they were written with', () => {
    const cases: [string, string][] = [
      ['2024-01-18', '2024-01-18'],
      ['2024-01~', '2024-01~'],
      ['18 January 2024', '2024-01-18'],
      ['18 Jan 2024', '2024-01-18'],
      ['18-Jan-2024', '2024-01-18'],
      ['18th January 2024', '2024-01-18'],
      ['Thursday, 18 January 2024', '2024-01-18'],
      ['January 18, 2024', '2024-01-18'],
      ['Jan. 18, 2024', '2024-01-18'],
      ['Sept 3 2024', '2024-09-03'],
      ['Jan 2024', '2024-01'],
      ['January 2024', '2024-01'],
      ['01/2024', '2024-01'],
      ['2024', '2024'],
      ['18/01/2024', '2024-01-18'],
      ['01/18/2024', '2024-01-18'],
      ['18.01.2024', '2024-01-18'],
      ['2024/01/18', '2024-01-18'],
      ['2024-1-8', '2024-01-08'],
      ['  18   Jan   2024 ', '2024-01-18'],
      ['c. 1920', '1920~'],
      ['circa March 1920', '1920-03~'],
    ];
    for (const [text, edtf] of cases) expect(parseHumanDate(text), text).toEqual(ok(edtf));
  });

  it('reads dates with a time written with a space instead of T', () => {
    expect(parseHumanDate('2024-01-18 09:30')).toEqual(ok('2024-01-18T09:30'));
    expect(parseHumanDate('2024-01-18 09:30:15 UTC')).toEqual(ok('2024-01-18T09:30:15Z'));
    expect(parseHumanDate('2024-01-18 09:30 +0530')).toEqual(ok('2024-01-18T09:30+05:30'));
  });

  it('refuses a slash date that reads both ways unless told which, naming both readings', () => {
    expect(parseHumanDate('01/02/2024')).toEqual({
      ok: false,
      ambiguous: true,
      message: '"01/02/2024" could be 1 February or 2 January 2024; pass dayFirst or monthFirst',
    });
    expect(parseHumanDate('01/02/2024', { dayFirst: true })).toEqual(ok('2024-02-01'));
    expect(parseHumanDate('01/02/2024', { monthFirst: true })).toEqual(ok('2024-01-02'));
    expect(parseHumanDate('05/05/2024')).toEqual(ok('2024-05-05'));
  });

  it('reads dotted dates day first unless monthFirst is set', () => {
    expect(parseHumanDate('01.02.2024')).toEqual(ok('2024-02-01'));
    expect(parseHumanDate('01.02.2024', { monthFirst: true })).toEqual(ok('2024-01-02'));
  });

  it('explains why a date is not a date', () => {
    expect(parseHumanDate('31 February 2024')).toEqual({ ok: false, message: '"31 February 2024" is not a date: February 2024 has 29 days' });
    expect(parseHumanDate('29/02/2023')).toMatchObject({ ok: false, message: expect.stringContaining('neither') });
    expect(parseHumanDate('18 Janvier 2024')).toEqual({ ok: false, message: '"18 Janvier 2024" is not a date: "Janvier" is not a month' });
    expect(parseHumanDate('soon')).toEqual({ ok: false, message: '"soon" is not a date' });
    expect(parseHumanDate('')).toEqual({ ok: false, message: 'the date is empty' });
    expect(parseHumanDate('18/01/24')).toMatchObject({ ok: false, message: expect.stringContaining('four digits') });
  });

  it('refuses dayFirst and monthFirst together', () => {
    expect(() => parseHumanDate('01/02/2024', { dayFirst: true, monthFirst: true })).toThrow(RangeError);
  });

  it('reads every real date back in each written form', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(2999, 11, 31)), noInvalidDate: true }), (date) => {
        const y = date.getUTCFullYear();
        const m = date.getUTCMonth() + 1;
        const d = date.getUTCDate();
        const edtf = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const name = MONTHS[m - 1]!;
        for (const text of [`${d} ${name} ${y}`, `${d} ${name.slice(0, 3)} ${y}`, `${name} ${d}, ${y}`, `${y}/${m}/${d}`, `${d}.${m}.${y}`]) {
          expect(parseHumanDate(text), text).toEqual(ok(edtf));
        }
        expect(parseHumanDate(`${d}/${m}/${y}`, { dayFirst: true })).toEqual(ok(edtf));
        expect(parseHumanDate(`${m}/${d}/${y}`, { monthFirst: true })).toEqual(ok(edtf));
        const plain = parseHumanDate(`${d}/${m}/${y}`);
        if (d > 12 || d === m) expect(plain).toEqual(ok(edtf));
        else expect(plain).toMatchObject({ ok: false, ambiguous: true });
        expect(parseHumanDate(`${name} ${y}`)).toEqual(ok(edtf.slice(0, 7)));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('parseHumanWhen', () => {
  it('reads intervals written with a slash or in words', () => {
    expect(parseHumanWhen('2023/2024')).toEqual({ ok: true, start: '2023', end: '2024' });
    expect(parseHumanWhen('Jan 2024 to Mar 2024')).toEqual({ ok: true, start: '2024-01', end: '2024-03' });
    expect(parseHumanWhen('18 Jan 2024 – 20 Jan 2024')).toEqual({ ok: true, start: '2024-01-18', end: '2024-01-20' });
    expect(parseHumanWhen('18/01/2024')).toEqual({ ok: true, start: '2024-01-18' });
  });

  it('passes an ambiguous date on as an error rather than guessing', () => {
    expect(parseHumanWhen('01/02/2024')).toMatchObject({ ok: false, ambiguous: true });
    expect(parseHumanWhen('01/02/2024 to 2024-03-01')).toMatchObject({ ok: false, ambiguous: true });
  });
});
