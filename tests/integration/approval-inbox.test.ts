import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { startSystem, type RunningSystem } from '../support/system';
import { checkResponsesOf } from '../support/response-conformance';

let system: RunningSystem;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  system = await startSystem();
  checkResponsesOf(system); // every answer must match the OpenAPI document
  for (const id of ['yjj-officer1', 'yjj-head', 'sfj-reviewer1', 'gov-leader', 'jxw-head', 'admin', 'aqb-head'])
    tokens[id] = await system.login(id);
});
afterAll(async () => {
  await system?.stop();
});

async function inbox(userId: string, view = 'mine') {
  const res = await system.http('GET', `/api/tasks?view=${view}`, { token: tokens[userId] });
  expect(res.status).toBe(200);
  return res.body.items as Array<{
    id: string;
    caseId: string;
    stepName: string;
    workingDaysLeft: number;
    dueDate: string;
  }>;
}

async function waitForTask(userId: string, caseId: string) {
  for (let i = 0; i < 200; i++) {
    const task = (await inbox(userId)).find((t) => t.caseId === caseId);
    if (task) return task;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no task for ${userId} on ${caseId}`);
}

const act = (userId: string, taskId: string, body: Record<string, unknown>) =>
  system.http('POST', `/api/tasks/${taskId}/actions`, {
    token: tokens[userId],
    body: { requestId: randomUUID(), ...body },
  });

/** Refusals recorded for a case (the audit rows whose outcome is denied or rejected), read from the CSV export. */
async function auditCount(caseId: string): Promise<number> {
  const res = await system.http('GET', `/api/cases/${encodeURIComponent(caseId)}/audit.csv`, { token: tokens.admin });
  if (res.status !== 200) return 0;
  return String(res.body)
    .trim()
    .split('\r\n')
    .slice(1)
    .filter((line) => /^"[^"]*","[^"]*","[^"]*","[^"]*","[^"]*","(denied|rejected)"/.test(line)).length;
}

describe('approval through the inbox, over HTTP', () => {
  it('a three-step approval is driven by three different users, each seeing the task in their inbox', async () => {
    const caseNumber = `SP-${randomUUID().slice(0, 8)}`;
    const started = await system.http('POST', '/api/approval-requests', {
      token: tokens['yjj-officer1'],
      body: { caseNumber, title: '重大执法决定法制审核', template: 'department-legal-government' },
    });
    expect(started.status).toBe(201);

    const headTask = await waitForTask('yjj-head', caseNumber);
    expect(headTask.stepName).toBe('部门负责人审核');
    expect(headTask.workingDaysLeft).toBe(3);
    expect((await act('yjj-head', headTask.id, { action: 'approve', comment: '同意' })).status).toBe(200);
    expect((await inbox('yjj-head')).some((t) => t.caseId === caseNumber)).toBe(false);

    const legalTask = await waitForTask('sfj-reviewer1', caseNumber);
    expect((await act('sfj-reviewer1', legalTask.id, { action: 'approve', comment: '程序合法' })).status).toBe(200);

    const govTask = await waitForTask('gov-leader', caseNumber);
    expect((await act('gov-leader', govTask.id, { action: 'approve', comment: '同意' })).status).toBe(200);

    const result = await system.temporal.workflow.getHandle(`approval-${caseNumber}`).result();
    expect(result.outcome).toBe('approved');
    const detail = await system.http('GET', `/api/tasks/${govTask.id}`, { token: tokens['gov-leader'] });
    expect(
      detail.body.history
        .filter((h: { action: string }) => h.action === 'approval.approve')
        .map((h: { actor: string }) => h.actor),
    ).toEqual(['yjj-head', 'sfj-reviewer1', 'gov-leader']);
  });

  it('refuses what the rules forbid with 403, 409 and 422, changing nothing but the audit trail', async () => {
    const caseNumber = `SP-${randomUUID().slice(0, 8)}`;
    await system.http('POST', '/api/approval-requests', {
      token: tokens['yjj-officer1'],
      body: { caseNumber, title: '延期缴纳罚款', template: 'department' },
    });
    const task = await waitForTask('yjj-head', caseNumber);
    const before = await auditCount(caseNumber);

    const notMine = await act('jxw-head', task.id, { action: 'approve' });
    expect(notMine.status).toBe(403);
    expect(notMine.headers.get('content-type')).toContain('application/problem+json');
    const noComment = await act('yjj-head', task.id, { action: 'reject' });
    expect(noComment.status).toBe(422);
    expect(noComment.body.errors[0]).toMatchObject({ field: 'body.comment' });
    const badTransfer = await act('yjj-head', task.id, {
      action: 'transfer',
      comment: '出差',
      targetUserId: 'yjj-officer2',
    });
    expect(badTransfer.status).toBe(422);
    expect(badTransfer.body.errors[0]).toMatchObject({ field: 'body.targetUserId' });
    const missingTarget = await act('yjj-head', task.id, { action: 'transfer', comment: '出差' });
    expect(missingTarget.status).toBe(400);
    expect(missingTarget.body.errors[0].field).toBe('body.targetUserId');

    expect(await auditCount(caseNumber)).toBe(before + 3);
    expect((await inbox('yjj-head')).some((t) => t.id === task.id)).toBe(true);

    // A withdrawal by someone other than the initiator is refused and lands in the case's audit export too.
    const approvals = (userId: string) =>
      system.http('POST', `/api/approvals/approval-${caseNumber}/actions`, {
        token: tokens[userId],
        body: { action: 'withdraw', requestId: randomUUID() },
      });
    const notInitiator = await approvals('yjj-head');
    expect(notInitiator.status).toBe(403);
    expect(notInitiator.body.code).toBe('NOT_INITIATOR');
    expect((await approvals('jxw-head')).status).toBe(404);
    expect(await auditCount(caseNumber)).toBe(before + 5);

    expect((await act('yjj-head', task.id, { action: 'approve', comment: '同意' })).status).toBe(200);
    const again = await act('yjj-head', task.id, { action: 'approve' });
    expect(again.status).toBe(409);
  });

  it('lets a department head approve several tasks at once, each its own decision and audit record', async () => {
    const numbers = [0, 1, 2].map(() => `SP-${randomUUID().slice(0, 8)}`);
    for (const caseNumber of numbers)
      await system.http('POST', '/api/approval-requests', {
        token: tokens['yjj-officer1'],
        body: { caseNumber, title: '现场检查方案', template: 'department' },
      });
    const taskIds = [];
    for (const caseNumber of numbers) taskIds.push((await waitForTask('yjj-head', caseNumber)).id);
    const res = await system.http('POST', '/api/tasks/bulk-approve', {
      token: tokens['yjj-head'],
      body: { items: taskIds.map((taskId) => ({ taskId, requestId: randomUUID() })), comment: '同意' },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([200, 200, 200]);
    for (const caseNumber of numbers) {
      const result = await system.temporal.workflow.getHandle(`approval-${caseNumber}`).result();
      expect(result.outcome).toBe('approved');
    }
    const officerBulk = await system.http('POST', '/api/tasks/bulk-approve', {
      token: tokens['yjj-officer1'],
      body: { items: [{ taskId: taskIds[0], requestId: randomUUID() }] },
    });
    expect(officerBulk.status).toBe(403);
  });

  it('verifies the audit chain and exports a case record as CSV', async () => {
    const verify = await system.http('GET', '/api/audit/verify', { token: tokens.admin });
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);
    expect((await system.http('GET', '/api/audit/verify', { token: tokens['yjj-officer1'] })).status).toBe(403);
  });
});

describe('cases', () => {
  it(
    'lists a department its own cases and shows the timeline with ' + 'deadlines; another department sees nothing',
    async () => {
      const caseNumber = `SP-${randomUUID().slice(0, 8)}`;
      await system.http('POST', '/api/approval-requests', {
        token: tokens['yjj-officer1'],
        body: { caseNumber, title: '案件时间线', template: 'department' },
      });
      const task = await waitForTask('yjj-head', caseNumber);
      await act('yjj-head', task.id, { action: 'approve', comment: '同意' });
      await system.temporal.workflow.getHandle(`approval-${caseNumber}`).result();
      const list = await system.http('GET', `/api/cases?kind=approval-request&q=${caseNumber}`, {
        token: tokens['yjj-head'],
      });
      expect(list.body.items.map((c: { caseNumber: string; status: string }) => [c.caseNumber, c.status])).toEqual([
        [caseNumber, 'closed'],
      ]);
      const detail = await system.http('GET', `/api/cases/approval-${caseNumber}`, { token: tokens['yjj-head'] });
      expect(detail.status).toBe(200);
      expect(detail.body.case).toMatchObject({ outcome: 'approved', stageLabel: '已批准' });
      expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(
        expect.arrayContaining(['approval.step-opened', 'approval.approve', 'case.approved']),
      );
      const other = await system.http('GET', `/api/cases/approval-${caseNumber}`, { token: tokens['jxw-head'] });
      expect(other.status).toBe(404);
      expect((await system.http('GET', `/api/cases?q=${caseNumber}`, { token: tokens['jxw-head'] })).body.total).toBe(
        0,
      );
    },
  );

  it(
    'refuses a substitute for an unknown person or with control characters (4xx naming the field), and audits a ' +
      'refusal for someone else',
    async () => {
      const count = async () =>
        Number(
          (
            (await system.database.db.execute(sql`select count(*)::int as n from substitutes`)) as unknown as Array<{
              n: number;
            }>
          )[0]!.n,
        );
      const before = await count();
      const unknown = await system.http('POST', '/api/substitutes', {
        token: tokens.admin,
        body: { userId: 'nobody-here', substituteId: 'yjj-officer2', fromDate: '2026-12-07', toDate: '2026-12-11' },
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'body.userId', rule: 'exists' })]);
      const nul = await system.http('POST', '/api/substitutes', {
        token: tokens['yjj-head'],
        body: { substituteId: 'yjj-officer2', fromDate: '2026-12-07', toDate: '2026-12-11', reason: '出差\u0000' },
      });
      expect(nul.status).toBe(400);
      expect(nul.body.errors[0].field).toBe('body.reason');
      const foreign = await system.http('POST', '/api/substitutes', {
        token: tokens['yjj-officer1'],
        body: { userId: 'yjj-head', substituteId: 'yjj-officer2', fromDate: '2026-12-07', toDate: '2026-12-11' },
      });
      expect(foreign.status).toBe(403);
      expect(await count()).toBe(before);
      const denials = await system.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.actor, 'yjj-officer1'), eq(auditLog.action, 'substitute.set')));
      expect(denials.map((d) => d.outcome)).toContain('denied');
    },
  );
});
