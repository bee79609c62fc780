import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCalendarSnapshot, loadCalendarYear } from '../../db/calendar-store';
import { auditLog, tasks } from '../../db/schema';
import { computeDeadline } from '../../domain/periods';
import { formatShanghaiDateTime, shanghaiDateOf } from '../../domain/dates';
import { approvalStateQuery, calendarChangedSignal } from '../../workflows/approval/messages';
import { approvalRequestWorkflow } from '../../workflows/approval-request';
import fixture2027 from '../fixtures/calendar-2027-test.json';
import { createWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await createWorkflowTestEnv();
});
afterAll(async () => {
  await t?.teardown();
});

describe('provisional deadlines', () => {
  it('are counted on weekends only until the year is loaded, then recomputed and their timers moved', async () => {
    await t.withWorker(async () => {
      const caseId = `PV-${randomUUID().slice(0, 6)}`;
      const handle = await t.env.client.workflow.start(approvalRequestWorkflow, {
        taskQueue: t.taskQueue,
        workflowId: `approval-${caseId}`,
        args: [
          {
            caseId,
            title: '跨年度期限',
            departmentId: 'yjj',
            initiatorId: 'yjj-officer1',
            steps: [
              {
                stepId: 'review',
                name: '审核',
                mode: 'any-of',
                participants: { roles: ['department-head'] },
                deadline: { amount: 60, unit: 'working-days' },
              },
            ],
          },
        ],
      });
      let step;
      for (let i = 0; i < 100 && !step; i++)
        step =
          (await handle.query(approvalStateQuery)).current ?? (await new Promise((r) => setTimeout(r, 50)), undefined);
      const opened = shanghaiDateOf(formatShanghaiDateTime(Date.parse(step!.openedAt)));
      const before = await currentCalendarSnapshot(t.database.db);
      // 60 working days from late 2026 runs well into 2027, whose notice is not loaded yet.
      expect(step!.provisional).toBe(true);
      expect(step!.dueDate).toBe(computeDeadline(before, opened, 60, 'working-days').due);

      const loaded = await loadCalendarYear(t.database.db, fixture2027, 'admin');
      expect(loaded.ok).toBe(true);
      const after = await currentCalendarSnapshot(t.database.db);
      await handle.signal(calendarChangedSignal, after);

      const expected = computeDeadline(after, opened, 60, 'working-days');
      expect(expected.provisional).toBe(false);
      expect(expected.due > step!.dueDate).toBe(true); // 2027 holidays push it later
      let current;
      for (let i = 0; i < 100; i++) {
        current = (await handle.query(approvalStateQuery)).current;
        if (current && !current.provisional) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(current).toMatchObject({ dueDate: expected.due, provisional: false, calendarVersion: after.version });
      const [task] = await t.database.db.select().from(tasks).where(eq(tasks.workflowId, handle.workflowId));
      expect(task).toMatchObject({ dueDate: expected.due, provisional: false });
      const recomputed = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'deadline.recomputed'));
      expect(
        recomputed.some(
          (r) => r.workflowId === handle.workflowId && (r.detail as { previous: string }).previous === step!.dueDate,
        ),
      ).toBe(true);
      await handle.terminate('test done');
    });
  });
});
