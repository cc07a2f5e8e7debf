// Proleptic Gregorian arithmetic on plain numbers. Parsing 100k dates must not allocate a Date
// per value, and Date.UTC maps years 0–99 to 1900–1999, so the day count is computed directly.

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/**
 * Every year whose whole extent a JavaScript Date can hold (Dates reach ±8.64e15 ms, i.e. from
 * 20 April 271821 BCE to 13 September 275760 CE). Offsets of up to a day cannot leave it.
 */
export const MIN_YEAR = -271_820;
export const MAX_YEAR = 275_759;

export function isLeapYear(year: number): boolean {
  // `%` keeps the sign of the dividend, and -0 === 0, so this also holds for negative years.
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : DAYS_IN_MONTH[month - 1]!;
}

/**
 * Days from 1970-01-01 to the given proleptic Gregorian date (astronomical years), after
 * Howard Hinnant's `days_from_civil`: the year is shifted to start in March so the leap day
 * falls at its end, then counted in 400-year eras of 146,097 days.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
