// The worker bundles every workflow exported here.
export { deepHealthWorkflow } from './deep-health';
export { approvalRequestWorkflow } from './approval-request';
