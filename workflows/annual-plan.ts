// One unit's annual supervision-inspection plan (年度监督检查计划, §十四): drafted by the due date, approved
// (head → legal review → district government, or the entrusting agency), filed with the 安委办 and the
// upper-level authority, published; then executed with on-site plans, quarterly tracking and amendments.
import { condition, workflowInfo } from '@temporalio/workflow';
import { getLegalBasis } from '../domain/legal-basis';
import { AgencyDesk } from './agency/agency-desk';
import { ApprovalEngine } from './approval/engine';
import type { CaseRef } from './approval/types';
import { CaseRecord } from './case/case-record';
import { now, PlanContext } from './annual-plan/context';
import { fileAndPublish, handleAmendments, trackQuarters } from './annual-plan/execution';
import { registerPlanHandlers } from './annual-plan/handlers';
import { PlanState } from './annual-plan/plan-state';
import { planStageLabels, type AnnualPlanInput, type PlanView } from './annual-plan/types';

export async function annualPlanWorkflow(input: AnnualPlanInput): Promise<PlanView> {
  const { workflowId } = workflowInfo();
  const { year, unit } = input;
  const planId = `AP-${year}-${unit.id}`;
  const title = `${unit.name}${year}年度安全生产监督检查计划`;
  // The initiator is whoever submits (or amends); the engine reads it at each resubmission check.
  const caseRef: CaseRef = {
    workflowId,
    workflowKind: 'annual-plan',
    caseId: planId,
    caseTitle: title,
    departmentId: unit.id,
    initiatorId: `${unit.id}-head`,
  };
  const engine = new ApprovalEngine(caseRef);
  const desk = new AgencyDesk(caseRef);
  const record = new CaseRecord({
    kind: 'annual-plan',
    caseNumber: planId,
    title,
    departmentId: unit.id,
    stage: 'awaiting-draft',
    stageLabel: planStageLabels['awaiting-draft'],
  });
  const st = new PlanState(input, () => engine.calendar);
  const ctx = new PlanContext(input, st, engine, record, desk, caseRef, title);
  registerPlanHandlers(ctx);

  // ---- Drafting (due date set by the cycle; reminders and escalation are the cycle's) ----
  await engine.start();
  record.deadline({
    key: 'draft',
    label: '制订年度监督检查计划',
    basisId: 'plan.annual-draft',
    citation: getLegalBasis('plan.annual-draft').citation,
    owedBy: unit.id,
    dueDate: input.dueDate,
    provisional: false,
  });
  await Promise.all([ctx.project(), ctx.draftTask(true)]);

  // ---- Approval: a rejected or withdrawn plan goes back to drafting ----
  for (;;) {
    await condition(() => st.submitted);
    st.stage = 'in-approval';
    st.times.submittedAt = now();
    record.settleDeadline('draft');
    await Promise.all([ctx.project(), ctx.draftTask(false)]);
    if (await ctx.approve(false)) break;
    st.submitted = false;
    st.stage = 'drafting';
    await ctx.project();
  }
  st.stage = 'approved';
  st.planVersion = 1;
  st.times.approvedAt = now();
  await ctx.project();
  await fileAndPublish(ctx);
  st.stage = 'filed';
  await Promise.all([ctx.project(), ctx.syncExecutions()]);

  // ---- Execution: quarterly tracking and amendments, until the plan year ends ----
  await Promise.all([trackQuarters(ctx), handleAmendments(ctx)]);

  st.stage = 'closed';
  record.close('completed', planStageLabels.closed);
  await ctx.project();
  return st.view();
}
