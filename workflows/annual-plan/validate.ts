// Synchronous checks of the plan Updates: who may act, at which stage, and whether the content is acceptable.
import { refuseBy, type FieldRule } from '../refusal';
import { checkPlan, diffPlans, isEmptyDiff, type PlanContent } from '../../domain/annual-plan';
import type { CalendarSnapshot } from '../../domain/calendar';
import type { Actor } from '../approval/types';
import { planRefusals, type PlanRejectionCode, type PlanStage } from './types';

export function refuse(code: PlanRejectionCode, message: string, errors?: FieldRule[]): never {
  return refuseBy(planRefusals, code, message, errors ? { errors } : {});
}

export function requireRequest(input: { requestId?: unknown; actor?: Actor } | undefined): void {
  if (!input || typeof input.requestId !== 'string' || input.requestId.length === 0 || !input.actor?.id)
    refuse('NOT_ALLOWED', '缺少请求编号或操作人');
}

/** Officers and heads of the unit draft, submit, amend and record inspections. */
export function requireUnitMember(actor: Actor, unitId: string): void {
  if (actor.departmentId !== unitId || !actor.roles.some((r) => r === 'officer' || r === 'department-head'))
    refuse('NOT_ALLOWED', '只有本单位执法人员或负责人可以办理本单位的年度监督检查计划');
}

export function requireStage(stage: PlanStage, allowed: PlanStage[], message: string): void {
  if (stage === 'closed') refuse('YEAR_CLOSED', '该计划年度已结束，不再接受提交或调整');
  if (!allowed.includes(stage)) refuse('WRONG_STAGE', message);
}

export function requireValidContent(calendar: CalendarSnapshot, year: number, content: PlanContent | undefined): void {
  if (!content)
    refuse('INVALID_PLAN', '尚未编制计划内容', [{ field: 'content', rule: 'required', message: '尚未编制计划内容' }]);
  const problems = checkPlan(calendar, year, content);
  if (problems.length > 0) refuse('INVALID_PLAN', problems.map((p) => p.message).join('；'), problems);
}

export function requireChange(before: PlanContent, after: PlanContent): void {
  if (isEmptyDiff(diffPlans(before, after)))
    refuse('INVALID_PLAN', '调整后的计划与现行计划相同', [
      { field: 'content', rule: 'no_change', message: '调整后的计划与现行计划相同' },
    ]);
}
