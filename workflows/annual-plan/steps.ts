// The approval chain of an annual plan (§十四): department head → legal review → district government;
// an entrusted organisation's plan goes to its entrusting agency instead.
import { getLegalBasis } from '../../domain/legal-basis';
import type { ApprovalStepSpec } from '../approval/types';
import type { PlanApprover } from './types';

export function planApprovalSteps(
  unitId: string,
  approver: PlanApprover,
  legalReviewDepartmentId: string,
  amendment = false,
): ApprovalStepSpec[] {
  const basis = getLegalBasis(amendment ? 'plan.amendment' : 'plan.approval-and-filing').citation;
  const deadline = { basisId: 'approval.step-default' as const };
  const head: ApprovalStepSpec = {
    stepId: 'dept-head',
    name: amendment ? '部门负责人审核（计划调整）' : '部门负责人审核',
    mode: 'any-of',
    participants: { roles: ['department-head'], departmentId: unitId },
    deadline,
    legalBasis: basis,
  };
  if (approver.kind === 'entrusting-agency') {
    return [
      head,
      {
        stepId: 'entrusting-agency',
        name: `委托机关审批（${approver.name}）`,
        mode: 'any-of',
        participants: { roles: ['department-head'], departmentId: approver.departmentId },
        deadline,
        legalBasis: basis,
      },
    ];
  }
  return [
    head,
    {
      stepId: 'legal-review',
      name: '法制审核',
      mode: 'any-of',
      participants: { roles: ['legal-reviewer'], departmentId: legalReviewDepartmentId },
      deadline,
      legalBasis: basis,
    },
    {
      stepId: 'district-gov',
      name: '区政府审查批准',
      mode: 'any-of',
      participants: { roles: ['district-leader'], departmentId: 'gov' },
      deadline,
      legalBasis: basis,
    },
  ];
}
