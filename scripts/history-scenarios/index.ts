import { deepHealthWorkflow } from '../../workflows/deep-health';
import { entrustmentScenarios } from './entrustment';
import { criminalTransferScenarios } from './criminal-transfer';
import { annualPlanScenarios } from './annual-plan';
import { accidentScenarios } from './accident';
import { enforcementScenarios } from './enforcement';
import { approvalScenarios } from './approval';
import type { HistoryScenario } from './types';

export type { HistoryScenario } from './types';

// Every workflow kind adds its major paths here; each run's history is kept in tests/histories/ and replayed in CI.
export const historyScenarios: HistoryScenario[] = [
  {
    name: 'deep-health',
    async run(client, taskQueue) {
      const workflowId = 'history-deep-health';
      await client.workflow.execute(deepHealthWorkflow, { taskQueue, workflowId, args: [workflowId] });
      return workflowId;
    },
  },
  ...entrustmentScenarios,
  ...criminalTransferScenarios,
  ...annualPlanScenarios,
  ...accidentScenarios,
  ...enforcementScenarios,
  ...approvalScenarios,
];
