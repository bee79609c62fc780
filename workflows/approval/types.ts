// Plain data shared by the approval engine, its activities and the API. No Temporal imports here.
import type { PeriodUnit } from '../../domain/periods';
import type { LegalBasisId } from '../../domain/legal-basis';
import type { RefusalTable } from '../refusal';

export type ApprovalMode = 'all-of' | 'any-of' | 'sequential';
export type RoleId = 'officer' | 'department-head' | 'legal-reviewer' | 'district-leader' | 'safety-office' | 'admin';

/** Who takes part: everyone holding one of the roles in the department (or the explicit users, in order). */
export interface ParticipantSpec {
  roles: RoleId[];
  departmentId?: string;
  userIds?: string[];
}

export type StepDeadline =
  | { basisId: LegalBasisId; amount?: number }
  | { amount: number; unit: Exclude<PeriodUnit, 'hours'>; citation?: string };

export type ReminderMoment = 'half-period' | 'one-working-day-before' | 'due-day';
export type TimeoutAction = 'approve' | 'reject' | 'none';

export interface ApprovalStepSpec {
  stepId: string;
  /** Shown to people: e.g. 部门负责人审核. */
  name: string;
  mode: ApprovalMode;
  participants: ParticipantSpec;
  deadline: StepDeadline;
  /** Citation shown with the step (legal basis of the step itself). */
  legalBasis?: string;
  reminders?: ReminderMoment[];
  /** Notified when the step is overdue; default: the 安委办. */
  escalateTo?: ParticipantSpec;
  timeoutAction?: TimeoutAction;
  /** Actions whose comment is mandatory; reject and transfer always are. */
  commentRequiredFor?: ActionKind[];
}

export type ActionKind =
  'approve' | 'reject' | 'return' | 'withdraw' | 'transfer' | 'add-signer' | 'urge' | 'comment' | 'resubmit';

export interface Actor {
  id: string;
  name: string;
  departmentId: string;
  roles: RoleId[];
}

export interface ActionInput {
  requestId: string;
  actor: Actor;
  comment?: string;
  /** 退回: the step to run again; 'initiator' sends the case back for revision. */
  returnTo?: string;
  /** 转办 / 加签: the other user, resolved by the API (its roles decide eligibility). */
  target?: Actor;
  position?: 'before' | 'after';
  /** 重新提交: the revised content, stored by the workflow that owns it. */
  revision?: Record<string, unknown>;
}

export type SlotStatus = 'pending' | 'approved' | 'rejected' | 'transferred' | 'cancelled';

export interface Slot {
  slotId: string;
  assigneeId: string;
  assigneeName: string;
  assigneeDepartmentId: string;
  /** 代理: the absent user this assignee acts for. */
  actingForId?: string;
  actingForName?: string;
  status: SlotStatus;
  /** Activated only after this slot approves (加签 before me / after me). */
  blockedBy?: string;
  addedBy?: string;
  decidedAt?: string;
  comment?: string;
}

export interface Decision {
  requestId: string;
  action: ActionKind;
  actorId: string;
  actorName: string;
  actingForId?: string;
  at: string;
  comment?: string;
  targetId?: string;
  returnTo?: string;
}

export type StepOutcome =
  | { kind: 'approved' }
  | { kind: 'rejected'; by: string; comment: string }
  | { kind: 'returned'; to: string; by: string; comment: string }
  | { kind: 'withdrawn'; by: string };

export interface StepState {
  stepId: string;
  /** Unique per opening: stepId#n, n counting re-runs after a return. */
  instanceId: string;
  name: string;
  mode: ApprovalMode;
  legalBasis?: string;
  openedAt: string;
  dueDate: string;
  /** End of the due day, Asia/Shanghai, as an ISO instant. */
  dueAt: string;
  provisional: boolean;
  calendarVersion: number;
  slots: Slot[];
  decisions: Decision[];
  lastUrgedDate?: string;
  overdue: boolean;
  outcome?: StepOutcome;
  /** Bumped on every change, so projections never apply an older state over a newer one. */
  version: number;
}

export interface CaseRef {
  workflowId: string;
  workflowKind: string;
  caseId: string;
  caseTitle: string;
  departmentId: string;
  initiatorId: string;
}

/** Refusal codes and their categories (the API alone turns a category into an HTTP status). */
export const approvalRefusals = {
  NOT_ASSIGNEE: 'forbidden',
  NOT_INITIATOR: 'forbidden',
  /** 四眼原则: the initiator (or one acting for them) decides nothing on their own request, nor receives it. */
  SEGREGATION_OF_DUTIES: 'forbidden',
  STEP_CLOSED: 'conflict',
  ALREADY_DECIDED: 'conflict',
  NOT_WITHDRAWABLE: 'conflict',
  URGED_TODAY: 'conflict',
  COMMENT_REQUIRED: 'invalid',
  NOT_ELIGIBLE: 'invalid',
  UNKNOWN_STEP: 'invalid',
  INVALID_ACTION: 'invalid',
} as const satisfies RefusalTable<string>;
export type RejectionCode = keyof typeof approvalRefusals;
