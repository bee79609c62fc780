// 2. Approval latency: POST /api/tasks/:id/actions under concurrent approvers, against executeUpdate sent directly.
import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import type { WorkflowHandle } from '@temporalio/client';
import { tasks } from '../../db/schema';
import { approveUpdate } from '../../workflows/approval/messages';
import { baselineApprovalWorkflow, baselineApproveUpdate, baselineOpenQuery } from './baseline-workflow';
import { startApprovalRequest } from './drive';
import type { BenchConfig } from './config';
import type { BenchSystem } from './system';
import { ms, ratio, runPool, summarise, waitUntil, type Row } from './stats';

interface OpenTask {
  taskId: string;
  workflowId: string;
  approverId: string;
}

/** Round-robin over approvers, so that concurrent requests come from different people. */
function interleave<T extends { approverId: string }>(list: T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const t of list) groups.set(t.approverId, [...(groups.get(t.approverId) ?? []), t]);
  const queues = [...groups.values()];
  const out: T[] = [];
  for (let i = 0; out.length < list.length; i++) {
    for (const q of queues) {
      const t = q[i];
      if (t) out.push(t);
    }
  }
  return out;
}

async function settle(sys: BenchSystem, list: OpenTask[]): Promise<void> {
  await Promise.allSettled(list.map((t) => sys.client.workflow.getHandle(t.workflowId).result()));
}

/** Starts one single-step ('department') approval request per job and waits until every task is in the inbox. */
async function openTasks(sys: BenchSystem, cfg: BenchConfig, prefix: string, jobs: number): Promise<OpenTask[]> {
  await runPool(jobs, cfg.concurrency, async (i) => {
    const unit = sys.approverIds[i % sys.approverIds.length]!.replace(/-head$/, '');
    await startApprovalRequest(sys.client, sys.mainQueue, {
      caseId: `${prefix}-${i}`,
      departmentId: unit,
      initiatorId: `${unit}-officer`,
      template: 'department',
    });
  });
  const where = and(like(tasks.caseId, `${prefix}-%`), eq(tasks.status, 'open'), eq(tasks.kind, 'approval'));
  return waitUntil(
    `${jobs} open tasks of ${prefix}`,
    async () => {
      const rows = await sys.database.db
        .select({ taskId: tasks.id, workflowId: tasks.workflowId, approverId: tasks.assigneeId })
        .from(tasks)
        .where(where);
      return rows.length >= jobs ? rows : undefined;
    },
    60_000 + jobs * 500,
    500,
  );
}

export async function measureApprovalLatency(sys: BenchSystem, cfg: BenchConfig, log: (s: string) => void) {
  const run = randomUUID().slice(0, 6);
  const jobs = sys.approverIds.length * cfg.approvalsPerApprover;
  const concurrency = sys.approverIds.length;

  const viaApi = await openTasks(sys, cfg, `BENCH-LA-${run}`, jobs);
  const direct = await openTasks(sys, cfg, `BENCH-LD-${run}`, jobs);
  const baselineHandles: WorkflowHandle[] = [];
  await runPool(jobs, cfg.concurrency, async (i) => {
    baselineHandles[i] = await sys.client.workflow.start(baselineApprovalWorkflow, {
      taskQueue: sys.baselineQueue,
      workflowId: `bench-baseline-L-${run}-${i}`,
      args: [{ steps: 1 }],
    });
  });
  await runPool(jobs, cfg.concurrency, async (i) => {
    await waitUntil(
      'baseline step open',
      async () => ((await baselineHandles[i]!.query(baselineOpenQuery)) >= 0 ? true : undefined),
      60_000,
      50,
    );
  });
  const tokens = new Map<string, string>();
  for (const id of sys.approverIds) tokens.set(id, await sys.login(id));
  log(`approval latency: ${jobs} tasks x 3 ready, ${concurrency} approvers`);

  const rawList = interleave(direct);
  const raw = await runPool(rawList.length, concurrency, async (i) => {
    const t = rawList[i]!;
    const actor = sys.actors.get(t.approverId);
    if (!actor) throw new Error(`unknown approver ${t.approverId}`);
    const requestId = randomUUID();
    await sys.client.workflow
      .getHandle(t.workflowId)
      .executeUpdate(approveUpdate, { args: [{ requestId, actor }], updateId: requestId });
  });

  // Let each run's workflows finish (close record, audit) before the next run starts, so runs do not overlap.
  await settle(sys, direct);
  const apiList = interleave(viaApi);
  const api = await runPool(apiList.length, concurrency, async (i) => {
    const t = apiList[i]!;
    const res = await sys.http('POST', `/api/tasks/${t.taskId}/actions`, {
      token: tokens.get(t.approverId),
      body: { action: 'approve', requestId: randomUUID() },
    });
    if (res.status !== 200) throw new Error(`POST actions ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
  });

  await settle(sys, viaApi);
  const base = await runPool(jobs, concurrency, async (i) => {
    const requestId = randomUUID();
    await baselineHandles[i]!.executeUpdate(baselineApproveUpdate, {
      args: [{ requestId, actorId: sys.approverIds[i % concurrency]! }],
      updateId: requestId,
    });
  });
  for (const e of [...api.firstErrors, ...raw.firstErrors, ...base.firstErrors]) log(`  error: ${e}`);

  const a = summarise(api.latencies, api.errors);
  const r = summarise(raw.latencies, raw.errors);
  const b = summarise(base.latencies, base.errors);
  const rows: Row[] = [
    {
      measurement: '2 approval latency',
      metric: `POST /api/tasks/:id/actions p50 (${concurrency} approvers, ${jobs} actions)`,
      value: ms(a.p50),
      baseline: ms(r.p50),
      ratio: ratio(a.p50, r.p50),
    },
    {
      measurement: '2 approval latency',
      metric: 'p95',
      value: ms(a.p95),
      baseline: ms(r.p95),
      ratio: ratio(a.p95, r.p95),
    },
    {
      measurement: '2 approval latency',
      metric: 'p99 (vs executeUpdate on approval workflow)',
      value: ms(a.p99),
      baseline: ms(r.p99),
      ratio: ratio(a.p99, r.p99),
      target: '<= 100 ms, <= 1.3x',
    },
    {
      measurement: '2 approval latency',
      metric: 'p50 / p99 vs executeUpdate on baseline workflow',
      value: `${ms(a.p50)} / ${ms(a.p99)}`,
      baseline: `${ms(b.p50)} / ${ms(b.p99)}`,
      ratio: `${ratio(a.p50, b.p50)} / ${ratio(a.p99, b.p99)}`,
    },
    {
      measurement: '2 approval latency',
      metric: 'errors (api / direct / baseline)',
      value: `${api.errors} / ${raw.errors} / ${base.errors}`,
      baseline: '',
      ratio: '',
    },
  ];
  return {
    rows,
    json: {
      approvers: concurrency,
      actions: jobs,
      api: a,
      directExecuteUpdate: r,
      baselineExecuteUpdate: b,
      errors: [...api.firstErrors, ...raw.firstErrors, ...base.firstErrors],
    },
  };
}
