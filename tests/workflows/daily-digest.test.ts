import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestActivities } from '../../activities/notifications/digest';
import { migrateDatabase, openDatabase, type Database } from '../../db/client';
import { seedAll } from '../../db/seed-all';
import { notificationPreferences, notifications, outbox, tasks } from '../../db/schema';

let database: Database;
beforeAll(async () => {
  database = await openDatabase({ pgliteDir: 'memory://' });
  await migrateDatabase(database);
  await seedAll(database.db);
});
afterAll(async () => {
  await database?.close();
});

const task = (id: string, assigneeId: string, dueDate: string) => ({
  id,
  workflowId: `wf-${id}`,
  workflowKind: 'approval',
  caseId: `C-${id}`,
  caseTitle: '测试事项',
  caseDepartmentId: 'yjj',
  kind: 'approval' as const,
  stepId: 's',
  stepInstance: 's#1',
  stepName: '审核',
  assigneeId,
  assigneeDepartmentId: 'yjj',
  status: 'open' as const,
  dueDate,
  openedAt: '2026-03-02T01:00:00.000Z',
  version: 1,
});

describe('daily digest', () => {
  it(
    'sums up due today, due within three working days and overdue ' + 'per user, once a day; a muted user gets none',
    async () => {
      const db = database.db;
      // Tuesday 10 March 2026: the 13th (Fri) is 3 working days on, the 16th (Mon) 4.
      await db
        .insert(tasks)
        .values([
          task('a', 'yjj-officer1', '2026-03-10'),
          task('b', 'yjj-officer1', '2026-03-13'),
          task('c', 'yjj-officer1', '2026-03-16'),
          task('d', 'yjj-officer1', '2026-03-05'),
          task('e', 'yjj-head', '2026-03-11'),
        ]);
      await db.insert(notificationPreferences).values({ userId: 'yjj-head', channels: ['wecom'], digest: false });
      const acts = createDigestActivities({ db, deliverNotifications: false });
      expect(await acts.queueDailyDigests({ date: '2026-03-10' })).toBe(1);
      expect(await acts.queueDailyDigests({ date: '2026-03-10' })).toBe(1); // a rerun adds nothing
      const rows = await db.select().from(outbox).where(eq(outbox.template, 'notification.digest'));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ key: 'digest:2026-03-10:yjj-officer1', recipientId: 'yjj-officer1' });
      expect(rows[0]!.params.summary).toBe('今日到期 1 件；3 个工作日内到期 1 件；已逾期 1 件');
      const [inCentre] = await db.select().from(notifications).where(eq(notifications.key, rows[0]!.key));
      expect(inCentre).toMatchObject({ kind: 'digest', title: '每日待办摘要', link: '/inbox' });
    },
  );
});
