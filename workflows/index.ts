// The worker bundles every workflow exported here.
export { deepHealthWorkflow } from './deep-health';
export { approvalRequestWorkflow } from './approval-request';
export { criminalTransferWorkflow } from './criminal-transfer';
export { blacklistWorkflow } from './blacklist';
export { entrustmentWorkflow } from './entrustment';
export { accidentCaseWorkflow } from './accident-case';
export { annualPlanWorkflow } from './annual-plan';
export { planCycleWorkflow } from './plan-cycle';
export { randomInspectionWorkflow } from './random-inspection';
export { enforcementCaseWorkflow } from './enforcement-case';
export { notificationDeliveryWorkflow } from './notification-delivery';
export { outboxSweepWorkflow } from './notification-sweep';
export { dailyDigestWorkflow } from './daily-digest';
