import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { departments } from '../../db/schema';
import { approvalRequestWorkflow } from '../../workflows/approval-request';
import { approvalTemplates } from '../../workflows/approval/templates';
import { requireRole } from '../middleware/auth';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { startCaseWorkflow } from '../start-case';
import { CaseStarted } from '../responses/cases';
import { errors, ok, problem } from '../responses/http';

const start = createRoute({
  method: 'post',
  path: '/approval-requests',
  tags: ['审批'],
  summary: '发起审批事项（按审批路线：部门负责人 → 法制审核 → 区政府）',
  security: [{ bearer: [] }],
  middleware: [requireRole('officer', 'department-head')] as const,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            caseNumber: z.string().regex(/^[\p{L}\p{N}〔〕()（）\-_.]{3,60}$/u, '编号含不允许的字符'),
            title: z.string().trim().min(2).max(200),
            template: z.enum(Object.keys(approvalTemplates) as [keyof typeof approvalTemplates]),
            content: z.record(z.string(), z.unknown()).optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: ok(CaseStarted, '已发起'),
    ...errors(400, 401, 403, 413, 422, 503),
    409: problem('编号已存在'),
  },
});

export const approvalRequestsRouter = createRouter().openapi(start, async (c) => {
  const body = c.req.valid('json');
  const user = c.get('user');
  const { temporal, env, database } = c.get('deps');
  const [dept] = await database.db.select().from(departments).where(eq(departments.id, user.departmentId)).limit(1);
  if (!dept) throw HttpProblem.unprocessable('token.dept', 'exists', '您所在的单位不存在');
  const workflowId = `approval-${body.caseNumber}`;
  await startCaseWorkflow(temporal, env.TEMPORAL_TASK_QUEUE, approvalRequestWorkflow, {
    workflowId,
    kind: 'approval-request',
    caseNumber: body.caseNumber,
    departmentId: user.departmentId,
    args: [
      {
        caseId: body.caseNumber,
        title: body.title,
        departmentId: user.departmentId,
        initiatorId: user.id,
        steps: approvalTemplates[body.template],
        content: body.content,
      },
    ],
  });
  return c.json({ workflowId, caseNumber: body.caseNumber }, 201);
});
