// Issue 19 item 9: a provisional count skips the holidays 放假办法 Art. 2 fixes by law, lunar dates included.
import { describe, expect, it } from 'vitest';
import * as chineseDays from 'chinese-days';
import {
  buildSnapshot,
  calendarNoticeReminder,
  dayStatus,
  isWorkingDay,
  workingDaysBetween,
} from '../../../domain/calendar';
import { bundledCalendarYears } from '../../../domain/calendar-data';
import { addDays } from '../../../domain/dates';
import { computeDeadline } from '../../../domain/periods';
import { LUNAR_TABLE_YEARS, statutoryHolidays } from '../../../domain/statutory-holidays';
import { snapshot } from './support';

describe('holidays fixed by 放假办法 Art. 2', () => {
  it('lists 13 days a year: 元旦, 除夕 to 初三, 清明, 1–2 May, 端午, 中秋, 1–3 Oct', () => {
    expect(statutoryHolidays(2027)).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节（除夕）' },
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
      { date: '2027-04-05', name: '清明节' },
      { date: '2027-05-01', name: '劳动节' },
      { date: '2027-05-02', name: '劳动节' },
      { date: '2027-06-09', name: '端午节' },
      { date: '2027-09-15', name: '中秋节' },
      { date: '2027-10-01', name: '国庆节' },
      { date: '2027-10-02', name: '国庆节' },
      { date: '2027-10-03', name: '国庆节' },
    ]);
  });

  it('agrees with the lunar calendar and solar terms of chinese-days for every tabulated year', () => {
    for (let year = LUNAR_TABLE_YEARS.first; year <= LUNAR_TABLE_YEARS.last; year++) {
      const days = statutoryHolidays(year);
      const named = (name: string) => days.filter((d) => d.name === name).map((d) => d.date);
      expect(named('春节')[0], `${year} 春节`).toBe(chineseDays.getSolarDateFromLunar(`${year}-01-01`).date);
      expect(named('春节（除夕）')[0]).toBe(addDays(chineseDays.getSolarDateFromLunar(`${year}-01-01`).date, -1));
      expect(named('端午节'), `${year} 端午`).toEqual([chineseDays.getSolarDateFromLunar(`${year}-05-05`).date]);
      expect(named('中秋节'), `${year} 中秋`).toEqual([chineseDays.getSolarDateFromLunar(`${year}-08-15`).date]);
      expect(named('清明节'), `${year} 清明`).toEqual([chineseDays.getSolarTermDate(year, 4, 'pure_brightness')]);
    }
  });

  it('falls on rest days in every notice 2016–2026 (春节 初一–初三, 清明, 端午, 中秋; 除夕 and 2 May from 2025)', () => {
    for (const calendar of bundledCalendarYears) {
      const rest = new Set(calendar.days.filter((d) => d.kind === 'holiday').map((d) => d.date));
      const statutory = statutoryHolidays(calendar.year).filter(
        (d) => calendar.year >= 2025 || (d.name !== '春节（除夕）' && d.date !== `${calendar.year}-05-02`),
      );
      for (const d of statutory)
        expect(rest.has(d.date) || !isWorkingDay(snapshot, d.date), `${d.date} ${d.name}`).toBe(true);
    }
  });
});

describe('provisional counting in a year without its notice', () => {
  const loaded = buildSnapshot(bundledCalendarYears, 1); // 2016–2026 loaded, 2027 not

  it('treats the Art. 2 holidays as rest days, provisional, and weekends as before', () => {
    expect(dayStatus(loaded, '2027-02-08')).toEqual({
      date: '2027-02-08',
      working: false,
      kind: 'holiday',
      provisional: true,
    });
    expect(dayStatus(loaded, '2027-02-09')).toMatchObject({ working: true, kind: 'workday', provisional: true });
    expect(dayStatus(loaded, '2027-10-01')).toMatchObject({ working: false, kind: 'holiday' });
  });

  it('rolls a period ending on 春节 2027 past it and counts working days around it', () => {
    // 15 days from 2027-01-21 end on Friday 02-05 (除夕): rolled to Tuesday 02-09 (06–07 weekend, 08 初三).
    expect(computeDeadline(loaded, '2027-01-21', 15, 'calendar-days')).toMatchObject({
      due: '2027-02-09',
      provisional: true,
    });
    // 10 working days from Monday 2027-02-01: 02-02..04 (3), 02-09..12 (7), 02-15..17 (10).
    expect(computeDeadline(loaded, '2027-02-01', 10, 'working-days').due).toBe('2027-02-17');
    expect(workingDaysBetween(loaded, '2027-02-01', '2027-02-17')).toBe(10);
  });

  it('reminds the administrator from 1 November until next year is loaded', () => {
    expect(calendarNoticeReminder(loaded, '2026-10-31')).toBeNull();
    expect(calendarNoticeReminder(loaded, '2026-11-01')).toMatchObject({ year: 2027 });
    expect(calendarNoticeReminder(loaded, '2026-12-31')!.message).toContain('2027年部分节假日安排');
    expect(calendarNoticeReminder(loaded, '2025-11-01')).toBeNull(); // 2026 is loaded
  });
});
