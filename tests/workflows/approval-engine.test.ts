import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, outbox, substitutes, tasks, users } from '../../db/schema';
import { computeDeadline } from '../../domain/periods';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import type { ActionInput, ActionKind, ApprovalStepSpec, Actor } from '../../workflows/approval/types';
import { approvalRequestWorkflow, type ApprovalRequestInput } from '../../workflows/approval-request';
import { createWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await createWorkflowTestEnv();
});
afterAll(async () => {
  await t?.teardown();
});

const headStep: ApprovalStepSpec = {
  stepId: 'dept-head',
  name: '部门负责人审核',
  mode: 'sequential',
  participants: { roles: ['department-head'] },
  deadline: { amount: 3, unit: 'working-days' },
};
const legalStep: ApprovalStepSpec = {
  stepId: 'legal-review',
  name: '法制审核',
  mode: 'any-of',
  participants: { roles: ['legal-reviewer'], departmentId: 'sfj' },
  deadline: { amount: 5, unit: 'working-days' },
};
const leadersStep: ApprovalStepSpec = {
  stepId: 'district-gov',
  name: '区政府审批',
  mode: 'all-of',
  participants: { roles: ['district-leader'], departmentId: 'gov' },
  deadline: { amount: 7, unit: 'working-days' },
};

async function actor(id: string): Promise<Actor> {
  const [u] = await t.database.db.select().from(users).where(eq(users.id, id));
  if (!u) throw new Error(`no user ${id}`);
  return { id: u.id, name: u.name, departmentId: u.departmentId, roles: u.roles };
}

async function act(
  handle: WorkflowHandle,
  kind: ActionKind,
  actorId: string,
  extra: Partial<Omit<ActionInput, 'actor' | 'target'>> & { targetId?: string } = {},
) {
  const { targetId, ...rest } = extra;
  const input: ActionInput = {
    requestId: randomUUID(),
    actor: await actor(actorId),
    ...rest,
    ...(targetId ? { target: await actor(targetId) } : {}),
  };
  return handle.executeUpdate(actionUpdates[kind], { args: [input], updateId: input.requestId });
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as { type?: string }).type ?? 'none';
}

async function start(steps: ApprovalStepSpec[], overrides: Partial<ApprovalRequestInput> = {}) {
  const caseId = `AR-${randomUUID().slice(0, 6)}`;
  return t.env.client.workflow.start(approvalRequestWorkflow, {
    taskQueue: t.taskQueue,
    workflowId: `approval-${caseId}`,
    args: [
      {
        caseId,
        title: '罚款延期缴纳申请',
        departmentId: 'yjj',
        initiatorId: 'yjj-officer1',
        steps,
        content: { days: 30 },
        ...overrides,
      },
    ],
  });
}

async function waitForStep(handle: WorkflowHandle, stepInstance: string) {
  for (let i = 0; i < 100; i++) {
    const view = await handle.query(approvalStateQuery);
    if (view.current?.instanceId === stepInstance) return view.current;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`step ${stepInstance} never opened`);
}

async function openTasksOf(userId: string, workflowId: string) {
  return t.database.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.assigneeId, userId), eq(tasks.workflowId, workflowId), eq(tasks.status, 'open')));
}

/** The inbox projection is written by an activity just after the step opens: wait for it to settle. */
async function settledOpenTasksOf(userId: string, workflowId: string, expected: number) {
  let rows = await openTasksOf(userId, workflowId);
  for (let i = 0; i < 100 && rows.length !== expected; i++) {
    await new Promise((r) => setTimeout(r, 50));
    rows = await openTasksOf(userId, workflowId);
  }
  return rows;
}

describe('approval engine', () => {
  it('runs sequential, any-of and all-of steps to approval, with deadlines on the statutory calendar', async () => {
    await t.withWorker(async () => {
      const handle = await start([headStep, legalStep, leadersStep]);
      const step1 = await waitForStep(handle, 'dept-head#1');
      const calendar = await currentCalendarSnapshot(t.database.db);
      const opened = step1.openedAt.slice(0, 10);
      expect(step1.dueDate).toBe(
        computeDeadline(
          calendar,
          new Date(Date.parse(step1.openedAt) + 8 * 3600_000).toISOString().slice(0, 10),
          3,
          'working-days',
        ).due,
      );
      expect(opened).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await settledOpenTasksOf('yjj-head', handle.workflowId, 1)).toHaveLength(1);

      await act(handle, 'approve', 'yjj-head', { comment: '同意' });
      const step2 = await waitForStep(handle, 'legal-review#1');
      expect(step2.slots.map((s) => s.assigneeId)).toEqual(['sfj-reviewer1', 'sfj-reviewer2']);
      expect(await settledOpenTasksOf('yjj-head', handle.workflowId, 0)).toHaveLength(0);
      await act(handle, 'approve', 'sfj-reviewer2', { comment: '合法' });

      const step3 = await waitForStep(handle, 'district-gov#1');
      expect(step3.slots.map((s) => s.assigneeId)).toEqual(['gov-leader', 'gov-leader2']);
      await act(handle, 'approve', 'gov-leader');
      expect((await handle.query(approvalStateQuery)).current?.outcome).toBeUndefined();
      await act(handle, 'approve', 'gov-leader2');
      const result = await handle.result();
      expect(result.outcome).toBe('approved');
      expect(result.steps.map((s) => s.instanceId)).toEqual(['dept-head#1', 'legal-review#1', 'district-gov#1']);
      const legalTasks = await t.database.db
        .select()
        .from(tasks)
        .where(and(eq(tasks.workflowId, handle.workflowId), eq(tasks.stepId, 'legal-review')));
      expect(legalTasks.map((r) => [r.assigneeId, r.status]).sort()).toEqual([
        ['sfj-reviewer1', 'cancelled'],
        ['sfj-reviewer2', 'done'],
      ]);
      const trail = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.workflowId, handle.workflowId))
        .orderBy(asc(auditLog.seq));
      expect(trail.filter((r) => r.action === 'approval.approve').map((r) => r.actor)).toEqual([
        'yjj-head',
        'sfj-reviewer2',
        'gov-leader',
        'gov-leader2',
      ]);
    });
  });

  it('rejects invalid actions in the validator, changing nothing', async () => {
    await t.withWorker(async () => {
      const handle = await start([headStep, legalStep]);
      await waitForStep(handle, 'dept-head#1');
      expect(await rejection(act(handle, 'approve', 'jxw-head'))).toBe('NOT_ASSIGNEE');
      expect(await rejection(act(handle, 'reject', 'yjj-head'))).toBe('COMMENT_REQUIRED');
      expect(await rejection(act(handle, 'reject', 'yjj-head', { comment: '   ' }))).toBe('COMMENT_REQUIRED');
      expect(await rejection(act(handle, 'transfer', 'yjj-head', { comment: '出差', targetId: 'yjj-officer2' }))).toBe(
        'NOT_ELIGIBLE',
      );
      expect(await rejection(act(handle, 'return', 'yjj-head', { comment: '补充', returnTo: 'legal-review' }))).toBe(
        'UNKNOWN_STEP',
      );
      expect(await rejection(act(handle, 'withdraw', 'yjj-head'))).toBe('NOT_INITIATOR');
      const view = await handle.query(approvalStateQuery);
      expect(view.current?.decisions).toEqual([]);
      expect(view.current?.version).toBe(1);
      await act(handle, 'reject', 'yjj-head', { comment: '证据不足，不同意延期' });
      const result = await handle.result();
      expect(result.outcome).toBe('rejected');
    });
  });

  it('answers a repeated request id with the first result and records it once', async () => {
    await t.withWorker(async () => {
      const handle = await start([headStep]);
      await waitForStep(handle, 'dept-head#1');
      const input: ActionInput = { requestId: randomUUID(), actor: await actor('yjj-head'), comment: '同意' };
      const first = await handle.executeUpdate(actionUpdates.approve, { args: [input], updateId: input.requestId });
      const second = await handle.executeUpdate(actionUpdates.approve, { args: [input], updateId: input.requestId });
      expect(second.decision).toEqual(first.decision);
      await handle.result();
      const records = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.workflowId, handle.workflowId), eq(auditLog.action, 'approval.approve')));
      expect(records).toHaveLength(1);
    });
  });

  it('returns to a named earlier step, which runs again; and to the initiator for revision', async () => {
    await t.withWorker(async () => {
      const handle = await start([headStep, legalStep]);
      await waitForStep(handle, 'dept-head#1');
      await act(handle, 'approve', 'yjj-head');
      await waitForStep(handle, 'legal-review#1');
      await act(handle, 'return', 'sfj-reviewer1', { comment: '请部门负责人补充事实依据', returnTo: 'dept-head' });
      await waitForStep(handle, 'dept-head#2');
      await act(handle, 'return', 'yjj-head', { comment: '请补充当事人困难证明', returnTo: 'initiator' });
      for (let i = 0; i < 100 && (await openTasksOf('yjj-officer1', handle.workflowId)).length === 0; i++)
        await new Promise((r) => setTimeout(r, 50));
      const [revisionTask] = await openTasksOf('yjj-officer1', handle.workflowId);
      expect(revisionTask).toMatchObject({ kind: 'revision', stepName: '修改后重新提交' });
      expect(revisionTask!.detail).toMatchObject({ comment: '请补充当事人困难证明' });
      expect(await rejection(act(handle, 'resubmit', 'yjj-head'))).toBe('NOT_INITIATOR');
      await act(handle, 'resubmit', 'yjj-officer1', {
        comment: '已补充',
        revision: { days: 30, proof: '困难证明.pdf' },
      });
      await waitForStep(handle, 'dept-head#3');
      await act(handle, 'approve', 'yjj-head');
      await waitForStep(handle, 'legal-review#2');
      await act(handle, 'approve', 'sfj-reviewer1');
      const result = await handle.result();
      expect(result).toMatchObject({ outcome: 'approved', revisions: 1, content: { proof: '困难证明.pdf' } });
      expect(await settledOpenTasksOf('yjj-officer1', handle.workflowId, 0)).toHaveLength(0);
    });
  });

  it('lets the initiator withdraw only while nobody has decided', async () => {
    await t.withWorker(async () => {
      const early = await start([leadersStep]);
      await waitForStep(early, 'district-gov#1');
      await act(early, 'withdraw', 'yjj-officer1');
      expect((await early.result()).outcome).toBe('withdrawn');
      expect(
        await t.database.db
          .select()
          .from(tasks)
          .where(and(eq(tasks.workflowId, early.workflowId), eq(tasks.status, 'open'))),
      ).toHaveLength(0);

      const late = await start([leadersStep]);
      await waitForStep(late, 'district-gov#1');
      await act(late, 'approve', 'gov-leader');
      expect(await rejection(act(late, 'withdraw', 'yjj-officer1'))).toBe('NOT_WITHDRAWABLE');
      await act(late, 'approve', 'gov-leader2');
      expect((await late.result()).outcome).toBe('approved');
    });
  });

  it('transfers to a user holding the role, and adds signers before and after oneself', async () => {
    await t.withWorker(async () => {
      const handle = await start([
        { ...headStep, participants: { roles: ['department-head'], userIds: ['yjj-head'] } },
      ]);
      await waitForStep(handle, 'dept-head#1');
      await act(handle, 'transfer', 'yjj-head', { comment: '本人出差，转安委办主任', targetId: 'aqb-head' });
      expect(await settledOpenTasksOf('aqb-head', handle.workflowId, 1)).toHaveLength(1);
      expect(await rejection(act(handle, 'approve', 'yjj-head'))).toBe('NOT_ASSIGNEE');
      await act(handle, 'add-signer', 'aqb-head', { position: 'before', targetId: 'yjj-legal' });
      // The added signer decides first; the one who added them waits.
      expect(await settledOpenTasksOf('aqb-head', handle.workflowId, 0)).toHaveLength(0);
      expect(await rejection(act(handle, 'approve', 'aqb-head'))).toBe('NOT_ASSIGNEE');
      await act(handle, 'approve', 'yjj-legal', { comment: '法规科意见：可以' });
      await act(handle, 'add-signer', 'aqb-head', { position: 'after', targetId: 'gov-leader' });
      await act(handle, 'approve', 'aqb-head');
      expect((await handle.query(approvalStateQuery)).current?.outcome).toBeUndefined();
      await act(handle, 'approve', 'gov-leader');
      const result = await handle.result();
      expect(result.outcome).toBe('approved');
      expect(result.steps[0]!.slots.map((s) => [s.assigneeId, s.status])).toEqual([
        ['yjj-head', 'transferred'],
        ['yjj-legal', 'approved'],
        ['aqb-head', 'approved'],
        ['gov-leader', 'approved'],
      ]);
    });
  });

  it('allows one urge per working day, and sends it to the assignees', async () => {
    await t.withWorker(async () => {
      const handle = await start([headStep]);
      await waitForStep(handle, 'dept-head#1');
      await act(handle, 'urge', 'yjj-officer1');
      expect(await rejection(act(handle, 'urge', 'yjj-officer1'))).toBe('URGED_TODAY');
      expect(await rejection(act(handle, 'urge', 'jxw-officer1'))).toBe('NOT_INITIATOR');
      const sent = await t.database.db
        .select()
        .from(outbox)
        .where(and(like(outbox.key, `${handle.workflowId}:%`), eq(outbox.template, 'approval.urged')));
      expect(sent.map((n) => n.recipientId)).toEqual(['yjj-head']);
      await act(handle, 'approve', 'yjj-head');
      await handle.result();
    });
  });

  it(
    'reminds at half period, one working day before and on the due day; escalates to the 安委办 when overdue; ' +
      'applies the timeout action',
    async () => {
      await t.withWorker(async () => {
        const handle = await start([
          { ...headStep, deadline: { amount: 10, unit: 'calendar-days' }, timeoutAction: 'approve' },
        ]);
        const step = await waitForStep(handle, 'dept-head#1');
        const result = await handle.result(); // time skips through reminders to the deadline
        expect(result.outcome).toBe('approved');
        expect(result.steps[0]!.decisions[0]).toMatchObject({ actorId: 'system', action: 'approve' });
        const notes = await t.database.db
          .select()
          .from(outbox)
          .where(like(outbox.key, `${handle.workflowId}:%`));
        const reminders = notes.filter((n) => n.template === 'approval.reminder').map((n) => n.params.moment);
        expect(reminders).toEqual(expect.arrayContaining(['one-working-day-before', 'due-day']));
        expect(new Set(reminders).size).toBe(reminders.length);
        const escalated = notes
          .filter((n) => n.template === 'approval.overdue')
          .map((n) => n.recipientId)
          .sort();
        expect(escalated).toEqual(expect.arrayContaining(['aqb-head', 'aqb-staff']));
        const overdue = await t.database.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.workflowId, handle.workflowId), eq(auditLog.action, 'approval.overdue')));
        expect(overdue).toHaveLength(1);
        expect(overdue[0]!.detail).toMatchObject({ dueDate: step.dueDate });
      });
    },
  );

  it('gives a task opened during an absence to the substitute, recorded as acting for', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    // A wide range: the time-skipping clock may have run years ahead in the tests before this one.
    await t.database.db.insert(substitutes).values({
      userId: 'jtj-head',
      substituteId: 'jtj-officer1',
      fromDate: '2000-01-01',
      toDate: '2999-12-31',
      reason: '休假',
    });
    await t.withWorker(async () => {
      const handle = await start([headStep], { departmentId: 'jtj', initiatorId: 'jtj-officer2' });
      const step = await waitForStep(handle, 'dept-head#1');
      expect(step.slots[0]).toMatchObject({ assigneeId: 'jtj-officer1', actingForId: 'jtj-head' });
      expect(await settledOpenTasksOf('jtj-officer1', handle.workflowId, 1)).toEqual([
        expect.objectContaining({ actingForId: 'jtj-head' }),
      ]);
      await act(handle, 'approve', 'jtj-officer1', { comment: '代为审核，同意' });
      await handle.result();
      const [record] = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.workflowId, handle.workflowId), eq(auditLog.action, 'approval.approve')));
      expect(record).toMatchObject({ actor: 'jtj-officer1', actingFor: 'jtj-head' });
    });
    expect(today).toMatch(/^\d{4}/);
  });
});
