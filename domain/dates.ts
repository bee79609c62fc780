// ISO-date arithmetic on 'YYYY-MM-DD' strings using integer day numbers only.
// No Date object is used: workflow code must replay identically, and integer maths
// cannot drift with the host time zone.

/** A calendar date in 'YYYY-MM-DD' form (proleptic Gregorian). */
export type IsoDate = string;

/** Day number: days since 1970-01-01 (that day is 0). */
export type DayNumber = number;

export interface DateParts {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

/** Thrown when a string is not a real calendar date or datetime. */
export class InvalidDateError extends Error {
  override readonly name = 'InvalidDateError';
  constructor(
    readonly input: unknown,
    detail = 'not a valid ISO date (YYYY-MM-DD)',
  ) {
    super(`${JSON.stringify(input)}: ${detail}`);
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parses 'YYYY-MM-DD'; returns null for malformed or impossible dates such as 2026-02-30. */
export function parseIsoDate(input: unknown): DateParts | null {
  if (typeof input !== 'string') return null;
  const match = ISO_DATE.exec(input);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(input: unknown): input is IsoDate {
  return parseIsoDate(input) !== null;
}

/** Like parseIsoDate but throws InvalidDateError. */
export function requireIsoDate(input: unknown): DateParts {
  const parts = parseIsoDate(input);
  if (!parts) throw new InvalidDateError(input);
  return parts;
}

// Civil-from-days / days-from-civil (H. Hinnant's algorithms), exact for all years.
export function dayNumberFromParts({ year, month, day }: DateParts): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function partsFromDayNumber(dayNumber: DayNumber): DateParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function formatIsoDate({ year, month, day }: DateParts): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function toDayNumber(date: IsoDate): DayNumber {
  return dayNumberFromParts(requireIsoDate(date));
}

export function fromDayNumber(dayNumber: DayNumber): IsoDate {
  return formatIsoDate(partsFromDayNumber(dayNumber));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

export function yearOf(date: IsoDate): number {
  return requireIsoDate(date).year;
}

/**
 * Same day number `months` later; where that day does not exist, the month's last day
 * (general civil-law counting: 2026-01-31 + 1 month = 2026-02-28).
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const { year, month, day } = requireIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return formatIsoDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

// ---- Datetimes (for hour periods). Always carry an explicit offset; output in Asia/Shanghai.

/** China has used a fixed UTC+08:00 offset with no daylight saving since 1991. */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO datetime with an explicit offset, e.g. '2026-03-02T10:00:00+08:00'. */
export type IsoDateTime = string;

/** Milliseconds since 1970-01-01T00:00:00Z, or null when malformed or impossible. */
export function parseIsoDateTime(input: unknown): number | null {
  if (typeof input !== 'string') return null;
  const match = ISO_DATETIME.exec(input);
  if (!match) return null;
  const [, datePart, hh, mm, ss = '0', ms = '0', offset] = match;
  const parts = parseIsoDate(datePart);
  const hours = Number(hh);
  const minutes = Number(mm);
  const seconds = Number(ss);
  if (!parts || hours > 23 || minutes > 59 || seconds > 59 || offset === undefined) return null;
  let offsetMinutes = 0;
  if (offset !== 'Z') {
    const offsetHours = Number(offset.slice(1, 3));
    const offsetMins = Number(offset.slice(4, 6));
    if (offsetHours > 14 || offsetMins > 59) return null;
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const millis = Number(ms.padEnd(3, '0'));
  const localMinutes = dayNumberFromParts(parts) * 1440 + hours * 60 + minutes;
  return (localMinutes - offsetMinutes) * 60_000 + seconds * 1000 + millis;
}

export function requireIsoDateTime(input: unknown): number {
  const epochMillis = parseIsoDateTime(input);
  if (epochMillis === null) {
    throw new InvalidDateError(input, 'not a valid ISO datetime with offset (e.g. 2026-03-02T10:00:00+08:00)');
  }
  return epochMillis;
}

/** Formats epoch milliseconds as Asia/Shanghai local time with '+08:00'. */
export function formatShanghaiDateTime(epochMillis: number): IsoDateTime {
  const local = epochMillis + SHANGHAI_OFFSET_MINUTES * 60_000;
  const dayNumber = Math.floor(local / 86_400_000);
  const msOfDay = local - dayNumber * 86_400_000;
  const hours = Math.floor(msOfDay / 3_600_000);
  const minutes = Math.floor((msOfDay % 3_600_000) / 60_000);
  const seconds = Math.floor((msOfDay % 60_000) / 1000);
  const millis = msOfDay % 1000;
  const pad = (n: number) => String(n).padStart(2, '0');
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`;
  return `${fromDayNumber(dayNumber)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fraction}+08:00`;
}

/** The Asia/Shanghai calendar date of a datetime, or the date itself when given 'YYYY-MM-DD'. */
export function shanghaiDateOf(input: IsoDate | IsoDateTime): IsoDate {
  if (isIsoDate(input)) return input;
  const local = requireIsoDateTime(input) + SHANGHAI_OFFSET_MINUTES * 60_000;
  return fromDayNumber(Math.floor(local / 86_400_000));
}

/**
 * The Asia/Shanghai date (the statutory calendar's day) at `now`; callers pass their clock (a workflow's clock is
 * replay-safe).
 */
export function todayInShanghai(now: number): IsoDate {
  return fromDayNumber(Math.floor((now + SHANGHAI_OFFSET_MINUTES * 60_000) / 86_400_000));
}
