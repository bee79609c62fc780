// Plain data of the annual plan and plan cycle workflows, shared with activities and the API. No Temporal imports.
import type { PlanContent } from '../../domain/annual-plan';
import type { Actor } from '../approval/types';
import type { RefusalTable } from '../refusal';

export type PlanStage = 'awaiting-draft' | 'drafting' | 'in-approval' | 'approved' | 'filed' | 'amending' | 'closed';

export const planStageLabels: Record<PlanStage, string> = {
  'awaiting-draft': '待编制',
  drafting: '编制中',
  'in-approval': '审批中',
  approved: '已批准，备案中',
  filed: '已备案，执行中',
  amending: '调整审批中',
  closed: '年度已结束',
};

/** Who approves: the district government, or (§十四) the entrusting agency for an entrusted organisation. */
export type PlanApprover = { kind: 'district' } | { kind: 'entrusting-agency'; departmentId: string; name: string };

export interface PlanningUnit {
  id: string;
  name: string;
  /** Where the unit's head and officers sit: the unit itself, or an entrusted team's contact department. */
  headDepartmentId: string;
  approver: PlanApprover;
}

export interface AnnualPlanInput {
  year: number;
  unit: PlanningUnit;
  dueDate: string;
  cycleWorkflowId?: string;
}

export interface PlanCycleInput {
  /** Absent when started by the schedule: the year after the current one (Asia/Shanghai). */
  year?: number;
  /** Configurable per year; default 31 January (§十四). */
  dueDate?: string;
  /** Calendar days before the due date on which units that have not submitted are reminded. */
  reminderDaysBefore?: number[];
}

export interface PlanReceipts {
  safetyOffice?: string;
  upperAuthority?: string;
  publication?: string;
  publicationUrl?: string;
}

export interface ItemExecutionState {
  itemId: string;
  onSitePlan?: { plannedDate: string; inspectorIds: string[]; content: string; preparedBy: string; preparedOn: string };
  completedOn?: string;
  findings?: string;
}

export interface AmendmentState {
  seq: number;
  reason: string;
  requestedBy: string;
  status: 'in-approval' | 'approved' | 'rejected' | 'withdrawn';
  content: PlanContent;
}

export interface PlanView {
  planId: string;
  year: number;
  departmentId: string;
  stage: PlanStage;
  stageLabel: string;
  content?: PlanContent;
  planVersion: number;
  drafterId?: string;
  dueDate: string;
  receipts: PlanReceipts;
  executions: ItemExecutionState[];
  amendments: Array<Omit<AmendmentState, 'content'>>;
}

export interface PlanRequest {
  requestId: string;
  actor: Actor;
}
export interface SaveDraftRequest extends PlanRequest {
  content: PlanContent;
}
export interface SubmitPlanRequest extends PlanRequest {
  content?: PlanContent;
}
export interface FilingReceiptRequest extends PlanRequest {
  receiptNo: string;
}
export interface OnSitePlanRequest extends PlanRequest {
  itemId: string;
  plannedDate: string;
  inspectorIds: string[];
  content: string;
}
export interface InspectionDoneRequest extends PlanRequest {
  itemId: string;
  completedOn: string;
  findings: string;
}
export interface AmendPlanRequest extends PlanRequest {
  content: PlanContent;
  reason: string;
}

/** Refusal codes and their categories (the API alone turns a category into an HTTP status). */
export const planRefusals = {
  NOT_ALLOWED: 'forbidden',
  WRONG_STAGE: 'conflict',
  YEAR_CLOSED: 'invalid',
  INVALID_PLAN: 'invalid',
  UNKNOWN_ITEM: 'invalid',
  NO_ON_SITE_PLAN: 'conflict',
  ALREADY_DONE: 'conflict',
} as const satisfies RefusalTable<string>;
export type PlanRejectionCode = keyof typeof planRefusals;
