// Recorded runs of the enforcement case (npm run record-histories enforcement-…), replayed in CI.
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { addDays, formatShanghaiDateTime, todayInShanghai } from '../../domain/dates';
import { agencyCallbackUpdate } from '../../workflows/agency/messages';
import { approvalStateQuery, approveUpdate } from '../../workflows/approval/messages';
import { enforcementCaseWorkflow } from '../../workflows/enforcement-case';
import { enforcementViewQuery, requestDeferralUpdate } from '../../workflows/enforcement/messages';
import type { EnforcementCaseInput, StageId } from '../../workflows/enforcement/types';
import type { HistoryScenario } from './types';

const head = { id: 'yjj-head', name: '王德明', departmentId: 'yjj', roles: ['department-head' as const] };
const officer = { id: 'yjj-officer1', name: '执法人员', departmentId: 'yjj', roles: ['officer' as const] };
const today = () => todayInShanghai(Date.now());

function input(decisionNumber: string, overrides: Partial<EnforcementCaseInput> = {}): EnforcementCaseInput {
  return {
    decisionNumber,
    decidedOn: today(),
    servedOn: today(),
    serviceMethod: 'direct',
    fineFen: 800_000,
    party: { name: '重庆某某建材有限公司', unifiedSocialCreditCode: '91500109MA5U111111' },
    departmentId: 'yjj',
    departmentName: '区应急管理局',
    initiatorId: 'yjj-officer1',
    facts: '未如实记录安全生产教育和培训情况',
    reasons: '违反《安全生产法》第二十八条',
    legalBasisText: '《安全生产法》第九十七条',
    ...overrides,
  };
}

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('scenario step never happened');
}

const atStage = (h: WorkflowHandle, stage: StageId) =>
  until(async () =>
    (await h.query(enforcementViewQuery)).stage === stage ? h.query(enforcementViewQuery) : undefined,
  );
const approveStep = async (h: WorkflowHandle, stepId: string) => {
  await until(async () => ((await h.query(approvalStateQuery)).current?.stepId === stepId ? true : undefined));
  const requestId = randomUUID();
  await h.executeUpdate(approveUpdate, { args: [{ requestId, actor: head, comment: '同意' }], updateId: requestId });
};
const callback = (caseRef: string, type: string, data: Record<string, unknown>) =>
  ({ eventId: randomUUID(), type, caseRef, occurredAt: formatShanghaiDateTime(Date.now()), data }) as never;

export const enforcementScenarios: HistoryScenario[] = [
  {
    name: 'enforcement-paid',
    async run(client, taskQueue) {
      const n = '北碚应急罚〔2026〕H1号';
      const h = await client.workflow.start(enforcementCaseWorkflow, {
        taskQueue,
        workflowId: `enforcement-${n}`,
        args: [input(n)],
      });
      await atStage(h, 'payment');
      await h.executeUpdate(agencyCallbackUpdate, {
        args: [callback(n, 'payment.received', { amountFen: 300_000, paidAt: formatShanghaiDateTime(Date.now()) })],
      });
      await h.executeUpdate(agencyCallbackUpdate, {
        args: [callback(n, 'payment.received', { amountFen: 500_000, paidAt: formatShanghaiDateTime(Date.now()) })],
      });
      await h.result();
      return h.workflowId;
    },
  },
  {
    name: 'enforcement-deferral',
    async run(client, taskQueue) {
      const n = '北碚应急罚〔2026〕H2号';
      const h = await client.workflow.start(enforcementCaseWorkflow, {
        taskQueue,
        workflowId: `enforcement-${n}`,
        args: [input(n)],
      });
      await atStage(h, 'payment');
      const requestId = randomUUID();
      await h.executeUpdate(requestDeferralUpdate, {
        args: [
          { requestId, actor: officer, kind: 'deferral', deferredTo: addDays(today(), 60), reason: '企业经营困难' },
        ],
        updateId: requestId,
      });
      await approveStep(h, 'deferral');
      await until(async () =>
        (await h.query(enforcementViewQuery)).deferral?.status === 'approved' ? true : undefined,
      );
      await h.executeUpdate(agencyCallbackUpdate, {
        args: [callback(n, 'payment.received', { amountFen: 800_000, paidAt: formatShanghaiDateTime(Date.now()) })],
      });
      await h.result();
      return h.workflowId;
    },
  },
  {
    name: 'enforcement-court',
    async run(client, taskQueue) {
      const n = '北碚应急罚〔2026〕H3号';
      const served = addDays(today(), -200);
      const h = await client.workflow.start(enforcementCaseWorkflow, {
        taskQueue,
        workflowId: `enforcement-${n}`,
        args: [
          input(n, {
            servedOn: served,
            decidedOn: served,
            demandServed: { servedOn: addDays(today(), -30), method: 'direct' },
          }),
        ],
      });
      await approveStep(h, 'court-application');
      const filed = await atStage(h, 'court-acceptance');
      const receiptNo = filed.court!.receiptNo!;
      const courtCaseNo = '（2026）渝0109行审1号';
      await h.executeUpdate(agencyCallbackUpdate, {
        args: [callback(n, 'court.accepted', { receiptNo, courtCaseNo })],
      });
      await atStage(h, 'court-ruling');
      await h.executeUpdate(agencyCallbackUpdate, {
        args: [callback(n, 'court.ruling', { receiptNo, courtCaseNo, ruling: 'enforce' })],
      });
      await atStage(h, 'court-execution');
      await h.executeUpdate(agencyCallbackUpdate, {
        args: [
          callback(n, 'court.executed', {
            receiptNo,
            courtCaseNo,
            executionCaseNo: '（2026）渝0109执1号',
            executedAmountFen: 1_600_000,
          }),
        ],
      });
      await h.result();
      return h.workflowId;
    },
  },
];
