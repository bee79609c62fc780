// The worker bundles every workflow exported here.
export { deepHealthWorkflow } from './deep-health';
