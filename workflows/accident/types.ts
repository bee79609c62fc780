// Plain data of the accident case, shared by the workflow, its validators and the API. No Temporal imports.
import type { AccidentClassification } from '../../domain/accident-level';
import type { ReportingLink } from '../../domain/accident-case';
import type { Actor } from '../approval/types';
import type { RefusalTable } from '../refusal';

export interface Enterprise {
  name: string;
  unifiedSocialCreditCode: string;
}

export interface AccidentFiguresInput {
  deaths: number;
  seriousInjuries: number;
  /** Direct economic loss in fen. */
  directLossFen: number;
}

export interface AccidentCaseInput extends AccidentFiguresInput {
  caseNumber: string;
  /** With offset, e.g. 2026-03-02T10:00:00+08:00. */
  occurredAt: string;
  place: string;
  enterprise: Enterprise;
  industry: string;
  departmentId: string;
  initiatorId: string;
  /** Departments with supervisory duties that receive the report and approval (重庆市安全生产条例 Art. 46). */
  supervisoryDepartmentIds: string[];
  /** Publication period after approval; default 20 working days (条例 Art. 34, not fixed nationally). */
  publicationWorkingDays?: number;
  /** When the district received the unit's report (Art. 9); default: registration. */
  reportedAt?: string;
}

export interface HandlingProposal {
  /** Administrative penalties the approval names (enforcement cases follow). */
  penalties: Array<{ party: string; creditCode?: string; measure: string; fineFen?: number }>;
  /** Units held responsible: 一票否决 for the year (§八). */
  responsibleUnits: Array<{ name: string; creditCode?: string }>;
  /** Suspected crimes for criminal case transfer (§十二). */
  suspectedCrimes: Array<{ suspect: string; offence: string }>;
}

export interface ReportDocument {
  documentNo: string;
  title: string;
  url?: string;
}

interface Act {
  requestId: string;
  actor: Actor;
}

export type CasualtyChange = Act & AccidentFiguresInput & { note?: string };
export type TeamFormation = Act & { leader: string; members: Array<{ departmentId: string; name: string }> };
export type AppraisalPause = Act & { reason: string };
export type AppraisalResume = Act & { note?: string };
export type ExtensionRequest = Act & { days: number; reason: string };
export type ReportSubmission = Act & { document: ReportDocument; handling?: Partial<HandlingProposal> };
export type PublishRequest = Act & { note?: string };
export type CopyReceipt = Act & { departmentId: string };
export type EvaluationSubmission = Act & { document: ReportDocument; conclusion: string };
export type UpwardConclusion = Act & { document: ReportDocument };
/** The penalty decision issued for a fine the approval named; its enforcement case starts here (§十二). */
export type PenaltyDecision = Act & {
  penaltyIndex: number;
  decisionNumber: string;
  decidedOn: string;
  servedOn: string;
  serviceMethod: 'direct' | 'left-at-premises' | 'post' | 'electronic' | 'public-notice';
};

export type AccidentStage =
  | 'investigation'
  | 'reported-upward'
  | 'in-approval'
  | 'publication-review'
  | 'awaiting-publication'
  | 'follow-up'
  | 'closed';

export const stageLabels: Record<AccidentStage, string> = {
  investigation: '事故调查中',
  'reported-upward': '已上报，由上级政府调查',
  'in-approval': '调查报告待区政府批复',
  'publication-review': '公开前保密审查',
  'awaiting-publication': '待公开',
  'follow-up': '整改落实及结案评估',
  closed: '已结案',
};

export interface AccidentState {
  stage: AccidentStage;
  figures: AccidentFiguresInput;
  classification: AccidentClassification;
  gradings: Array<{ at: string; level: string; figures: AccidentFiguresInput; by: string }>;
  reportingChain: ReportingLink[];
  team?: { leader: string; members: Array<{ departmentId: string; name: string }>; formedAt: string };
  extension?: { days: number; reason: string; status: 'pending' | 'approved' | 'rejected' };
  pausedSince?: string;
  pausedDays: number;
  pauses: Array<{ from: string; to?: string; reason: string }>;
  report?: ReportDocument & { submittedAt: string };
  handling: HandlingProposal;
  approvedOn?: string;
  redactions?: string;
  publishRequested: boolean;
  publication?: { receiptNo: string; documentUrl: string; publishedAt: string };
  copies: Record<string, { name: string; receivedAt?: string; by?: string }>;
  evaluation?: ReportDocument & { conclusion: string; submittedAt: string; publishedAt?: string; documentUrl?: string };
  upwardConclusion?: ReportDocument & { at: string };
  /** Enforcement cases started for the penalties, by index in handling.penalties. */
  enforcementCases: Record<number, { decisionNumber: string; workflowId: string }>;
}

/** Refusal codes and their categories (the API alone turns a category into an HTTP status). */
export const accidentRefusals = {
  WRONG_STAGE: 'conflict',
  CASE_CLOSED: 'conflict',
  NOT_PERMITTED: 'forbidden',
  INVALID_INPUT: 'invalid',
} as const satisfies RefusalTable<string>;
export type AccidentRejectionCode = keyof typeof accidentRefusals;
