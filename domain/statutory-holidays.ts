// The holidays that 全国年节及纪念日放假办法 (国务院令第795号, from 2025-01-01) Art. 2 fixes by law: 元旦 (1 Jan),
// 春节 (农历除夕、正月初一至初三), 清明 (the day of the 清明 solar term), 劳动节 (1–2 May), 端午 (农历五月初五),
// 中秋 (农历八月十五) and 国庆 (1–3 Oct). In a year whose notice is not loaded yet a provisional count skips these
// (and weekends); only the notice's extra rest days and adjusted working days remain unknown. Pure.
//
// The lunar and solar-term dates cannot be computed by simple arithmetic; they are tabulated here from the
// Purple Mountain Observatory calendar as reproduced by the `chinese-days` package (tests check every year of the
// table against it, and 2016–2026 against the notices themselves). Outside the table only the fixed dates apply.
import { addDays, requireIsoDate, type IsoDate } from './dates';

/** [正月初一, 清明, 端午, 中秋] as 'MM-DD' in the Gregorian year. */
const lunarTable: Record<number, readonly [string, string, string, string]> = {
  2016: ['02-08', '04-04', '06-09', '09-15'],
  2017: ['01-28', '04-04', '05-30', '10-04'],
  2018: ['02-16', '04-05', '06-18', '09-24'],
  2019: ['02-05', '04-05', '06-07', '09-13'],
  2020: ['01-25', '04-04', '06-25', '10-01'],
  2021: ['02-12', '04-04', '06-14', '09-21'],
  2022: ['02-01', '04-05', '06-03', '09-10'],
  2023: ['01-22', '04-05', '06-22', '09-29'],
  2024: ['02-10', '04-04', '06-10', '09-17'],
  2025: ['01-29', '04-04', '05-31', '10-06'],
  2026: ['02-17', '04-05', '06-19', '09-25'],
  2027: ['02-06', '04-05', '06-09', '09-15'],
  2028: ['01-26', '04-04', '05-28', '10-03'],
  2029: ['02-13', '04-04', '06-16', '09-22'],
  2030: ['02-03', '04-05', '06-05', '09-12'],
  2031: ['01-23', '04-05', '06-24', '10-01'],
  2032: ['02-11', '04-04', '06-12', '09-19'],
  2033: ['01-31', '04-04', '06-01', '09-08'],
  2034: ['02-19', '04-05', '06-20', '09-27'],
  2035: ['02-08', '04-05', '06-10', '09-16'],
  2036: ['01-28', '04-04', '05-30', '10-04'],
  2037: ['02-15', '04-04', '06-18', '09-24'],
  2038: ['02-04', '04-05', '06-07', '09-13'],
  2039: ['01-24', '04-05', '05-27', '10-02'],
  2040: ['02-12', '04-04', '06-14', '09-20'],
};

export const LUNAR_TABLE_YEARS = { first: 2016, last: 2040 } as const;

export interface StatutoryHoliday {
  date: IsoDate;
  name: string;
}

/**
 * The rest days 放假办法 Art. 2 fixes for `year` (2025 text: 春节 four days from 除夕, 劳动节 two days).
 * 除夕 of the lunar year starting in `year` may fall in the previous Gregorian year only if 初一 is 1 Jan,
 * which never happens in the table; a 除夕 on 31 Dec of `year` belongs to next year's festival.
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const fixed: StatutoryHoliday[] = [
    { date: `${year}-01-01`, name: '元旦' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: `${year}-10-01`, name: '国庆节' },
    { date: `${year}-10-02`, name: '国庆节' },
    { date: `${year}-10-03`, name: '国庆节' },
  ];
  const row = lunarTable[year];
  if (!row) return fixed;
  const [newYear, qingming, dragonBoat, midAutumn] = row.map((md) => `${year}-${md}`) as [
    IsoDate,
    IsoDate,
    IsoDate,
    IsoDate,
  ];
  const lunar: StatutoryHoliday[] = [
    { date: addDays(newYear, -1), name: '春节（除夕）' },
    { date: newYear, name: '春节' },
    { date: addDays(newYear, 1), name: '春节' },
    { date: addDays(newYear, 2), name: '春节' },
    { date: qingming, name: '清明节' },
    { date: dragonBoat, name: '端午节' },
    { date: midAutumn, name: '中秋节' },
  ];
  return [...fixed, ...lunar].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const byYear = new Map<number, Map<IsoDate, string>>();

/** The Art. 2 holiday on `date`, if any (its name), by the year the date lies in. */
export function statutoryHolidayOn(date: IsoDate): string | undefined {
  const { year } = requireIsoDate(date);
  let days = byYear.get(year);
  if (!days) {
    days = new Map(statutoryHolidays(year).map((h) => [h.date, h.name]));
    // 除夕 of next year's festival can fall on 31 Dec of this one.
    for (const h of statutoryHolidays(year + 1)) if (h.date.startsWith(`${year}-`)) days.set(h.date, h.name);
    byYear.set(year, days);
  }
  return days.get(date);
}
