import type { CalendarSnapshot } from '../domain/calendar';
import type { Db } from '../db/client';
import { currentCalendarSnapshot } from '../db/calendar-store';

export function createCalendarActivities(deps: { db: Db }) {
  return {
    /**
     * Workflows take the calendar through this activity: its result is recorded in history, so a
     * replay sees exactly the snapshot the run saw, even after a new year is loaded.
     */
    async getCalendarSnapshot(): Promise<CalendarSnapshot> {
      return currentCalendarSnapshot(deps.db);
    },
  };
}

export type CalendarActivities = ReturnType<typeof createCalendarActivities>;
