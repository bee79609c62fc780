import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  annualPlanAmendments,
  annualPlans,
  auditLog,
  caseDeadlines,
  outbox,
  plannedInspections,
  tasks,
  users,
} from '../../db/schema';
import type { PlanContent } from '../../domain/annual-plan';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import type { ActionInput, ActionKind, Actor } from '../../workflows/approval/types';
import { annualPlanWorkflow } from '../../workflows/annual-plan';
import {
  amendPlanUpdate,
  inspectionDoneUpdate,
  onSitePlanUpdate,
  planStateQuery,
  recordFilingUpdate,
  saveDraftUpdate,
  submitPlanUpdate,
} from '../../workflows/annual-plan/messages';
import type { PlanView } from '../../workflows/annual-plan/types';
import { planCycleWorkflow, planWorkflowId } from '../../workflows/plan-cycle';
import { randomInspectionWorkflow } from '../../workflows/random-inspection';
import { recordResultsUpdate } from '../../workflows/random-inspection/messages';
import { drawRandomInspection, keySupervisionSectors } from '../../domain/random-draw';
import { addDays } from '../../domain/dates';
import { computeDeadline } from '../../domain/periods';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import { enterprises as enterpriseTable } from '../../db/schema';
import { createWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await createWorkflowTestEnv();
});
afterAll(async () => {
  await t?.teardown();
});

const YEAR = 2027;

const plan = (extra: Partial<PlanContent> = {}): PlanContent => ({
  enforcementStaff: 4,
  otherDutyDays: 300,
  items: [
    {
      itemId: 'Q1-01',
      enterpriseId: 'ent-001',
      kind: 'key',
      quarter: 1,
      legalBasis: '《危险化学品安全管理条例》第六条',
      plannedDays: 4,
    },
    {
      itemId: 'Q1-02',
      enterpriseId: 'ent-005',
      kind: 'routine',
      quarter: 1,
      legalBasis: '《安全生产法》第六十五条',
      plannedDays: 2,
    },
    {
      itemId: 'Q2-01',
      category: '全区粉尘涉爆企业',
      kind: 'key',
      quarter: 2,
      legalBasis: '《工贸企业粉尘防爆安全规定》',
      plannedDays: 20,
    },
    {
      itemId: 'Q3-01',
      category: '工贸企业双随机抽查',
      kind: 'random',
      quarter: 3,
      legalBasis: '北碚府办发〔2016〕65号第十五条',
      plannedDays: 30,
    },
  ],
  ...extra,
});

async function actor(id: string): Promise<Actor> {
  const [u] = await t.database.db.select().from(users).where(eq(users.id, id));
  if (!u) throw new Error(`no user ${id}`);
  return { id: u.id, name: u.name, departmentId: u.departmentId, roles: u.roles };
}

async function act(
  handle: WorkflowHandle,
  kind: ActionKind,
  actorId: string,
  extra: Partial<Omit<ActionInput, 'actor'>> = {},
) {
  const input: ActionInput = { requestId: randomUUID(), actor: await actor(actorId), ...extra };
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

async function until<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never: ${what}`);
}

const waitForStep = (handle: WorkflowHandle, instance: string) =>
  until(
    async () => ((await handle.query(approvalStateQuery)).current?.instanceId === instance ? true : undefined),
    `step ${instance}`,
  );
const waitForStage = (handle: WorkflowHandle, stage: PlanView['stage']) =>
  until(
    async () => ((await handle.query(planStateQuery)).stage === stage ? handle.query(planStateQuery) : undefined),
    `stage ${stage}`,
  );
const sleepUntil = async (date: string) =>
  t.env.sleep(Date.parse(`${date}T12:00:00+08:00`) - (await t.env.currentTimeMs()));
const shanghaiToday = async () => new Date((await t.env.currentTimeMs()) + 8 * 3_600_000).toISOString().slice(0, 10);

async function agencyFilings(agency: string) {
  const res = await fetch(`${t.agencies.url}/__admin/records?agency=${agency}`);
  return (
    (await res.json()) as {
      filings: Array<{ kind: string; caseRef: string; receiptNo: string; body: Record<string, unknown> }>;
    }
  ).filings;
}

describe('annual plan cycle (§十四)', () => {
  it(
    'opens the year for every supervising department, reminds the late one and escalates it to the 安委办 after 31 ' +
      'January',
    async () => {
      await t.withWorker(async () => {
        const cycle = await t.env.client.workflow.start(planCycleWorkflow, {
          taskQueue: t.taskQueue,
          workflowId: `plan-cycle-${YEAR}`,
          args: [{ year: YEAR }],
        });
        const units = ['bwq', 'cjz', 'ghzyj', 'gxq', 'jgz', 'jtj', 'jxw', 'scjgj', 'tsj', 'yjj', 'zjw'];
        const rows = await until(async () => {
          const r = await t.database.db.select().from(annualPlans).where(eq(annualPlans.year, YEAR));
          return r.length === units.length ? r : undefined;
        }, 'all plans opened');
        expect(rows.map((r) => r.departmentId).sort()).toEqual(units);
        expect(new Set(rows.map((r) => r.dueDate))).toEqual(new Set(['2027-01-31']));
        const draftTask = await t.database.db
          .select()
          .from(tasks)
          .where(and(eq(tasks.assigneeId, 'jgz-head'), eq(tasks.workflowId, planWorkflowId(YEAR, 'jgz'))));
        expect(draftTask).toMatchObject([
          { kind: 'action', status: 'open', dueDate: '2027-01-31', stepName: '编制2027年度监督检查计划' },
        ]);

        // Every unit but 静观镇 submits its plan in time.
        for (const unit of units.filter((u) => u !== 'jgz')) {
          const handle = t.env.client.workflow.getHandle(planWorkflowId(YEAR, unit));
          const req = { requestId: randomUUID(), actor: await actor(`${unit}-head`), content: plan() };
          await handle.executeUpdate(submitPlanUpdate, { args: [req], updateId: req.requestId });
        }
        await sleepUntil('2027-02-03');

        const reminders = await t.database.db
          .select()
          .from(outbox)
          .where(like(outbox.key, `plan-cycle-${YEAR}:reminder:%`));
        // 24 Jan is a Sunday and 30 Jan a Saturday: the reminders go out on the working days before.
        expect(reminders.map((r) => [r.key.split(':')[2], r.recipientId]).sort()).toEqual([
          ['2027-01-22', 'jgz-head'],
          ['2027-01-29', 'jgz-head'],
        ]);
        const escalation = await t.database.db
          .select()
          .from(outbox)
          .where(like(outbox.key, `plan-cycle-${YEAR}:overdue:%`));
        expect(escalation.map((r) => r.recipientId).sort()).toEqual(['aqb-head', 'aqb-staff']);
        expect(escalation[0]!.params).toMatchObject({ departments: '静观镇', dueDate: '2027-01-31' });
        const trail = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'plan.overdue-escalated'));
        expect(trail.map((r) => r.caseId)).toEqual(['AP-2027-jgz']);
        const [jgz] = await t.database.db.select().from(annualPlans).where(eq(annualPlans.id, 'AP-2027-jgz'));
        expect(jgz).toMatchObject({ status: 'awaiting-draft' });
        expect(jgz!.escalatedAt).not.toBeNull();
        const [cycleDeadline] = await t.database.db
          .select()
          .from(caseDeadlines)
          .where(eq(caseDeadlines.workflowId, `plan-cycle-${YEAR}`));
        expect(cycleDeadline).toMatchObject({ dueDate: '2027-01-31', status: 'missed' });
        const [yjjDeadline] = await t.database.db
          .select()
          .from(caseDeadlines)
          .where(eq(caseDeadlines.workflowId, planWorkflowId(YEAR, 'yjj')));
        expect(yjjDeadline).toMatchObject({ status: 'met' });
        await cycle.terminate('test finished');
        for (const unit of units)
          await t.env.client.workflow.getHandle(planWorkflowId(YEAR, unit)).terminate('test finished');
      });
    },
  );

  it(
    'approves a plan after a return for revision, files it with ' + 'receipts, amends it and tracks the quarters',
    async () => {
      await t.withWorker(async () => {
        const unit = {
          id: 'yjj',
          name: '区应急管理局',
          headDepartmentId: 'yjj',
          approver: { kind: 'district' as const },
        };
        const handle = await t.env.client.workflow.start(annualPlanWorkflow, {
          taskQueue: t.taskQueue,
          workflowId: `annual-plan-2028-yjj`,
          args: [{ year: 2028, unit, dueDate: '2028-01-31' }],
        });
        const send = async <R extends { requestId: string }>(update: UpdateDefinition<PlanView, [R]>, req: R) =>
          handle.executeUpdate(update, { args: [req], updateId: req.requestId });

        // Over budget: 1 person cannot do 4 + 2 + 20 + 30 days after 250 days of other duties.
        const overBudget = plan({ enforcementStaff: 1, otherDutyDays: 250 });
        expect(
          await rejection(
            send(saveDraftUpdate, { requestId: randomUUID(), actor: await actor('yjj-officer1'), content: overBudget }),
          ),
        ).toBe('INVALID_PLAN');
        expect(
          await rejection(
            send(submitPlanUpdate, { requestId: randomUUID(), actor: await actor('jxw-officer1'), content: plan() }),
          ),
        ).toBe('NOT_ALLOWED');
        await send(saveDraftUpdate, { requestId: randomUUID(), actor: await actor('yjj-officer1'), content: plan() });
        await send(submitPlanUpdate, { requestId: randomUUID(), actor: await actor('yjj-officer1') });

        await waitForStep(handle, 'dept-head#1');
        await act(handle, 'approve', 'yjj-head', { comment: '同意报审' });
        await waitForStep(handle, 'legal-review#1');
        const legal = (await handle.query(approvalStateQuery)).current!;
        expect(legal.slots.map((s) => s.assigneeId)).toEqual(['yjj-legal']); // the department's own legal reviewer
        await act(handle, 'return', 'yjj-legal', {
          comment: '第三季度检查项缺少具体法律依据条款',
          returnTo: 'initiator',
        });
        const revision = await until(
          async () =>
            (
              await t.database.db
                .select()
                .from(tasks)
                .where(
                  and(eq(tasks.workflowId, handle.workflowId), eq(tasks.kind, 'revision'), eq(tasks.status, 'open')),
                )
            )[0],
          'revision task',
        );
        expect(revision.assigneeId).toBe('yjj-officer1');
        const revised = plan();
        revised.items[3] = {
          ...revised.items[3]!,
          legalBasis: '《安全生产法》第六十五条；北碚府办发〔2016〕65号第十五条',
        };
        await act(handle, 'resubmit', 'yjj-officer1', {
          comment: '已补充依据',
          revision: revised as unknown as Record<string, unknown>,
        });
        await waitForStep(handle, 'dept-head#2');
        await act(handle, 'approve', 'yjj-head');
        await waitForStep(handle, 'legal-review#2');
        await act(handle, 'approve', 'yjj-legal', { comment: '合法' });
        await waitForStep(handle, 'district-gov#1');
        await act(handle, 'approve', 'gov-leader', { comment: '同意' });

        // Filing: the upper-level authority and the portal answer through the gateway; the 安委办 records its receipt.
        const approved = await until(async () => {
          const v = await handle.query(planStateQuery);
          return v.receipts.upperAuthority ? v : undefined;
        }, 'upper filing');
        expect(approved.stage).toBe('approved');
        expect(approved.content?.items[3]?.legalBasis).toContain('第六十五条');
        const upper = await agencyFilings('upper-authority');
        expect(upper.filter((f) => f.caseRef === 'AP-2028-yjj')).toMatchObject([
          {
            kind: 'plan-filing',
            receiptNo: approved.receipts.upperAuthority,
            body: { planYear: 2028, department: '区应急管理局' },
          },
        ]);
        expect(
          (await agencyFilings('disclosure-portal')).some(
            (f) => f.caseRef === 'AP-2028-yjj' && f.receiptNo === approved.receipts.publication,
          ),
        ).toBe(true);
        const filingTask = await t.database.db
          .select()
          .from(tasks)
          .where(
            and(eq(tasks.workflowId, handle.workflowId), eq(tasks.assigneeId, 'aqb-staff'), eq(tasks.status, 'open')),
          );
        expect(filingTask.map((x) => x.stepName)).toEqual(['年度监督检查计划备案登记']);
        expect(
          await rejection(
            send(recordFilingUpdate, { requestId: randomUUID(), actor: await actor('yjj-head'), receiptNo: 'X' }),
          ),
        ).toBe('NOT_ALLOWED');
        await send(recordFilingUpdate, {
          requestId: randomUUID(),
          actor: await actor('aqb-staff'),
          receiptNo: '北碚安委办备〔2028〕7号',
        });
        const filed = await waitForStage(handle, 'filed');
        expect(filed.receipts).toMatchObject({
          safetyOffice: '北碚安委办备〔2028〕7号',
          upperAuthority: approved.receipts.upperAuthority,
        });
        const [row] = await t.database.db.select().from(annualPlans).where(eq(annualPlans.id, 'AP-2028-yjj'));
        expect(row).toMatchObject({ status: 'filed', planVersion: 1, drafterId: 'yjj-officer1' });
        expect(row!.filedAt).not.toBeNull();

        // Into the plan year: an inspection needs its on-site plan first.
        await sleepUntil('2028-01-20');
        const today = await shanghaiToday();
        expect(today >= '2028-01-01' && today < '2028-03-01').toBe(true);
        const officer1 = await actor('yjj-officer1');
        expect(
          await rejection(
            send(inspectionDoneUpdate, {
              requestId: randomUUID(),
              actor: officer1,
              itemId: 'Q1-01',
              completedOn: today,
              findings: '无',
            }),
          ),
        ).toBe('NO_ON_SITE_PLAN');
        expect(
          await rejection(
            send(onSitePlanUpdate, {
              requestId: randomUUID(),
              actor: officer1,
              itemId: 'Q9-99',
              plannedDate: today,
              inspectorIds: ['yjj-officer2', 'yjj-officer3'],
              content: '检查方案',
            }),
          ),
        ).toBe('UNKNOWN_ITEM');
        await send(onSitePlanUpdate, {
          requestId: randomUUID(),
          actor: officer1,
          itemId: 'Q1-01',
          plannedDate: today,
          inspectorIds: ['yjj-officer1', 'yjj-officer2'],
          content: '重点检查储罐区、装卸作业和重大危险源监控',
        });
        await send(inspectionDoneUpdate, {
          requestId: randomUUID(),
          actor: officer1,
          itemId: 'Q1-01',
          completedOn: today,
          findings: '发现隐患3项，已责令限期整改',
        });
        const executed = await t.database.db
          .select()
          .from(plannedInspections)
          .where(eq(plannedInspections.planId, 'AP-2028-yjj'));
        expect(executed.find((e) => e.itemId === 'Q1-01')).toMatchObject({ onSitePlanOn: today, completedOn: today });

        // An amendment: Q1-02 moves to the second quarter and a new item is added; approval runs again.
        const amended = {
          ...revised,
          items: [
            ...revised.items.map((i) => (i.itemId === 'Q1-02' ? { ...i, quarter: 2 as const } : i)),
            {
              itemId: 'Q4-01',
              enterpriseId: 'ent-023',
              kind: 'routine' as const,
              quarter: 4 as const,
              legalBasis: '《安全生产法》第六十五条',
              plannedDays: 3,
            },
          ],
        };
        expect(
          await rejection(
            send(amendPlanUpdate, { requestId: randomUUID(), actor: officer1, content: revised, reason: '无变化' }),
          ),
        ).toBe('INVALID_PLAN');
        await send(amendPlanUpdate, {
          requestId: randomUUID(),
          actor: officer1,
          content: amended,
          reason: '企业停产检修，检查顺延',
        });
        await waitForStep(handle, 'dept-head#3');
        await act(handle, 'approve', 'yjj-head');
        await waitForStep(handle, 'legal-review#3');
        await act(handle, 'approve', 'yjj-legal');
        await waitForStep(handle, 'district-gov#2');
        await act(handle, 'approve', 'gov-leader2');
        await until(async () => {
          const v = await handle.query(planStateQuery);
          return v.planVersion === 2 && v.stage === 'approved' ? v : undefined;
        }, 'amendment approved');
        await send(recordFilingUpdate, {
          requestId: randomUUID(),
          actor: await actor('aqb-head'),
          receiptNo: '北碚安委办备〔2028〕19号',
        });
        const v2 = await waitForStage(handle, 'filed');
        expect(v2.receipts.safetyOffice).toBe('北碚安委办备〔2028〕19号');
        const [amendment] = await t.database.db
          .select()
          .from(annualPlanAmendments)
          .where(eq(annualPlanAmendments.planId, 'AP-2028-yjj'));
        expect(amendment).toMatchObject({ seq: 1, status: 'approved', requestedBy: 'yjj-officer1' });
        expect(amendment!.diff.added.map((i) => i.itemId)).toEqual(['Q4-01']);
        expect(amendment!.diff.changed).toEqual([{ itemId: 'Q1-02', changes: { quarter: { from: 1, to: 2 } } }]);
        expect((await agencyFilings('upper-authority')).filter((f) => f.caseRef === 'AP-2028-yjj')).toHaveLength(2);

        // The first quarter ends with one of one Q1 inspections done; the second with one of three: behind.
        await sleepUntil('2028-07-03');
        const behind = await t.database.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.workflowId, handle.workflowId), eq(auditLog.action, 'plan.behind-schedule')));
        expect(behind.map((r) => r.detail)).toEqual([
          expect.objectContaining({ quarter: 2, dueSoFar: 3, doneSoFar: 1, behind: true }),
        ]);
        const told = await t.database.db
          .select()
          .from(outbox)
          .where(like(outbox.key, `${handle.workflowId}:behind:q2:%`));
        expect(told.map((r) => r.recipientId).sort()).toEqual(['aqb-head', 'aqb-staff', 'yjj-head']);
        await handle.terminate('test finished');
      });
    },
  );

  it(
    'publishes the drawn list at once and each result within its ' + 'statutory period, noting a late one (一公开)',
    async () => {
      await t.withWorker(async () => {
        const list = await t.database.db.select().from(enterpriseTable).where(eq(enterpriseTable.departmentId, 'yjj'));
        const inspectors = ['yjj-head', 'yjj-legal', 'yjj-officer1', 'yjj-officer2', 'yjj-officer3'].map((id) => ({
          id,
          name: id,
          departmentId: 'yjj',
        }));
        const drawId = 'RD-20280705-yjj-wf0001';
        const draw = drawRandomInspection({
          drawId,
          seed: 'workflow-test-seed-0001',
          enterprises: list,
          inspectors,
          targetCount: 2,
          inspectorsPerTarget: 2,
          keySectors: [...keySupervisionSectors],
          links: [],
          previous: [],
        });
        const handle = await t.env.client.workflow.start(randomInspectionWorkflow, {
          taskQueue: t.taskQueue,
          workflowId: `random-inspection-${drawId}`,
          args: [
            {
              drawId,
              departmentId: 'yjj',
              departmentName: '区应急管理局',
              itemName: '工贸企业安全生产检查',
              assignments: draw.assignments.slice(0, 2),
            },
          ],
        });
        await until(
          async () => (await agencyFilings('disclosure-portal')).find((f) => f.caseRef === drawId),
          'list published',
        );
        const today = await shanghaiToday();
        const late = addDays(today, -40);
        const [a, b] = draw.assignments;
        const officer = await actor('yjj-officer1');
        expect(
          await rejection(
            handle.executeUpdate(recordResultsUpdate, {
              args: [{ requestId: randomUUID(), actor: await actor('jxw-officer1'), results: [] }],
            }),
          ),
        ).toBe('NOT_ALLOWED');
        const req = {
          requestId: randomUUID(),
          actor: officer,
          results: [
            { enterpriseId: a!.enterpriseId, decisionDate: today, penalty: true, summary: '责令限期整改并处罚款' },
            { enterpriseId: b!.enterpriseId, decisionDate: late, penalty: false, summary: '未发现违法行为' },
          ],
        };
        await handle.executeUpdate(recordResultsUpdate, { args: [req], updateId: req.requestId });
        const publication = await handle.result();
        const calendar = await currentCalendarSnapshot(t.database.db);
        expect(publication.results.map((r) => [r.enterpriseId, r.dueDate, r.onTime])).toEqual([
          [a!.enterpriseId, computeDeadline(calendar, today, 7, 'working-days').due, true],
          [b!.enterpriseId, computeDeadline(calendar, late, 20, 'working-days').due, false],
        ]);
        const portal = (await agencyFilings('disclosure-portal')).filter((f) => f.caseRef === drawId);
        expect(portal).toHaveLength(3);
        expect(publication.listReceipt).toBe(portal[0]!.receiptNo);
      });
    },
  );
});
