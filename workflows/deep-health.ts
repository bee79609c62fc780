import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { HealthActivities } from '../activities/health';

const { recordHealthProbe } = proxyActivities<HealthActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

export interface DeepHealthResult {
  probeId: string;
  workerIdentity: string;
  databaseReached: boolean;
}

/** Round trip through a worker and the database: proves workers are processing, not merely connected. */
export async function deepHealthWorkflow(probeId: string): Promise<DeepHealthResult> {
  const { workerIdentity } = await recordHealthProbe({ probeId, workflowId: workflowInfo().workflowId });
  return { probeId, workerIdentity, databaseReached: true };
}
