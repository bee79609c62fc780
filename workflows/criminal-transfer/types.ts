// Plain data of the criminal case transfer (涉嫌犯罪案件移送): input, officer actions, stages. No Temporal imports.
import type { ImposedMeasureKind, TransferMaterials, TransferSuspect } from '../../domain/criminal-transfer-letter';
import type { Actor } from '../approval/types';

export const transferSourceKinds = ['enforcement', 'accident'] as const;
export type TransferSourceKind = (typeof transferSourceKinds)[number];

export interface CriminalTransferInput {
  caseNumber: string;
  title: string;
  departmentId: string;
  /** Resolved by the API from the department table; appears on the transfer letter. */
  departmentName: string;
  agencyShortName: string;
  initiatorId: string;
  source: { kind: TransferSourceKind; caseNumber: string };
  suspect: TransferSuspect;
  allegedOffence: string;
  facts: string;
  /** Art. 5: the written report of at least two officers to the principal head. */
  report: { officers: Array<{ id: string; name: string }>; summary: string };
  materials: TransferMaterials;
  /** Art. 11: penalties already imposed, which the transfer leaves in force. */
  measuresImposed: Array<{ kind: ImposedMeasureKind; decisionNo: string; decidedOn: string }>;
}

export type CriminalTransferAction =
  | { kind: 'request-reconsideration'; reasons: string }
  | { kind: 'request-supervision'; reasons: string }
  | { kind: 'accept-refusal'; comment?: string }
  | {
      kind: 'record-exhibits-handover';
      handedOverOn: string;
      exhibits: string[];
      receiptNo?: string;
      comment?: string;
    };

export interface CriminalTransferActInput {
  requestId: string;
  actor: Actor;
  action: CriminalTransferAction;
}

export interface CriminalTransferActResult {
  accepted: true;
  stage: CriminalTransferStage;
}

export type CriminalTransferStage =
  | 'head-decision'
  | 'transferring'
  | 'awaiting-police-decision'
  | 'police-refused'
  | 'awaiting-reconsideration'
  | 'reconsideration-upheld'
  | 'awaiting-supervision'
  | 'filed-awaiting-exhibits'
  | 'closed';

export const criminalTransferStageLabels: Record<CriminalTransferStage, string> = {
  'head-decision': '待负责人决定是否移送',
  transferring: '移送公安机关中',
  'awaiting-police-decision': '待公安机关立案决定',
  'police-refused': '公安机关不予立案，待决定是否提请复议',
  'awaiting-reconsideration': '已提请公安机关复议',
  'reconsideration-upheld': '复议维持不予立案，待决定是否建议立案监督',
  'awaiting-supervision': '已建议检察院立案监督',
  'filed-awaiting-exhibits': '公安机关已立案，待移交涉案物品',
  closed: '已办结',
};

/** Which officer action each stage accepts. */
export const actionsByStage: Partial<Record<CriminalTransferStage, Array<CriminalTransferAction['kind']>>> = {
  'police-refused': ['request-reconsideration', 'accept-refusal'],
  'reconsideration-upheld': ['request-supervision', 'accept-refusal'],
  'filed-awaiting-exhibits': ['record-exhibits-handover'],
};

export type CriminalTransferOutcome = 'filed' | 'not-approved' | 'withdrawn' | 'returned' | 'transfer-abandoned';

export interface CriminalTransferResult {
  outcome: CriminalTransferOutcome;
  letterNo?: string;
  policeReceiptNo?: string;
  policeDecisionNo?: string;
}
