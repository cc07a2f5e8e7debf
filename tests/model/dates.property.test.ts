import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  DateSyntaxError,
  dateFromParts,
  formatDate,
  formatWhen,
  parseDate,
  parseWhen,
  type DateParts,
} from '../../src/model/dates.js';
import type { DateValue } from '../../src/model/types.js';

const SETTINGS = { seed: 20240118, numRuns: 500 } as const;
const DAY = 86_400_000;

const PRECISIONS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond'] as const;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(2001, m, 0)).getUTCDate() + (m === 2 && isLeap(y) ? 1 : 0);
}

/** An independent oracle for instants: the built-in Date, made safe for years 0–99 and < 0. */
function utc(p: DateParts): number {
  const d = new Date(0);
  d.setUTCFullYear(p.year, (p.month ?? 1) - 1, p.day ?? 1);
  d.setUTCHours(p.hour ?? 0, p.minute ?? 0, p.second ?? 0, p.millisecond ?? 0);
  return d.getTime() - (p.offsetMinutes ?? 0) * 60_000;
}

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

/** Writes parts as EDTF independently of the library, so the parser is checked against it. */
function write(p: DateParts, qualifier: string): string {
  let s = p.year < 0 ? `-${pad(p.year, 4)}` : pad(p.year, 4);
  if (p.month !== undefined) s += `-${pad(p.month, 2)}`;
  if (p.day !== undefined) s += `-${pad(p.day, 2)}`;
  if (p.hour !== undefined) s += `T${pad(p.hour, 2)}`;
  if (p.minute !== undefined) s += `:${pad(p.minute, 2)}`;
  if (p.second !== undefined) s += `:${pad(p.second, 2)}`;
  if (p.millisecond !== undefined) s += `.${pad(p.millisecond, 3)}`;
  const o = p.offsetMinutes;
  if (o !== undefined) s += o === 0 ? 'Z' : `${o < 0 ? '-' : '+'}${pad(Math.trunc(o / 60), 2)}:${pad(o % 60, 2)}`;
  return s + qualifier;
}

const partsArb: fc.Arbitrary<DateParts> = fc
  .record({
    year: fc.oneof(fc.integer({ min: -9999, max: 9999 }), fc.integer({ min: -120, max: 120 }), fc.integer({ min: 1890, max: 2100 })),
    month: fc.integer({ min: 1, max: 12 }),
    dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    millisecond: fc.integer({ min: 0, max: 999 }),
    offset: fc.option(fc.integer({ min: -1439, max: 1439 })),
    depth: fc.integer({ min: 0, max: 6 }),
  })
  .map(({ year, month, dayFraction, hour, minute, second, millisecond, offset, depth }) => {
    const p: DateParts = { year };
    if (depth >= 1) p.month = month;
    if (depth >= 2) p.day = 1 + Math.floor(dayFraction * daysIn(year, month));
    if (depth >= 3) p.hour = hour;
    if (depth >= 4) p.minute = minute;
    if (depth >= 5) p.second = second;
    if (depth >= 6) p.millisecond = millisecond;
    if (depth >= 3 && offset !== null) p.offsetMinutes = offset;
    return p;
  });

const qualifierArb = fc.constantFrom('', '~', '?', '%');

/** EDTF level-1 forms the parts cannot express: X digits, seasons and long years. */
const level1Arb = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 999 }), fc.constantFrom('X')).map(([d, x]) => pad(d, 3) + x),
  fc.integer({ min: 0, max: 99 }).map((d) => `${pad(d, 2)}XX`),
  fc.tuple(fc.integer({ min: -9999, max: 9999 }), fc.constantFrom('-XX', '-XX-XX')).map(([y, tail]) => (y < 0 ? `-${pad(y, 4)}` : pad(y, 4)) + tail),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${pad(y, 4)}-${pad(m, 2)}-XX`),
  fc.tuple(fc.integer({ min: -9999, max: 9999 }), fc.integer({ min: 21, max: 24 })).map(([y, s]) => `${y < 0 ? `-${pad(y, 4)}` : pad(y, 4)}-${s}`),
  fc.integer({ min: 10_000, max: 275_759 }).map((y) => `Y${y}`),
  fc.integer({ min: 10_000, max: 271_820 }).map((y) => `Y-${y}`),
);

const valueTextArb = fc.tuple(fc.oneof(partsArb.map((p) => write(p, '')), level1Arb), qualifierArb).map(([t, q]) => t + q);

function extentLength(v: DateValue): number {
  return v.latest - v.earliest + 1;
}

describe('dates, for any valid parts and qualifiers', () => {
  test('parse the independently written EDTF into the same fields and instants as the Date oracle', () => {
    fc.assert(
      fc.property(partsArb, qualifierArb, (p, q) => {
        const v = parseDate(write(p, q));
        expect(v).toMatchObject({ ...p, approximate: q === '~' || q === '%', uncertain: q === '?' || q === '%' });
        expect(v.precision).toBe(PRECISIONS[Object.keys(p).filter((k) => k !== 'offsetMinutes').length - 1]);
        expect(v.earliest).toBe(utc(p));
      }),
      SETTINGS,
    );
  });

  test('make the same value from parts as from their EDTF', () => {
    fc.assert(
      fc.property(partsArb, qualifierArb, (p, q) => {
        const flags = { approximate: q === '~' || q === '%', uncertain: q === '?' || q === '%' };
        expect(dateFromParts(p, flags)).toStrictEqual(parseDate(write(p, q)));
      }),
      SETTINGS,
    );
  });

  test('round-trip through their normalised EDTF and always format', () => {
    fc.assert(
      fc.property(valueTextArb, (text) => {
        const v = parseDate(text);
        expect(parseDate(v.edtf)).toStrictEqual(v);
        expect(formatDate(v).length).toBeGreaterThan(0);
        expect(formatDate(v, { style: 'short' }).length).toBeGreaterThan(0);
      }),
      SETTINGS,
    );
  });

  test('have an extent that starts no later than it ends and lies within Date range', () => {
    fc.assert(
      fc.property(valueTextArb, (text) => {
        const v = parseDate(text);
        expect(v.earliest).toBeLessThanOrEqual(v.latest);
        expect(Number.isNaN(new Date(v.earliest).getTime())).toBe(false);
        expect(Number.isNaN(new Date(v.latest).getTime())).toBe(false);
      }),
      SETTINGS,
    );
  });

  test('have an extent exactly one unit of their precision long', () => {
    fc.assert(
      fc.property(partsArb, qualifierArb, (p, q) => {
        const v = parseDate(write(p, q));
        const length = extentLength(v);
        switch (v.precision) {
          case 'year':
            expect(length).toBe((isLeap(p.year) ? 366 : 365) * DAY);
            break;
          case 'month':
            expect(length).toBe(daysIn(p.year, p.month!) * DAY);
            break;
          case 'day':
            expect(length).toBe(DAY);
            break;
          case 'hour':
            expect(length).toBe(3_600_000);
            break;
          case 'minute':
            expect(length).toBe(60_000);
            break;
          case 'second':
            expect(length).toBe(1000);
            break;
          case 'millisecond':
            expect(length).toBe(1);
            break;
        }
        // A floating value's extent starts on a unit boundary of UTC.
        if (v.offsetMinutes === undefined && v.precision !== 'millisecond') {
          const unit = { year: DAY, month: DAY, day: DAY, hour: 3_600_000, minute: 60_000, second: 1000 }[v.precision];
          expect(((v.earliest % unit) + unit) % unit).toBe(0);
        }
      }),
      SETTINGS,
    );
  });
});

describe('intervals, for any two valid dates', () => {
  test('span from the earlier start to the later end, or are refused as reversed', () => {
    fc.assert(
      fc.property(valueTextArb, valueTextArb, (a, b) => {
        const start = parseDate(a);
        const end = parseDate(b);
        const text = `${a}/${b}`;
        if (end.latest < start.earliest) {
          expect(() => parseWhen(text)).toThrow(`"${text}" ends before it starts`);
          return;
        }
        const when = parseWhen(text);
        expect(when.earliest).toBe(start.earliest);
        expect(when.latest).toBe(end.latest);
        expect(when.earliest).toBeLessThanOrEqual(when.latest);
        expect(parseWhen(when.edtf)).toStrictEqual(when);
        expect(formatWhen(when).length).toBeGreaterThan(0);
      }),
      SETTINGS,
    );
  });
});

describe('any string', () => {
  // Strings from the EDTF alphabet reach deep into the scanner; arbitrary strings test the rest.
  const edtfish = fc
    .array(fc.constantFrom(...'0123456789-XYTZ:.+~?%/ 2012-01-'.split('')), { maxLength: 30 })
    .map((chars) => chars.join(''));
  const anything = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), edtfish);

  test('parses to a value that round-trips, or fails with a DateSyntaxError only', () => {
    fc.assert(
      fc.property(anything, (text) => {
        let v: DateValue;
        try {
          v = parseDate(text);
        } catch (error) {
          expect(error).toBeInstanceOf(DateSyntaxError);
          expect((error as DateSyntaxError).message.startsWith(JSON.stringify(text).slice(0, 20))).toBe(true);
          return;
        }
        expect(parseDate(v.edtf)).toStrictEqual(v);
      }),
      { ...SETTINGS, numRuns: 2000 },
    );
  });

  test('parses as a When, or fails with a DateSyntaxError only', () => {
    fc.assert(
      fc.property(anything, (text) => {
        try {
          const when = parseWhen(text);
          expect(when.earliest).toBeLessThanOrEqual(when.latest);
        } catch (error) {
          expect(error).toBeInstanceOf(DateSyntaxError);
        }
      }),
      { ...SETTINGS, numRuns: 1000 },
    );
  });
});
