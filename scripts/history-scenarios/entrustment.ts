// History scenarios of the entrustment workflow (refused, revoked mid-term, lapsed), recorded by record-histories.
import type { WorkflowHandle } from '@temporalio/client';
import { addDays, todayInShanghai } from '../../domain/dates';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import type { Actor } from '../../workflows/approval/types';
import { entrustmentWorkflow } from '../../workflows/entrustment';
import { entrustmentStateQuery, requestEntrustmentChangeUpdate } from '../../workflows/entrustment/messages';
import type { EntrustmentInput, EntrustmentView } from '../../workflows/entrustment/types';
import type { HistoryScenario } from './types';

const reviewer: Actor = { id: 'sfj-reviewer1', name: '黄文静', departmentId: 'sfj', roles: ['legal-reviewer'] };
const head: Actor = { id: 'yjj-head', name: '王德明', departmentId: 'yjj', roles: ['department-head'] };

function input(
  draftNumber: string,
  powers: EntrustmentInput['powers'],
  termStart: string,
  termEnd: string,
): EntrustmentInput {
  return {
    draftNumber,
    agency: { id: 'yjj', name: '区应急管理局' },
    org: {
      id: 'gxq',
      name: '北碚高新区管委会',
      kind: 'public-affairs-organisation',
      legalStatus: '区政府派出机构，依法设立并具有管理公共事务职能',
      establishedByLaw: true,
      credentialedStaffCount: 8,
      hasTechnicalCapacity: true,
      technicalCapacity: '园区安全监管局设有检测室',
      contactDepartmentId: 'gxq',
    },
    powers,
    territory: '北碚高新区规划范围',
    termStart,
    termEnd,
    initiatorId: 'yjj-officer1',
    reEntrustment: false,
  };
}

const penalty = {
  id: 'yjj-cf-001',
  name: '对生产经营单位未按照规定对从业人员进行安全生产教育和培训的行政处罚',
  type: 'penalty' as const,
  legalBasis: '《安全生产法》第九十七条第三项',
};
const seizure = {
  id: 'yjj-qz-001',
  name: '查封、扣押不符合保障安全生产的国家标准或者行业标准的设施、设备、器材',
  type: 'compulsory-measure' as const,
  legalBasis: '《安全生产法》第六十五条第一款第四项',
};

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await probe();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('scenario stalled');
}

async function approve(handle: WorkflowHandle, instance: string, actor: Actor, comment: string) {
  await until(
    () => handle.query(approvalStateQuery),
    (v) => v.current?.instanceId === instance,
  );
  const requestId = `${handle.workflowId}:${instance}`;
  await handle.executeUpdate(actionUpdates.approve, { args: [{ requestId, actor, comment }], updateId: requestId });
}

const inForce = (v: EntrustmentView) =>
  (v.status === 'active' || v.status === 'expiring') && v.publications.length === 2;
const today = () => todayInShanghai(Date.now());

export const entrustmentScenarios: HistoryScenario[] = [
  {
    name: 'entrustment-refused',
    async run(client, taskQueue) {
      const workflowId = 'history-entrustment-refused';
      await client.workflow.execute(entrustmentWorkflow, {
        taskQueue,
        workflowId,
        args: [input('WT-yjj-2026-901', [penalty, seizure], today(), addDays(today(), 90))],
      });
      return workflowId;
    },
  },
  {
    name: 'entrustment-revoked',
    async run(client, taskQueue) {
      const workflowId = 'history-entrustment-revoked';
      const handle = await client.workflow.start(entrustmentWorkflow, {
        taskQueue,
        workflowId,
        args: [input('WT-yjj-2026-902', [penalty], today(), addDays(today(), 200))],
      });
      await approve(handle, 'legal-review#1', reviewer, '委托范围合法');
      await approve(handle, 'agency-head#1', head, '同意委托');
      await until(() => handle.query(entrustmentStateQuery), inForce);
      const requestId = `${workflowId}:revoke`;
      await handle.executeUpdate(requestEntrustmentChangeUpdate, {
        args: [{ requestId, kind: 'revoke', actor: head, reason: '园区执法力量调整' }],
        updateId: requestId,
      });
      await approve(handle, 'agency-head#2', head, '同意撤销');
      await handle.result();
      return workflowId;
    },
  },
  {
    name: 'entrustment-lapsed',
    async run(client, taskQueue) {
      // A term that ended yesterday: once in force it lapses at once, recording the lapse path.
      const workflowId = 'history-entrustment-lapsed';
      const handle = await client.workflow.start(entrustmentWorkflow, {
        taskQueue,
        workflowId,
        args: [input('WT-yjj-2026-903', [penalty], addDays(today(), -60), addDays(today(), -1))],
      });
      await approve(handle, 'legal-review#1', reviewer, '委托范围合法');
      await approve(handle, 'agency-head#1', head, '同意委托');
      await handle.result();
      return workflowId;
    },
  },
];
