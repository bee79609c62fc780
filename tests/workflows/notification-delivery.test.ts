import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  notificationDeliveries,
  notificationPreferences,
  notifications,
  outbox,
  tasks,
  users,
} from '../../db/schema';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import { isWorkingDay } from '../../domain/calendar';
import { formatShanghaiDateTime } from '../../domain/dates';
import type { Filing, ReceivedRequest } from '../../agencies/simulator/state';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import type { ApprovalStepSpec } from '../../workflows/approval/types';
import { approvalRequestWorkflow } from '../../workflows/approval-request';
import type { NotificationDeliveryResult } from '../../workflows/notification-delivery';
import { queueNotifications, startDeliveries, workflowOfKey } from '../../activities/notifications/queue';
import { createWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await createWorkflowTestEnv({ deliverNotifications: true });
});
afterAll(async () => {
  await t?.teardown();
});

const headStep: ApprovalStepSpec = {
  stepId: 'dept-head',
  name: '部门负责人审核',
  mode: 'sequential',
  participants: { roles: ['department-head'] },
  deadline: { amount: 10, unit: 'calendar-days' },
};

async function start(steps: ApprovalStepSpec[]) {
  const caseId = `NT-${randomUUID().slice(0, 6)}`;
  return t.env.client.workflow.start(approvalRequestWorkflow, {
    taskQueue: t.taskQueue,
    workflowId: `approval-${caseId}`,
    args: [{ caseId, title: '罚款延期缴纳申请', departmentId: 'yjj', initiatorId: 'yjj-officer1', steps, content: {} }],
  });
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function waitForStep(handle: {
  query: (q: typeof approvalStateQuery) => Promise<{ current?: { instanceId: string } }>;
}) {
  await until(
    () => handle.query(approvalStateQuery),
    (v) => v.current?.instanceId === 'dept-head#1',
    'step',
  );
}

const delivered = (key: string) =>
  t.env.client.workflow.getHandle(`notify:${key}`).result() as Promise<NotificationDeliveryResult>;

async function notificationRecords(key: string) {
  const res = await fetch(`${t.agencies.url}/__admin/records?agency=notification`);
  const body = (await res.json()) as { requests: ReceivedRequest[]; filings: Filing[] };
  return {
    requests: body.requests.filter((r) => r.idempotencyKey?.startsWith(`${key}:`)),
    filings: body.filings.filter((f) => f.idempotencyKey.startsWith(`${key}:`)),
  };
}

async function injectFault(fault: Record<string, unknown>) {
  const res = await fetch(`${t.agencies.url}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ agency: 'notification', ...fault }),
  });
  expect(res.status).toBe(201);
}

/** An urge queued as the engine's activity queues it (outside a worker, so started here as the sweep would). */
async function urgeDirectly(recipientId: string): Promise<string> {
  const key = `approval-direct-${randomUUID()}:dept-head#1:urge:${randomUUID()}:${recipientId}`;
  const params = { caseId: 'NT-direct', caseTitle: '罚款延期缴纳申请', step: '部门负责人审核', urgedBy: '张三' };
  await queueNotifications(t.database.db, [{ key, recipientId, template: 'approval.urged', params }]);
  await startDeliveries({ client: t.env.client, taskQueue: t.taskQueue }, [key]);
  return key;
}

async function inWorkingHoursOrNine(sentAt: number, queuedAt: number) {
  const calendar = await currentCalendarSnapshot(t.database.db);
  const local = formatShanghaiDateTime(sentAt);
  const [date, time] = [local.slice(0, 10), local.slice(11, 16)];
  expect(isWorkingDay(calendar, date), `${local} is a working day`).toBe(true);
  expect(time >= '09:00' && time < '18:00', `${local} is in working hours`).toBe(true);
  // Sent at once when queued in working hours, else exactly at 09:00.
  if (sentAt - queuedAt > 60_000) expect(time).toBe('09:00');
}

describe('notification delivery', () => {
  it('retries a gateway answering 5xx or timing out: nothing lost, nothing sent twice', async () => {
    await t.withWorker(async () => {
      await injectFault({ kind: '5xx', count: 3 });
      await injectFault({ kind: 'timeout', count: 1, delayMs: 10_000 });
      const key = await urgeDirectly('yjj-head');
      const result = await delivered(key);
      expect(result.results).toEqual([expect.objectContaining({ channel: 'wecom', status: 'sent' })]);
      const records = await notificationRecords(key);
      expect(records.requests.filter((r) => r.fault === '5xx')).toHaveLength(3);
      expect(records.requests.filter((r) => r.fault === 'timeout')).toHaveLength(1);
      expect(records.requests.length).toBe(5);
      // The timed-out attempt was taken in; its retry was answered from the idempotency store, not sent again.
      expect(records.filings).toHaveLength(1);
      expect(records.requests.at(-1)).toMatchObject({ status: 202, replayed: true });
      const [row] = await t.database.db
        .select()
        .from(notificationDeliveries)
        .where(eq(notificationDeliveries.key, key));
      expect(row).toMatchObject({ status: 'sent', channel: 'wecom', attempts: 5 });
    });
  }, 120_000);

  it(
    'falls back to SMS when the work app refuses, recording the ' + 'failure on the case; reports a recipient who left',
    async () => {
      await t.withWorker(async () => {
        await t.database.db
          .insert(notificationPreferences)
          .values({ userId: 'yjj-head', channels: ['wecom'], mobile: '13800138000' })
          .onConflictDoNothing();
        await injectFault({ kind: 'refuse', count: 1 });
        const key = await urgeDirectly('yjj-head');
        const result = await delivered(key);
        expect(result.results).toEqual([
          expect.objectContaining({ channel: 'wecom', status: 'failed' }),
          expect.objectContaining({ channel: 'sms', status: 'sent', fallback: true }),
        ]);
        const records = await notificationRecords(key);
        expect(records.filings.map((f) => (f.body as { channel: string; to: string }).to)).toEqual(['13800138000']);
        const audit = await t.database.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.workflowId, workflowOfKey(key)), eq(auditLog.action, 'notification.failed')));
        expect(audit).toHaveLength(1);
        expect(audit[0]!.comment).toContain('已改由其他渠道送达');
        expect(audit[0]!.caseId).toBe('NT-direct');

        // A user who has left: nothing is sent, and the administrator's delivery view shows why.
        await t.database.db.update(users).set({ active: false }).where(eq(users.id, 'jxw-officer1'));
        const leftKey = `approval-left-${randomUUID()}:dept-head#1:due-day:jxw-officer1`;
        await queueNotifications(t.database.db, [
          { key: leftKey, recipientId: 'jxw-officer1', template: 'approval.urged', params: { caseId: 'NT-direct' } },
        ]);
        await startDeliveries({ client: t.env.client, taskQueue: t.taskQueue }, [leftKey]);
        const left = await delivered(leftKey);
        expect(left.undeliverable).toContain('已离职或停用');
        const [report] = await t.database.db
          .select()
          .from(notificationDeliveries)
          .where(eq(notificationDeliveries.key, leftKey));
        expect(report).toMatchObject({ status: 'undeliverable', channel: 'none' });
        await t.database.db.update(users).set({ active: true }).where(eq(users.id, 'jxw-officer1'));
        await t.database.db.delete(notificationPreferences).where(eq(notificationPreferences.userId, 'yjj-head'));
      });
    },
  );

  it(
    'delivers each reminder (half period, one working day before, due day) once through the gateway at 09:00 on ' +
      'a working day, and the escalation as a 安委办 task',
    async () => {
      await t.withWorker(async () => {
        const handle = await start([headStep]);
        await waitForStep(handle);
        // past the due day (rolled over any holiday): reminders, then the overdue escalation
        await t.env.sleep('25 days');
        const notes = await until(
          () =>
            t.database.db
              .select()
              .from(outbox)
              .where(like(outbox.key, `${handle.workflowId}:%`)),
          (rows) => rows.some((r) => r.template === 'approval.overdue' && r.recipientId === 'aqb-head'),
          'escalation',
        );
        const reminders = notes.filter((n) => n.template === 'approval.reminder');
        expect(reminders.map((r) => r.params.moment).sort()).toEqual([
          'due-day',
          'half-period',
          'one-working-day-before',
        ]);
        for (const r of reminders) {
          const result = await delivered(r.key);
          const queuedAt = (await t.env.client.workflow.getHandle(`notify:${r.key}`).describe()).startTime.getTime();
          expect(result.results).toEqual([expect.objectContaining({ channel: 'wecom', status: 'sent' })]);
          expect(formatShanghaiDateTime(result.sentAt!).slice(11, 16)).toBe('09:00');
          await inWorkingHoursOrNine(result.sentAt!, queuedAt);
          const records = await notificationRecords(r.key);
          expect(records.filings).toHaveLength(1);
          expect(records.filings[0]!.body).toMatchObject({
            channel: 'wecom',
            to: 'yjj-head',
            template: 'approval.reminder',
          });
          expect(records.requests).toHaveLength(1);
        }
        // The escalation: delivered at 09:00 on a working day, and a task in the 安委办's inbox.
        const escalation = notes.find((n) => n.template === 'approval.overdue' && n.recipientId === 'aqb-head')!;
        const escalated = await delivered(escalation.key);
        expect(formatShanghaiDateTime(escalated.sentAt!).slice(11, 16)).toBe('09:00');
        const [task] = await t.database.db
          .select()
          .from(tasks)
          .where(and(eq(tasks.workflowId, handle.workflowId), eq(tasks.assigneeId, 'aqb-head')));
        expect(task).toMatchObject({
          status: 'open',
          overdue: true,
          stepName: '逾期督办：部门负责人审核',
          kind: 'action',
        });
        expect(task!.detail).toMatchObject({ escalation: true, originalAssignees: ['yjj-head'] });
        expect(task!.dueDate).toBe(reminders[0]!.params.dueDate);
        const [inCentre] = await t.database.db
          .select()
          .from(notifications)
          .where(eq(notifications.key, escalation.key));
        expect(inCentre).toMatchObject({ userId: 'aqb-head', kind: 'escalation', link: `/tasks/${task!.id}` });

        await handle.terminate('test done').catch(() => undefined); // the step has no timeout action
      });
    },
  );

  it('delivers an urge at once, whatever the hour', async () => {
    await t.withWorker(async () => {
      const handle = await start([headStep]);
      await waitForStep(handle);
      const officer = (await t.database.db.select().from(users).where(eq(users.id, 'yjj-officer1')))[0]!;
      const requestId = randomUUID();
      const urgedAt = await t.env.currentTimeMs();
      await handle.executeUpdate(actionUpdates.urge, {
        args: [{ requestId, actor: { id: officer.id, name: officer.name, departmentId: 'yjj', roles: officer.roles } }],
        updateId: requestId,
      });
      const key = `${handle.workflowId}:dept-head#1:urge:${requestId}:yjj-head`;
      const result = await delivered(key);
      expect(result.sentAt! - urgedAt).toBeLessThan(60_000);
      expect((await notificationRecords(key)).filings).toHaveLength(1);
      const [row] = await t.database.db.select().from(notifications).where(eq(notifications.key, key));
      expect(row).toMatchObject({ userId: 'yjj-head', kind: 'urge', title: '催办', readAt: null });
      await handle.terminate('test done');
    });
  });
});
