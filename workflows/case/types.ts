// A case as its workflow reports it to the projection (cases / case_deadlines). No Temporal imports.
export type CaseKind =
  | 'enforcement'
  | 'criminal-transfer'
  | 'accident'
  | 'blacklist'
  | 'annual-plan'
  | 'plan-cycle'
  | 'entrustment'
  | 'approval-request';

export interface CaseDeadline {
  key: string;
  label: string;
  basisId?: string;
  citation?: string;
  owedBy: string;
  dueDate: string;
  dueAt?: string;
  provisional: boolean;
  status: 'pending' | 'met' | 'missed' | 'cancelled';
  metAt?: string;
}

export interface CaseSnapshot {
  workflowId: string;
  kind: CaseKind;
  caseNumber: string;
  title: string;
  departmentId: string;
  stage: string;
  stageLabel: string;
  status: 'open' | 'closed';
  outcome?: string;
  summary: Record<string, unknown>;
  openedAt: string;
  closedAt?: string;
  deadlines: CaseDeadline[];
  version: number;
}
