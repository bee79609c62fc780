// The API modules use zod's OpenAPI extension, which @hono/zod-openapi installs on import.
import '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courtTracker } from '../../../api/enforcement-view';
import { currentCalendarSnapshot } from '../../../db/calendar-store';
import { migrateDatabase, openDatabase, type Database } from '../../../db/client';
import { caseDeadlines, cases } from '../../../db/schema';
import { seedAll } from '../../../db/seed-all';
import { workingDaysBetween } from '../../../domain/calendar';
import { addDays, todayInShanghai } from '../../../domain/dates';

let database: Database;
beforeAll(async () => {
  database = await openDatabase({ pgliteDir: 'memory://' });
  await migrateDatabase(database);
  await seedAll(database.db);
}, 60_000);
afterAll(async () => {
  await database?.close();
});

async function courtCase(
  n: string,
  stage: string,
  deadline: { key: string; label: string; owedBy: string; dueDate: string },
) {
  const now = new Date().toISOString();
  const workflowId = `enforcement-${n}`;
  await database.db.insert(cases).values({
    workflowId,
    kind: 'enforcement',
    caseNumber: n,
    title: n,
    departmentId: 'yjj',
    stage,
    stageLabel: stage,
    status: 'open',
    summary: { court: { receiptNo: `R-${n}` } },
    openedAt: now,
    updatedAt: now,
    version: 1,
  });
  await database.db.insert(caseDeadlines).values({ workflowId, ...deadline, status: 'pending', provisional: false });
}

describe('court tracker', () => {
  it('shows what the court owes and by when, working days left, and puts overdue court replies first', async () => {
    const today = todayInShanghai(Date.now());
    await courtCase('T-1', 'court-ruling', {
      key: 'court-ruling',
      label: '法院作出执行裁定',
      owedBy: '法院',
      dueDate: addDays(today, 20),
    });
    await courtCase('T-2', 'court-acceptance', {
      key: 'court-acceptance',
      label: '法院决定是否受理',
      owedBy: '法院',
      dueDate: addDays(today, -3),
    });
    await courtCase('T-3', 'acceptance-refused', {
      key: 'acceptance-review-application',
      label: '向上一级法院申请复议（不予受理）',
      owedBy: '本机关',
      dueDate: addDays(today, 10),
    });
    const calendar = await currentCalendarSnapshot(database.db);
    const rows = await courtTracker(database.db, calendar, eq(cases.departmentId, 'yjj'));
    expect(rows.map((r) => r.caseNumber)).toEqual(['T-2', 'T-1', 'T-3']);
    expect(rows[0]).toMatchObject({
      overdueCourtReply: true,
      courtOwes: {
        what: '法院决定是否受理',
        overdue: true,
        workingDaysLeft: workingDaysBetween(calendar, today, addDays(today, -3)),
      },
    });
    expect(rows[0]!.courtOwes!.workingDaysLeft).toBeLessThan(0);
    expect(rows[1]).toMatchObject({
      overdueCourtReply: false,
      courtOwes: {
        dueDate: addDays(today, 20),
        workingDaysLeft: workingDaysBetween(calendar, today, addDays(today, 20)),
      },
    });
    expect(rows[2]).toMatchObject({
      courtOwes: null,
      agencyOwes: { what: '向上一级法院申请复议（不予受理）', dueDate: addDays(today, 10) },
    });
    expect(await courtTracker(database.db, calendar, eq(cases.departmentId, 'jxw'))).toEqual([]);
  });
});
