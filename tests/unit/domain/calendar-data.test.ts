// Our reviewed calendar data against each notice and against the chinese-days package.
import { describe, expect, it } from 'vitest';
import { isWorkday } from 'chinese-days';
import { bundledCalendarYears } from '../../../domain/calendar-data';
import { HOLIDAY_COUNT_BOUNDS, WORKDAY_COUNT_BOUNDS, validateCalendarFile } from '../../../domain/calendar-file';
import { isWorkingDay } from '../../../domain/calendar';
import { addDays } from '../../../domain/dates';
import { snapshot } from './support';

const expectedNotices: Record<number, { number: string | null; published: string }> = {
  2016: { number: '国办发明电〔2015〕18号', published: '2015-12-10' },
  2017: { number: '国办发明电〔2016〕17号', published: '2016-12-01' },
  2018: { number: '国办发明电〔2017〕12号', published: '2017-11-30' },
  2019: { number: '国办发明电〔2018〕15号', published: '2018-12-04' },
  2020: { number: '国办发明电〔2019〕16号', published: '2019-11-21' },
  2021: { number: '国办发明电〔2020〕27号', published: '2020-11-25' },
  2022: { number: '国办发明电〔2021〕11号', published: '2021-10-25' },
  2023: { number: '国办发明电〔2022〕16号', published: '2022-12-08' },
  2024: { number: '国办发明电〔2023〕7号', published: '2023-10-25' },
  2025: { number: '国办发明电〔2024〕12号', published: '2024-11-12' },
  // The 2026 notice's document number was not confirmed; it is deliberately null.
  2026: { number: null, published: '2025-11-04' },
};

describe('bundled calendar years', () => {
  it('covers 2016 through 2026, one file per year', () => {
    expect(bundledCalendarYears.map((c) => c.year)).toEqual([
      2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ]);
  });

  it.each(bundledCalendarYears.map((c) => [c.year, c] as const))(
    '%i passes the calendar-file validation',
    (_year, calendar) => {
      expect(validateCalendarFile(calendar)).toMatchObject({ ok: true, year: calendar.year });
    },
  );

  it.each(bundledCalendarYears.map((c) => [c.year, c] as const))('%i names its notice', (year, calendar) => {
    expect(calendar.notice).toEqual({
      title: `国务院办公厅关于${year}年部分节假日安排的通知`,
      ...expectedNotices[year],
    });
  });

  it('records the two later notices that changed a year', () => {
    const byYear = new Map(bundledCalendarYears.map((c) => [c.year, c]));
    expect(byYear.get(2019)!.amendments).toEqual([
      {
        title: '国务院办公厅关于调整2019年劳动节假期安排的通知',
        number: '国办发明电〔2019〕3号',
        published: '2019-03-22',
      },
    ]);
    expect(byYear.get(2020)!.amendments).toEqual([
      { title: '国务院办公厅关于延长2020年春节假期的通知', number: '国办发明电〔2020〕1号', published: '2020-01-26' },
    ]);
  });

  it('keeps every year inside the plausibility bounds the validator uses', () => {
    for (const calendar of bundledCalendarYears) {
      const holidays = calendar.days.filter((d) => d.kind === 'holiday').length;
      const workdays = calendar.days.length - holidays;
      expect(holidays).toBeGreaterThanOrEqual(HOLIDAY_COUNT_BOUNDS.min);
      expect(holidays).toBeLessThanOrEqual(HOLIDAY_COUNT_BOUNDS.max);
      expect(workdays).toBeGreaterThanOrEqual(WORKDAY_COUNT_BOUNDS.min);
      expect(workdays).toBeLessThanOrEqual(WORKDAY_COUNT_BOUNDS.max);
    }
  });

  it('matches the 2026 arrangement quoted in domain.md', () => {
    const holidays = Object.entries(snapshot.days)
      .filter(([d, k]) => d.startsWith('2026') && k === 'holiday')
      .map(([d]) => d);
    const spans: [string, number][] = [
      ['2026-01-01', 3],
      ['2026-02-15', 9],
      ['2026-04-04', 3],
      ['2026-05-01', 5],
      ['2026-06-19', 3],
      ['2026-09-25', 3],
      ['2026-10-01', 7],
    ];
    expect(holidays).toEqual(spans.flatMap(([start, n]) => Array.from({ length: n }, (_, i) => addDays(start, i))));
    const workdays = Object.entries(snapshot.days)
      .filter(([d, k]) => d.startsWith('2026') && k === 'workday')
      .map(([d]) => d);
    expect(workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });
});

describe('agreement with chinese-days 1.5.7', () => {
  // No exceptions were needed: for every date 2016-01-01..2026-12-31 the working/rest status
  // agrees. (chinese-days lists only the named day of a "与周末连休" block as a holiday, while we
  // list the whole block; the weekend days it leaves out are rest days either way.)
  const knownDisagreements = new Map<string, string>();

  it('agrees on working/rest status for every date 2016-01-01..2026-12-31', () => {
    const mismatches: string[] = [];
    for (let date = '2016-01-01'; date <= '2026-12-31'; date = addDays(date, 1)) {
      const ours = isWorkingDay(snapshot, date);
      const theirs = isWorkday(date);
      if (ours !== theirs && !knownDisagreements.has(date))
        mismatches.push(`${date}: ours ${ours}, chinese-days ${theirs}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('is not a vacuous comparison', () => {
    expect(isWorkday('2026-02-14')).toBe(true); // adjusted working day (Saturday)
    expect(isWorkday('2026-02-16')).toBe(false); // Spring Festival
    expect(isWorkday('2020-02-01')).toBe(false); // workday cancelled by the 2020 extension
    expect(isWorkday('2018-12-29')).toBe(true); // set by the 2019 notice
  });
});
