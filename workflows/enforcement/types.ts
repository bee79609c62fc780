// Plain data of the enforcement case: its input, officer actions and what the case reports. No Temporal imports.
import type { Actor } from '../approval/types';
import type { EnforcementBalance, EnforcementMoney, SurchargeReduction } from '../../domain/enforcement-balance';
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
  /**
   * The day the decision was served. For 'public-notice' service this is the day the notice was published
   * (unless `noticePublishedOn` is given): the decision counts as served 30 days later (民事诉讼法 Art. 95).
   */
  servedOn: string;
  serviceMethod: ServiceMethod;
  /** 公告送达: the day the notice was published; the decision is deemed served 30 days after it. */
  noticePublishedOn?: string;
  /** Decided on the spot (行政处罚法 Art. 51): reconsideration first, no direct suit (行政复议法 Art. 23 ¶1(一)). */
  onTheSpot?: boolean;
  /**
   * Whether the decision stated the right, the body and the period to challenge it (行政处罚法 Art. 59 ¶1(五)).
   * False: the windows run up to one year (行政复议法 Art. 20 ¶3; 行诉解释 Art. 64). Default true.
   */
  remediesStated?: boolean;
  /** The day the decision was published (安全生产法 Art. 78 ¶2), if already done. */
  publishedOn?: string;
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

export type ChallengeOutcome = 'upheld' | 'revoked' | 'varied';

export interface Challenge {
  kind: 'reconsideration' | 'litigation';
  filedOn: string;
  /** The day the challenge ended with a final result (a reconsideration decision, a final judgment). */
  decidedOn?: string;
  outcome?: ChallengeOutcome;
  newFineFen?: number;
  // ---- reconsideration (行政复议法 Arts. 30, 62) ----
  /** Accepted on (recorded, or deemed 5 working days after filing). */
  acceptedOn?: string;
  simpleProcedure?: boolean;
  /** Days the body extended its period by (at most 30). */
  extendedDays?: number;
  /** The last day the body may decide; after it the party may sue within 15 days (行政诉讼法 Art. 45). */
  decisionDue?: string;
  /** The body stayed silent and no suit was filed in the 15 days after its period: the case moves on. */
  lapsedOn?: string;
  // ---- litigation (行政诉讼法 Art. 85) ----
  /** 'first' until an appeal is filed, then 'second'. */
  instance?: 'first' | 'second';
  firstInstance?: {
    decidedOn: string;
    servedOn: string;
    outcome: ChallengeOutcome;
    newFineFen?: number;
    /** Last day to appeal; unappealed, the judgment is final after it. */
    appealEnds: string;
  };
  appealedOn?: string;
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
  /** The day the decision counts as served (after 30 days for service by public notice). */
  deemedServedOn: string;
  noticePublishedOn?: string;
  onTheSpot: boolean;
  remediesStated: boolean;
  windows: {
    reconsiderationEnds: string;
    /** Last day to sue; absent for an on-the-spot decision until reconsideration has ended (复议前置). */
    litigationEnds?: string;
    reconsiderationFirst: boolean;
    courtPathOpensAfter: string;
    /** The 3 months of 行政强制法 Art. 53 run from here (after an approved deferral, its end: 行政处罚法 Art. 72 ¶2). */
    courtApplicationFrom: string;
    courtApplicationDue?: string;
  };
  /** 执行协议 decisions reducing accrued surcharge (行政强制法 Art. 42). */
  surchargeReductions: SurchargeReduction[];
  publication: { due: string; publishedOn?: string; withdrawalDue?: string };
  deferral?: {
    kind: 'deferral' | 'instalments';
    status: 'pending' | 'approved' | 'rejected';
    deferredTo?: string;
    instalments?: Instalment[];
  };
  demand?: PaymentDemand & {
    servedOn?: string;
    serviceMethod?: ServiceMethod;
    /** 公告送达 of the demand: published on this day, deemed served 30 days later (servedOn). */
    noticePublishedOn?: string;
    waitEnds?: string;
  };
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
  /**
   * filed / decided; for reconsideration also accepted (with simpleProcedure) and extended (extendedDays);
   * for litigation appealed (a first-instance judgment appealed within 15 days of service).
   */
  event: 'filed' | 'decided' | 'accepted' | 'extended' | 'appealed';
  date: string;
  outcome?: ChallengeOutcome;
  newFineFen?: number;
  /** Litigation: which instance decided (default: second after an appeal, else first). */
  instance?: 'first' | 'second';
  /** Litigation: the day the judgment was served (default: `date`); the 15-day appeal runs from it. */
  servedOn?: string;
  /** Reconsideration accepted under the simple procedure (30 days, 行政复议法 Art. 62 ¶2). */
  simpleProcedure?: boolean;
  /** Reconsideration extended by this many days (at most 30). */
  extendedDays?: number;
}
/** A decision under an enforcement agreement reducing or waiving accrued surcharge (行政强制法 Art. 42). */
export interface RecordEnforcementAgreementInput extends ActionBase {
  agreementNo: string;
  decidedOn: string;
  /** Surcharge reduced, in fen; omitted with `waiveAll` to waive all surcharge accrued by `decidedOn`. */
  reductionFen?: number;
  waiveAll?: boolean;
  remedialMeasures: string;
}
export interface RecordPublicationInput extends ActionBase {
  event: 'published' | 'withdrawn';
  date: string;
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
