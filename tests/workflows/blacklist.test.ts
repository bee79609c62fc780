import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blacklistEntries, caseDeadlines, tasks, users } from '../../db/schema';
import { addDays, todayInShanghai } from '../../domain/dates';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import type { Actor } from '../../workflows/approval/types';
import { blacklistWorkflow } from '../../workflows/blacklist';
import { blacklistRemovalUpdate } from '../../workflows/blacklist/messages';
import type { BlacklistInput } from '../../workflows/blacklist/types';
import { caseStateQuery } from '../../workflows/case/case-record';
import { createWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await createWorkflowTestEnv();
});
afterAll(async () => {
  await t?.teardown();
});

async function today(): Promise<string> {
  return todayInShanghai(await t.env.currentTimeMs());
}

async function actor(id: string): Promise<Actor> {
  const [u] = await t.database.db.select().from(users).where(eq(users.id, id));
  return { id: u!.id, name: u!.name, departmentId: u!.departmentId, roles: u!.roles };
}

async function start(restriction: BlacklistInput['restriction']) {
  const caseNumber = `HMD-${randomUUID().slice(0, 8)}`;
  const input: BlacklistInput = {
    caseNumber,
    title: '重庆某矿业有限公司列入安全生产黑名单',
    departmentId: 'yjj',
    initiatorId: 'yjj-officer1',
    enterprise: { name: '重庆某矿业有限公司', unifiedSocialCreditCode: '91500109MA5U654321' },
    reason: '一年内发生两起生产安全事故，且拒不执行停产整顿指令',
    decisionNo: `北碚应急黑〔2026〕${caseNumber}号`,
    restriction,
    restrictions: ['financing', 'bidding'],
  };
  const handle = await t.env.client.workflow.start(blacklistWorkflow, {
    taskQueue: t.taskQueue,
    workflowId: `blacklist-${caseNumber}`,
    args: [input],
  });
  return { handle, caseNumber };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never: ${what}`);
}

async function approve(handle: WorkflowHandle, stepInstance: string, userId: string) {
  await until(
    async () => ((await handle.query(approvalStateQuery)).current?.instanceId === stepInstance ? true : undefined),
    stepInstance,
  );
  const input = { requestId: randomUUID(), actor: await actor(userId), comment: '同意' };
  await handle.executeUpdate(actionUpdates.approve, { args: [input], updateId: input.requestId });
}

const entryOf = async (workflowId: string) =>
  (await t.database.db.select().from(blacklistEntries).where(eq(blacklistEntries.workflowId, workflowId)))[0];
const creditFilings = (caseRef: string) =>
  t.agencies.simulator.state.filings.filter((f) => f.agency === 'credit-publicity' && f.caseRef === caseRef);

describe('blacklist (黑名单, §十三)', () => {
  it(
    'lists after the department head and the 安委办 decide, publishes it, and removes it when the restriction ' +
      'period ends',
    async () => {
      await t.withWorker(async () => {
        const from = await today();
        const startsOn = addDays(from, 3);
        const endsOn = addDays(startsOn, 29);
        const { handle, caseNumber } = await start({ startsOn, endsOn });
        expect((await until(() => entryOf(handle.workflowId), 'projection'))!.status).toBe('pending-approval');

        await approve(handle, 'dept-head#1', 'yjj-head');
        const safetyOfficeTasks = await until(async () => {
          const rows = await t.database.db
            .select()
            .from(tasks)
            .where(
              and(eq(tasks.workflowId, handle.workflowId), eq(tasks.stepId, 'safety-office'), eq(tasks.status, 'open')),
            );
          return rows.length ? rows : undefined;
        }, '安委办 task');
        expect(safetyOfficeTasks.map((r) => r.assigneeId).sort()).toEqual(['aqb-head', 'aqb-staff']);
        await approve(handle, 'safety-office#1', 'aqb-staff');

        // Approved before the period starts: nothing is published until the start day.
        await until(
          async () => ((await entryOf(handle.workflowId))?.status === 'awaiting-start' ? true : undefined),
          'awaiting start',
        );
        expect(creditFilings(caseNumber)).toEqual([]);

        await t.env.sleep('4 days');
        const listed = await until(async () => {
          const e = await entryOf(handle.workflowId);
          return e?.status === 'listed' ? e : undefined;
        }, 'listed');
        expect(listed).toMatchObject({
          listedOn: startsOn,
          startsOn,
          endsOn,
          enterpriseName: '重庆某矿业有限公司',
          creditCode: '91500109MA5U654321',
        });
        const [filing] = creditFilings(caseNumber);
        expect(filing!.kind).toBe('blacklist-entry');
        expect(filing!.body).toMatchObject({
          listedOn: startsOn,
          expiresOn: endsOn,
          decisionNo: `北碚应急黑〔2026〕${caseNumber}号`,
        });
        expect(listed.entryNo).toBe(filing!.receiptNo);
        const [deadline] = await t.database.db
          .select()
          .from(caseDeadlines)
          .where(and(eq(caseDeadlines.workflowId, handle.workflowId), eq(caseDeadlines.key, 'restriction-end')));
        expect(deadline).toMatchObject({ dueDate: endsOn, status: 'pending' });

        // Early removal is refused without a reason; the listing stays.
        const refused = await handle
          .executeUpdate(blacklistRemovalUpdate, {
            args: [{ requestId: randomUUID(), actor: await actor('yjj-head'), reason: '' }],
          })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);

        const result = await handle.result();
        expect(result).toMatchObject({
          outcome: 'removed-at-end',
          listedOn: startsOn,
          removedOn: addDays(endsOn, 1),
          entryNo: filing!.receiptNo,
        });
        expect(await entryOf(handle.workflowId)).toMatchObject({
          status: 'removed',
          removedOn: addDays(endsOn, 1),
          removalReason: '限制期届满',
        });
        expect(filing!.references.removedAt).toBeDefined();
        const [ended] = await t.database.db
          .select()
          .from(caseDeadlines)
          .where(and(eq(caseDeadlines.workflowId, handle.workflowId), eq(caseDeadlines.key, 'restriction-end')));
        expect(ended!.status).toBe('met');
      });
    },
  );

  it('removes the entry earlier by decision, and never lists when the 安委办 refuses', async () => {
    await t.withWorker(async () => {
      const from = await today();
      const { handle, caseNumber } = await start({ startsOn: from, endsOn: addDays(from, 180) });
      await approve(handle, 'dept-head#1', 'yjj-head');
      await approve(handle, 'safety-office#1', 'aqb-head');
      await until(async () => ((await entryOf(handle.workflowId))?.status === 'listed' ? true : undefined), 'listed');
      await t.env.sleep('10 days');
      await handle.executeUpdate(blacklistRemovalUpdate, {
        args: [{ requestId: randomUUID(), actor: await actor('yjj-officer1'), reason: '企业已完成整改并通过复查验收' }],
      });
      await approve(handle, 'removal-dept-head#1', 'yjj-head');
      await approve(handle, 'removal-safety-office#1', 'aqb-head');
      const removedOn = addDays(from, 10);
      const result = await handle.result();
      expect(result).toMatchObject({ outcome: 'removed-early', listedOn: from, removedOn });
      expect(await entryOf(handle.workflowId)).toMatchObject({
        status: 'removed',
        removedOn,
        removalReason: '企业已完成整改并通过复查验收',
      });
      expect((await handle.query(caseStateQuery)).deadlines.find((d) => d.key === 'restriction-end')!.status).toBe(
        'cancelled',
      );
      expect(creditFilings(caseNumber).map((f) => f.kind)).toEqual(['blacklist-entry', 'blacklist-removal']);

      const second = await start({ startsOn: from, endsOn: addDays(from, 30) });
      await approve(second.handle, 'dept-head#1', 'yjj-head');
      await until(
        async () =>
          (await second.handle.query(approvalStateQuery)).current?.instanceId === 'safety-office#1' ? true : undefined,
        'safety office',
      );
      const input = { requestId: randomUUID(), actor: await actor('aqb-head'), comment: '事实不清，不予列入' };
      await second.handle.executeUpdate(actionUpdates.reject, { args: [input], updateId: input.requestId });
      expect((await second.handle.result()).outcome).toBe('rejected');
      expect(await entryOf(second.handle.workflowId)).toMatchObject({ status: 'rejected', entryNo: null });
      expect(creditFilings(second.caseNumber)).toEqual([]);
    });
  });
});
