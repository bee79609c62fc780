// Counting statutory periods (期间). The trigger day is not counted (民事诉讼法 Art. 85;
// 行政复议法 2023 Art. 88); a day-or-month period ending on a rest day ends on the next working
// day; an adjusted working day (调休上班) is a working day.
import {
  addDays,
  addMonthsClamped,
  formatShanghaiDateTime,
  requireIsoDateTime,
  shanghaiDateOf,
  toDayNumber,
  fromDayNumber,
  type IsoDate,
  type IsoDateTime,
} from './dates';
import { isProvisionalDate, isWorkingDay, type CalendarSnapshot } from './calendar';

export type PeriodUnit = 'calendar-days' | 'working-days' | 'months' | 'hours';
export type DayUnit = 'calendar-days' | 'working-days';

export interface PeriodResult {
  /** 'YYYY-MM-DD' for day and month periods; an Asia/Shanghai datetime for hour periods. */
  due: IsoDate | IsoDateTime;
  unit: PeriodUnit;
  amount: number;
  /** Some date consulted lies where the holiday notice is not loaded: recompute when it is. */
  provisional: boolean;
  calendarVersion: number;
}

/**
 * Due date (or datetime) of a period of `amount` `unit`s starting at `start`.
 * `start` is a date, or a datetime with offset (required for hours; for day units its Shanghai date is used).
 */
export function computeDeadline(
  snapshot: CalendarSnapshot,
  start: IsoDate | IsoDateTime,
  amount: number,
  unit: PeriodUnit,
): PeriodResult {
  const result = (due: string, provisional: boolean): PeriodResult => ({
    due,
    unit,
    amount,
    provisional,
    calendarVersion: snapshot.version,
  });

  if (unit === 'hours') {
    // Hour periods run by the clock, with no rolling (24-hour transfer, 1/2-hour accident reports).
    if (!(Number.isFinite(amount) && amount > 0)) throw new RangeError(`hours must be positive, got ${amount}`);
    const startMillis = requireIsoDateTime(start);
    return result(formatShanghaiDateTime(startMillis + Math.round(amount * 3_600_000)), false);
  }

  if (!(Number.isInteger(amount) && amount > 0)) {
    throw new RangeError(`${unit} amount must be a positive integer, got ${amount}`);
  }
  const startDate = shanghaiDateOf(start);
  switch (unit) {
    case 'calendar-days':
      return result(...rollForward(snapshot, addDays(startDate, amount)));
    case 'months':
      // Same day number in the target month, clamped to its last day, then rolled.
      return result(...rollForward(snapshot, addMonthsClamped(startDate, amount)));
    case 'working-days':
      return result(...addWorkingDays(snapshot, startDate, amount));
    default: {
      const exhaustive: never = unit;
      throw new RangeError(`unknown unit ${String(exhaustive)}`);
    }
  }
}

/** Rolls a last day that is a rest day forward to the first working day; reports provisional. */
function rollForward(snapshot: CalendarSnapshot, lastDay: IsoDate): [IsoDate, boolean] {
  let day = toDayNumber(lastDay);
  let provisional = false;
  for (let i = 0; i <= 366; i += 1) {
    const date = fromDayNumber(day);
    provisional ||= isProvisionalDate(snapshot, date);
    if (isWorkingDay(snapshot, date)) return [date, provisional];
    day += 1;
  }
  throw new RangeError(`no working day within a year after ${lastDay}`);
}

/** The `count`-th working day after `start` (start excluded). */
function addWorkingDays(snapshot: CalendarSnapshot, start: IsoDate, count: number): [IsoDate, boolean] {
  let day = toDayNumber(start);
  let remaining = count;
  let provisional = false;
  let sinceLastWorkingDay = 0;
  while (remaining > 0) {
    day += 1;
    const date = fromDayNumber(day);
    provisional ||= isProvisionalDate(snapshot, date);
    if (isWorkingDay(snapshot, date)) {
      remaining -= 1;
      sinceLastWorkingDay = 0;
    } else if (++sinceLastWorkingDay > 366) {
      throw new RangeError(`no working day within a year after ${date}`);
    }
  }
  return [fromDayNumber(day), provisional];
}

function normaliseLawName(law: string): string {
  return law.replace(/[《》\s]/g, '').replace(/^中华人民共和国/, '');
}

/**
 * Whether a statutory period of `amount` days counts working days or calendar days.
 * 行政处罚法 Art. 85: 2, 3, 5 and 7 days are working days.
 * 行政强制法 Art. 69: every period of 10 days or less is working days.
 * 行政复议法 (2023) Art. 88: 3, 5, 7 and 10 days are working days.
 * Every other law counts calendar days.
 */
export function unitForStatute(law: string, amount: number): DayUnit {
  switch (normaliseLawName(law)) {
    case '行政处罚法':
      return [2, 3, 5, 7].includes(amount) ? 'working-days' : 'calendar-days';
    case '行政强制法':
      return amount >= 1 && amount <= 10 ? 'working-days' : 'calendar-days';
    case '行政复议法':
      return [3, 5, 7, 10].includes(amount) ? 'working-days' : 'calendar-days';
    default:
      return 'calendar-days';
  }
}
