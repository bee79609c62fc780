// 4. Open cases: many approval requests left open (timers sleeping); worker RSS bundling at start-up vs a prebuilt
// bundle, with and without a cache bound; and the inbox API's latency before and after.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowsPath } from '../../temporal/worker';
import { and, eq, like, sql } from 'drizzle-orm';
import { tasks } from '../../db/schema';
import { approvalStateQuery } from '../../workflows/approval/messages';
import { startApprovalRequest } from './drive';
import { latencyOf } from './inbox';
import type { BenchConfig } from './config';
import type { BenchSystem } from './system';
import { fmt, ms, ratio, runPool, sleep, waitUntil, type Row } from './stats';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

const settleMs = 3000;

export async function measureOpenCases(sys: BenchSystem, cfg: BenchConfig, log: (s: string) => void) {
  const run = randomUUID().slice(0, 6);
  const queue = `bench-open-${run}`;
  const prefix = `BENCH-O-${run}`;
  const n = cfg.openWorkflows;
  const workerEnv = {
    NODE_ENV: 'test',
    DATABASE_URL: sys.databaseUrl,
    TEMPORAL_ADDRESS: sys.temporalAddress,
    TEMPORAL_TASK_QUEUE: queue,
    AGENCIES_BASE_URL: sys.agencies.url,
  };
  let current: WorkerProcess | undefined;
  sys.onStop(async () => current?.stop());
  const token = await sys.login('yjj-head');
  const inboxBefore = await latencyOf(sys, 200, '/api/tasks?view=department', token);

  // Default sticky cache: every open workflow stays cached after its first task.
  current = await startWorkerProcess(workerEnv);
  await sleep(settleMs);
  const idle = current.memory();
  await runPool(n, cfg.concurrency, async (i) => {
    const unit = sys.approverIds[i % sys.approverIds.length]!.replace(/-head$/, '');
    await startApprovalRequest(sys.client, queue, {
      caseId: `${prefix}-${i}`,
      departmentId: unit,
      initiatorId: `${unit}-officer`,
      template: 'department',
    });
  });
  const opened = await waitUntil(
    `${n} open approval requests`,
    async () => {
      const [{ c } = { c: 0 }] = await sys.database.db
        .select({ c: sql<number>`count(*)::int` })
        .from(tasks)
        .where(and(like(tasks.caseId, `${prefix}-%`), eq(tasks.status, 'open')));
      return c >= n ? c : undefined;
    },
    120_000 + n * 300,
    1000,
  );
  await sleep(settleMs);
  const loaded = current.memory();
  log(`open cases: ${opened} open; worker RSS ${fmt(idle.rssMb)} MB idle → ${fmt(loaded.rssMb)} MB (default cache)`);
  const inboxAfter = await latencyOf(sys, 200, '/api/tasks?view=department', token);
  await current.stop();

  // The same workers from a prebuilt bundle (WORKFLOW_BUNDLE, as in production): default cache, then a bounded one.
  // A query to every open workflow replays each into the sticky cache (evicting others when it is full).
  const bundle = resolve(cfg.outDir, 'workflow-bundle.js');
  mkdirSync(cfg.outDir, { recursive: true });
  writeFileSync(bundle, (await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') })).code);
  const touchAll = async (cache?: number) => {
    current = await startWorkerProcess({
      ...workerEnv,
      WORKFLOW_BUNDLE: bundle,
      ...(cache ? { WORKER_MAX_CACHED_WORKFLOWS: String(cache) } : {}),
    });
    await sleep(settleMs);
    const before = current.memory();
    const queried = await runPool(n, Math.min(cfg.concurrency, 20), async (i) => {
      await sys.client.workflow.getHandle(`approval-${prefix}-${i}`).query(approvalStateQuery);
    });
    await sleep(settleMs);
    const after = current.memory();
    log(
      `open cases: prebuilt bundle, cache ${cache ?? 'SDK default'}: RSS ${fmt(before.rssMb)} MB idle ` +
        `→ ${fmt(after.rssMb)} MB after querying all ${n} (${queried.errors} errors)`,
    );
    await current.stop();
    current = undefined;
    return { idle: before, afterQueries: after, queryErrors: queried.errors };
  };
  const bundled = await touchAll();
  const boundedRun = await touchAll(cfg.cacheSize);
  const boundedIdle = boundedRun.idle;
  const bounded = boundedRun.afterQueries;
  const inboxBounded = await latencyOf(sys, 200, '/api/tasks?view=department', token);

  const rows: Row[] = [
    {
      measurement: '4 open cases',
      metric: `worker RSS with ${n} open (bundling at start-up, default cache)`,
      value: `${fmt(loaded.rssMb)} MB`,
      baseline: `${fmt(idle.rssMb)} MB idle`,
      ratio: ratio(loaded.rssMb, idle.rssMb),
      target: '<= 300 MB',
    },
    {
      measurement: '4 open cases',
      metric: `worker RSS, WORKFLOW_BUNDLE, default cache, all ${n} queried`,
      value: `${fmt(bundled.afterQueries.rssMb)} MB`,
      baseline: `${fmt(bundled.idle.rssMb)} MB idle`,
      ratio: ratio(bundled.afterQueries.rssMb, bundled.idle.rssMb),
      target: '<= 300 MB',
    },
    {
      measurement: '4 open cases',
      metric: `worker RSS, WORKFLOW_BUNDLE, WORKER_MAX_CACHED_WORKFLOWS=${cfg.cacheSize}, all ${n} queried`,
      value: `${fmt(bounded.rssMb)} MB`,
      baseline: `${fmt(boundedIdle.rssMb)} MB idle`,
      ratio: ratio(bounded.rssMb, boundedIdle.rssMb),
    },
    {
      measurement: '4 open cases',
      metric: 'GET /api/tasks?view=department p50 / p99 after vs before',
      value: `${ms(inboxAfter.p50)} / ${ms(inboxAfter.p99)}`,
      baseline: `${ms(inboxBefore.p50)} / ${ms(inboxBefore.p99)}`,
      ratio: `${ratio(inboxAfter.p50, inboxBefore.p50)} / ${ratio(inboxAfter.p99, inboxBefore.p99)}`,
    },
  ];
  return {
    rows,
    json: {
      openWorkflows: n,
      cacheSize: cfg.cacheSize,
      defaultCache: { idle, loaded },
      bundledDefaultCache: bundled,
      bundledBoundedCache: boundedRun,
      inbox: { before: inboxBefore, after: inboxAfter, afterBounded: inboxBounded },
    },
  };
}
