// Which notice set each date (issue 19 item 10). A year's file can set dates of the year before (the 2019
// notice set 29–31 December 2018), and a later notice can change a year (国办发明电〔2020〕1号 extended the
// 2020 Spring Festival; 国办发明电〔2019〕3号 moved the 2019 Labour Day days). An entry is credited to an
// amendment when its note names that amendment's number (or title); otherwise to the year's notice. Pure.
import type { CalendarNotice, CalendarYear } from './calendar-file';
import type { IsoDate } from './dates';

export interface DayProvenance {
  /** The file (notice year) the date comes from; differs from the date's year for a reach-back. */
  year: number;
  notice: CalendarNotice;
  /** True when a later notice (an amendment) set or changed the date. */
  amendment: boolean;
}

function amendmentNamedIn(note: string | undefined, amendments: readonly CalendarNotice[]): CalendarNotice | undefined {
  if (!note) return undefined;
  return amendments.find((a) => (a.number !== null && note.includes(a.number)) || note.includes(a.title));
}

/** Every date set by the loaded files, with the notice that set it. */
export function calendarProvenance(years: readonly CalendarYear[]): Map<IsoDate, DayProvenance> {
  const out = new Map<IsoDate, DayProvenance>();
  for (const file of [...years].sort((a, b) => a.year - b.year)) {
    for (const entry of file.days) {
      const amendment = amendmentNamedIn(entry.note, file.amendments ?? []);
      out.set(entry.date, { year: file.year, notice: amendment ?? file.notice, amendment: amendment !== undefined });
    }
  }
  return out;
}
