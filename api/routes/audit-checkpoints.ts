import { createRoute, z } from '@hono/zod-openapi';
import { exportCheckpoints, writeCheckpoint } from '../../db/audit-checkpoints';
import { requireRole } from '../middleware/auth';
import { createRouter, problemResponses } from '../openapi';
import { HttpProblem } from '../problem';
import { problem } from '../schemas';

const list = createRoute({
  method: 'get',
  path: '/audit/checkpoints',
  tags: ['审计'],
  summary: '导出审计链的 SM2 签名检查点（供外部存证）',
  security: [{ bearer: [] }],
  middleware: [requireRole('admin', 'safety-office')] as const,
  responses: {
    200: { description: '检查点及验证所需的公钥和算法', content: { 'application/json': { schema: z.any() } } },
    ...problemResponses,
  },
});

const create = createRoute({
  method: 'post',
  path: '/audit/checkpoints',
  tags: ['审计'],
  summary: '立即为审计链当前链头签署检查点',
  security: [{ bearer: [] }],
  middleware: [requireRole('admin')] as const,
  responses: {
    201: { description: '检查点', content: { 'application/json': { schema: z.any() } } },
    ...problemResponses,
    409: problem('审计链为空'),
  },
});

export const auditCheckpointsRouter = createRouter()
  .openapi(list, async (c) => c.json(await exportCheckpoints(c.get('deps').database.db), 200))
  .openapi(create, async (c) => {
    const checkpoint = await writeCheckpoint(c.get('deps').database.db);
    if (!checkpoint) throw HttpProblem.conflict('审计链为空，无可签署的链头');
    return c.json(checkpoint, 201);
  });
