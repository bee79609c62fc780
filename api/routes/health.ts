import { createRoute, z } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { deepHealthWorkflow } from '../../workflows/deep-health';
import { createRouter } from '../openapi';
import { errors } from '../responses/http';
import { withTimeout } from '../../config/lifecycle';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.object({ ok: z.boolean(), kind: z.string(), error: z.string().optional() }),
    temporal: z.object({ ok: z.boolean(), namespace: z.string(), error: z.string().optional() }),
    workers: z
      .object({
        ok: z.boolean(),
        workflowId: z.string().optional(),
        ms: z.number().optional(),
        error: z.string().optional(),
      })
      .optional(),
  })
  .openapi('Health');

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['运维'],
  summary: '数据库与 Temporal 可达性；任一不可达时 503',
  request: {
    query: z.object({
      deep: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: 'true 时运行一次真实工作流往返，证明工作进程在处理任务' }),
    }),
  },
  responses: {
    200: { description: '正常', content: { 'application/json': { schema: HealthSchema } } },
    ...errors(400),
    503: { description: '不可用', content: { 'application/json': { schema: HealthSchema } } },
  },
});

export const healthRouter = createRouter().openapi(health, async (c) => {
  const { database, temporal, env } = c.get('deps');
  const deep = c.req.valid('query').deep === 'true';
  const [db, tp] = await Promise.all([
    database.ping(2000).then(
      () => ({ ok: true, kind: database.kind }),
      (e: Error) => ({ ok: false, kind: database.kind, error: e.message }),
    ),
    // A deadline on the call itself, so the client's retries stop with it instead of outliving the request.
    temporal.connection
      .withDeadline(Date.now() + 3000, () => temporal.workflowService.getSystemInfo({}))
      .then(
        () => ({ ok: true, namespace: env.TEMPORAL_NAMESPACE }),
        (e: Error) => ({ ok: false, namespace: env.TEMPORAL_NAMESPACE, error: e.message }),
      ),
  ]);
  let workers: z.infer<typeof HealthSchema>['workers'];
  if (deep && db.ok && tp.ok) {
    const workflowId = `deep-health-${randomUUID()}`;
    const started = performance.now();
    try {
      await withTimeout(
        temporal.workflow.execute(deepHealthWorkflow, {
          taskQueue: env.TEMPORAL_TASK_QUEUE,
          workflowId,
          args: [workflowId],
          workflowExecutionTimeout: '30s',
        }),
        15000,
        'the workers',
      );
      workers = { ok: true, workflowId, ms: Math.round(performance.now() - started) };
    } catch (e) {
      workers = { ok: false, workflowId, error: (e as Error).message };
    }
  }
  const ok = db.ok && tp.ok && (workers?.ok ?? true);
  return c.json(
    { status: ok ? ('ok' as const) : ('unavailable' as const), database: db, temporal: tp, workers },
    ok ? 200 : 503,
  );
});
