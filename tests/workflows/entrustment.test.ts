import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntrustmentActivities } from '../../activities/entrustment';
import { auditLog, entrustedOrganisations, entrustments, outbox, powerCatalogue, tasks, users } from '../../db/schema';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import { addDays, todayInShanghai } from '../../domain/dates';
import { deadlineFor } from '../../domain/legal-basis';
import { draftNumberFor } from '../../domain/entrustment-letter';
import { shanghaiMidnight } from '../../workflows/approval/deadline';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import type { ActionKind, Actor } from '../../workflows/approval/types';
import { entrustmentWorkflow } from '../../workflows/entrustment';
import { entrustmentStateQuery, requestEntrustmentChangeUpdate } from '../../workflows/entrustment/messages';
import type { ChangeRequest, EntrustmentInput, EntrustmentView } from '../../workflows/entrustment/types';
import { createWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

let t: WorkflowTestEnv;
let seq = 100;
beforeAll(async () => {
  t = await createWorkflowTestEnv();
});
afterAll(async () => {
  await t?.teardown();
});

const today = async () => todayInShanghai(await t.env.currentTimeMs());
const authorise = (orgId: string, powerId: string, date: string) =>
  createEntrustmentActivities({ db: t.database.db }).authorizeEntrustedAct({ orgId, powerId, date });

async function actor(id: string): Promise<Actor> {
  const [u] = await t.database.db.select().from(users).where(eq(users.id, id));
  return { id: u!.id, name: u!.name, departmentId: u!.departmentId, roles: u!.roles };
}

async function inputFor(
  orgId: string,
  powerIds: string[],
  term: { start: string; end: string },
  reEntrustment = false,
): Promise<EntrustmentInput> {
  const [org] = await t.database.db.select().from(entrustedOrganisations).where(eq(entrustedOrganisations.id, orgId));
  const powers = await t.database.db.select().from(powerCatalogue).where(inArray(powerCatalogue.id, powerIds));
  return {
    draftNumber: draftNumberFor('yjj', 2026, ++seq),
    agency: { id: 'yjj', name: '区应急管理局' },
    org: org!,
    powers: powers.map((p) => ({ id: p.id, name: p.name, type: p.type, legalBasis: p.legalBasis })),
    territory: '北碚高新区规划范围',
    termStart: term.start,
    termEnd: term.end,
    initiatorId: 'yjj-officer1',
    reEntrustment,
  };
}

const start = (input: EntrustmentInput) =>
  t.env.client.workflow.start(entrustmentWorkflow, {
    taskQueue: t.taskQueue,
    workflowId: `entrustment-${input.draftNumber}`,
    args: [input],
  });

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await probe();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never reached: ${what}`);
}

async function act(handle: WorkflowHandle, stepInstance: string, kind: ActionKind, actorId: string, comment?: string) {
  await until(
    () => handle.query(approvalStateQuery),
    (v) => v.current?.instanceId === stepInstance,
    stepInstance,
  );
  const input = { requestId: randomUUID(), actor: await actor(actorId), comment };
  return handle.executeUpdate(actionUpdates[kind], { args: [input], updateId: input.requestId });
}

const view = (handle: WorkflowHandle, ok: (v: EntrustmentView) => boolean, what: string) =>
  until(() => handle.query(entrustmentStateQuery), ok, what);

async function approveToActive(handle: WorkflowHandle) {
  await act(handle, 'legal-review#1', 'approve', 'sfj-reviewer1', '委托范围合法，受委托组织符合条件');
  await act(handle, 'agency-head#1', 'approve', 'yjj-head', '同意委托');
  const inForce = await view(handle, (v) => v.status === 'active' || v.status === 'expiring', 'in force');
  await until(
    () => registerRow(handle.workflowId),
    (r) => r?.letterNumber === inForce.letter!.number && r.status === inForce.status,
    'register in step',
  );
  return inForce;
}

async function requestChange(
  handle: WorkflowHandle,
  kind: ChangeRequest['kind'],
  actorId: string,
  extra: Partial<ChangeRequest> = {},
) {
  const request: ChangeRequest = {
    requestId: randomUUID(),
    kind,
    actor: await actor(actorId),
    reason: '受委托组织执法人员调整',
    ...extra,
  };
  return handle.executeUpdate(requestEntrustmentChangeUpdate, { args: [request], updateId: request.requestId });
}

async function rejectionOf(promise: Promise<unknown>): Promise<{ type?: string; message?: string }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err as WorkflowUpdateFailedError).cause as { type?: string; message?: string };
}

const registerRow = async (workflowId: string) =>
  (await t.database.db.select().from(entrustments).where(eq(entrustments.workflowId, workflowId)))[0];
const publications = async (draftNumber: string) => {
  const res = await fetch(`${t.agencies.url}/__admin/records?agency=disclosure-portal`);
  const records = (await res.json()) as {
    filings: Array<{
      kind: string;
      caseRef: string;
      idempotencyKey: string;
      body: { issuedBy: string; title: string; content: string };
    }>;
  };
  return records.filings.filter((f) => f.caseRef === draftNumber && f.kind === 'publication');
};

describe('entrusted enforcement workflow', () => {
  it('refuses a non-delegable power at submission with its basis and writes nothing', async () => {
    await t.withWorker(async () => {
      const input = await inputFor('gxq', ['yjj-cf-001', 'yjj-qz-001'], {
        start: await today(),
        end: addDays(await today(), 90),
      });
      const handle = await start(input);
      const result = await handle.result();
      expect(result).toEqual({
        outcome: 'refused',
        refusals: [
          expect.objectContaining({ rule: 'compulsory-measure-not-entrustable', basis: '《行政强制法》第十七条' }),
        ],
      });
      expect(await registerRow(handle.workflowId)).toBeUndefined();
      expect(await t.database.db.select().from(auditLog).where(eq(auditLog.workflowId, handle.workflowId))).toEqual([]);
    });
  });

  it(
    'runs legal review and head approval, issues and publishes the letter on both sides, reminds 30 and 7 days ' +
      'before, and lapses',
    async () => {
      await t.withWorker(async () => {
        const day0 = await today();
        const termEnd = addDays(day0, 45);
        const input = await inputFor('gxq', ['yjj-cf-001', 'yjj-jc-001'], { start: day0, end: termEnd });
        const handle = await start(input);

        const review = await until(
          () => handle.query(approvalStateQuery),
          (v) => v.current?.instanceId === 'legal-review#1',
          'legal review',
        );
        expect(review.current!.slots.map((s) => s.assigneeId)).toEqual(['sfj-reviewer1', 'sfj-reviewer2']);
        expect(review.current!.legalBasis).toBe('《重庆市安全生产条例》第六十条');
        expect((await registerRow(handle.workflowId))!.status).toBe('pending');
        expect(await authorise('gxq', 'yjj-cf-001', day0)).toMatchObject({ allowed: false, reason: 'no-entrustment' });

        const active = await approveToActive(handle);
        const letterNumber = `北碚应急管理局委〔2026〕${seq}号`;
        expect(active.letter).toMatchObject({ number: letterNumber, term: { start: day0, end: termEnd } });
        expect(active.letter!.text).toContain('以区应急管理局的名义');
        expect(active.publications.map((p) => p.side).sort()).toEqual(['agency', 'org']);
        const filed = await publications(input.draftNumber);
        expect(filed.map((f) => f.body.issuedBy).sort()).toEqual(['北碚高新区管委会', '区应急管理局'].sort());
        expect(new Set(filed.map((f) => f.idempotencyKey)).size).toBe(2);
        expect(filed[0]!.body.content).toContain(letterNumber);
        const row = await until(
          () => registerRow(handle.workflowId),
          (r) => r?.status === 'active',
          'register row active',
        );
        expect(row).toMatchObject({ status: 'active', letterNumber, termEnd, powerIds: ['yjj-cf-001', 'yjj-jc-001'] });
        expect(await authorise('gxq', 'yjj-cf-001', day0)).toMatchObject({
          allowed: true,
          actInNameOf: { agencyId: 'yjj', agencyName: '区应急管理局' },
          entrustment: { letterNumber },
        });
        expect(await authorise('gxq', 'yjj-cf-003', day0)).toMatchObject({ allowed: false, reason: 'no-entrustment' });

        // 30 days before the end (moved back onto a working day), at 09:00 Shanghai time.
        const calendar = await currentCalendarSnapshot(t.database.db);
        const reminder30 = deadlineFor(calendar, termEnd, 'entrustment.expiry-reminder-30').due;
        const reminder7 = deadlineFor(calendar, termEnd, 'entrustment.expiry-reminder-7').due;
        await t.env.sleep(shanghaiMidnight(reminder30) + 10 * 3600_000 - (await t.env.currentTimeMs()));
        const expiring = await view(handle, (v) => v.status === 'expiring', 'expiring');
        expect(expiring.reminders).toEqual([`reminder-30:${termEnd}`]);
        const sent30 = await t.database.db
          .select()
          .from(outbox)
          .where(like(outbox.key, `${handle.workflowId}:reminder-30:%`));
        expect(sent30.map((o) => o.recipientId).sort()).toEqual(['gxq-head', 'yjj-head']);
        expect(sent30[0]!.params).toMatchObject({ letterNumber, termEnd, daysBefore: '30' });

        const result = await handle.result();
        expect(result).toEqual({ outcome: 'lapsed', status: 'lapsed', letterNumber, termEnd });
        const sent7 = await t.database.db
          .select()
          .from(outbox)
          .where(like(outbox.key, `${handle.workflowId}:reminder-7:%`));
        expect(sent7).toHaveLength(2);
        const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.workflowId, handle.workflowId));
        const reminderAudit = audit
          .filter((a) => a.action === 'entrustment.expiry-reminder')
          .map((a) => a.at.slice(0, 10));
        expect(reminderAudit).toHaveLength(2);
        expect(audit.find((a) => a.action === 'entrustment.lapsed')?.legalBasis).toContain('《行政处罚法》第二十条');
        expect(reminder7 > reminder30).toBe(true);
        expect((await registerRow(handle.workflowId))!.status).toBe('lapsed');
        expect(await authorise('gxq', 'yjj-cf-001', termEnd)).toMatchObject({ allowed: true });
        expect(await authorise('gxq', 'yjj-cf-001', addDays(termEnd, 1))).toMatchObject({
          allowed: false,
          reason: 'expired',
          message: expect.stringContaining('届满'),
        });
      });
    },
  );

  it('revokes mid-term by approval and publishes it; the authorisation answers yes before and no after', async () => {
    await t.withWorker(async () => {
      const day0 = await today();
      const input = await inputFor('yjj-zfdd', ['yjj-cf-002', 'yjj-jc-001'], {
        start: addDays(day0, -10),
        end: addDays(day0, 300),
      });
      const handle = await start(input);
      await approveToActive(handle);
      expect(await authorise('yjj-zfdd', 'yjj-cf-002', day0)).toMatchObject({ allowed: true });

      expect(await rejectionOf(requestChange(handle, 'revoke', 'jtj-head'))).toMatchObject({ type: 'NOT_AGENCY' });
      expect(await rejectionOf(requestChange(handle, 'revoke', 'yjj-head', { reason: ' ' }))).toMatchObject({
        type: 'REASON_REQUIRED',
      });
      expect(await requestChange(handle, 'revoke', 'yjj-head', { reason: '执法大队职能调整' })).toMatchObject({
        accepted: true,
      });
      expect(await rejectionOf(requestChange(handle, 'suspend', 'yjj-head'))).toMatchObject({ type: 'CHANGE_PENDING' });
      // Still in force while the revocation awaits the head's approval.
      expect(await authorise('yjj-zfdd', 'yjj-cf-002', day0)).toMatchObject({ allowed: true });
      const openTasks = await until(
        () =>
          t.database.db
            .select()
            .from(tasks)
            .where(
              and(
                eq(tasks.workflowId, handle.workflowId),
                eq(tasks.stepInstance, 'agency-head#2'),
                eq(tasks.status, 'open'),
              ),
            ),
        (r) => r.length === 1,
        'revocation task',
      );
      expect(openTasks[0]).toMatchObject({ assigneeId: 'yjj-head', stepName: '委托机关负责人审批撤销' });
      await act(handle, 'agency-head#2', 'approve', 'yjj-head', '同意撤销');

      expect(await handle.result()).toMatchObject({ outcome: 'revoked', status: 'revoked' });
      expect(await registerRow(handle.workflowId)).toMatchObject({ status: 'revoked', revokedOn: day0 });
      expect(await authorise('yjj-zfdd', 'yjj-cf-002', day0)).toMatchObject({ allowed: false, reason: 'revoked' });
      expect(await authorise('yjj-zfdd', 'yjj-cf-002', addDays(day0, -1))).toMatchObject({ allowed: true });
      const filed = await publications(input.draftNumber);
      expect(filed).toHaveLength(4);
      expect(
        filed
          .filter((f) => f.body.title.includes('撤销'))
          .map((f) => f.body.issuedBy)
          .sort(),
      ).toEqual(['区应急管理局', '区应急管理综合行政执法大队'].sort());
    });
  });

  it(
    'suspends and resumes by approval, renews with a new letter, ' + 'and refuses changes the state does not allow',
    async () => {
      await t.withWorker(async () => {
        const day0 = await today();
        const termEnd = addDays(day0, 200);
        const handle = await start(await inputFor('bwq', ['yjj-cf-001', 'yjj-xk-001'], { start: day0, end: termEnd }));
        const active = await approveToActive(handle);

        expect(await rejectionOf(requestChange(handle, 'resume', 'yjj-head'))).toMatchObject({ type: 'NOT_SUSPENDED' });
        await requestChange(handle, 'suspend', 'yjj-head');
        await act(handle, 'agency-head#2', 'approve', 'yjj-head', '同意暂停');
        await view(handle, (v) => v.status === 'suspended' && !v.pendingChange, 'suspended');
        expect(await authorise('bwq', 'yjj-xk-001', day0)).toMatchObject({ allowed: false, reason: 'suspended' });

        await requestChange(handle, 'resume', 'yjj-head');
        await act(handle, 'agency-head#3', 'approve', 'yjj-head', '同意恢复');
        await view(handle, (v) => v.status === 'active' && v.changes.length === 2 && !v.pendingChange, 'resumed');
        expect(await authorise('bwq', 'yjj-xk-001', day0)).toMatchObject({ allowed: true });

        expect(
          await rejectionOf(requestChange(handle, 'renew', 'yjj-head', { newTermEnd: addDays(termEnd, -1) })),
        ).toMatchObject({ type: 'INVALID_TERM' });
        await requestChange(handle, 'renew', 'yjj-head', { newTermEnd: addDays(termEnd, 365) });
        await act(handle, 'legal-review#2', 'approve', 'sfj-reviewer2', '续期范围不变，同意');
        await act(handle, 'agency-head#4', 'approve', 'yjj-head', '同意续期');
        const renewed = await view(handle, (v) => v.termEnd === addDays(termEnd, 365) && !v.pendingChange, 'renewed');
        expect(renewed.letter!.number).toBe(`${active.letter!.number}之二`);
        expect(renewed.publications).toHaveLength(8);
        expect(await authorise('bwq', 'yjj-cf-001', addDays(termEnd, 1))).toMatchObject({
          allowed: true,
          entrustment: { letterNumber: renewed.letter!.number },
        });
        await handle.terminate('test finished');
      });
    },
  );

  it('closes as not approved when the legal affairs office rejects, without a letter', async () => {
    await t.withWorker(async () => {
      const day0 = await today();
      const handle = await start(await inputFor('cjz', ['yjj-cf-003'], { start: day0, end: addDays(day0, 100) }));
      await act(handle, 'legal-review#1', 'reject', 'sfj-reviewer1', '委托事项超出镇街属地监管范围');
      expect(await handle.result()).toEqual({ outcome: 'rejected', status: 'rejected' });
      expect(await registerRow(handle.workflowId)).toMatchObject({ status: 'rejected', letterNumber: null });
      expect(await authorise('cjz', 'yjj-cf-003', day0)).toMatchObject({ allowed: false, reason: 'no-entrustment' });
    });
  });
});
