import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AccidentState,
  AppraisalPause,
  AppraisalResume,
  CasualtyChange,
  CopyReceipt,
  EvaluationSubmission,
  ExtensionRequest,
  PenaltyDecision,
  PublishRequest,
  ReportSubmission,
  TeamFormation,
  UpwardConclusion,
} from './types';

export interface AccidentActResult {
  requestId: string;
  stage: string;
  /** Re-grading or a moved due date, when the act changed them. */
  level?: string;
  investigationDue?: string;
}

// One Update per act, each with a synchronous validator; the requestId is the Update id.
export const casualtyChangeUpdate = defineUpdate<AccidentActResult, [CasualtyChange]>('accident.casualty-change');
export const formTeamUpdate = defineUpdate<AccidentActResult, [TeamFormation]>('accident.form-team');
export const pauseAppraisalUpdate = defineUpdate<AccidentActResult, [AppraisalPause]>('accident.pause-appraisal');
export const resumeAppraisalUpdate = defineUpdate<AccidentActResult, [AppraisalResume]>('accident.resume-appraisal');
export const requestExtensionUpdate = defineUpdate<AccidentActResult, [ExtensionRequest]>('accident.request-extension');
export const submitReportUpdate = defineUpdate<AccidentActResult, [ReportSubmission]>('accident.submit-report');
export const publishReportUpdate = defineUpdate<AccidentActResult, [PublishRequest]>('accident.publish');
export const copyReceiptUpdate = defineUpdate<AccidentActResult, [CopyReceipt]>('accident.copy-receipt');
export const submitEvaluationUpdate = defineUpdate<AccidentActResult, [EvaluationSubmission]>(
  'accident.submit-evaluation',
);
export const concludeUpwardUpdate = defineUpdate<AccidentActResult, [UpwardConclusion]>('accident.conclude-upward');

export const recordPenaltyDecisionUpdate = defineUpdate<AccidentActResult, [PenaltyDecision]>(
  'accident.record-penalty-decision',
);

export const accidentStateQuery = defineQuery<AccidentState>('accident.state');
