// History scenarios of the criminal case transfer (filed; refused and returned) and the blacklist (listed, removed
// early).
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { CallbackEvent } from '../../agencies/types';
import { addDays, todayInShanghai } from '../../domain/dates';
import { agencyCallbackUpdate } from '../../workflows/agency/messages';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import type { Actor } from '../../workflows/approval/types';
import { blacklistWorkflow } from '../../workflows/blacklist';
import { blacklistRemovalUpdate } from '../../workflows/blacklist/messages';
import { caseStateQuery } from '../../workflows/case/case-record';
import { criminalTransferWorkflow } from '../../workflows/criminal-transfer';
import { criminalTransferActUpdate } from '../../workflows/criminal-transfer/messages';
import type { CriminalTransferAction, CriminalTransferInput } from '../../workflows/criminal-transfer/types';
import type { HistoryScenario } from './types';

const head: Actor = { id: 'yjj-head', name: '王德明', departmentId: 'yjj', roles: ['department-head'] };
const officer: Actor = { id: 'yjj-officer1', name: '李强', departmentId: 'yjj', roles: ['officer'] };
const safetyOffice: Actor = {
  id: 'aqb-head',
  name: '陈立新',
  departmentId: 'aqb',
  roles: ['safety-office', 'department-head'],
};
const today = () => todayInShanghai(Date.now());

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await probe();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('scenario stalled');
}

async function approve(handle: WorkflowHandle, instance: string, actor: Actor) {
  await until(
    () => handle.query(approvalStateQuery),
    (v) => v.current?.instanceId === instance,
  );
  const requestId = `${handle.workflowId}:${instance}`;
  await handle.executeUpdate(actionUpdates.approve, {
    args: [{ requestId, actor, comment: '同意' }],
    updateId: requestId,
  });
}

const atStage = (handle: WorkflowHandle, stage: string) =>
  until(
    () => handle.query(caseStateQuery),
    (s) => s.stage === stage,
  );

async function police(handle: WorkflowHandle, caseRef: string, type: 'police.filed' | 'police.refused') {
  const state = await atStage(handle, 'awaiting-police-decision');
  const receiptNo = (state.summary.transfer as { policeReceiptNo: string }).policeReceiptNo;
  const data =
    type === 'police.filed'
      ? { receiptNo, decisionNo: '北公（刑）立字〔2026〕1号' }
      : { receiptNo, decisionNo: '北公（刑）不立字〔2026〕1号', reason: '不构成犯罪' };
  const event = {
    eventId: `${caseRef}:${type}`,
    type,
    caseRef,
    occurredAt: new Date().toISOString(),
    data,
  } as CallbackEvent;
  await handle.executeUpdate(agencyCallbackUpdate, { args: [event] });
}

async function act(handle: WorkflowHandle, actor: Actor, action: CriminalTransferAction) {
  const requestId = `${handle.workflowId}:${action.kind}`;
  await handle.executeUpdate(criminalTransferActUpdate, { args: [{ requestId, actor, action }], updateId: requestId });
}

function transferInput(caseNumber: string): CriminalTransferInput {
  return {
    caseNumber,
    title: '某化工公司涉嫌重大责任事故罪移送',
    departmentId: 'yjj',
    departmentName: '区应急管理局',
    agencyShortName: '应急',
    initiatorId: 'yjj-officer1',
    source: { kind: 'accident', caseNumber: 'SG-2026-001' },
    suspect: { name: '重庆某化工有限公司', kind: 'organisation', unifiedSocialCreditCode: '91500109MA5U123456' },
    allegedOffence: '重大责任事故罪',
    facts: '违规动火作业引发爆燃，造成一人死亡。',
    report: {
      officers: [
        { id: 'yjj-officer1', name: '李强' },
        { id: 'yjj-officer2', name: '张敏' },
      ],
      summary: '建议移送公安机关',
    },
    materials: {
      investigationReport: { title: '调查报告' },
      exhibitList: { title: '涉案物品清单' },
      appraisalReports: [{ title: '技术鉴定报告' }],
    },
    measuresImposed: [{ kind: 'production-halt', decisionNo: '（北碚）应急罚〔2026〕1号', decidedOn: '2026-03-02' }],
  };
}

export const criminalTransferScenarios: HistoryScenario[] = [
  {
    name: 'criminal-transfer-filed',
    async run(client: Client, taskQueue: string) {
      const caseNumber = 'HIST-XS-FILED';
      const handle = await client.workflow.start(criminalTransferWorkflow, {
        taskQueue,
        workflowId: `history-criminal-transfer-filed`,
        args: [transferInput(caseNumber)],
      });
      await approve(handle, 'head-decision#1', head);
      await police(handle, caseNumber, 'police.filed');
      await atStage(handle, 'filed-awaiting-exhibits');
      await act(handle, officer, { kind: 'record-exhibits-handover', handedOverOn: today(), exhibits: ['动火设备'] });
      await handle.result();
      return handle.workflowId;
    },
  },
  {
    name: 'criminal-transfer-returned',
    async run(client: Client, taskQueue: string) {
      const caseNumber = 'HIST-XS-RETURNED';
      const handle = await client.workflow.start(criminalTransferWorkflow, {
        taskQueue,
        workflowId: `history-criminal-transfer-returned`,
        args: [transferInput(caseNumber)],
      });
      await approve(handle, 'head-decision#1', head);
      await police(handle, caseNumber, 'police.refused');
      await atStage(handle, 'police-refused');
      await act(handle, head, { kind: 'accept-refusal', comment: '依法作出行政处理' });
      await handle.result();
      return handle.workflowId;
    },
  },
  {
    name: 'blacklist-removed-early',
    async run(client: Client, taskQueue: string) {
      const caseNumber = 'HIST-HMD-1';
      const from = today();
      const handle = await client.workflow.start(blacklistWorkflow, {
        taskQueue,
        workflowId: 'history-blacklist-removed-early',
        args: [
          {
            caseNumber,
            title: '某矿业公司列入黑名单',
            departmentId: 'yjj',
            initiatorId: 'yjj-officer1',
            enterprise: { name: '重庆某矿业有限公司', unifiedSocialCreditCode: '91500109MA5U654321' },
            reason: '瞒报事故',
            decisionNo: '北碚安委黑〔2026〕1号',
            restriction: { startsOn: from, endsOn: addDays(from, 365) },
            restrictions: ['financing'],
          },
        ],
      });
      await approve(handle, 'dept-head#1', head);
      await approve(handle, 'safety-office#1', safetyOffice);
      await atStage(handle, 'listed');
      await handle.executeUpdate(blacklistRemovalUpdate, {
        args: [{ requestId: 'history-removal', actor: officer, reason: '已完成整改' }],
        updateId: 'history-removal',
      });
      await approve(handle, 'removal-dept-head#1', head);
      await approve(handle, 'removal-safety-office#1', safetyOffice);
      await handle.result();
      return handle.workflowId;
    },
  },
];
