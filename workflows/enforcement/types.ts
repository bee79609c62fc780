// Plain data of the enforcement case: its input, officer actions and what the case reports. No Temporal imports.
import type { Actor } from '../approval/types';
import type { EnforcementBalance, EnforcementMoney } from '../../domain/enforcement-balance';
import type { PaymentDemand } from '../../domain/payment-demand';
import type { CourtMaterial } from '../../domain/court-application';
import type { Instalment } from '../../domain/surcharge';
import type { RefusalTable } from '../refusal';

export const serviceMethods = ['direct', 'left-at-premises', 'post', 'electronic', 'public-notice'] as const;
export type ServiceMethod = (typeof serviceMethods)[number];
export const serviceMethodLabels: Record<ServiceMethod, string> = {
  direct: '直接送达',
  'left-at-premises': '留置送达',
  post: '邮寄送达',
  electronic: '电子送达',
  'public-notice': '公告送达',
};

export interface EnforcementCaseInput {
  /** 行政处罚决定书文号; also the case number. */
  decisionNumber: string;
  decidedOn: string;
  party: { name: string; unifiedSocialCreditCode?: string; address?: string; phone?: string };
  fineFen: number;
  rectification?: string[];
  servedOn: string;
  serviceMethod: ServiceMethod;
  departmentId: string;
  departmentName: string;
  initiatorId: string;
  /** The facts, reasons and basis of the decision (Art. 55 materials; may be supplied later). */
  facts?: string;
  reasons?: string;
  legalBasisText?: string;
  /** A demand already served outside the system (a case taken over part-way): the wait runs from its service. */
  demandServed?: { servedOn: string; method: ServiceMethod };
  /** The entrusted organisation that acted in the department's name, if any (行政处罚法 Art. 20). */
  actingOrgId?: string;
}

export type StageId =
  | 'payment'
  | 'overdue'
  | 'challenged'
  | 'demand'
  | 'demand-wait'
  | 'statement-review'
  | 'materials'
  | 'application-approval'
  | 'court-filing'
  | 'court-acceptance'
  | 'acceptance-refused'
  | 'acceptance-review'
  | 'court-ruling'
  | 'refusal-ruled'
  | 'refusal-review'
  | 'court-execution'
  | 'closed';

export const stageLabels: Record<StageId, string> = {
  payment: '待缴纳罚款',
  overdue: '逾期未缴纳（加处罚款）',
  challenged: '复议或诉讼期间（加处罚款暂停计算）',
  demand: '待送达催告书',
  'demand-wait': '催告期间',
  'statement-review': '陈述申辩复核',
  materials: '申请材料待补正',
  'application-approval': '机关负责人审批强制执行申请',
  'court-filing': '向法院提交强制执行申请',
  'court-acceptance': '法院审查受理',
  'acceptance-refused': '法院不予受理（可申请复议）',
  'acceptance-review': '上一级法院复议（受理）',
  'court-ruling': '法院审查裁定',
  'refusal-ruled': '法院裁定不予执行（可申请复议）',
  'refusal-review': '上一级法院复议（执行）',
  'court-execution': '法院强制执行',
  closed: '已办结',
};

export type EnforcementOutcome =
  | 'paid'
  | 'decision-revoked'
  | 'enforced'
  | 'statement-upheld'
  | 'application-not-approved'
  | 'application-abandoned'
  | 'court-refused-acceptance'
  | 'court-refused-enforcement';

export const outcomeLabels: Record<EnforcementOutcome, string> = {
  paid: '已缴清，结案',
  'decision-revoked': '处罚决定被撤销，结案',
  enforced: '法院强制执行完毕，结案',
  'statement-upheld': '陈述申辩理由成立，终止执行',
  'application-not-approved': '机关负责人未批准申请强制执行',
  'application-abandoned': '强制执行申请被法院退回后放弃',
  'court-refused-acceptance': '法院不予受理，结案',
  'court-refused-enforcement': '法院裁定不予执行，结案',
};

export interface Challenge {
  kind: 'reconsideration' | 'litigation';
  filedOn: string;
  decidedOn?: string;
  outcome?: 'upheld' | 'revoked' | 'varied';
}

export interface CourtTrack {
  receiptNo?: string;
  courtCaseNo?: string;
  filedOn?: string;
  /** The court's own receipt time, as it reported it. */
  receivedAt?: string;
  acceptedOn?: string;
  refusedOn?: string;
  refusalReason?: string;
  ruling?: 'enforce' | 'refuse';
  ruledOn?: string;
  reviewFiledOn?: string;
  reviewDecidedOn?: string;
  reviewOutcome?: 'accepted' | 'enforce' | 'refused';
  executionCaseNo?: string;
  executedOn?: string;
  executedAmountFen?: number;
}

/** What the case shows (the `case.state` summary and the enforcement query). */
export interface EnforcementView {
  decisionNumber: string;
  stage: StageId;
  party: EnforcementCaseInput['party'];
  servedOn: string;
  serviceMethod: ServiceMethod;
  rectification: string[];
  money: EnforcementMoney;
  balance: EnforcementBalance;
  challenges: Challenge[];
  windows: {
    reconsiderationEnds: string;
    litigationEnds: string;
    courtPathOpensAfter: string;
    courtApplicationDue?: string;
  };
  deferral?: {
    kind: 'deferral' | 'instalments';
    status: 'pending' | 'approved' | 'rejected';
    deferredTo?: string;
    instalments?: Instalment[];
  };
  demand?: PaymentDemand & { servedOn?: string; serviceMethod?: ServiceMethod; waitEnds?: string };
  statement?: { receivedOn: string; summary: string; reviewed: boolean; upheld?: boolean };
  materials?: CourtMaterial[];
  court?: CourtTrack;
  actingOrgId?: string;
  outcome?: EnforcementOutcome;
}

// ---- Officer actions (each an Update; `requestId` is the Update id) ----

interface ActionBase {
  requestId: string;
  actor: Actor;
  comment?: string;
}
export interface RecordPaymentInput extends ActionBase {
  amountFen: number;
  paidOn: string;
  reference?: string;
}
export interface RecordChallengeInput extends ActionBase {
  kind: 'reconsideration' | 'litigation';
  event: 'filed' | 'decided';
  date: string;
  outcome?: 'upheld' | 'revoked' | 'varied';
  newFineFen?: number;
}
export interface RequestDeferralInput extends ActionBase {
  kind: 'deferral' | 'instalments';
  deferredTo?: string;
  instalments?: Instalment[];
  reason: string;
}
export interface RecordDemandServiceInput extends ActionBase {
  servedOn: string;
  method: ServiceMethod;
  recipient?: string;
}
export interface RecordStatementInput extends ActionBase {
  receivedOn: string;
  summary: string;
}
export interface SupplementMaterialsInput extends ActionBase {
  facts?: string;
  reasons?: string;
  legalBasisText?: string;
}
export interface RecordCourtReviewInput extends ActionBase {
  event: 'filed' | 'decided';
  date: string;
  outcome?: 'accepted' | 'enforce' | 'refused';
}

export interface ActionReceipt {
  accepted: true;
  stage: StageId;
}

/** Refusal codes and their categories (the API alone turns a category into an HTTP status). */
export const enforcementRefusals = {
  CASE_CLOSED: 'conflict',
  WRONG_STAGE: 'conflict',
  DUPLICATE: 'conflict',
  INVALID_DATE: 'invalid',
  INVALID_AMOUNT: 'invalid',
  INVALID_ACTION: 'invalid',
  NOT_ELIGIBLE: 'forbidden',
} as const satisfies RefusalTable<string>;
export type EnforcementRejection = keyof typeof enforcementRefusals;
