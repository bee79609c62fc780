// Issue 19 item 9 on the time-skipping server: before the 2027 notice is loaded, a case's provisional dates skip
// the holidays 放假办法 Art. 2 fixes by law (2027 春节: 除夕 02-05 to 初三 02-08), not only weekends.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseDeadlines } from '../../db/schema';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import { dayStatus } from '../../domain/calendar';
import { enforcementCaseWorkflow } from '../../workflows/enforcement-case';
import { enforcementViewQuery } from '../../workflows/enforcement/messages';
import { createWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await createWorkflowTestEnv();
});
afterAll(async () => {
  await t?.teardown();
});

describe('provisional dates in a year without its notice', { timeout: 120_000 }, () => {
  it('roll a 60-day window ending on 除夕 2027 past the Spring Festival to Tuesday 9 February', async () => {
    await t.withWorker(async () => {
      const snapshot = await currentCalendarSnapshot(t.database.db);
      expect(snapshot.loadedYears).not.toContain(2027);
      expect(dayStatus(snapshot, '2027-02-08')).toMatchObject({ working: false, kind: 'holiday', provisional: true });
      const decisionNumber = `北碚应急罚〔2026〕C${randomUUID().slice(0, 6)}号`;
      // Served 2026-12-07: 60 days end on Friday 2027-02-05 (除夕); 06–07 are the weekend, 08 is 初三.
      const handle = await t.env.client.workflow.start(enforcementCaseWorkflow, {
        taskQueue: t.taskQueue,
        workflowId: `enforcement-${decisionNumber}`,
        args: [
          {
            decisionNumber,
            decidedOn: '2026-12-07',
            servedOn: '2026-12-07',
            serviceMethod: 'direct',
            party: { name: '重庆某某机械厂' },
            fineFen: 500_000,
            departmentId: 'yjj',
            departmentName: '北碚区应急管理局',
            initiatorId: 'yjj-officer1',
          },
        ],
      });
      try {
        let row;
        for (let i = 0; i < 100 && !row; i++) {
          [row] = await t.database.db
            .select()
            .from(caseDeadlines)
            .where(eq(caseDeadlines.workflowId, handle.workflowId))
            .then((rows) => rows.filter((r) => r.key === 'reconsideration-window'));
          if (!row) await new Promise((r) => setTimeout(r, 50));
        }
        expect(row).toMatchObject({ dueDate: '2027-02-09', provisional: true });
        expect((await handle.query(enforcementViewQuery)).windows.reconsiderationEnds).toBe('2027-02-09');
      } finally {
        await handle.terminate('test over');
      }
    });
  });
});
