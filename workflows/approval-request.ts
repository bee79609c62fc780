// A standalone approval request (审批事项): a chain of approval steps over a document, e.g. a deferral
// of a fine or an internal decision. The domain workflows embed the same engine.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ApprovalActivities } from '../activities/approval';
import { ApprovalEngine } from './approval/engine';
import { CaseRecord } from './case/case-record';
import type { ApprovalStepSpec, StepState } from './approval/types';

const { recordAuditEvents } = proxyActivities<ApprovalActivities>({ startToCloseTimeout: '30 seconds' });

export interface ApprovalRequestInput {
  caseId: string;
  title: string;
  departmentId: string;
  initiatorId: string;
  steps: ApprovalStepSpec[];
  content?: Record<string, unknown>;
}

export interface ApprovalRequestResult {
  outcome: 'approved' | 'rejected' | 'withdrawn';
  content: Record<string, unknown>;
  revisions: number;
  steps: StepState[];
}

export async function approvalRequestWorkflow(input: ApprovalRequestInput): Promise<ApprovalRequestResult> {
  const { workflowId } = workflowInfo();
  const engine = new ApprovalEngine({
    workflowId,
    workflowKind: 'approval-request',
    caseId: input.caseId,
    caseTitle: input.title,
    departmentId: input.departmentId,
    initiatorId: input.initiatorId,
  });
  const record = new CaseRecord({
    kind: 'approval-request',
    caseNumber: input.caseId,
    title: input.title,
    departmentId: input.departmentId,
    stage: 'in-approval',
    stageLabel: '审批中',
  });
  await engine.start();
  await record.sync();
  let content = input.content ?? {};
  let revisions = 0;
  const result = await engine.runChain(input.steps, (resubmission) => {
    content = resubmission.revision ?? content;
    revisions++;
  });
  await record.close(result.kind, { approved: '已批准', rejected: '未批准', withdrawn: '已撤回' }[result.kind]).sync();
  await recordAuditEvents([
    {
      dedupeKey: `${workflowId}:closed`,
      workflowId,
      caseId: input.caseId,
      actor: 'system',
      action: `case.${result.kind}`,
      at: new Date(Date.now()).toISOString(),
    },
  ]);
  return { outcome: result.kind, content, revisions, steps: [...engine.view.completed] };
}
