// Working-day calendar: Monday–Friday, minus statutory holidays, plus adjusted working days
// (全国年节及纪念日放假办法 Arts. 2, 6, 7). The snapshot is plain JSON so a workflow can carry it
// and replay identically; a newer notice produces a new snapshot with a higher version.
import { addDays, isWeekend, requireIsoDate, toDayNumber, weekdayOf, fromDayNumber, type IsoDate } from './dates';
import { inNewYearReachBack, validateCalendarFile, type CalendarDayKind, type CalendarYear } from './calendar-file';
import { statutoryHolidayOn, statutoryHolidays } from './statutory-holidays';

export interface CalendarSnapshot {
  version: number;
  /** Years whose notice is loaded, ascending. */
  loadedYears: number[];
  /** Only dates a notice sets; every other date follows the weekday/weekend rule. */
  days: Record<string, CalendarDayKind>;
}

export type DayStatusKind = 'workday' | 'weekend' | 'holiday' | 'adjusted-workday';

export interface DayStatus {
  date: IsoDate;
  working: boolean;
  kind: DayStatusKind;
  /**
   * The year's notice is not loaded yet, so this may change: weekends and the holidays fixed by
   * 放假办法 Art. 2 are rest days; the notice's extra rest days and adjusted working days are unknown.
   */
  provisional: boolean;
}

export class CalendarSnapshotError extends Error {
  override readonly name = 'CalendarSnapshotError';
}

/** Merges validated calendar years into a snapshot; throws on invalid files or conflicts. */
export function buildSnapshot(years: readonly CalendarYear[], version: number): CalendarSnapshot {
  if (!Number.isInteger(version) || version < 0) {
    throw new CalendarSnapshotError(`version must be a non-negative integer, got ${version}`);
  }
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const merged = new Map<string, { kind: CalendarDayKind; year: number }>();
  const loadedYears: number[] = [];
  for (const calendar of sorted) {
    const result = validateCalendarFile(calendar);
    if (!result.ok) {
      const first = result.errors[0];
      throw new CalendarSnapshotError(`calendar ${String(calendar.year)} is invalid: ${first?.path} ${first?.message}`);
    }
    if (loadedYears.includes(calendar.year)) {
      throw new CalendarSnapshotError(`calendar ${calendar.year} given twice`);
    }
    loadedYears.push(calendar.year);
    for (const entry of calendar.days) {
      const existing = merged.get(entry.date);
      if (existing && existing.kind !== entry.kind) {
        throw new CalendarSnapshotError(
          `${entry.date} is ${existing.kind} in ${existing.year} but ${entry.kind} in ${calendar.year}`,
        );
      }
      merged.set(entry.date, { kind: entry.kind, year: calendar.year });
    }
  }
  const days: Record<string, CalendarDayKind> = {};
  for (const date of [...merged.keys()].sort()) days[date] = merged.get(date)!.kind;
  return { version, loadedYears, days };
}

/**
 * A date is provisional when its year's notice is not loaded, or when it lies in the last week
 * of December and next year's notice (which may reach back, as 国办发明电〔2018〕15号 did) is not.
 */
export function isProvisionalDate(snapshot: CalendarSnapshot, date: IsoDate): boolean {
  const { year } = requireIsoDate(date);
  if (!snapshot.loadedYears.includes(year)) return true;
  return inNewYearReachBack(date) && !snapshot.loadedYears.includes(year + 1);
}

export function dayStatus(snapshot: CalendarSnapshot, date: IsoDate): DayStatus {
  const provisional = isProvisionalDate(snapshot, date);
  const set = setKind(snapshot, date) ?? lawKind(snapshot, date);
  if (set === 'holiday') return { date, working: false, kind: 'holiday', provisional };
  if (set === 'workday') return { date, working: true, kind: 'adjusted-workday', provisional };
  return isWeekend(date)
    ? { date, working: false, kind: 'weekend', provisional }
    : { date, working: true, kind: 'workday', provisional };
}

export function isWorkingDay(snapshot: CalendarSnapshot, date: IsoDate): boolean {
  const weekday = weekdayOf(date); // validates the date first
  const set = setKind(snapshot, date) ?? lawKind(snapshot, date);
  if (set !== undefined) return set === 'workday';
  return weekday !== 0 && weekday !== 6;
}

function setKind(snapshot: CalendarSnapshot, date: IsoDate): CalendarDayKind | undefined {
  return Object.prototype.hasOwnProperty.call(snapshot.days, date) ? snapshot.days[date] : undefined;
}

/** In a year whose notice is not loaded, a holiday fixed by 放假办法 Art. 2 is a rest day. */
function lawKind(snapshot: CalendarSnapshot, date: IsoDate): CalendarDayKind | undefined {
  if (snapshot.loadedYears.includes(Number(date.slice(0, 4)))) return undefined;
  return statutoryHolidayOn(date) !== undefined ? 'holiday' : undefined;
}

/** Years for which the day index carries the Art. 2 holidays when their notice is missing. */
const LAW_INDEX_YEARS = { first: 2000, last: 2060 } as const;

// The longest real run of rest days is 10 (2020 Spring Festival); a year without a working day
// can only be a corrupt snapshot, so walking stops there instead of looping forever.
const MAX_REST_RUN = 366;

/** The first working day strictly after `date`. */
export function nextWorkingDay(snapshot: CalendarSnapshot, date: IsoDate): IsoDate {
  return rollForwardToWorkingDay(snapshot, addDays(date, 1));
}

/** `date` itself if it is a working day, else the first working day after it. */
export function rollForwardToWorkingDay(snapshot: CalendarSnapshot, date: IsoDate): IsoDate {
  return walkToWorkingDay(snapshot, date, 1);
}

/** `date` itself if it is a working day, else the last working day before it. */
export function rollBackToWorkingDay(snapshot: CalendarSnapshot, date: IsoDate): IsoDate {
  return walkToWorkingDay(snapshot, date, -1);
}

function walkToWorkingDay(snapshot: CalendarSnapshot, date: IsoDate, step: 1 | -1): IsoDate {
  let day = toDayNumber(date);
  for (let i = 0; i <= MAX_REST_RUN; i += 1) {
    const candidate = fromDayNumber(day);
    if (isWorkingDay(snapshot, candidate)) return candidate;
    day += step;
  }
  throw new CalendarSnapshotError(`no working day within ${MAX_REST_RUN} days of ${date}`);
}

/**
 * Working days d with from < d ≤ to (the start day is not counted, as in period counting),
 * so "working days left" until a deadline; negative, counted the same way, when `to` is before `from`.
 */
export function workingDaysBetween(snapshot: CalendarSnapshot, from: IsoDate, to: IsoDate): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  if (end < start) return -workingDaysBetween(snapshot, to, from);
  // Day numbers, not date strings: the inbox computes this for every row of every page (see README "Performance").
  const set = setDaysByNumber(snapshot);
  let count = 0;
  for (let day = start + 1; day <= end; day += 1) {
    const kind = set.get(day);
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (kind !== undefined ? kind === 'workday' : weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}

// The dates a notice sets, by day number, built once per snapshot (snapshots are never mutated).
const setDaysIndex = new WeakMap<object, Map<number, CalendarDayKind>>();

function setDaysByNumber(snapshot: CalendarSnapshot): Map<number, CalendarDayKind> {
  let index = setDaysIndex.get(snapshot.days);
  if (!index) {
    index = new Map<number, CalendarDayKind>();
    for (let year = LAW_INDEX_YEARS.first; year <= LAW_INDEX_YEARS.last; year += 1) {
      if (snapshot.loadedYears.includes(year)) continue;
      for (const h of statutoryHolidays(year))
        if (h.date.startsWith(`${year}-`)) index.set(toDayNumber(h.date), 'holiday');
    }
    for (const [date, kind] of Object.entries(snapshot.days)) index.set(toDayNumber(date), kind);
    setDaysIndex.set(snapshot.days, index);
  }
  return index;
}

/** From 1 November the administrator is reminded to load next year's notice, until it is loaded. */
export const NOTICE_REMINDER_FROM = '11-01';

export interface NoticeReminder {
  year: number;
  message: string;
}

/**
 * The reminder due on `today` (Asia/Shanghai date), or null when next year's notice is loaded or it is before 1
 * November.
 */
export function calendarNoticeReminder(snapshot: CalendarSnapshot, today: IsoDate): NoticeReminder | null {
  const { year } = requireIsoDate(today);
  if (today.slice(5) < NOTICE_REMINDER_FROM || snapshot.loadedYears.includes(year + 1)) return null;
  return {
    year: year + 1,
    message: `请载入国务院办公厅关于${year + 1}年部分节假日安排的通知；载入前，${year + 1}年的期限按周末和《全国年节及纪念日放假办法》第二条规定的节日暂算（临时）`,
  };
}
