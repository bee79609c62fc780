import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createAgencyGateway } from '../../agencies/gateway';
import { devAgencySecrets, gatewayConfigUnder } from '../../agencies/config';
import { agencyIds } from '../../agencies/types';
import { startSimulatorServer, type RunningSimulator } from '../../agencies/simulator';
import { migrateDatabase, openDatabase, type Database } from '../../db/client';
import { seedAll } from '../../db/seed-all';
import { temporalTestServerPath } from '../../scripts/temporal-binaries';
import { workflowsPath } from '../../temporal/worker';
import { customSearchAttributes } from '../../temporal/search-attributes';

export interface WorkflowTestEnv {
  env: TestWorkflowEnvironment;
  database: Database;
  taskQueue: string;
  /** The agency stand-in over real HTTP; manual mode: tests deliver callbacks to the workflow themselves. */
  agencies: RunningSimulator;
  /** Runs fn while a worker with the real activities (on embedded PGlite) polls the task queue. */
  withWorker<T>(fn: () => Promise<T>, activityOverrides?: Record<string, (...args: any[]) => unknown>): Promise<T>;
  teardown(): Promise<void>;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The time-skipping test server from the pinned binary, and a fresh in-memory database for the activities. */
/**
 * `deliverNotifications`: start a delivery workflow per queued notification, as production does. Off by
 * default: deliveries sleeping until 09:00 stall time skipping in tests that await a workflow's result.
 */
export async function createWorkflowTestEnv(
  options: { deliverNotifications?: boolean } = {},
): Promise<WorkflowTestEnv> {
  const [env, database] = await Promise.all([
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    }),
    openDatabase({ pgliteDir: 'memory://' }).then(async (db) => {
      await migrateDatabase(db);
      await seedAll(db.db);
      return db;
    }),
  ]);
  // The time-skipping server starts bare: register our search attributes as a cluster operator would.
  const indexedType = { Keyword: 2, Datetime: 6 } as const;
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.entries(customSearchAttributes).map(([name, type]) => [name, indexedType[type]]),
    ),
  });
  const agencies = await startSimulatorServer(
    { callbackBaseUrl: 'http://127.0.0.1:9', secrets: devAgencySecrets(), manual: [...agencyIds] },
    0,
  );
  const gateway = createAgencyGateway(gatewayConfigUnder(agencies.url, { timeoutMs: 3000 }));
  bundle ??= bundleWorkflowCode({
    workflowsPath,
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never,
  });
  const workflowBundle = await bundle;
  const taskQueue = `wf-${randomUUID().slice(0, 8)}`;
  return {
    env,
    database,
    taskQueue,
    agencies,
    async withWorker(fn, activityOverrides = {}) {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle,
        activities: {
          ...createActivities({
            db: database.db,
            gateway,
            workerIdentity: 'test-worker',
            deliverNotifications: options.deliverNotifications ?? false,
          }),
          ...activityOverrides,
        },
      });
      return worker.runUntil(fn);
    },
    async teardown() {
      await env.teardown();
      await agencies.close();
      await database.close();
    },
  };
}
