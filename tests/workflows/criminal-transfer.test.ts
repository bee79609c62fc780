import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyId, CallbackEvent } from '../../agencies/types';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import { auditLog, caseDeadlines, users } from '../../db/schema';
import type { CalendarSnapshot } from '../../domain/calendar';
import { todayInShanghai } from '../../domain/dates';
import { computeDeadline } from '../../domain/periods';
import { agencyCallbackUpdate } from '../../workflows/agency/messages';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import type { Actor } from '../../workflows/approval/types';
import { caseStateQuery } from '../../workflows/case/case-record';
import { criminalTransferWorkflow } from '../../workflows/criminal-transfer';
import { criminalTransferActUpdate } from '../../workflows/criminal-transfer/messages';
import type {
  CriminalTransferAction,
  CriminalTransferInput,
  CriminalTransferStage,
} from '../../workflows/criminal-transfer/types';
import { createWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

let t: WorkflowTestEnv;
let calendar: CalendarSnapshot;
beforeAll(async () => {
  t = await createWorkflowTestEnv();
  calendar = await currentCalendarSnapshot(t.database.db);
});
afterAll(async () => {
  await t?.teardown();
});

const threeDaysAfter = (date: string) => computeDeadline(calendar, date, 3, 'calendar-days').due;

async function today(): Promise<string> {
  return todayInShanghai(await t.env.currentTimeMs());
}

async function actor(id: string): Promise<Actor> {
  const [u] = await t.database.db.select().from(users).where(eq(users.id, id));
  return { id: u!.id, name: u!.name, departmentId: u!.departmentId, roles: u!.roles };
}

function input(caseNumber: string): CriminalTransferInput {
  return {
    caseNumber,
    title: '重庆某化工有限公司涉嫌重大责任事故罪移送案',
    departmentId: 'yjj',
    departmentName: '区应急管理局',
    agencyShortName: '应急',
    initiatorId: 'yjj-officer1',
    source: { kind: 'enforcement', caseNumber: 'YJJ-ZF-2026-031' },
    suspect: { name: '重庆某化工有限公司', unifiedSocialCreditCode: '91500109MA5U123456', kind: 'organisation' },
    allegedOffence: '重大责任事故罪',
    facts: '该公司在已被责令停产停业期间擅自组织生产，发生爆燃事故，造成一人重伤。',
    report: {
      officers: [
        { id: 'yjj-officer1', name: '执法人员甲' },
        { id: 'yjj-officer2', name: '执法人员乙' },
      ],
      summary: '经调查，当事人涉嫌重大责任事故罪，建议移送公安机关',
    },
    materials: {
      investigationReport: { title: '涉嫌犯罪案件情况调查报告' },
      exhibitList: { title: '涉案物品清单' },
      appraisalReports: [{ title: '爆燃事故技术鉴定报告' }],
    },
    measuresImposed: [
      { kind: 'production-halt', decisionNo: '（北碚）应急罚〔2026〕31号', decidedOn: '2026-03-02' },
      { kind: 'warning', decisionNo: '（北碚）应急罚〔2026〕12号', decidedOn: '2026-01-20' },
    ],
  };
}

async function start(caseNumber = `XS-${randomUUID().slice(0, 8)}`) {
  return t.env.client.workflow.start(criminalTransferWorkflow, {
    taskQueue: t.taskQueue,
    workflowId: `criminal-transfer-${caseNumber}`,
    args: [input(caseNumber)],
  });
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never: ${what}`);
}

const atStage = (handle: WorkflowHandle, stage: CriminalTransferStage | 'closed') =>
  until(async () => {
    const s = await handle.query(caseStateQuery);
    return s.stage === stage ? s : undefined;
  }, `stage ${stage}`);

async function headDecision(handle: WorkflowHandle, kind: 'approve' | 'reject', comment = '同意移送') {
  const step = await until(async () => (await handle.query(approvalStateQuery)).current, 'head decision step');
  const input = { requestId: randomUUID(), actor: await actor('yjj-head'), comment };
  await handle.executeUpdate(actionUpdates[kind], { args: [input], updateId: input.requestId });
  return step;
}

/** The agency decides (recorded in the simulator) and its callback reaches the workflow. */
async function agencyDecides<E extends CallbackEvent>(
  agency: AgencyId,
  handle: WorkflowHandle,
  event: Omit<E, 'eventId' | 'occurredAt'>,
) {
  const full = {
    ...event,
    eventId: randomUUID(),
    occurredAt: new Date(await t.env.currentTimeMs()).toISOString(),
  } as unknown as CallbackEvent;
  t.agencies.simulator.state.filingForEvent(agency, full)?.events.push(full);
  return handle.executeUpdate(agencyCallbackUpdate, { args: [full] });
}

async function act(handle: WorkflowHandle, actorId: string, action: CriminalTransferAction) {
  const requestId = randomUUID();
  return handle.executeUpdate(criminalTransferActUpdate, {
    args: [{ requestId, actor: await actor(actorId), action }],
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

async function deadlinesOf(workflowId: string) {
  const rows = await t.database.db.select().from(caseDeadlines).where(eq(caseDeadlines.workflowId, workflowId));
  return Object.fromEntries(rows.map((r) => [r.key, r]));
}

const filingsOf = (agency: AgencyId, caseRef: string) =>
  t.agencies.simulator.state.filings.filter((f) => f.agency === agency && f.caseRef === caseRef);

describe('criminal case transfer (涉嫌犯罪案件移送)', () => {
  it(
    'transfers within 24 hours of the head approving, copies the procuratorate, and closes once filed and ' +
      'exhibits handed over',
    async () => {
      await t.withWorker(async () => {
        const handle = await start();
        const caseNumber = handle.workflowId.replace('criminal-transfer-', '');
        const reportedOn = await today();
        const step = await until(async () => (await handle.query(approvalStateQuery)).current, 'head step');
        expect(step.dueDate).toBe(threeDaysAfter(reportedOn));
        expect(step.slots.map((s) => s.assigneeId)).toEqual(['yjj-head']);

        // Art. 11: the timeline states the transfer leaves the production halt and the warning in force.
        const unaffected = await until(
          async () =>
            (
              await t.database.db
                .select()
                .from(auditLog)
                .where(
                  and(
                    eq(auditLog.workflowId, handle.workflowId),
                    eq(auditLog.action, 'criminal-transfer.measures-unaffected'),
                  ),
                )
            )[0],
          'no-replacement audit',
        );
        expect(unaffected.legalBasis).toContain('第十一条');
        expect(unaffected.comment).toContain('责令停产停业（（北碚）应急罚〔2026〕31号）');

        await t.env.sleep('1 day');
        await headDecision(handle, 'approve');
        const transferred = await atStage(handle, 'awaiting-police-decision');
        const approval = (await handle.query(approvalStateQuery)).completed[0]!.decisions[0]!;
        const transferDeadline = transferred.deadlines.find((d) => d.key === 'transfer')!;
        expect(transferDeadline.dueAt).toBe(new Date(Date.parse(approval.at) + 24 * 3600_000).toISOString());
        expect(transferDeadline.status).toBe('met');
        expect(transferred.deadlines.find((d) => d.key === 'head-decision')!.status).toBe('met');

        const [policeFiling] = filingsOf('public-security', caseNumber);
        const body = policeFiling!.body as {
          transferLetterNo: string;
          materials: { appraisalReports: unknown[] };
          approvedBy: string;
        };
        expect(body.transferLetterNo).toBe(`北碚应急移〔${approval.at.slice(0, 4)}〕${caseNumber}号`);
        expect(body.materials.appraisalReports).toHaveLength(1);
        expect(body.approvedBy).toBe(approval.actorName);
        const [copy] = filingsOf('procuratorate', caseNumber);
        expect((copy!.body as { materials: Array<{ title: string }> }).materials.map((m) => m.title)).toEqual([
          `涉嫌犯罪案件移送书（${body.transferLetterNo}）`,
          '涉嫌犯罪案件情况调查报告',
          '涉案物品清单',
          '爆燃事故技术鉴定报告',
        ]);
        const transferDay = await today();
        expect(transferred.deadlines.find((d) => d.key === 'police-decision')!.dueDate).toBe(
          threeDaysAfter(transferDay),
        );

        // A reconsideration answer is not expected before the police decide.
        expect(
          await rejection(
            agencyDecides('public-security', handle, {
              type: 'police.reconsideration-answered',
              caseRef: caseNumber,
              data: {
                receiptNo: policeFiling!.receiptNo,
                reconsiderationReceiptNo: 'X',
                decisionNo: 'X',
                outcome: 'filed',
              },
            }),
          ),
        ).toBe('WRONG_STAGE');
        expect(
          await rejection(
            act(handle, 'yjj-officer1', {
              kind: 'record-exhibits-handover',
              handedOverOn: transferDay,
              exhibits: ['爆燃残留物'],
            }),
          ),
        ).toBe('STEP_CLOSED');

        await t.env.sleep('2 days');
        await agencyDecides('public-security', handle, {
          type: 'police.filed',
          caseRef: caseNumber,
          data: { receiptNo: policeFiling!.receiptNo, decisionNo: '北公（刑）立字〔2026〕88号' },
        });
        const filedOn = await today();
        const filed = await atStage(handle, 'filed-awaiting-exhibits');
        expect(filed.deadlines.find((d) => d.key === 'police-decision')!.status).toBe('met');
        expect(filed.deadlines.find((d) => d.key === 'exhibit-handover')!.dueDate).toBe(threeDaysAfter(filedOn));

        await act(handle, 'yjj-officer2', {
          kind: 'record-exhibits-handover',
          handedOverOn: filedOn,
          exhibits: ['爆燃残留物', '监控录像'],
          receiptNo: '北公物接〔2026〕5号',
        });
        const result = await handle.result();
        expect(result).toMatchObject({
          outcome: 'filed',
          policeDecisionNo: '北公（刑）立字〔2026〕88号',
          policeReceiptNo: policeFiling!.receiptNo,
        });
        const deadlines = await deadlinesOf(handle.workflowId);
        expect(deadlines['exhibit-handover']).toMatchObject({ status: 'met', dueDate: threeDaysAfter(filedOn) });
        expect(deadlines['transfer']!.status).toBe('met');
        const closed = await handle.query(caseStateQuery);
        expect(closed).toMatchObject({ status: 'closed', outcome: 'filed' });
        expect(closed.summary.exhibits).toMatchObject({ handedOverOn: filedOn, items: ['爆燃残留物', '监控录像'] });
      });
    },
  );

  it('ends without any transfer when the head refuses, within the 3-day decision period', async () => {
    await t.withWorker(async () => {
      const handle = await start();
      const caseNumber = handle.workflowId.replace('criminal-transfer-', '');
      const reportedOn = await today();
      await t.env.sleep('2 days');
      await headDecision(handle, 'reject', '证据尚不足以认定涉嫌犯罪，继续行政处理');
      const result = await handle.result();
      expect(result.outcome).toBe('not-approved');
      const deadlines = await deadlinesOf(handle.workflowId);
      expect(deadlines['head-decision']).toMatchObject({ status: 'met', dueDate: threeDaysAfter(reportedOn) });
      expect(deadlines['transfer']).toBeUndefined();
      expect(filingsOf('public-security', caseNumber)).toEqual([]);
      expect(filingsOf('procuratorate', caseNumber)).toEqual([]);
      expect((await handle.query(caseStateQuery)).stageLabel).toBe('不批准移送');
    });
  });

  it(
    'asks the police to reconsider a refusal, then the ' + 'procuratorate to supervise, and the case is filed',
    async () => {
      await t.withWorker(async () => {
        const handle = await start();
        const caseNumber = handle.workflowId.replace('criminal-transfer-', '');
        await headDecision(handle, 'approve');
        await atStage(handle, 'awaiting-police-decision');
        const [policeFiling] = filingsOf('public-security', caseNumber);
        await t.env.sleep('1 day');
        await agencyDecides('public-security', handle, {
          type: 'police.refused',
          caseRef: caseNumber,
          data: {
            receiptNo: policeFiling!.receiptNo,
            decisionNo: '北公（刑）不立字〔2026〕7号',
            reason: '犯罪事实显著轻微',
          },
        });
        const refusedOn = await today();
        const refused = await atStage(handle, 'police-refused');
        expect(refused.deadlines.find((d) => d.key === 'reconsideration-request')!.dueDate).toBe(
          threeDaysAfter(refusedOn),
        );

        // Only the head decides whether to ask for reconsideration (Art. 9), and must say why.
        expect(
          await rejection(act(handle, 'yjj-officer1', { kind: 'request-reconsideration', reasons: '证据充分' })),
        ).toBe('NOT_ASSIGNEE');
        expect(await rejection(act(handle, 'yjj-head', { kind: 'request-reconsideration', reasons: ' ' }))).toBe(
          'COMMENT_REQUIRED',
        );
        await t.env.sleep('2 days');
        await act(handle, 'yjj-head', {
          kind: 'request-reconsideration',
          reasons: '鉴定报告证明危害后果严重，应当立案',
        });
        const requestedOn = await today();
        const awaiting = await atStage(handle, 'awaiting-reconsideration');
        await until(
          async () =>
            (await handle.query(caseStateQuery)).deadlines.some((d) => d.key === 'reconsideration-answer')
              ? true
              : undefined,
          'reconsideration deadline',
        );
        const [request] = filingsOf('public-security', caseNumber).filter((f) => f.kind === 'reconsideration-request');
        expect(request!.body).toMatchObject({
          receiptNo: policeFiling!.receiptNo,
          reasons: '鉴定报告证明危害后果严重，应当立案',
        });
        expect(awaiting.deadlines.find((d) => d.key === 'reconsideration-request')!.status).toBe('met');
        const answerDue = (await handle.query(caseStateQuery)).deadlines.find(
          (d) => d.key === 'reconsideration-answer',
        )!;
        expect(answerDue.dueDate).toBe(threeDaysAfter(requestedOn));

        await agencyDecides('public-security', handle, {
          type: 'police.reconsideration-answered',
          caseRef: caseNumber,
          data: {
            receiptNo: policeFiling!.receiptNo,
            reconsiderationReceiptNo: request!.receiptNo,
            decisionNo: '北公复字〔2026〕3号',
            outcome: 'refusal-upheld',
          },
        });
        const upheldOn = await today();
        const upheld = await atStage(handle, 'reconsideration-upheld');
        expect(upheld.deadlines.find((d) => d.key === 'supervision-request')!.dueDate).toBe(threeDaysAfter(upheldOn));
        await act(handle, 'yjj-head', {
          kind: 'request-supervision',
          reasons: '公安机关复议维持不予立案决定，理由不能成立',
        });
        await atStage(handle, 'awaiting-supervision');
        const [supervision] = await until(async () => {
          const f = filingsOf('procuratorate', caseNumber).filter((x) => x.kind === 'supervision-request');
          return f.length ? f : undefined;
        }, 'supervision request');
        expect(supervision!.body).toMatchObject({
          policeReceiptNo: policeFiling!.receiptNo,
          refusalDecisionNo: '北公复字〔2026〕3号',
        });

        await agencyDecides('procuratorate', handle, {
          type: 'procuratorate.supervised',
          caseRef: caseNumber,
          data: {
            receiptNo: supervision!.receiptNo,
            policeReceiptNo: policeFiling!.receiptNo,
            outcome: 'police-ordered-to-file',
          },
        });
        const filedOn = await today();
        const filed = await atStage(handle, 'filed-awaiting-exhibits');
        expect(filed.deadlines.find((d) => d.key === 'exhibit-handover')!.dueDate).toBe(threeDaysAfter(filedOn));
        await act(handle, 'yjj-officer1', {
          kind: 'record-exhibits-handover',
          handedOverOn: filedOn,
          exhibits: ['涉案设备'],
        });
        expect((await handle.result()).outcome).toBe('filed');
        const deadlines = await deadlinesOf(handle.workflowId);
        expect(Object.fromEntries(Object.entries(deadlines).map(([k, d]) => [k, d.status]))).toEqual({
          'head-decision': 'met',
          transfer: 'met',
          'police-decision': 'met',
          'reconsideration-request': 'met',
          'reconsideration-answer': 'met',
          'supervision-request': 'met',
          'exhibit-handover': 'met',
        });
      });
    },
  );

  it('returns the case to administrative handling when the agency accepts the police refusal', async () => {
    await t.withWorker(async () => {
      const handle = await start();
      const caseNumber = handle.workflowId.replace('criminal-transfer-', '');
      await headDecision(handle, 'approve');
      await atStage(handle, 'awaiting-police-decision');
      const transferDay = await today();
      const [policeFiling] = filingsOf('public-security', caseNumber);
      // The police answer late: the 3-day period is marked missed, the case keeps waiting.
      await t.env.sleep('6 days');
      const late = await until(async () => {
        const s = await handle.query(caseStateQuery);
        return s.deadlines.find((d) => d.key === 'police-decision' && d.status === 'missed');
      }, 'police deadline missed');
      expect(late.dueDate).toBe(threeDaysAfter(transferDay));
      await agencyDecides('public-security', handle, {
        type: 'police.refused',
        caseRef: caseNumber,
        data: { receiptNo: policeFiling!.receiptNo, decisionNo: '北公（刑）不立字〔2026〕9号', reason: '不构成犯罪' },
      });
      await atStage(handle, 'police-refused');
      await act(handle, 'yjj-head', { kind: 'accept-refusal', comment: '同意公安机关意见，依法作出行政处罚' });
      expect((await handle.result()).outcome).toBe('returned');
      const closed = await handle.query(caseStateQuery);
      expect(closed).toMatchObject({ status: 'closed', outcome: 'returned', stageLabel: '已转行政处理' });
      const [audit] = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.workflowId, handle.workflowId), eq(auditLog.action, 'criminal-transfer.returned')));
      expect(audit!.legalBasis).toBe('北碚府办发〔2016〕65号第十二条');
      expect(filingsOf('public-security', caseNumber).filter((f) => f.kind === 'reconsideration-request')).toEqual([]);
    });
  });
});
