// The enforcement case's Updates and query, one name each, imported by the API and the tests.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ActionReceipt,
  EnforcementView,
  RecordChallengeInput,
  RecordCourtReviewInput,
  RecordDemandServiceInput,
  RecordEnforcementAgreementInput,
  RecordPublicationInput,
  RecordPaymentInput,
  RecordStatementInput,
  RequestDeferralInput,
  SupplementMaterialsInput,
} from './types';

export const recordPaymentUpdate = defineUpdate<ActionReceipt, [RecordPaymentInput]>('enforcement.record-payment');
export const recordChallengeUpdate = defineUpdate<ActionReceipt, [RecordChallengeInput]>(
  'enforcement.record-challenge',
);
export const requestDeferralUpdate = defineUpdate<ActionReceipt, [RequestDeferralInput]>(
  'enforcement.request-deferral',
);
export const recordDemandServiceUpdate = defineUpdate<ActionReceipt, [RecordDemandServiceInput]>(
  'enforcement.record-demand-service',
);
export const recordStatementUpdate = defineUpdate<ActionReceipt, [RecordStatementInput]>(
  'enforcement.record-statement',
);
export const supplementMaterialsUpdate = defineUpdate<ActionReceipt, [SupplementMaterialsInput]>(
  'enforcement.supplement-materials',
);
export const recordCourtReviewUpdate = defineUpdate<ActionReceipt, [RecordCourtReviewInput]>(
  'enforcement.record-court-review',
);

export const recordEnforcementAgreementUpdate = defineUpdate<ActionReceipt, [RecordEnforcementAgreementInput]>(
  'enforcement.record-enforcement-agreement',
);
export const recordPublicationUpdate = defineUpdate<ActionReceipt, [RecordPublicationInput]>(
  'enforcement.record-publication',
);

/** The case with its balance computed at the workflow's current time. */
export const enforcementViewQuery = defineQuery<EnforcementView>('enforcement.view');
