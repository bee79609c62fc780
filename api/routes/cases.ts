import { createRoute, z } from '@hono/zod-openapi';
import { auditOf, deadlinesOf, listCases } from '../../db/queries/cases';
import { deskOf } from '../cases/desk';
import { caseAccess } from '../cases/policy';
import { createRouter } from '../openapi';

import { CaseDetail, CaseList } from '../responses/cases';
import { errors, ok } from '../responses/http';

const kinds = [
  'enforcement',
  'criminal-transfer',
  'accident',
  'blacklist',
  'annual-plan',
  'plan-cycle',
  'entrustment',
  'approval-request',
] as const;

const list = createRoute({
  method: 'get',
  path: '/cases',
  tags: ['案件'],
  summary: '所有类型的案件（本单位的，及本人经办的；安委办与区领导可见全部）',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      kind: z.enum(kinds).optional(),
      status: z.enum(['open', 'closed']).optional(),
      q: z.string().trim().min(1).max(60).optional().openapi({ description: '案件编号或标题' }),
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(30),
    }),
  },
  responses: { 200: ok(CaseList, '案件'), ...errors(400, 401, 503) },
});

const detail = createRoute({
  method: 'get',
  path: '/cases/{workflowId}',
  tags: ['案件'],
  summary: '案件时间线：各环节、经办人、代理、时间、法律依据及各期限是否遵守',
  security: [{ bearer: [] }],
  request: { params: z.object({ workflowId: z.string().min(1).max(200) }) },
  responses: { 200: ok(CaseDetail, '案件'), ...errors(400, 401, 403, 404, 503) },
});

export const casesRouter = createRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const { rows, total } = await listCases(c.get('deps').database.db, caseAccess(c.get('user'), 'read'), q);
    return c.json({ items: rows, total, page: q.page, pageSize: q.pageSize }, 200);
  })
  .openapi(detail, async (c) => {
    const db = c.get('deps').database.db;
    const found = await deskOf(c).lookup(c.get('user'), { workflowId: c.req.valid('param').workflowId }, 'read');
    const [deadlines, history] = await Promise.all([deadlinesOf(db, [found.workflowId]), auditOf(db, found)]);
    return c.json({ case: found, deadlines, history: history.map(({ prevHash: _p, ...r }) => r) }, 200);
  });
