// Step deadlines and reminder moments, from the statutory calendar carried in the workflow.
import { rollBackToWorkingDay, rollForwardToWorkingDay, type CalendarSnapshot } from '../../domain/calendar';
import { addDays, daysBetween, shanghaiDateOf } from '../../domain/dates';
import { computeDeadline } from '../../domain/periods';
import { deadlineFor, getLegalBasis } from '../../domain/legal-basis';
import type { ReminderMoment, StepDeadline } from './types';

const HOUR = 3_600_000;

export interface StepDue {
  dueDate: string;
  provisional: boolean;
  calendarVersion: number;
  citation?: string;
}

export function stepDue(calendar: CalendarSnapshot, openedDate: string, deadline: StepDeadline): StepDue {
  if ('basisId' in deadline) {
    const d = deadlineFor(
      calendar,
      openedDate,
      deadline.basisId,
      deadline.amount !== undefined ? { amount: deadline.amount } : {},
    );
    return {
      dueDate: shanghaiDateOf(d.due),
      provisional: d.provisional,
      calendarVersion: d.calendarVersion,
      citation: getLegalBasis(deadline.basisId).citation,
    };
  }
  const d = computeDeadline(calendar, openedDate, deadline.amount, deadline.unit);
  return {
    dueDate: d.due,
    provisional: d.provisional,
    calendarVersion: d.calendarVersion,
    citation: deadline.citation,
  };
}

/** Midnight at the start of a Shanghai calendar date, as epoch milliseconds. */
export function shanghaiMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) - 8 * HOUR;
}

/** A period ends at the end of its last day (Asia/Shanghai). */
export function endOfDay(date: string): number {
  return shanghaiMidnight(date) + 24 * HOUR;
}

export interface Moment {
  kind: ReminderMoment | 'overdue';
  at: number;
}

/** Reminders at 09:00 on the chosen days, and the overdue moment when the due day ends; past ones dropped. */
export function stepMoments(
  calendar: CalendarSnapshot,
  openedDate: string,
  dueDate: string,
  reminders: ReminderMoment[],
  now: number,
): Moment[] {
  const dates: Record<ReminderMoment, string> = {
    'half-period': rollForwardToWorkingDay(
      calendar,
      addDays(openedDate, Math.floor(daysBetween(openedDate, dueDate) / 2)),
    ),
    'one-working-day-before': rollBackToWorkingDay(calendar, addDays(dueDate, -1)),
    'due-day': dueDate,
  };
  const moments: Moment[] = reminders
    .map((kind) => ({ kind, at: shanghaiMidnight(dates[kind]) + 9 * HOUR }))
    .filter((m) => m.at > now && m.at < endOfDay(dueDate));
  moments.push({ kind: 'overdue', at: endOfDay(dueDate) });
  // Two reminders on one day (short periods) are sent once.
  return moments
    .sort((a, b) => a.at - b.at)
    .filter((m, i, all) => i === 0 || m.kind === 'overdue' || all[i - 1]!.at !== m.at);
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
