import { fileURLToPath } from 'node:url';
import { hostname } from 'node:os';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Env } from '../config/env';
import { createActivities, type ActivityDeps } from '../activities';
import { tlsFromEnv } from './connection';
import { installWorkerRuntime } from './runtime';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export type WorkerSettings = Pick<
  Env,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_NAMESPACE'
  | 'TEMPORAL_TASK_QUEUE'
  | 'TEMPORAL_TLS_CERT'
  | 'TEMPORAL_TLS_KEY'
  | 'TEMPORAL_TLS_CA'
  | 'TEMPORAL_TLS_SERVER_NAME'
  | 'WORKER_MAX_CACHED_WORKFLOWS'
  | 'WORKER_MAX_CONCURRENT_ACTIVITIES'
  | 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'
  | 'LOG_LEVEL'
  | 'WORKER_METRICS_BIND'
  | 'WORKFLOW_BUNDLE'
>;

export function workerIdentity(): string {
  return `anjian-worker-${process.pid}@${hostname()}`;
}

/** Builds a worker; the caller runs it and owns the connection's lifetime. */
export async function createWorker(
  env: WorkerSettings,
  deps: Omit<ActivityDeps, 'workerIdentity'>,
  extra: Partial<WorkerOptions> = {},
): Promise<{ worker: Worker; connection: NativeConnection }> {
  installWorkerRuntime(env.LOG_LEVEL, env.WORKER_METRICS_BIND);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS, tls: tlsFromEnv(env) });
  const identity = workerIdentity();
  const worker = await Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    identity,
    // Production loads the bundle built ahead of time (npm run build:workflows); development bundles at start.
    ...(env.WORKFLOW_BUNDLE ? { workflowBundle: { codePath: env.WORKFLOW_BUNDLE } } : { workflowsPath }),
    activities: createActivities({ ...deps, workerIdentity: identity }),
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentActivityTaskExecutions: env.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    ...extra,
  });
  return { worker, connection };
}
