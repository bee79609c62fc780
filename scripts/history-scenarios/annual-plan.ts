// History scenarios of the annual plan workflows (cycle opened; plan returned, approved, filed, executed, amended).
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { todayInShanghai } from '../../domain/dates';
import type { PlanContent } from '../../domain/annual-plan';
import { actionUpdates, approvalStateQuery } from '../../workflows/approval/messages';
import type { ActionKind, Actor } from '../../workflows/approval/types';
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
import { caseStateQuery } from '../../workflows/case/case-record';
import { planCycleWorkflow } from '../../workflows/plan-cycle';
import { randomInspectionWorkflow } from '../../workflows/random-inspection';
import { recordResultsUpdate } from '../../workflows/random-inspection/messages';
import type { HistoryScenario } from './types';

const officer: Actor = { id: 'yjj-officer1', name: '李强', departmentId: 'yjj', roles: ['officer'] };
const head: Actor = { id: 'yjj-head', name: '王德明', departmentId: 'yjj', roles: ['department-head'] };
const legal: Actor = { id: 'yjj-legal', name: '何丽', departmentId: 'yjj', roles: ['legal-reviewer'] };
const leader: Actor = { id: 'gov-leader', name: '周建国', departmentId: 'gov', roles: ['district-leader'] };
const office: Actor = { id: 'aqb-staff', name: '刘晓燕', departmentId: 'aqb', roles: ['safety-office'] };

const content: PlanContent = {
  enforcementStaff: 5,
  otherDutyDays: 400,
  items: [
    {
      itemId: 'Q1-01',
      enterpriseId: 'ent-001',
      kind: 'key',
      quarter: 1,
      legalBasis: '《危险化学品安全管理条例》第六条',
      plannedDays: 6,
    },
    {
      itemId: 'Q2-01',
      enterpriseId: 'ent-007',
      kind: 'routine',
      quarter: 2,
      legalBasis: '《安全生产法》第六十五条',
      plannedDays: 4,
    },
  ],
};

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined && ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('scenario stalled');
}

async function act(
  handle: WorkflowHandle,
  kind: ActionKind,
  instance: string,
  actor: Actor,
  extra: Record<string, unknown> = {},
) {
  if (kind !== 'resubmit')
    await until(
      () => handle.query(approvalStateQuery),
      (v) => v.current?.instanceId === instance,
    );
  else
    await until(
      () => handle.query(approvalStateQuery),
      (v) => v.awaitingRevision !== undefined,
    );
  const requestId = `${handle.workflowId}:${instance}:${kind}`;
  await handle.executeUpdate(actionUpdates[kind], { args: [{ requestId, actor, ...extra }], updateId: requestId });
}

const stageIs = (handle: WorkflowHandle, ok: (v: PlanView) => boolean) => until(() => handle.query(planStateQuery), ok);
const today = () => todayInShanghai(Date.now());

export const annualPlanScenarios: HistoryScenario[] = [
  {
    name: 'plan-cycle-opened',
    async run(client, taskQueue) {
      const workflowId = 'history-plan-cycle-2031';
      const handle = await client.workflow.start(planCycleWorkflow, { taskQueue, workflowId, args: [{ year: 2031 }] });
      await until(
        () => handle.query(caseStateQuery),
        (v) => Array.isArray(v.summary.units),
      );
      return workflowId;
    },
  },
  {
    name: 'annual-plan-returned-approved-filed-amended',
    async run(client, taskQueue) {
      const workflowId = 'history-annual-plan-2032-yjj';
      const unit = {
        id: 'yjj',
        name: '区应急管理局',
        headDepartmentId: 'yjj',
        approver: { kind: 'district' as const },
      };
      const handle = await client.workflow.start(annualPlanWorkflow, {
        taskQueue,
        workflowId,
        args: [{ year: 2032, unit, dueDate: '2032-01-31' }],
      });
      const send = <R extends { requestId: string }>(update: UpdateDefinition<PlanView, [R]>, req: R) =>
        handle.executeUpdate(update, { args: [req], updateId: req.requestId });
      await send(saveDraftUpdate, { requestId: `${workflowId}:draft`, actor: officer, content });
      await send(submitPlanUpdate, { requestId: `${workflowId}:submit`, actor: officer });
      await act(handle, 'approve', 'dept-head#1', head, { comment: '同意' });
      await act(handle, 'return', 'legal-review#1', legal, { comment: '请补充检查依据条款', returnTo: 'initiator' });
      await act(handle, 'resubmit', 'initiator#1', officer, { comment: '已补充', revision: content });
      await act(handle, 'approve', 'dept-head#2', head);
      await act(handle, 'approve', 'legal-review#2', legal);
      await act(handle, 'approve', 'district-gov#1', leader);
      await stageIs(handle, (v) => v.receipts.upperAuthority !== undefined);
      await send(recordFilingUpdate, {
        requestId: `${workflowId}:filing-1`,
        actor: office,
        receiptNo: '北碚安委办备〔2032〕1号',
      });
      await stageIs(handle, (v) => v.stage === 'filed');
      await send(onSitePlanUpdate, {
        requestId: `${workflowId}:osp`,
        actor: officer,
        itemId: 'Q1-01',
        plannedDate: today(),
        inspectorIds: ['yjj-officer1', 'yjj-officer2'],
        content: '检查储罐区和装卸作业',
      });
      await send(inspectionDoneUpdate, {
        requestId: `${workflowId}:done`,
        actor: officer,
        itemId: 'Q1-01',
        completedOn: today(),
        findings: '隐患2项，已责令整改',
      });
      const amended = {
        ...content,
        items: [
          ...content.items,
          {
            itemId: 'Q3-01',
            enterpriseId: 'ent-009',
            kind: 'routine' as const,
            quarter: 3 as const,
            legalBasis: '《安全生产法》第六十五条',
            plannedDays: 3,
          },
        ],
      };
      await send(amendPlanUpdate, {
        requestId: `${workflowId}:amend`,
        actor: officer,
        content: amended,
        reason: '新增重点企业',
      });
      await act(handle, 'approve', 'dept-head#3', head);
      await act(handle, 'approve', 'legal-review#3', legal);
      await act(handle, 'approve', 'district-gov#2', leader);
      await stageIs(
        handle,
        (v) => v.planVersion === 2 && v.receipts.upperAuthority !== undefined && v.stage === 'approved',
      );
      await send(recordFilingUpdate, {
        requestId: `${workflowId}:filing-2`,
        actor: office,
        receiptNo: '北碚安委办备〔2032〕9号',
      });
      await stageIs(handle, (v) => v.stage === 'filed' && v.receipts.safetyOffice === '北碚安委办备〔2032〕9号');
      return workflowId;
    },
  },
  {
    name: 'random-inspection-published',
    async run(client, taskQueue) {
      const workflowId = 'history-random-inspection';
      const assignments = [
        {
          enterpriseId: 'ent-001',
          enterpriseName: '重庆北碚天源化工有限公司',
          mode: 'full-coverage' as const,
          inspectorIds: ['yjj-officer2', 'yjj-officer3'],
        },
        {
          enterpriseId: 'ent-009',
          enterpriseName: '重庆嘉陵齿轮有限公司',
          mode: 'sampled' as const,
          inspectorIds: ['yjj-head', 'yjj-officer1'],
        },
      ];
      const handle = await client.workflow.start(randomInspectionWorkflow, {
        taskQueue,
        workflowId,
        args: [
          {
            drawId: 'RD-history-yjj-000001',
            departmentId: 'yjj',
            departmentName: '区应急管理局',
            itemName: '工贸企业安全生产检查',
            assignments,
          },
        ],
      });
      const requestId = `${workflowId}:results`;
      await handle.executeUpdate(recordResultsUpdate, {
        args: [
          {
            requestId,
            actor: officer,
            results: assignments.map((a, i) => ({
              enterpriseId: a.enterpriseId,
              decisionDate: today(),
              penalty: i === 0,
              summary: i === 0 ? '责令限期整改并处罚款' : '未发现违法行为',
            })),
          },
        ],
        updateId: requestId,
      });
      await handle.result();
      return workflowId;
    },
  },
];
