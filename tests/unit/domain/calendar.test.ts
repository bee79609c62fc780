import { describe, expect, it } from 'vitest';
import {
  buildSnapshot,
  CalendarSnapshotError,
  dayStatus,
  isProvisionalDate,
  isWorkingDay,
  nextWorkingDay,
  rollBackToWorkingDay,
  workingDaysBetween,
} from '../../../domain/calendar';
import { bundledCalendarYears } from '../../../domain/calendar-data';
import type { CalendarYear } from '../../../domain/calendar-file';
import { snapshot } from './support';

const year = (y: number) => bundledCalendarYears.find((c) => c.year === y)!;

describe('calendar snapshot', () => {
  it('is plain JSON that survives a round trip (workflow replay)', () => {
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot.version).toBe(7);
    expect(snapshot.loadedYears).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('is the same whatever order the years are given in', () => {
    expect(buildSnapshot([...bundledCalendarYears].reverse(), 7)).toEqual(snapshot);
  });

  it('refuses a year given twice or two notices that disagree', () => {
    expect(() => buildSnapshot([year(2026), year(2026)], 1)).toThrow(CalendarSnapshotError);
    // The 2019 notice makes 2018-12-29 a working day; a 2018 file calling it a holiday must clash.
    const disagreeing2018: CalendarYear = {
      ...year(2018),
      days: [...year(2018).days, { date: '2018-12-29', kind: 'holiday', name: '元旦' }],
    };
    expect(() => buildSnapshot([disagreeing2018, year(2019)], 1)).toThrow(/2018-12-29/);
  });

  it('refuses an invalid calendar year', () => {
    const broken = { ...year(2026), days: year(2026).days.filter((d) => d.date !== '2026-01-01') };
    expect(() => buildSnapshot([broken], 1)).toThrow(/2026-01-01/);
  });
});

describe('day status', () => {
  it.each([
    ['2026-02-16', false, 'holiday'],
    ['2026-02-14', true, 'adjusted-workday'], // Saturday made a working day
    ['2026-02-28', true, 'adjusted-workday'],
    ['2026-03-07', false, 'weekend'],
    ['2026-03-09', true, 'workday'],
    ['2026-01-02', false, 'holiday'], // Friday rest day, repaid on 2026-01-04
    ['2026-01-04', true, 'adjusted-workday'],
    ['2020-02-01', false, 'holiday'], // was an adjusted working day until the 2020 extension
    ['2018-12-29', true, 'adjusted-workday'], // set by the 2019 notice
    ['2018-12-31', false, 'holiday'],
    ['2024-02-09', true, 'workday'], // 除夕 2024 was not a statutory rest day
  ] as const)('%s is %s (%s)', (date, working, kind) => {
    expect(dayStatus(snapshot, date)).toEqual({ date, working, kind, provisional: false });
    expect(isWorkingDay(snapshot, date)).toBe(working);
  });

  it('falls back to weekends and the holidays fixed by 放假办法 Art. 2, provisionally, where no notice is loaded', () => {
    // 2027 春节: 除夕 02-05, 初一 02-06 (a Saturday), 初三 02-08 (a Monday) — rest days by law even without the notice.
    expect(dayStatus(snapshot, '2027-02-08')).toEqual({
      date: '2027-02-08',
      working: false,
      kind: 'holiday',
      provisional: true,
    });
    expect(dayStatus(snapshot, '2027-02-06')).toEqual({
      date: '2027-02-06',
      working: false,
      kind: 'holiday',
      provisional: true,
    });
    expect(dayStatus(snapshot, '2027-02-09')).toEqual({
      date: '2027-02-09',
      working: true,
      kind: 'workday',
      provisional: true,
    });
    expect(dayStatus(snapshot, '2027-02-13')).toMatchObject({ working: false, kind: 'weekend' });
    expect(dayStatus(snapshot, '2015-10-01').provisional).toBe(true);
  });

  it("treats the last week of December as provisional until next year's notice is loaded", () => {
    // 国办发明电〔2018〕15号 moved 2018-12-29..31, so late December waits for the next notice.
    expect(isProvisionalDate(snapshot, '2026-12-24')).toBe(false);
    expect(isProvisionalDate(snapshot, '2026-12-28')).toBe(true);
    expect(isProvisionalDate(snapshot, '2025-12-28')).toBe(false);
  });

  it('rejects impossible dates', () => {
    expect(() => dayStatus(snapshot, '2026-02-30')).toThrow(/not a valid ISO date/);
    expect(() => isWorkingDay(snapshot, 'constructor')).toThrow(/not a valid ISO date/);
  });
});

describe('walking working days', () => {
  it('finds the next working day after a holiday block', () => {
    expect(nextWorkingDay(snapshot, '2026-02-13')).toBe('2026-02-14'); // adjusted Saturday
    expect(nextWorkingDay(snapshot, '2026-02-14')).toBe('2026-02-24');
    expect(nextWorkingDay(snapshot, '2026-09-30')).toBe('2026-10-08');
    expect(nextWorkingDay(snapshot, '2020-01-23')).toBe('2020-02-03'); // 2020 extended Spring Festival
  });

  it('rolls back to the last working day before a rest day', () => {
    expect(rollBackToWorkingDay(snapshot, '2026-10-05')).toBe('2026-09-30');
    expect(rollBackToWorkingDay(snapshot, '2026-09-20')).toBe('2026-09-20');
  });

  it('counts working days left, start excluded', () => {
    expect(workingDaysBetween(snapshot, '2026-02-13', '2026-02-24')).toBe(2); // 14 (adjusted) and 24
    expect(workingDaysBetween(snapshot, '2026-09-30', '2026-10-12')).toBe(4); // 8, 9, 10 (adjusted), 12
    expect(workingDaysBetween(snapshot, '2026-03-02', '2026-03-02')).toBe(0);
    expect(workingDaysBetween(snapshot, '2026-10-12', '2026-09-30')).toBe(-4); // overdue by as many
  });
});
