import type { Client } from '@temporalio/client';
import { deepHealthWorkflow } from '../workflows/deep-health';
import { entrustmentScenarios } from './entrustment-scenarios';
import { criminalTransferScenarios } from './criminal-transfer-scenarios';
import { annualPlanScenarios } from './annual-plan-scenarios';
import { accidentScenarios } from './accident-scenarios';
import { enforcementScenarios } from './enforcement-scenarios';
import { approvalScenarios } from './approval-scenarios';

/**
 * Real runs whose histories are kept in tests/histories/ and replayed in CI, so a change that
 * would break a running workflow fails the build. Each workflow kind adds its major paths here.
 */
export interface HistoryScenario {
  name: string;
  run(client: Client, taskQueue: string): Promise<string>;
}

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
