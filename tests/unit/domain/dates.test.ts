import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonthsClamped,
  daysBetween,
  formatShanghaiDateTime,
  fromDayNumber,
  InvalidDateError,
  parseIsoDate,
  parseIsoDateTime,
  requireIsoDate,
  shanghaiDateOf,
  todayInShanghai,
  toDayNumber,
  weekdayOf,
} from '../../../domain/dates';

describe('ISO dates', () => {
  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-05', '20260105', '', 'x'])(
    'rejects impossible or malformed %j',
    (input) => {
      expect(parseIsoDate(input)).toBeNull();
      expect(() => requireIsoDate(input)).toThrow(InvalidDateError);
    },
  );

  it('accepts leap days only in leap years', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2000-02-29')).not.toBeNull();
    expect(parseIsoDate('2100-02-29')).toBeNull();
  });

  it('knows the weekday of known dates', () => {
    expect(weekdayOf('1970-01-01')).toBe(4); // Thursday
    expect(weekdayOf('2026-02-14')).toBe(6); // Saturday, an adjusted working day
    expect(weekdayOf('2026-01-04')).toBe(0); // Sunday
    expect(weekdayOf('2019-10-01')).toBe(2); // Tuesday
  });

  it('adds days across month, year and leap boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('clamps months to the last day of the target month', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsClamped('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonthsClamped('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonthsClamped('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('round-trips day numbers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const date = fromDayNumber(n);
        expect(parseIsoDate(date)).not.toBeNull();
        expect(toDayNumber(date)).toBe(n);
        expect(toDayNumber(addDays(date, 1))).toBe(n + 1);
      }),
    );
  });
});

describe('ISO datetimes', () => {
  it('parses offsets and prints Asia/Shanghai time', () => {
    const millis = parseIsoDateTime('2026-03-02T02:00:00Z');
    expect(formatShanghaiDateTime(millis!)).toBe('2026-03-02T10:00:00+08:00');
    expect(parseIsoDateTime('2026-03-02T10:00+08:00')).toBe(millis);
  });

  it('rejects datetimes without an offset or with impossible parts', () => {
    expect(parseIsoDateTime('2026-03-02T10:00:00')).toBeNull();
    expect(parseIsoDateTime('2026-02-30T10:00:00+08:00')).toBeNull();
    expect(parseIsoDateTime('2026-03-02T24:00:00+08:00')).toBeNull();
  });

  it('takes the Shanghai calendar date of a datetime', () => {
    expect(shanghaiDateOf('2026-03-01T20:30:00Z')).toBe('2026-03-02');
    expect(shanghaiDateOf('2026-03-02')).toBe('2026-03-02');
  });

  it("gives today's Shanghai date at an instant: a new day begins at 16:00 UTC", () => {
    expect(todayInShanghai(Date.parse('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(todayInShanghai(Date.parse('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        (ms) => todayInShanghai(ms) === shanghaiDateOf(formatShanghaiDateTime(ms)),
      ),
    );
  });
});
