// 1. Throughput: three-step approval requests driven by Updates, against the baseline workflow in the same run.
import { randomUUID } from 'node:crypto';
import { approveUpdate } from '../../workflows/approval/messages';
import type { Actor } from '../../workflows/approval/types';
import { baselineApprovalWorkflow, baselineApproveUpdate } from './baseline-workflow';
import { startApprovalRequest, updateWhenOpen, type RetryStats } from './drive';
import type { BenchConfig } from './config';
import type { BenchSystem } from './system';
import { fmt, ms, ratio, runPool, summarise, type Row } from './stats';

// The assignees of department-legal-government for a case of 区应急管理局: 部门负责人 → 法制审核 → 区政府.
const chain = ['yjj-head', 'sfj-reviewer1', 'gov-leader'];

export async function measureThroughput(sys: BenchSystem, cfg: BenchConfig, log: (s: string) => void) {
  const actors: Actor[] = chain.map((id) => {
    const a = sys.actors.get(id);
    if (!a) throw new Error(`seed user ${id} missing`);
    return a;
  });
  const run = randomUUID().slice(0, 6);

  const approval = async (count: number, tag: string, stats: RetryStats) =>
    runPool(count, cfg.concurrency, async (i) => {
      const handle = await startApprovalRequest(sys.client, sys.mainQueue, {
        caseId: `BENCH-T${tag}-${run}-${i}`,
        departmentId: 'yjj',
        initiatorId: 'yjj-officer1',
        template: 'department-legal-government',
      });
      for (const actor of actors)
        await updateWhenOpen(handle, approveUpdate, (requestId) => ({ requestId, actor }), stats);
      const result = await handle.result();
      if (result.outcome !== 'approved') throw new Error(`approval ${handle.workflowId} ended ${result.outcome}`);
    });
  const baseline = async (count: number, tag: string, stats: RetryStats) =>
    runPool(count, cfg.concurrency, async (i) => {
      const handle = await sys.client.workflow.start(baselineApprovalWorkflow, {
        taskQueue: sys.baselineQueue,
        workflowId: `bench-baseline-T${tag}-${run}-${i}`,
        args: [{ steps: chain.length }],
      });
      for (const actor of actors)
        await updateWhenOpen(handle, baselineApproveUpdate, (requestId) => ({ requestId, actorId: actor.id }), stats);
      await handle.result();
    });

  // Warm both workers (bundles loaded, connections open) before timing.
  const warm = Math.min(5, cfg.workflows);
  await baseline(warm, 'w', { retries: 0 });
  await approval(warm, 'w', { retries: 0 });

  const baseStats: RetryStats = { retries: 0 };
  const b = await baseline(cfg.workflows, 'b', baseStats);
  log(`throughput baseline: ${cfg.workflows} in ${fmt(b.wallMs / 1000, 1)} s, ${b.errors} errors`);
  const appStats: RetryStats = { retries: 0 };
  const a = await approval(cfg.workflows, 'a', appStats);
  log(`throughput approval: ${cfg.workflows} in ${fmt(a.wallMs / 1000, 1)} s, ${a.errors} errors`);
  for (const e of [...a.firstErrors, ...b.firstErrors]) log(`  error: ${e}`);

  const rate = (r: { latencies: number[]; wallMs: number }) => (r.latencies.length / r.wallMs) * 1000;
  const aRate = rate(a);
  const bRate = rate(b);
  const aLat = summarise(a.latencies, a.errors);
  const bLat = summarise(b.latencies, b.errors);
  const rows: Row[] = [
    {
      measurement: '1 throughput',
      metric: `completed/s (${cfg.workflows} x 3 steps, ${cfg.concurrency} in flight)`,
      value: fmt(aRate, 2),
      baseline: fmt(bRate, 2),
      ratio: ratio(bRate, aRate),
      target: '<= 1.5x',
    },
    {
      measurement: '1 throughput',
      metric: 'per-workflow p50 / p99',
      value: `${ms(aLat.p50)} / ${ms(aLat.p99)}`,
      baseline: `${ms(bLat.p50)} / ${ms(bLat.p99)}`,
      ratio: ratio(aLat.p50, bLat.p50),
    },
    {
      measurement: '1 throughput',
      metric: 'STEP_CLOSED retries / errors',
      value: `${appStats.retries} / ${a.errors}`,
      baseline: `${baseStats.retries} / ${b.errors}`,
      ratio: '',
    },
  ];
  return {
    rows,
    json: {
      workflows: cfg.workflows,
      concurrency: cfg.concurrency,
      approval: { perSecond: aRate, wallMs: a.wallMs, latency: aLat, retries: appStats.retries, errors: a.firstErrors },
      baseline: {
        perSecond: bRate,
        wallMs: b.wallMs,
        latency: bLat,
        retries: baseStats.retries,
        errors: b.firstErrors,
      },
      ratio: bRate / aRate,
    },
  };
}
