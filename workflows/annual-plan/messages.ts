import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AmendPlanRequest,
  FilingReceiptRequest,
  InspectionDoneRequest,
  OnSitePlanRequest,
  PlanView,
  SaveDraftRequest,
  SubmitPlanRequest,
} from './types';

export const saveDraftUpdate = defineUpdate<PlanView, [SaveDraftRequest]>('plan.save-draft');
export const submitPlanUpdate = defineUpdate<PlanView, [SubmitPlanRequest]>('plan.submit');
/** 安委办 records its filing (备案) receipt number. */
export const recordFilingUpdate = defineUpdate<PlanView, [FilingReceiptRequest]>('plan.record-filing');
/** 现场检查方案, prepared before the inspection takes place (§十四). */
export const onSitePlanUpdate = defineUpdate<PlanView, [OnSitePlanRequest]>('plan.on-site-plan');
export const inspectionDoneUpdate = defineUpdate<PlanView, [InspectionDoneRequest]>('plan.inspection-done');
export const amendPlanUpdate = defineUpdate<PlanView, [AmendPlanRequest]>('plan.amend');

export const planStateQuery = defineQuery<PlanView>('plan.state');
