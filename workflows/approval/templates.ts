// Named approval routes used by approval requests; the domain workflows define their own steps.
import type { ApprovalStepSpec } from './types';

export const departmentHeadStep: ApprovalStepSpec = {
  stepId: 'department-head',
  name: '部门负责人审核',
  mode: 'sequential',
  participants: { roles: ['department-head'] },
  deadline: { basisId: 'approval.step-default' },
};

export const legalReviewStep: ApprovalStepSpec = {
  stepId: 'legal-review',
  name: '法制审核',
  mode: 'any-of',
  participants: { roles: ['legal-reviewer'], departmentId: 'sfj' },
  deadline: { basisId: 'approval.step-default' },
};

export const districtGovernmentStep: ApprovalStepSpec = {
  stepId: 'district-government',
  name: '区政府审批',
  mode: 'any-of',
  participants: { roles: ['district-leader'], departmentId: 'gov' },
  deadline: { basisId: 'approval.step-default' },
};

export const approvalTemplates = {
  department: [departmentHeadStep],
  'department-legal': [departmentHeadStep, legalReviewStep],
  'department-legal-government': [departmentHeadStep, legalReviewStep, districtGovernmentStep],
} satisfies Record<string, ApprovalStepSpec[]>;

export type ApprovalTemplateId = keyof typeof approvalTemplates;
