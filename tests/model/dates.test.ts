import { describe, expect, test } from 'vitest';
import { enUS } from 'date-fns/locale/en-US';
import { fr } from 'date-fns/locale/fr';
import { ru } from 'date-fns/locale/ru';
import {
  DateSyntaxError,
  compareDateValues,
  dateFromParts,
  formatDate,
  formatWhen,
  parseDate,
  parseWhen,
  tryParseDate,
  tryParseWhen,
  whenFromDates,
} from '../../src/model/dates.js';
import * as index from '../../src/index.js';

/** The UTC instant of a proleptic Gregorian date, safe for years 0–99 and below 0. */
function utc(year: number, month = 1, day = 1, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function errorOf(fn: () => unknown): DateSyntaxError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DateSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a DateSyntaxError');
}

describe('parseDate', () => {
  test.each([
    ['2024', 'year', '2024-01-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z'],
    ['2024-02', 'month', '2024-02-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z'],
    ['2023-02', 'month', '2023-02-01T00:00:00.000Z', '2023-02-28T23:59:59.999Z'],
    ['2024-12', 'month', '2024-12-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z'],
    ['2024-01-18', 'day', '2024-01-18T00:00:00.000Z', '2024-01-18T23:59:59.999Z'],
    ['2024-01-18T09', 'hour', '2024-01-18T09:00:00.000Z', '2024-01-18T09:59:59.999Z'],
    ['2024-01-18T09:30', 'minute', '2024-01-18T09:30:00.000Z', '2024-01-18T09:30:59.999Z'],
    ['2024-01-18T09:30:15', 'second', '2024-01-18T09:30:15.000Z', '2024-01-18T09:30:15.999Z'],
    ['2024-01-18T09:30:15.250', 'millisecond', '2024-01-18T09:30:15.250Z', '2024-01-18T09:30:15.250Z'],
  ] as const)('reads %s at %s precision with its whole extent', (text, precision, earliest, latest) => {
    const v = parseDate(text);
    expect(v.precision).toBe(precision);
    expect(iso(v.earliest)).toBe(earliest);
    expect(iso(v.latest)).toBe(latest);
    expect(v.edtf).toBe(text);
    expect(v.offsetMinutes).toBeUndefined();
    expect(v.approximate).toBe(false);
    expect(v.uncertain).toBe(false);
    expect(v.unspecified).toEqual([]);
  });

  test('keeps the written fields', () => {
    expect(parseDate('2024-01-18T09:30:15.250')).toMatchObject({
      year: 2024,
      month: 1,
      day: 18,
      hour: 9,
      minute: 30,
      second: 15,
      millisecond: 250,
    });
  });

  test.each([
    ['2024-01-18T09:30Z', 0, '2024-01-18T09:30Z', '2024-01-18T09:30:00.000Z'],
    ['2024-01-18T09:30+09:00', 540, '2024-01-18T09:30+09:00', '2024-01-18T00:30:00.000Z'],
    ['2024-01-18T09:30+0930', 570, '2024-01-18T09:30+09:30', '2024-01-18T00:00:00.000Z'],
    ['2024-01-18T09:30+09', 540, '2024-01-18T09:30+09:00', '2024-01-18T00:30:00.000Z'],
    ['2024-01-18T09:30-05:00', -300, '2024-01-18T09:30-05:00', '2024-01-18T14:30:00.000Z'],
    ['2024-01-18T09:30-00:00', 0, '2024-01-18T09:30Z', '2024-01-18T09:30:00.000Z'],
    ['2024-01-18T23:30-05:00', -300, '2024-01-18T23:30-05:00', '2024-01-19T04:30:00.000Z'],
    ['2024-01-18T09Z', 0, '2024-01-18T09Z', '2024-01-18T09:00:00.000Z'],
    ['2024-01-18T09:30:15.5+01:00', 60, '2024-01-18T09:30:15.500+01:00', '2024-01-18T08:30:15.500Z'],
  ] as const)('reads the offset of %s as a real instant', (text, offset, edtf, earliest) => {
    const v = parseDate(text);
    expect(v.offsetMinutes).toBe(offset);
    expect(Object.is(v.offsetMinutes, -0)).toBe(false);
    expect(v.edtf).toBe(edtf);
    expect(iso(v.earliest)).toBe(earliest);
  });

  test('shifts both ends of the extent by the offset', () => {
    const v = parseDate('2024-01-18T09+09:00');
    expect(iso(v.earliest)).toBe('2024-01-18T00:00:00.000Z');
    expect(iso(v.latest)).toBe('2024-01-18T00:59:59.999Z');
  });

  test.each([
    ['.2', 200],
    ['.25', 250],
    ['.250', 250],
    ['.250999', 250],
    ['.999999999', 999],
    ['.007', 7],
  ])('reads the fraction %s as %i ms', (fraction, ms) => {
    const v = parseDate(`2024-01-18T09:30:15${fraction}`);
    expect(v.millisecond).toBe(ms);
    expect(v.precision).toBe('millisecond');
    expect(v.edtf).toBe(`2024-01-18T09:30:15.${String(ms).padStart(3, '0')}`);
  });

  test.each([
    ['2024~', true, false],
    ['2024-01?', false, true],
    ['2024-01-18%', true, true],
    ['2024-01-18T09:30Z~', true, false],
  ])('reads the qualifier of %s without widening the extent', (text, approximate, uncertain) => {
    const v = parseDate(text);
    const plain = parseDate(text.slice(0, -1));
    expect(v.approximate).toBe(approximate);
    expect(v.uncertain).toBe(uncertain);
    expect(v.earliest).toBe(plain.earliest);
    expect(v.latest).toBe(plain.latest);
    expect(v.edtf).toBe(text);
  });

  test('reads astronomical negative years, where 0000 is 1 BCE', () => {
    const v = parseDate('-0500');
    expect(v.year).toBe(-500);
    expect(v.earliest).toBe(utc(-500));
    expect(v.latest).toBe(utc(-499) - 1);
    expect(v.edtf).toBe('-0500');
    expect(parseDate('0000').earliest).toBe(utc(0));
    expect(parseDate('-0044-03-15').earliest).toBe(utc(-44, 3, 15));
    // Year -4 is a leap year in the proleptic Gregorian calendar (as is year 0).
    expect(parseDate('-0004-02-29').day).toBe(29);
    expect(parseDate('0000-02-29').day).toBe(29);
  });

  test('places years 0–99 in their own century, not in the 1900s', () => {
    const v = parseDate('0079-08-24');
    expect(v.year).toBe(79);
    expect(v.earliest).toBe(utc(79, 8, 24));
    expect(iso(v.earliest)).toBe('0079-08-24T00:00:00.000Z');
  });

  test('reads EDTF long years with Y, at year precision', () => {
    expect(parseDate('Y170000')).toMatchObject({ year: 170000, precision: 'year', edtf: 'Y170000' });
    const v = parseDate('Y-12000~');
    expect(v).toMatchObject({ year: -12000, approximate: true, edtf: 'Y-12000~' });
    expect(v.earliest).toBe(utc(-12000));
    expect(parseDate('Y10000').earliest).toBe(utc(10000));
  });

  test('reaches the ends of the years a Date can hold', () => {
    expect(parseDate('Y275759').latest).toBe(utc(275760) - 1);
    expect(parseDate('Y-271820').earliest).toBe(utc(-271820));
  });

  test('widens a decade or a century written with X to its whole extent', () => {
    const decade = parseDate('202X');
    expect(decade).toMatchObject({ year: 2020, precision: 'year', unspecified: ['year'], edtf: '202X' });
    expect(iso(decade.earliest)).toBe('2020-01-01T00:00:00.000Z');
    expect(iso(decade.latest)).toBe('2029-12-31T23:59:59.999Z');
    const century = parseDate('20XX?');
    expect(century).toMatchObject({ year: 2000, unspecified: ['year'], uncertain: true, edtf: '20XX?' });
    expect(iso(century.latest)).toBe('2099-12-31T23:59:59.999Z');
  });

  test('reads unspecified months and days as the coarsest specified precision', () => {
    expect(parseDate('2024-XX')).toMatchObject({ precision: 'year', month: undefined, unspecified: ['month'], edtf: '2024-XX' });
    expect(parseDate('2024-XX-XX')).toMatchObject({ precision: 'year', unspecified: ['month', 'day'], edtf: '2024-XX-XX' });
    const v = parseDate('2024-02-XX~');
    expect(v).toMatchObject({ precision: 'month', month: 2, day: undefined, unspecified: ['day'], approximate: true });
    expect(iso(v.latest)).toBe('2024-02-29T23:59:59.999Z');
    expect(parseDate('2024-XX').latest).toBe(parseDate('2024').latest);
  });

  test.each([
    ['2024-21', 'spring', '2024-03-01T00:00:00.000Z', '2024-05-31T23:59:59.999Z'],
    ['2024-22', 'summer', '2024-06-01T00:00:00.000Z', '2024-08-31T23:59:59.999Z'],
    ['2024-23', 'autumn', '2024-09-01T00:00:00.000Z', '2024-11-30T23:59:59.999Z'],
    ['2024-24', 'winter', '2024-12-01T00:00:00.000Z', '2025-02-28T23:59:59.999Z'],
    ['2023-24', 'winter', '2023-12-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z'],
  ] as const)('reads the season %s as the %s months', (text, season, earliest, latest) => {
    const v = parseDate(text);
    expect(v).toMatchObject({ season, precision: 'month', month: undefined, edtf: text });
    expect(iso(v.earliest)).toBe(earliest);
    expect(iso(v.latest)).toBe(latest);
  });

  test.each([
    ['2024-13-01', 'syntax', '"2024-13-01" is not a date (months are 01–12; 21–24 are seasons)'],
    ['2024-00', 'syntax', '"2024-00" is not a date (months are 01–12; 21–24 are seasons)'],
    ['2024-01-32', 'syntax', '"2024-01-32" is not a date (days are 01–31)'],
    ['2024-01-00', 'syntax', '"2024-01-00" is not a date (days are 01–31)'],
    ['2024-02-30', 'calendar', '"2024-02-30" is not a calendar date'],
    ['2023-02-29', 'calendar', '"2023-02-29" is not a calendar date'],
    ['1900-02-29', 'calendar', '"1900-02-29" is not a calendar date'],
    ['2024-04-31', 'calendar', '"2024-04-31" is not a calendar date'],
    ['2024-01-18T24:00', 'calendar', '"2024-01-18T24:00" is not a calendar date (no hour 24; days run from 00:00 to 23:59)'],
    ['2024-01-18T09:60', 'calendar', '"2024-01-18T09:60" is not a calendar date (no minute 60)'],
    ['2024-01-18T23:59:60', 'calendar', '"2024-01-18T23:59:60" is not a calendar date (no second 60; leap seconds are not supported)'],
    [' 2024', 'syntax', '" 2024" is not a date (white space around it)'],
    ['2024\n', 'syntax', '"2024\\n" is not a date (white space around it)'],
    ['', 'syntax', '"" is not a date (empty)'],
    ['2024-01-18 09:30', 'syntax', '"2024-01-18 09:30" is not a date (write T between the date and the time)'],
    ['2024-01-18t09:30z', 'syntax', '"2024-01-18t09:30z" is not a date (T, Z and X are written in upper case)'],
    ['-500', 'syntax', '"-500" is not a date'],
    ['-0000', 'syntax', '"-0000" is not a date (year zero has no sign)'],
    ['24', 'syntax', '"24" is not a date'],
    ['20240', 'syntax', '"20240" is not a date (years of more than four digits are written Y12345)'],
    ['20240118', 'syntax', '"20240118" is not a date (years of more than four digits are written Y12345)'],
    ['2024-1-18', 'syntax', '"2024-1-18" is not a date'],
    ['2024-01-18T9:30', 'syntax', '"2024-01-18T9:30" is not a date'],
    ['2024-01-18T0930', 'syntax', '"2024-01-18T0930" is not a date'],
    ['2024-01-18T09:30:15.', 'syntax', '"2024-01-18T09:30:15." is not a date'],
    ['2024-01-18T09:30:15.1234567890', 'syntax', '"2024-01-18T09:30:15.1234567890" is not a date'],
    ['2024-01-18T09:30+24:00', 'syntax', '"2024-01-18T09:30+24:00" is not a date (offsets run from -23:59 to +23:59)'],
    ['2024-01-18T09:30+09:60', 'syntax', '"2024-01-18T09:30+09:60" is not a date'],
    ['2024-01-18T09:30+9', 'syntax', '"2024-01-18T09:30+9" is not a date'],
    ['2024-01-18Z', 'syntax', '"2024-01-18Z" is not a date'],
    ['2024-01-18T', 'syntax', '"2024-01-18T" is not a date'],
    ['2024-01-18T09:30~?', 'syntax', '"2024-01-18T09:30~?" is not a date'],
    ['~', 'syntax', '"~" is not a date'],
    ['2024-XX-18', 'syntax', '"2024-XX-18" is not a date (a known day needs a known month)'],
    ['2024-01-XXT09', 'syntax', '"2024-01-XXT09" is not a date'],
    ['202X-01', 'syntax', '"202X-01" is not a date'],
    ['2X24', 'syntax', '"2X24" is not a date'],
    ['2XXX', 'syntax', '"2XXX" is not a date'],
    ['20X4', 'syntax', '"20X4" is not a date'],
    ['-002X', 'syntax', '"-002X" is not a date'],
    ['2024-21-01', 'syntax', '"2024-21-01" is not a date'],
    ['Y2024', 'syntax', '"Y2024" is not a date (a Y year has more than four digits)'],
    ['Y012345', 'syntax', '"Y012345" is not a date (a Y year has no leading zeros)'],
    ['Y12345-01', 'syntax', '"Y12345-01" is not a date'],
    ['Y-170000000', 'range', '"Y-170000000" is outside the range of dates this library can place'],
    ['Y275760', 'range', '"Y275760" is outside the range of dates this library can place'],
    ['Y-271821', 'range', '"Y-271821" is outside the range of dates this library can place'],
    ['2024/2025', 'syntax', '"2024/2025" is not a date'],
  ] as const)('refuses %j (%s)', (text, reason, message) => {
    const error = errorOf(() => parseDate(text));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DateSyntaxError');
    expect(error.reason).toBe(reason);
    expect(error.input).toBe(text);
    expect(error.message).toBe(message);
  });

  test('cuts very long input in its message but keeps it whole in the error', () => {
    const text = 'x'.repeat(10_000);
    const error = errorOf(() => parseDate(text));
    expect(error.input).toBe(text);
    expect(error.message).toBe(`"${'x'.repeat(60)}…" is not a date`);
  });

  test('refuses a value that is not a string, as JSON input may hold', () => {
    const error = errorOf(() => parseDate(2024 as unknown as string));
    expect(error.reason).toBe('syntax');
    expect(error.message).toBe('2024 is not a date (expected a string, got number)');
  });

  test('parses its own EDTF back to an equal value', () => {
    for (const text of ['2024-01-18T09:30:15.2+0530%', '202X~', '2024-XX-XX?', '-0044-03-15', 'Y-12000', '2024-24']) {
      const v = parseDate(text);
      expect(parseDate(v.edtf)).toStrictEqual(v);
    }
  });
});

describe('tryParseDate', () => {
  test('returns the value when the text is a date', () => {
    const r = tryParseDate('2024-01');
    expect(r.ok && r.value.precision).toBe('month');
  });

  test('returns the error instead of throwing it', () => {
    const r = tryParseDate('2024-02-30');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(DateSyntaxError);
      expect(r.error.reason).toBe('calendar');
    }
  });
});

describe('dateFromParts', () => {
  test.each([
    [{ year: 2024 }, '2024'],
    [{ year: 2024, month: 1 }, '2024-01'],
    [{ year: 2024, month: 1, day: 18 }, '2024-01-18'],
    [{ year: 2024, month: 1, day: 18, hour: 9 }, '2024-01-18T09'],
    [{ year: 2024, month: 1, day: 18, hour: 9, minute: 30 }, '2024-01-18T09:30'],
    [{ year: 2024, month: 1, day: 18, hour: 9, minute: 30, second: 5 }, '2024-01-18T09:30:05'],
    [{ year: 2024, month: 1, day: 18, hour: 9, minute: 30, second: 5, millisecond: 7 }, '2024-01-18T09:30:05.007'],
    [{ year: 2024, month: 1, day: 18, hour: 9, offsetMinutes: 540 }, '2024-01-18T09+09:00'],
    [{ year: 2024, month: 1, day: 18, hour: 9, minute: 0, offsetMinutes: -0 }, '2024-01-18T09:00Z'],
    [{ year: 2024, month: 1, day: 18, hour: 9, minute: 0, offsetMinutes: -570 }, '2024-01-18T09:00-09:30'],
    [{ year: -44, month: 3, day: 15 }, '-0044-03-15'],
    [{ year: 12345 }, 'Y12345'],
  ])('makes %o at the precision of its finest part (%s)', (parts, edtf) => {
    const v = dateFromParts(parts);
    expect(v.edtf).toBe(edtf);
    expect(v).toStrictEqual(parseDate(edtf));
  });

  test('applies the qualifiers', () => {
    expect(dateFromParts({ year: 2024, month: 1 }, { approximate: true }).edtf).toBe('2024-01~');
    expect(dateFromParts({ year: 2024 }, { uncertain: true }).edtf).toBe('2024?');
    expect(dateFromParts({ year: 2024 }, { approximate: true, uncertain: true }).edtf).toBe('2024%');
  });

  test.each([
    [{ year: 2024, day: 3 }, 'syntax', '"year 2024, day 3" is not a date (a day needs a month)'],
    [{ year: 2024, month: 1, minute: 3 }, 'syntax', '"year 2024, month 1, minute 3" is not a date (a minute needs an hour)'],
    [{ year: 2024, month: 1, hour: 3 }, 'syntax', '"year 2024, month 1, hour 3" is not a date (an hour needs a day)'],
    [{ year: 2024, month: 13 }, 'syntax', '"year 2024, month 13" is not a date (the month must be an integer from 1 to 12)'],
    [{ year: 2024, month: 1.5 }, 'syntax', '"year 2024, month 1.5" is not a date (the month must be an integer from 1 to 12)'],
    [{ year: Number.NaN }, 'syntax', '"year NaN" is not a date (the year must be an integer)'],
    [{ year: 2024, month: 1, day: 1, offsetMinutes: 60 }, 'syntax', '"year 2024, month 1, day 1, offsetMinutes 60" is not a date (an offset needs a time of day)'],
    [
      { year: 2024, month: 1, day: 1, hour: 1, offsetMinutes: 1440 },
      'syntax',
      '"year 2024, month 1, day 1, hour 1, offsetMinutes 1440" is not a date (the offset must be a whole number of minutes from -1439 to 1439)',
    ],
    [{ year: 12345, month: 1 }, 'syntax', '"year 12345, month 1" is not a date (EDTF writes years beyond ±9999 without months or days)'],
    [{ year: 2023, month: 2, day: 29 }, 'calendar', '"2023-02-29" is not a calendar date'],
    [{ year: 2024, month: 1, day: 1, hour: 24 }, 'calendar', '"2024-01-01T24" is not a calendar date (no hour 24; days run from 00:00 to 23:59)'],
    [{ year: 300_000 }, 'range', '"year 300000" is outside the range of dates this library can place'],
  ] as const)('refuses %o (%s)', (parts, reason, message) => {
    const error = errorOf(() => dateFromParts(parts));
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(message);
  });
});

describe('parseWhen', () => {
  test('reads a point as a When without an end', () => {
    const w = parseWhen('2024-01-18');
    expect(w.end).toBeUndefined();
    expect(w.start.edtf).toBe('2024-01-18');
    expect(w.edtf).toBe('2024-01-18');
    expect(iso(w.earliest)).toBe('2024-01-18T00:00:00.000Z');
    expect(iso(w.latest)).toBe('2024-01-18T23:59:59.999Z');
  });

  test('reads an interval from the start of its start to the end of its end', () => {
    const w = parseWhen('2024-01-18/2024-02~');
    expect(w.start.precision).toBe('day');
    expect(w.end?.approximate).toBe(true);
    expect(w.edtf).toBe('2024-01-18/2024-02~');
    expect(iso(w.earliest)).toBe('2024-01-18T00:00:00.000Z');
    expect(iso(w.latest)).toBe('2024-02-29T23:59:59.999Z');
  });

  test('reads the object form like the string form', () => {
    expect(parseWhen({ start: '2023', end: '2024' })).toStrictEqual(parseWhen('2023/2024'));
    expect(parseWhen({ start: '2023' })).toStrictEqual(parseWhen('2023'));
  });

  test('allows an end that overlaps the start', () => {
    expect(parseWhen('2024/2024-03').edtf).toBe('2024/2024-03');
    expect(parseWhen('2024-01-18T10:00+09:00/2024-01-18T09:00Z').edtf).toBe('2024-01-18T10:00+09:00/2024-01-18T09:00Z');
  });

  test.each([
    ['2024/2023', 'order', '"2024/2023" ends before it starts'],
    ['2024-01-18T10:00Z/2024-01-18T09:00Z', 'order', '"2024-01-18T10:00Z/2024-01-18T09:00Z" ends before it starts'],
    ['2024/..', 'open', '"2024/.." has an open end; an event needs both ends'],
    ['../2024', 'open', '"../2024" has an open start; an event needs both ends'],
    ['2024/', 'open', '"2024/" has an unknown end; an event needs both ends'],
    ['/2024', 'open', '"/2024" has an unknown start; an event needs both ends'],
    ['2024/2025/2026', 'syntax', '"2024/2025/2026" is not a date (an interval has one /)'],
    ['2024/2025-13', 'syntax', '"2025-13" is not a date (months are 01–12; 21–24 are seasons)'],
    ['2024 /2025', 'syntax', '"2024 " is not a date (white space around it)'],
  ] as const)('refuses %j (%s)', (text, reason, message) => {
    const error = errorOf(() => parseWhen(text));
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(message);
  });

  test('refuses open and reversed ends of the object form too', () => {
    expect(errorOf(() => parseWhen({ start: '2024', end: '..' })).message).toBe('"2024/.." has an open end; an event needs both ends');
    expect(errorOf(() => parseWhen({ start: '2024', end: '' })).reason).toBe('open');
    expect(errorOf(() => parseWhen({ start: '2024', end: '2023' })).message).toBe('"2024/2023" ends before it starts');
    expect(errorOf(() => parseWhen({ start: 2024 } as unknown as { start: string })).reason).toBe('syntax');
  });

  test('tryParseWhen returns the error instead of throwing it', () => {
    const r = tryParseWhen('2024/2023');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toBe('order');
    expect(tryParseWhen('2023/2024').ok).toBe(true);
  });
});

describe('whenFromDates', () => {
  test('spans from the start of its start to the end of its end', () => {
    const w = whenFromDates(parseDate('2023'), parseDate('2024-06'));
    expect(w.edtf).toBe('2023/2024-06');
    expect(w.earliest).toBe(utc(2023));
    expect(w.latest).toBe(utc(2024, 7) - 1);
  });

  test('refuses an end before the start', () => {
    expect(errorOf(() => whenFromDates(parseDate('2024-02'), parseDate('2024-01'))).reason).toBe('order');
  });
});

describe('formatDate', () => {
  test.each([
    ['2024', '2024', '2024'],
    ['2024-01', 'January 2024', 'Jan 2024'],
    ['2024-01-18', '18 January 2024', '18 Jan 2024'],
    ['2024-01-08', '8 January 2024', '8 Jan 2024'],
    ['2024-01-18T09', '18 January 2024, 09h', '18 Jan 2024, 09h'],
    ['2024-01-18T09:30', '18 January 2024, 09:30', '18 Jan 2024, 09:30'],
    ['2024-01-18T09:30:15', '18 January 2024, 09:30:15', '18 Jan 2024, 09:30:15'],
    ['2024-01-18T09:30:15.050', '18 January 2024, 09:30:15.050', '18 Jan 2024, 09:30:15.050'],
    ['2024-01-18T09:30+09:00', '18 January 2024, 09:30 UTC+09:00', '18 Jan 2024, 09:30 UTC+09:00'],
    ['2024-01-18T23:30-05:30', '18 January 2024, 23:30 UTC\u221205:30', '18 Jan 2024, 23:30 UTC\u221205:30'],
    ['2024-01-18T09:30Z', '18 January 2024, 09:30 UTC', '18 Jan 2024, 09:30 UTC'],
    ['2024~', 'circa 2024', 'c. 2024'],
    ['2024-01?', 'January 2024?', 'Jan 2024?'],
    ['2024-01-18%', 'circa 18 January 2024?', 'c. 18 Jan 2024?'],
    ['2024-XX', '2024 (month unknown)', '2024 (month unknown)'],
    ['2024-XX-XX~', 'circa 2024 (month and day unknown)', 'c. 2024 (month and day unknown)'],
    ['2024-03-XX?', 'March 2024? (day unknown)', 'Mar 2024? (day unknown)'],
    ['202X', '2020s', '2020s'],
    ['20XX', '2000–2099', '2000–2099'],
    ['000X', '1 BCE – 9 CE', '1 BCE – 9 CE'],
    ['2024-21', 'Spring 2024', 'Spring 2024'],
    ['2024-24', 'Winter 2024–2025', 'Winter 2024–2025'],
    ['0079-08-24', '24 August 79 CE', '24 Aug 79 CE'],
    ['0000', '1 BCE', '1 BCE'],
    ['-0499', '500 BCE', '500 BCE'],
    ['-0043-03-15', '15 March 44 BCE', '15 Mar 44 BCE'],
    ['Y170000', '170000', '170000'],
  ])('prints %s as %j (short %j)', (text, long, short) => {
    const v = parseDate(text);
    expect(formatDate(v)).toBe(long);
    expect(formatDate(v, { style: 'long' })).toBe(long);
    expect(formatDate(v, { style: 'short' })).toBe(short);
  });

  test('prints the written fields in any time zone, even across a DST gap', () => {
    // These runs happen under TZ=UTC and TZ=Pacific/Kiritimati (UTC+14); 02:30 on 10 March
    // 2024 does not exist in Los Angeles, and would move if built as a local Date there.
    expect(formatDate(parseDate('2024-01-18'))).toBe('18 January 2024');
    expect(formatDate(parseDate('2024-03-10T02:30'))).toBe('10 March 2024, 02:30');
    expect(formatDate(parseDate('2024-12-31T23:59'))).toBe('31 December 2024, 23:59');
    expect(formatDate(parseDate('2024-01-01T00:00+14:00'))).toBe('1 January 2024, 00:00 UTC+14:00');
  });

  test('prints the same under any process time zone, switched at run time', () => {
    const saved = process.env.TZ;
    // Offsets on 18 January 2024, in minutes as getTimezoneOffset reports them.
    const zones = { 'Pacific/Kiritimati': -840, 'Pacific/Pago_Pago': 660, 'America/Los_Angeles': 480, 'Asia/Kathmandu': -345 };
    try {
      for (const [zone, offset] of Object.entries(zones)) {
        process.env.TZ = zone;
        expect(new Date(2024, 0, 18).getTimezoneOffset()).toBe(offset);
        // A fresh locale object so the month names are looked up again in this zone.
        const locale = { ...enUS };
        expect(formatDate(parseDate('2024-01-18'), { locale })).toBe('18 January 2024');
        expect(formatDate(parseDate('2024-03-10T02:30'), { locale, style: 'short' })).toBe('10 Mar 2024, 02:30');
        expect(formatDate(parseDate('2024-12'), { locale })).toBe('December 2024');
        expect(parseDate('2024-01-18').earliest).toBe(Date.UTC(2024, 0, 18));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test('takes month names from a date-fns locale', () => {
    expect(formatDate(parseDate('2024-01-18'), { locale: fr })).toBe('18 janvier 2024');
    expect(formatDate(parseDate('2024-02'), { locale: fr, style: 'short' })).toBe('févr. 2024');
    // Russian declines a month inside a date but not alone.
    expect(formatDate(parseDate('2024-01-18'), { locale: ru })).toBe('18 января 2024');
    expect(formatDate(parseDate('2024-01'), { locale: ru })).toBe('январь 2024');
  });
});

describe('formatWhen', () => {
  test.each([
    ['2024-01-18', '18 January 2024'],
    ['2023/2024', '2023 – 2024'],
    ['2024/2024', '2024'],
    ['2024-01-18/2024-01-20', '18–20 January 2024'],
    ['2024-01-18/2024-02-20', '18 January – 20 February 2024'],
    ['2024-01/2024-03', 'January–March 2024'],
    ['2023-12-30/2024-01-02', '30 December 2023 – 2 January 2024'],
    ['2024-01/2024-03-05', 'January 2024 – 5 March 2024'],
    ['2024-01-18~/2024-01-20', 'circa 18 January 2024 – 20 January 2024'],
    ['-0500/-0400', '501 BCE – 401 BCE'],
  ])('prints %s as %j', (text, expected) => {
    expect(formatWhen(parseWhen(text))).toBe(expected);
  });

  test('passes the style to both ends', () => {
    expect(formatWhen(parseWhen('2024-01-18/2024-02-20'), { style: 'short' })).toBe('18 Jan – 20 Feb 2024');
    expect(formatWhen(parseWhen('2023-01/2024-02'), { style: 'short' })).toBe('Jan 2023 – Feb 2024');
  });
});

describe('compareDateValues', () => {
  test('orders by first instant, then by last, so the more precise value comes first', () => {
    const sorted = ['2024', '2023-06', '2024-01-01', '2024-01', '2023-24', '-0001']
      .map(parseDate)
      .sort(compareDateValues)
      .map((d) => d.edtf);
    expect(sorted).toEqual(['-0001', '2023-06', '2023-24', '2024-01-01', '2024-01', '2024']);
    expect(compareDateValues(parseDate('2024~'), parseDate('2024'))).toBe(0);
  });

  test('orders offset times by the instant they name', () => {
    const tokyo = parseDate('2024-01-18T09:00+09:00');
    const london = parseDate('2024-01-18T01:00Z');
    expect(compareDateValues(tokyo, london)).toBeLessThan(0);
  });
});

test('the package index exports the date functions', () => {
  expect(index.parseDate).toBe(parseDate);
  expect(index.DateSyntaxError).toBe(DateSyntaxError);
  expect(index.formatWhen).toBe(formatWhen);
});
