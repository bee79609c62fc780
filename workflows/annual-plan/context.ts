// What the annual plan workflow's parts share: the plan, its record and engine, and its side effects
// (projection, audit, inbox tasks, planned inspections), each an idempotent activity.
import { proxyActivities } from '@temporalio/workflow';
import type { AnnualPlanActivities } from '../../activities/annual-plan';
import type { ApprovalActivities } from '../../activities/approval';
import type { PlanContent } from '../../domain/annual-plan';
import { todayInShanghai } from '../../domain/dates';
import { getLegalBasis } from '../../domain/legal-basis';
import type { AgencyDesk } from '../agency/agency-desk';
import type { ApprovalEngine } from '../approval/engine';
import { isoAt } from '../approval/deadline';
import type { ActionInput, CaseRef } from '../approval/types';
import type { CaseRecord } from '../case/case-record';
import type { PlanState } from './plan-state';
import { planApprovalSteps } from './steps';
import { planStageLabels, type AnnualPlanInput } from './types';

export const acts = proxyActivities<AnnualPlanActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});
const { recordAuditEvents } = proxyActivities<ApprovalActivities>({ startToCloseTimeout: '30 seconds' });

export const approvalBasis = getLegalBasis('plan.approval-and-filing').citation;
export const executionBasis = getLegalBasis('plan.execution').citation;
export const now = () => isoAt(Date.now());
export const today = () => todayInShanghai(Date.now());

type TaskAssignee = { departmentId: string; roles: Array<'department-head' | 'safety-office'> };

export class PlanContext {
  readonly planId: string;

  constructor(
    readonly input: AnnualPlanInput,
    readonly st: PlanState,
    readonly engine: ApprovalEngine,
    readonly record: CaseRecord,
    readonly desk: AgencyDesk,
    /** The initiator is whoever submits (or amends); the engine reads it at each resubmission check. */
    readonly caseRef: CaseRef,
    readonly title: string,
  ) {
    this.planId = st.planId;
  }

  get workflowId(): string {
    return this.caseRef.workflowId;
  }

  audit(key: string, actor: string, action: string, detail: Record<string, unknown> = {}, legalBasis = approvalBasis) {
    const { workflowId, planId } = this;
    return recordAuditEvents([
      { dedupeKey: `${workflowId}:${key}`, workflowId, caseId: planId, actor, action, legalBasis, at: now(), detail },
    ]);
  }

  /** Writes the case record and the plan row. */
  async project(): Promise<void> {
    const { st, input, record } = this;
    const { year, unit } = input;
    record.stage(st.stage, planStageLabels[st.stage]).summarise({
      year,
      planVersion: st.planVersion,
      receipts: { ...st.receipts },
      items: st.content?.items.length ?? 0,
    });
    await Promise.all([
      record.sync(),
      acts.recordPlan({
        planId: this.planId,
        year,
        departmentId: unit.id,
        workflowId: this.workflowId,
        stage: st.stage,
        approver: unit.approver.kind === 'district' ? 'district' : unit.approver.departmentId,
        content: st.content ?? null,
        planVersion: st.planVersion,
        drafterId: st.drafterId ?? null,
        dueDate: input.dueDate,
        receipts: st.receipts,
        times: st.times,
        version: ++st.version,
      }),
    ]);
  }

  /** An action task (待办): open, or done. */
  task(key: string, name: string, assignee: TaskAssignee, open: boolean, dueDate?: string) {
    return acts.syncPlanTask({
      workflowId: this.workflowId,
      caseId: this.planId,
      caseTitle: this.title,
      departmentId: this.input.unit.id,
      key,
      name,
      assignee,
      open,
      dueDate,
      legalBasis: approvalBasis,
      at: now(),
      version: open ? 1 : 2,
    });
  }

  /** The unit head's drafting task. */
  draftTask(open: boolean) {
    const { year, unit, dueDate } = this.input;
    const assignee: TaskAssignee = { departmentId: unit.headDepartmentId, roles: ['department-head'] };
    return this.task('draft#1', `编制${year}年度监督检查计划`, assignee, open, open ? dueDate : undefined);
  }

  async syncExecutions(): Promise<void> {
    await acts.syncPlannedInspections({
      planId: this.planId,
      year: this.input.year,
      departmentId: this.input.unit.id,
      items: this.st.content!.items,
      executions: [...this.st.executions.values()],
    });
  }

  /** The approval chain (§十四); true when approved. A revision sent with 重新提交 is adopted if it passes. */
  async approve(amendment: boolean): Promise<boolean> {
    const { unit } = this.input;
    const legalDept = await acts.planLegalReviewDepartment({ departmentId: unit.headDepartmentId });
    const result = await this.engine.runChain(
      planApprovalSteps(unit.headDepartmentId, unit.approver, legalDept, amendment),
      (resubmission) => this.onRevision(resubmission),
    );
    return result.kind === 'approved';
  }

  /** Adopts a revision sent with 重新提交 when it passes the checks; otherwise keeps the draft and says why. */
  private async onRevision(resubmission: ActionInput): Promise<void> {
    const revised = resubmission.revision as PlanContent | undefined;
    if (!revised) return;
    const problem = this.st.contentProblem(revised);
    if (problem) {
      await this.audit(`revision:${resubmission.requestId}`, resubmission.actor.id, 'plan.revision-refused', {
        reason: problem.message,
      });
      return;
    }
    this.st.content = revised;
    await this.audit(`revision:${resubmission.requestId}`, resubmission.actor.id, 'plan.revised', {
      items: revised.items.length,
    });
  }
}
