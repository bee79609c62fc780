import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { createAgencyGateway } from '../../agencies/gateway';
import { gatewayConfigUnder } from '../../agencies/config';
import { tasks } from '../../db/schema';
import { resolveAttentionUpdate } from '../../workflows/agency/messages';
import { agencyProbeWorkflow, type ProbeRequest } from './fixtures/agency-probe-workflows';
import { createWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

let t: WorkflowTestEnv;
let worker: Worker;
let running: Promise<void>;
beforeAll(async () => {
  t = await createWorkflowTestEnv();
  const gateway = createAgencyGateway(gatewayConfigUnder(t.agencies.url, { timeoutMs: 1500 }));
  worker = await Worker.create({
    connection: t.env.nativeConnection,
    taskQueue: t.taskQueue,
    workflowsPath: fileURLToPath(new URL('./fixtures/agency-probe-workflows.ts', import.meta.url)),
    activities: createActivities({ db: t.database.db, gateway, workerIdentity: 'agency-test' }),
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await t?.teardown();
});

const admin = (path: string, body?: unknown) =>
  fetch(`${t.agencies.url}/__admin/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  }).then((r) => r.json());

const copyRequest = (caseRef: string): ProbeRequest => ({
  idempotencyKey: `${caseRef}:procuratorate-copy`,
  callbackRef: caseRef,
  payload: {
    caseRef,
    transferLetterNo: `北碚应急移〔2026〕${caseRef.slice(-3)}号`,
    materials: [{ title: '涉嫌犯罪案件移送书' }],
  },
});

async function filingsFor(caseRef: string): Promise<number> {
  const records = await admin('records?agency=procuratorate');
  return (records.filings as Array<{ caseRef?: string; body?: { caseRef?: string } }>).filter(
    (f) => (f.caseRef ?? f.body?.caseRef) === caseRef,
  ).length;
}

describe('agency calls from workflows', () => {
  it('files exactly once despite two server errors and retries', async () => {
    const caseRef = `AC-${randomUUID().slice(0, 6)}`;
    await admin('faults', { agency: 'procuratorate', kind: '5xx', count: 2 });
    const result = await t.env.client.workflow.execute(agencyProbeWorkflow, {
      taskQueue: t.taskQueue,
      workflowId: `probe-${caseRef}`,
      args: [copyRequest(caseRef)],
    });
    expect(result).toMatchObject({ ok: true, result: { receiptNo: expect.any(String) } });
    const records = await admin('records?agency=procuratorate');
    expect(
      records.requests.filter((r: { path: string; status?: number }) => r.path.includes('cop')).length,
    ).toBeGreaterThanOrEqual(3);
    expect(await filingsFor(caseRef)).toBe(1);
  });

  it(
    'a refusal (4xx) opens a needs-attention task instead of failing the case; a retry after correction files ' +
      'once',
    async () => {
      const caseRef = `AC-${randomUUID().slice(0, 6)}`;
      await admin('faults', { agency: 'procuratorate', kind: 'refuse', count: 1, status: 422 });
      const handle = await t.env.client.workflow.start(agencyProbeWorkflow, {
        taskQueue: t.taskQueue,
        workflowId: `probe-${caseRef}`,
        args: [copyRequest(caseRef)],
      });
      let task;
      for (let i = 0; i < 100 && !task; i++) {
        [task] = await t.database.db
          .select()
          .from(tasks)
          .where(
            and(eq(tasks.workflowId, handle.workflowId), eq(tasks.kind, 'needs-attention'), eq(tasks.status, 'open')),
          );
        if (!task) await new Promise((r) => setTimeout(r, 50));
      }
      expect(task).toMatchObject({ assigneeId: 'yjj-head', stepName: '需处理：抄送检察院被退回' });
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await handle.executeUpdate(resolveAttentionUpdate, {
        args: [
          {
            requestId: randomUUID(),
            taskId: String(task!.detail!.attentionKey),
            resolution: 'retry',
            actorId: 'yjj-head',
            comment: '已补正材料',
          },
        ],
      });
      expect(await handle.result()).toMatchObject({ ok: true });
      expect(await filingsFor(caseRef)).toBe(1);
      const [closed] = await t.database.db.select().from(tasks).where(eq(tasks.id, task!.id));
      expect(closed!.status).toBe('done');
    },
  );

  it('a slow agency does not hold up other cases; its call times out, is retried and still files once', async () => {
    const slowRef = `AC-${randomUUID().slice(0, 6)}`;
    const fastRef = `AC-${randomUUID().slice(0, 6)}`;
    await admin('faults', { agency: 'procuratorate', kind: 'slow', count: 1, delayMs: 4000 });
    const slow = await t.env.client.workflow.start(agencyProbeWorkflow, {
      taskQueue: t.taskQueue,
      workflowId: `probe-${slowRef}`,
      args: [copyRequest(slowRef)],
    });
    await new Promise((r) => setTimeout(r, 200)); // the slow request is in flight first
    const fast = await t.env.client.workflow.execute(agencyProbeWorkflow, {
      taskQueue: t.taskQueue,
      workflowId: `probe-${fastRef}`,
      args: [copyRequest(fastRef)],
    });
    expect(fast).toMatchObject({ ok: true });
    expect((await slow.describe()).status.name).toBe('RUNNING');
    expect(await slow.result()).toMatchObject({ ok: true });
    expect(await filingsFor(slowRef)).toBe(1);
  });
});
