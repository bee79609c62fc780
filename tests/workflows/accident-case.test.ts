import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accidentVetoFlags,
  accidentWarningTalks,
  auditLog,
  caseDeadlines,
  cases,
  outbox,
  publishedReports,
  users,
} from '../../db/schema';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import { addMonthsClamped, formatShanghaiDateTime, shanghaiDateOf } from '../../domain/dates';
import { computeDeadline } from '../../domain/periods';
import { deadlineFor } from '../../domain/legal-basis';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import type { Actor } from '../../workflows/approval/types';
import { accidentCaseWorkflow } from '../../workflows/accident-case';
import * as m from '../../workflows/accident/messages';
import type { AccidentCaseInput } from '../../workflows/accident/types';
import { createWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

let t: WorkflowTestEnv;
let stopWorker: () => void = () => {};
let workerRun: Promise<unknown> = Promise.resolve();
// One worker for the whole file: cases left open by a test keep running without losing in-flight activities.
beforeAll(async () => {
  t = await createWorkflowTestEnv();
  workerRun = t.withWorker(() => new Promise<void>((resolve) => (stopWorker = resolve)));
});
afterAll(async () => {
  stopWorker();
  await workerRun;
  await t?.teardown();
});

const YUAN = 100;

async function actor(id: string): Promise<Actor> {
  const [u] = await t.database.db.select().from(users).where(eq(users.id, id));
  if (!u) throw new Error(`no user ${id}`);
  return { id: u.id, name: u.name, departmentId: u.departmentId, roles: u.roles };
}

async function start(overrides: Partial<AccidentCaseInput> = {}) {
  const now = await t.env.currentTimeMs();
  const caseNumber = `SG-${randomUUID().slice(0, 6)}`;
  const input: AccidentCaseInput = {
    caseNumber,
    occurredAt: formatShanghaiDateTime(now - 2 * 3600_000),
    place: '北碚区童家溪镇同兴工业园区',
    enterprise: { name: '重庆某某机械制造有限公司', unifiedSocialCreditCode: '91500109MA5U123456' },
    industry: '机械制造',
    deaths: 1,
    seriousInjuries: 2,
    directLossFen: 1_500_000 * YUAN,
    departmentId: 'yjj',
    initiatorId: 'yjj-officer1',
    supervisoryDepartmentIds: ['jxw', 'zjw'],
    ...overrides,
  };
  const handle = await t.env.client.workflow.start(accidentCaseWorkflow, {
    taskQueue: t.taskQueue,
    workflowId: `accident-${caseNumber}`,
    args: [input],
  });
  return { handle, input, occurredDate: shanghaiDateOf(input.occurredAt) };
}

async function act<I extends { requestId: string; actor: Actor }>(
  handle: WorkflowHandle,
  update: UpdateDefinition<m.AccidentActResult, [I]>,
  userId: string,
  body: Omit<I, 'requestId' | 'actor'>,
) {
  const requestId = randomUUID();
  return handle.executeUpdate(update, {
    args: [{ ...body, requestId, actor: await actor(userId) } as unknown as I],
    updateId: requestId,
  });
}

async function approve(handle: WorkflowHandle, userId: string, comment?: string) {
  const requestId = randomUUID();
  return handle.executeUpdate(actionUpdates.approve, {
    args: [{ requestId, actor: await actor(userId), comment }],
    updateId: requestId,
  });
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as { type?: string }).type ?? 'none';
}

async function eventually<T>(fn: () => Promise<T | undefined | false>, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never: ${what}`);
}

const waitForStep = (handle: WorkflowHandle, stepId: string) =>
  eventually(async () => {
    const view = await handle.query(approvalStateQuery);
    return view.current?.stepId === stepId && view.current.slots.length > 0 ? view.current : undefined;
  }, `step ${stepId}`);

const waitForStage = (handle: WorkflowHandle, stage: string) =>
  eventually(
    async () =>
      (await handle.query(m.accidentStateQuery)).stage === stage ? handle.query(m.accidentStateQuery) : undefined,
    `stage ${stage}`,
  );

async function deadlinesOf(workflowId: string) {
  const rows = await t.database.db.select().from(caseDeadlines).where(eq(caseDeadlines.workflowId, workflowId));
  return Object.fromEntries(rows.map((r) => [r.key, r]));
}

const auditActions = async (workflowId: string) =>
  (await t.database.db.select().from(auditLog).where(eq(auditLog.workflowId, workflowId))).map((r) => r.action);

const team = {
  leader: '王德明',
  members: [
    { departmentId: 'yjj', name: '李强' },
    { departmentId: 'jxw', name: '徐涛' },
    { departmentId: 'gat', name: '区公安分局 刘警官' },
  ],
};
const report = {
  document: { documentNo: '北碚安委〔2026〕12号', title: '重庆某某机械制造有限公司“机械伤害”事故调查报告' },
};

/** Team formed, report submitted, 批复 given; returns the date of approval. */
async function throughApproval(handle: WorkflowHandle, handling?: Record<string, unknown>) {
  await act(handle, m.formTeamUpdate, 'yjj-head', team);
  await act(handle, m.submitReportUpdate, 'yjj-officer1', { ...report, handling } as never);
  const step = await waitForStep(handle, 'report-approval');
  await approve(handle, 'gov-leader', '同意调查报告，按建议处理');
  await waitForStep(handle, 'redaction-review');
  return step;
}

describe('accident case', () => {
  it(
    'grades each level: the district investigates 一般 accidents, larger ones are tracked as reported upward with ' +
      'the 1- and 2-hour chain',
    async () => {
      const calendar = await currentCalendarSnapshot(t.database.db);
      const general = await start({ deaths: 2, seriousInjuries: 9, directLossFen: 9_999_999 * YUAN });
      const major = await start({ deaths: 3 });
      const serious = await start({ deaths: 0, seriousInjuries: 50 });
      const huge = await start({ deaths: 0, seriousInjuries: 0, directLossFen: 100_000_000 * YUAN });

      const g = await waitForStage(general.handle, 'investigation');
      expect(g.classification.level).toBe('general');
      const due = await eventually(
        async () => (await deadlinesOf(general.handle.workflowId))['investigation-report'],
        'investigation deadline',
      );
      expect(due.dueDate).toBe(computeDeadline(calendar, general.occurredDate, 60, 'calendar-days').due);

      for (const [c, level, links] of [
        [major, 'major', 2],
        [serious, 'serious', 3],
        [huge, 'particularly-serious', 3],
      ] as const) {
        const st = await waitForStage(c.handle, 'reported-upward');
        expect(st.classification.level).toBe(level);
        expect(st.reportingChain.map((l) => l.hours)).toEqual([1, 2, 2].slice(0, links));
        const occurred = Date.parse(c.input.occurredAt);
        expect(Date.parse(st.reportingChain[0]!.dueAt)).toBe(occurred + 3600_000);
        expect(Date.parse(st.reportingChain[1]!.dueAt)).toBe(occurred + 3 * 3600_000);
        const dl = await eventually(
          async () => (await deadlinesOf(c.handle.workflowId))['district-report'],
          'chain deadlines',
        );
        expect(dl.status).toBe('met');
        expect((await deadlinesOf(c.handle.workflowId))['investigation-report']).toBeUndefined();
      }
      // 特别重大: 批复 in 30 days, from the same data.
      expect((await huge.handle.query(m.accidentStateQuery)).classification.approvalDays).toBe(30);

      // A death reported later re-grades the 一般 case to 较大: it goes upward and the district investigation ends.
      expect(
        await rejection(
          act(general.handle, m.casualtyChangeUpdate, 'yjj-officer1', {
            deaths: -1,
            seriousInjuries: 9,
            directLossFen: 0,
          }),
        ),
      ).toBe('INVALID_INPUT');
      const regraded = await act(general.handle, m.casualtyChangeUpdate, 'yjj-officer1', {
        deaths: 3,
        seriousInjuries: 9,
        directLossFen: 9_999_999 * YUAN,
        note: '一名重伤者经抢救无效死亡',
      });
      expect(regraded).toMatchObject({ level: 'major', stage: 'reported-upward' });
      await waitForStage(general.handle, 'reported-upward');
      expect(await rejection(act(general.handle, m.submitReportUpdate, 'yjj-officer1', report))).toBe('WRONG_STAGE');
      expect(
        await eventually(
          async () =>
            (await deadlinesOf(general.handle.workflowId))['investigation-report']?.status === 'cancelled' || undefined,
          'cancelled',
        ),
      ).toBe(true);

      for (const c of [general, major, serious, huge]) {
        await act(c.handle, m.concludeUpwardUpdate, 'yjj-head', {
          document: { documentNo: '渝府〔2026〕1号', title: '市政府关于事故调查报告的批复' },
        });
      }
      for (const c of [general, major, serious, huge])
        expect(await c.handle.result()).toMatchObject({ outcome: 'reported-upward' });
      const talks = await t.database.db
        .select()
        .from(accidentWarningTalks)
        .where(like(accidentWarningTalks.caseNumber, 'SG-%'));
      expect(
        talks.filter((r) => [general, major, serious, huge].some((c) => c.input.caseNumber === r.caseNumber)),
      ).toHaveLength(4);
      const [row] = await t.database.db.select().from(cases).where(eq(cases.workflowId, general.handle.workflowId));
      expect(row).toMatchObject({ status: 'closed', stage: 'closed', outcome: 'reported-upward' });
    },
  );

  it('extends the report period once by approval, at most 60 days', async () => {
    const calendar = await currentCalendarSnapshot(t.database.db);
    const { handle, occurredDate } = await start();
    await act(handle, m.formTeamUpdate, 'yjj-head', team);
    expect(await rejection(act(handle, m.requestExtensionUpdate, 'yjj-head', { days: 61, reason: '需补充调查' }))).toBe(
      'INVALID_INPUT',
    );
    await act(handle, m.requestExtensionUpdate, 'yjj-head', { days: 30, reason: '涉及多家单位，需补充调查取证' });
    const step = await waitForStep(handle, 'investigation-extension');
    expect(step.slots.map((s) => s.assigneeId)).toEqual(['gov-leader', 'gov-leader2']);
    expect(await rejection(act(handle, m.submitReportUpdate, 'yjj-officer1', report))).toBe('WRONG_STAGE');
    await approve(handle, 'gov-leader', '同意延长30日');
    await eventually(
      async () => (await handle.query(m.accidentStateQuery)).extension?.status === 'approved',
      'extension approved',
    );
    const expected = computeDeadline(calendar, occurredDate, 90, 'calendar-days').due;
    await eventually(
      async () => (await deadlinesOf(handle.workflowId))['investigation-report']?.dueDate === expected,
      `due ${expected}`,
    );
    expect(await rejection(act(handle, m.requestExtensionUpdate, 'yjj-head', { days: 10, reason: '再次延长' }))).toBe(
      'WRONG_STAGE',
    );
    expect(await auditActions(handle.workflowId)).toEqual(
      expect.arrayContaining(['accident.extension-requested', 'approval.approve', 'accident.extension-approved']),
    );
  });

  it(
    'does not count technical appraisal: the due date moves by the ' + 'paused days, and no overdue while paused',
    async () => {
      const calendar = await currentCalendarSnapshot(t.database.db);
      const { handle, occurredDate } = await start();
      await act(handle, m.formTeamUpdate, 'yjj-head', team);
      await act(handle, m.pauseAppraisalUpdate, 'yjj-head', { reason: '起重设备技术鉴定' });
      expect(await rejection(act(handle, m.pauseAppraisalUpdate, 'yjj-head', { reason: '再次鉴定' }))).toBe(
        'WRONG_STAGE',
      );
      await t.env.sleep('70 days'); // past the unpaused due date
      expect(await auditActions(handle.workflowId)).not.toContain('accident.deadline-overdue');
      const resumed = await act(handle, m.resumeAppraisalUpdate, 'yjj-head', { note: '鉴定报告已出具' });
      const state = await handle.query(m.accidentStateQuery);
      expect(state.pausedDays).toBeGreaterThanOrEqual(70);
      const expected = computeDeadline(calendar, occurredDate, 60 + state.pausedDays, 'calendar-days').due;
      expect(resumed.investigationDue).toBe(expected);
      await eventually(
        async () => (await deadlinesOf(handle.workflowId))['investigation-report']?.dueDate === expected,
        'moved due date',
      );
    },
  );

  it(
    'approves in 15 days, publishes after the redaction review on time, copies the report and tracks receipts, ' +
      'and closes after the one-year evaluation',
    async () => {
      const calendar = await currentCalendarSnapshot(t.database.db);
      const { handle, input } = await start();
      // no team yet
      expect(await rejection(act(handle, m.submitReportUpdate, 'yjj-officer1', report))).toBe('WRONG_STAGE');
      // not approved
      expect(await rejection(act(handle, m.publishReportUpdate, 'yjj-officer1', {}))).toBe('WRONG_STAGE');
      const handling = {
        penalties: [
          {
            party: input.enterprise.name,
            creditCode: input.enterprise.unifiedSocialCreditCode,
            measure: '罚款',
            fineFen: 300_000 * YUAN,
          },
        ],
        responsibleUnits: [{ name: input.enterprise.name, creditCode: input.enterprise.unifiedSocialCreditCode }],
        suspectedCrimes: [{ suspect: '张某（车间主任）', offence: '重大责任事故罪' }],
      };
      const approval = await throughApproval(handle, handling);
      const received = shanghaiDateOf(formatShanghaiDateTime(Date.parse(approval.openedAt)));
      expect(approval.dueDate).toBe(computeDeadline(calendar, received, 15, 'calendar-days').due);
      const state = await handle.query(m.accidentStateQuery);
      const approvedOn = state.approvedOn!;
      // review first
      expect(await rejection(act(handle, m.publishReportUpdate, 'yjj-officer1', {}))).toBe('WRONG_STAGE');

      // Copies to jxw and zjw, each with a receipt due 30 days after the approval.
      const copied = await eventually(async () => {
        const rows = await t.database.db
          .select()
          .from(outbox)
          .where(and(like(outbox.key, `${handle.workflowId}:copy:%`), eq(outbox.template, 'accident.report-copied')));
        return rows.length === 2 ? rows : undefined;
      }, 'copies');
      expect(copied.map((r) => r.recipientId).sort()).toEqual(['jxw-head', 'zjw-head']);
      expect(await rejection(act(handle, m.copyReceiptUpdate, 'yjj-officer1', { departmentId: 'jxw' }))).toBe(
        'NOT_PERMITTED',
      );
      await act(handle, m.copyReceiptUpdate, 'jxw-officer1', { departmentId: 'jxw' });

      await approve(handle, 'sfj-reviewer1', '删除：伤者身份证号码、家庭住址；第三部分涉及的设备图纸不公开');
      await waitForStage(handle, 'awaiting-publication');
      await act(handle, m.publishReportUpdate, 'yjj-officer1', { note: '按审查意见删除后公开' });
      const published = await waitForStage(handle, 'follow-up');
      expect(published.redactions).toContain('身份证号码');

      const dl = await eventually(async () => {
        const d = await deadlinesOf(handle.workflowId);
        return d['publication']?.status === 'met' && d['copy:jxw']?.status === 'met' ? d : undefined;
      }, 'deadlines met');
      expect(dl['publication']!.dueDate).toBe(deadlineFor(calendar, approvedOn, 'accident.publication').due);
      expect(dl['copy:zjw']).toMatchObject({
        status: 'pending',
        dueDate: computeDeadline(calendar, approvedOn, 30, 'calendar-days').due,
      });
      expect(dl['closure-evaluation']!.dueDate).toBe(
        deadlineFor(calendar, approvedOn, 'accident.closure-evaluation').due,
      );
      expect(dl['closure-evaluation']!.dueDate >= addMonthsClamped(approvedOn, 12)).toBe(true);

      const portal = await (await fetch(`${t.agencies.url}/__admin/records?agency=disclosure-portal`)).json();
      const mine = portal.filings.filter((f: { caseRef: string }) => f.caseRef === input.caseNumber);
      expect(mine).toHaveLength(1);
      expect(mine[0].body).toMatchObject({
        category: 'accident-report',
        title: expect.stringContaining(report.document.documentNo),
      });
      expect(mine[0].body.content).toContain('身份证号码');
      const [pub] = await t.database.db
        .select()
        .from(publishedReports)
        .where(eq(publishedReports.caseNumber, input.caseNumber));
      expect(pub).toMatchObject({ approvedOn, levelName: '一般事故', enterpriseName: input.enterprise.name });

      // Follow-up named by the approval: penalties shown, 一票否决 for the year, suspected crime flagged.
      const [row] = await t.database.db.select().from(cases).where(eq(cases.workflowId, handle.workflowId));
      expect(row!.summary.penalties).toEqual([{ ...handling.penalties[0], enforcementCase: null }]);
      // The fine's penalty decision, once served, starts its enforcement case, which outlives this one.
      expect(
        await rejection(
          act(handle, m.recordPenaltyDecisionUpdate, 'yjj-head', {
            penaltyIndex: 3,
            decisionNumber: 'X',
            decidedOn: approvedOn,
            servedOn: approvedOn,
            serviceMethod: 'direct',
          }),
        ),
      ).toBe('INVALID_INPUT');
      const decisionNumber = `（北碚）应急罚〔2026〕${input.caseNumber}号`;
      await act(handle, m.recordPenaltyDecisionUpdate, 'yjj-head', {
        penaltyIndex: 0,
        decisionNumber,
        decidedOn: approvedOn,
        servedOn: approvedOn,
        serviceMethod: 'direct',
      });
      const enforcement = t.env.client.workflow.getHandle(`enforcement-${decisionNumber}`);
      expect((await enforcement.describe()).type).toBe('enforcementCaseWorkflow');
      expect((await handle.query(m.accidentStateQuery)).enforcementCases[0]).toEqual({
        decisionNumber,
        workflowId: `enforcement-${decisionNumber}`,
      });
      const veto = await t.database.db
        .select()
        .from(accidentVetoFlags)
        .where(eq(accidentVetoFlags.caseNumber, input.caseNumber));
      expect(veto).toEqual([
        expect.objectContaining({ year: Number(input.occurredAt.slice(0, 4)), unitName: input.enterprise.name }),
      ]);
      expect(await auditActions(handle.workflowId)).toEqual(
        expect.arrayContaining(['accident.criminal-transfer-flagged', 'accident.veto-flagged', 'accident.published']),
      );

      // zjw never signs: overdue after 30 days (a period ending in a holiday rolls to the next working day, and
      // earlier tests in this file have moved the shared clock into a year whose holidays follow the law's dates),
      // escalated to the 安委办 and to zjw.
      await t.env.sleep('45 days');
      const late = await eventually(
        async () => ((await deadlinesOf(handle.workflowId))['copy:zjw']?.status === 'missed' ? true : undefined),
        'copy overdue',
      );
      expect(late).toBe(true);
      const escalated = await t.database.db
        .select()
        .from(outbox)
        .where(and(like(outbox.key, `${handle.workflowId}:copy:zjw:%:overdue:%`)));
      expect(escalated.map((r) => r.recipientId).sort()).toEqual(['aqb-head', 'aqb-staff', 'zjw-head']);
      await act(handle, m.copyReceiptUpdate, 'zjw-head', { departmentId: 'zjw' });

      // The evaluation within a year: reminded, then submitted and published.
      await t.env.sleep('200 days');
      const reminders = await t.database.db
        .select()
        .from(outbox)
        .where(like(outbox.key, `${handle.workflowId}:closure-evaluation:%`));
      expect(reminders.map((r) => r.params.moment)).toContain('half-period');
      await act(handle, m.submitEvaluationUpdate, 'yjj-head', {
        document: { documentNo: '北碚安委〔2027〕3号', title: '事故整改和防范措施落实情况评估报告' },
        conclusion: '整改措施已落实',
      });
      const result = await handle.result();
      expect(result).toMatchObject({ outcome: 'evaluated', approvedOn });
      const final = await deadlinesOf(handle.workflowId);
      expect(final['closure-evaluation']!.status).toBe('met');
      const [closed] = await t.database.db.select().from(cases).where(eq(cases.workflowId, handle.workflowId));
      expect(closed).toMatchObject({ status: 'closed', outcome: 'evaluated' });
      const [withEvaluation] = await t.database.db
        .select()
        .from(publishedReports)
        .where(eq(publishedReports.caseNumber, input.caseNumber));
      expect(withEvaluation!.evaluationUrl).toMatch(/^https:\/\//);
    },
  );

  it(
    'escalates a late publication to the 安委办 and marks the deadline missed; an overdue evaluation is escalated ' +
      'too',
    async () => {
      const { handle } = await start({ publicationWorkingDays: 10 });
      await throughApproval(handle);
      await approve(handle, 'sfj-reviewer2', '删除：个人信息');
      await waitForStage(handle, 'awaiting-publication');
      await t.env.sleep('20 days');
      await eventually(
        async () => ((await deadlinesOf(handle.workflowId))['publication']?.status === 'missed' ? true : undefined),
        'publication missed',
      );
      const notes = await t.database.db
        .select()
        .from(outbox)
        .where(like(outbox.key, `${handle.workflowId}:publication:%:overdue:%`));
      expect(notes.map((n) => n.recipientId).sort()).toEqual(['aqb-head', 'aqb-staff']);
      const trail = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.workflowId, handle.workflowId), eq(auditLog.action, 'accident.deadline-overdue')));
      expect(trail.map((r) => r.detail?.key)).toContain('publication');
      await act(handle, m.publishReportUpdate, 'yjj-officer1', {});
      await waitForStage(handle, 'follow-up');
      expect((await deadlinesOf(handle.workflowId))['publication']!.status).toBe('missed');

      await t.env.sleep('400 days');
      await eventually(
        async () =>
          (await deadlinesOf(handle.workflowId))['closure-evaluation']?.status === 'missed' ? true : undefined,
        'evaluation missed',
      );
      await act(handle, m.submitEvaluationUpdate, 'yjj-head', {
        document: { documentNo: '北碚安委〔2027〕9号', title: '整改评估报告' },
        conclusion: '已整改',
      });
      expect(await handle.result()).toMatchObject({ outcome: 'evaluated' });
    },
  );
});
