import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Registered on the dev server at start (scripts/dev-server.ts) and on a cluster with
// `temporal operator search-attribute create` (see README).
export const CaseNumber = defineSearchAttributeKey('CaseNumber', SearchAttributeType.KEYWORD);
export const DepartmentId = defineSearchAttributeKey('DepartmentId', SearchAttributeType.KEYWORD);
export const WorkflowKind = defineSearchAttributeKey('WorkflowKind', SearchAttributeType.KEYWORD);
export const CaseStage = defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);

export const customSearchAttributes: Record<string, 'Keyword' | 'Datetime'> = {
  CaseNumber: 'Keyword',
  DepartmentId: 'Keyword',
  WorkflowKind: 'Keyword',
  CaseStage: 'Keyword',
  NextDeadline: 'Datetime',
};
