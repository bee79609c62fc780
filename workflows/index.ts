// The worker bundles every workflow exported here.
export { deepHealthWorkflow } from './deep-health';
export { approvalRequestWorkflow } from './approval-request';
export { criminalTransferWorkflow } from './criminal-transfer';
export { blacklistWorkflow } from './blacklist';
export { entrustmentWorkflow } from './entrustment';
export { accidentCaseWorkflow } from './accident-case';
export { annualPlanWorkflow, planCycleWorkflow, randomInspectionWorkflow } from './inspection-plans';
export { enforcementCaseWorkflow } from './enforcement-case';
