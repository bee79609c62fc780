// A second in-process worker on its own task queue that bundles only the baseline workflow.
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { BaselineActivities } from './baseline-workflow';

export const baselineWorkflowsPath = fileURLToPath(new URL('./baseline-workflow.ts', import.meta.url));

export async function createBaselineWorker(
  address: string,
  taskQueue: string,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address });
  const activities: BaselineActivities = { baselineNoop: async () => {} };
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue,
    workflowsPath: baselineWorkflowsPath,
    activities,
  });
  return { worker, connection };
}
