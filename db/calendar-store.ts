import { createHash } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import { buildSnapshot, type CalendarSnapshot } from '../domain/calendar';
import { validateCalendarFile, type CalendarFileError, type CalendarYear } from '../domain/calendar-file';
import { bundledCalendarYears } from '../domain/calendar-data';
import { canonicalJson } from '../domain/canonical-json';
import type { Db } from './client';
import { appendAudit } from './audit-trail';
import { calendarDays, calendarVersions } from './schema';

export type CalendarLoadResult =
  { ok: true; version: number; year: number; unchanged: boolean } | { ok: false; errors: CalendarFileError[] };

/**
 * Loads one year's notice: validated whole (an error rejects the file and the version in force stays),
 * stored as a new calendar version, audited. Loading the same file again changes nothing.
 */
export async function loadCalendarYear(db: Db, input: unknown, loadedBy: string): Promise<CalendarLoadResult> {
  const result = validateCalendarFile(input);
  if (!result.ok) {
    await appendAudit(db, {
      actor: loadedBy,
      action: 'calendar.load',
      outcome: 'rejected',
      comment: result.errors[0]?.message,
      detail: { errors: result.errors.slice(0, 20) },
    });
    return { ok: false, errors: result.errors };
  }
  const calendar = result.calendar;
  const sha = createHash('sha256').update(canonicalJson(calendar)).digest('hex');
  const outcome = await db.transaction(async (tx) => {
    const [latest] = await tx
      .select({ version: calendarVersions.version, sha: calendarVersions.fileSha256 })
      .from(calendarVersions)
      .where(sql`${calendarVersions.year} = ${calendar.year}`)
      .orderBy(desc(calendarVersions.version))
      .limit(1);
    if (latest?.sha === sha) return { version: latest.version, unchanged: true };
    const [row] = await tx
      .insert(calendarVersions)
      .values({
        year: calendar.year,
        noticeTitle: calendar.notice.title,
        noticeNumber: calendar.notice.number,
        noticePublished: calendar.notice.published,
        fileSha256: sha,
        file: calendar,
        loadedBy,
      })
      .returning({ version: calendarVersions.version });
    await tx
      .insert(calendarDays)
      .values(calendar.days.map((d) => ({ version: row!.version, date: d.date, kind: d.kind, name: d.name })));
    return { version: row!.version, unchanged: false };
  });
  if (!outcome.unchanged) {
    await appendAudit(db, {
      actor: loadedBy,
      action: 'calendar.load',
      comment: calendar.notice.title,
      detail: { year: calendar.year, version: outcome.version, sha256: sha, days: calendar.days.length },
    });
    snapshotCache = undefined;
  }
  return { ok: true, version: outcome.version, year: calendar.year, unchanged: outcome.unchanged };
}

/** The project's reviewed years 2016–2026, loaded at seed time (idempotent). */
export async function loadBundledCalendar(db: Db): Promise<number> {
  let loaded = 0;
  for (const year of bundledCalendarYears) {
    const r = await loadCalendarYear(db, year, 'system');
    if (r.ok && !r.unchanged) loaded++;
  }
  return loaded;
}

let snapshotCache: { version: number; snapshot: CalendarSnapshot } | undefined;

/** The calendar in force: the newest version of every loaded year. Cached until a newer version appears. */
export async function currentCalendarSnapshot(db: Db): Promise<CalendarSnapshot> {
  const [{ max } = { max: 0 }] = await db
    .select({ max: sql<number>`coalesce(max(${calendarVersions.version}), 0)::int` })
    .from(calendarVersions);
  if (snapshotCache?.version === max) return snapshotCache.snapshot;
  const rows = await db
    .selectDistinctOn([calendarVersions.year], {
      year: calendarVersions.year,
      file: calendarVersions.file,
      version: calendarVersions.version,
    })
    .from(calendarVersions)
    .orderBy(calendarVersions.year, desc(calendarVersions.version));
  const snapshot = buildSnapshot(
    rows.map((r) => r.file as CalendarYear),
    max,
  );
  snapshotCache = { version: max, snapshot };
  return snapshot;
}

export async function calendarYearsLoaded(db: Db) {
  return db
    .selectDistinctOn([calendarVersions.year], {
      year: calendarVersions.year,
      version: calendarVersions.version,
      noticeTitle: calendarVersions.noticeTitle,
      noticeNumber: calendarVersions.noticeNumber,
      noticePublished: calendarVersions.noticePublished,
      loadedBy: calendarVersions.loadedBy,
      loadedAt: calendarVersions.loadedAt,
    })
    .from(calendarVersions)
    .orderBy(calendarVersions.year, desc(calendarVersions.version));
}
