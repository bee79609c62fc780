// The daily digest (每日待办摘要): per user, what is due today, due within three working days, and overdue.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import type { Db } from '../../db/client';
import { notificationPreferences, tasks, users } from '../../db/schema';
import { workingDaysBetween } from '../../domain/calendar';
import { queueNotifications, type QueuedNotification } from './queue';

export function createDigestActivities(deps: { db: Db; deliverNotifications?: boolean }) {
  const { db } = deps;
  return {
    /** Queues one digest per active user with open tasks for `date` (the workflow's Shanghai date); keyed per day. */
    async queueDailyDigests(input: { date: string }): Promise<number> {
      const calendar = await currentCalendarSnapshot(db);
      const open = await db
        .select({ assigneeId: tasks.assigneeId, dueDate: tasks.dueDate })
        .from(tasks)
        .where(and(inArray(tasks.status, ['open']), isNotNull(tasks.dueDate)));
      const muted = new Set(
        (
          await db
            .select({ userId: notificationPreferences.userId })
            .from(notificationPreferences)
            .where(eq(notificationPreferences.digest, false))
        ).map((r) => r.userId),
      );
      const active = new Set(
        (await db.select({ id: users.id }).from(users).where(eq(users.active, true))).map((u) => u.id),
      );
      const byUser = new Map<string, { today: number; soon: number; overdue: number }>();
      for (const t of open) {
        if (!active.has(t.assigneeId) || muted.has(t.assigneeId)) continue;
        const left = workingDaysBetween(calendar, input.date, t.dueDate!);
        const counts = byUser.get(t.assigneeId) ?? { today: 0, soon: 0, overdue: 0 };
        if (t.dueDate! < input.date) counts.overdue++;
        else if (t.dueDate === input.date) counts.today++;
        else if (left <= 3) counts.soon++;
        else continue;
        byUser.set(t.assigneeId, counts);
      }
      const items: QueuedNotification[] = [...byUser].map(([userId, n]) => ({
        key: `digest:${input.date}:${userId}`,
        recipientId: userId,
        template: 'notification.digest',
        params: {
          date: input.date,
          summary: `今日到期 ${n.today} 件；3 个工作日内到期 ${n.soon} 件；已逾期 ${n.overdue} 件`,
        },
      }));
      await queueNotifications(db, items, { deliver: deps.deliverNotifications ?? false });
      return items.length;
    },
  };
}

export type DigestActivities = ReturnType<typeof createDigestActivities>;
