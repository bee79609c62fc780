// Synchronous checks of the plan Updates: who may act, at which stage, and whether the content is acceptable.
// Each returns the rejection (or null); the validators refuse with it, so nothing changes when one fails.
import type { FieldRule } from '../refusal';
import { checkPlan, diffPlans, isEmptyDiff, type PlanContent } from '../../domain/annual-plan';
import type { CalendarSnapshot } from '../../domain/calendar';
import type { Actor } from '../approval/types';
import type { PlanRejectionCode, PlanStage } from './types';

export type PlanRejection = { code: PlanRejectionCode; message: string; errors?: FieldRule[] } | null;

export function reject(code: PlanRejectionCode, message: string, errors?: FieldRule[]): PlanRejection {
  return errors ? { code, message, errors } : { code, message };
}

export function requestProblem(input: { requestId?: unknown; actor?: Actor } | undefined): PlanRejection {
  if (!input || typeof input.requestId !== 'string' || input.requestId.length === 0 || !input.actor?.id)
    return reject('NOT_ALLOWED', '缺少请求编号或操作人');
  return null;
}

/** Officers and heads of the unit draft, submit, amend and record inspections. */
export function unitMemberProblem(actor: Actor, unitId: string): PlanRejection {
  if (actor.departmentId !== unitId || !actor.roles.some((r) => r === 'officer' || r === 'department-head'))
    return reject('NOT_ALLOWED', '只有本单位执法人员或负责人可以办理本单位的年度监督检查计划');
  return null;
}

export function stageProblem(stage: PlanStage, allowed: PlanStage[], message: string): PlanRejection {
  if (stage === 'closed') return reject('YEAR_CLOSED', '该计划年度已结束，不再接受提交或调整');
  if (!allowed.includes(stage)) return reject('WRONG_STAGE', message);
  return null;
}

export function contentProblem(
  calendar: CalendarSnapshot,
  year: number,
  content: PlanContent | undefined,
): PlanRejection {
  if (!content)
    return reject('INVALID_PLAN', '尚未编制计划内容', [
      { field: 'content', rule: 'required', message: '尚未编制计划内容' },
    ]);
  const problems = checkPlan(calendar, year, content);
  if (problems.length > 0) return reject('INVALID_PLAN', problems.map((p) => p.message).join('；'), problems);
  return null;
}

export function changeProblem(before: PlanContent, after: PlanContent): PlanRejection {
  if (isEmptyDiff(diffPlans(before, after)))
    return reject('INVALID_PLAN', '调整后的计划与现行计划相同', [
      { field: 'content', rule: 'no_change', message: '调整后的计划与现行计划相同' },
    ]);
  return null;
}
