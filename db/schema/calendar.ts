import { date, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { CalendarYear } from '../../domain/calendar-file';

/** Each load of a year's State Council notice creates a new version; the newest version of a year is in force. */
export const calendarVersions = pgTable('calendar_versions', {
  version: serial('version').primaryKey(),
  year: integer('year').notNull(),
  noticeTitle: text('notice_title').notNull(),
  noticeNumber: text('notice_number'),
  noticePublished: date('notice_published'),
  fileSha256: text('file_sha256').notNull(),
  /** The validated file as loaded, so a snapshot can be rebuilt exactly. */
  file: jsonb('file').$type<CalendarYear>().notNull(),
  loadedBy: text('loaded_by').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per holiday or adjusted working day (调休上班); ordinary days are not stored. */
export const calendarDays = pgTable(
  'calendar_days',
  {
    version: integer('version')
      .notNull()
      .references(() => calendarVersions.version),
    date: date('date').notNull(),
    kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
    name: text('name'),
  },
  (t) => [primaryKey({ columns: [t.version, t.date] })],
);
