// What the console reads of the notification centre directly: the header's unread count and urged tasks.
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { notifications } from '../../db/schema';

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Task ids the user was urged on (催办), for the 已催办 mark in the inbox. */
export async function urgedTaskIds(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db
    .select({ link: notifications.link })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'urge')));
  return new Set(rows.map((r) => r.link?.match(/^\/tasks\/([^/]+)$/)?.[1]).filter((id): id is string => !!id));
}
