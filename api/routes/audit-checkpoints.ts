import { createRoute } from '@hono/zod-openapi';
import { exportCheckpoints, writeCheckpoint } from '../../db/audit-checkpoints';
import { requireRole } from '../middleware/auth';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { errors, ok, problem } from '../responses/http';
import { AuditCheckpoint, AuditCheckpointExport } from '../responses/org';

const list = createRoute({
  method: 'get',
  path: '/audit/checkpoints',
  tags: ['审计'],
  summary: '导出审计链的 SM2 签名检查点（供外部存证）',
  security: [{ bearer: [] }],
  middleware: [requireRole('admin', 'safety-office')] as const,
  responses: {
    200: ok(AuditCheckpointExport, '检查点及验证所需的公钥和算法'),
    ...errors(401, 403, 503),
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
    201: ok(AuditCheckpoint, '检查点'),
    ...errors(401, 403, 503),
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
