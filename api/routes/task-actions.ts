import { createRoute, z } from '@hono/zod-openapi';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { deskOf } from '../cases/desk';
import { actOnApproval, actOnTask, type ActionRequest } from '../approval-actions';
import { requireRole } from '../middleware/auth';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { errors, ok, problem } from '../responses/http';
import { ApprovalActionResult } from '../responses/approval';
import { BulkApprovalResult, TaskActionResult } from '../responses/tasks';

const actions = [
  'approve',
  'reject',
  'return',
  'withdraw',
  'transfer',
  'add-signer',
  'urge',
  'comment',
  'resubmit',
  'retry',
  'abandon',
] as const;

const ActionBody = z
  .object({
    action: z.enum(actions),
    requestId: z.string().uuid('requestId 必须是 UUID（客户端生成，用于幂等）'),
    comment: z.string().max(2000).optional(),
    returnTo: z.string().max(64).optional(),
    targetUserId: z.string().max(64).optional(),
    position: z.enum(['before', 'after']).optional(),
    revision: z.record(z.string(), z.unknown()).optional(),
    corrections: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.action === 'return' && !b.returnTo)
      ctx.addIssue({ code: 'custom', path: ['returnTo'], message: '退回必须指定退回到的环节' });
    if ((b.action === 'transfer' || b.action === 'add-signer') && !b.targetUserId)
      ctx.addIssue({ code: 'custom', path: ['targetUserId'], message: '必须指定办理人' });
    if (b.action === 'add-signer' && !b.position)
      ctx.addIssue({ code: 'custom', path: ['position'], message: '加签必须指明在本人之前或之后' });
  })
  .openapi('TaskAction');

const taskId = z.string().regex(/^t_[0-9a-f]{24}$/, '待办编号格式无效');
const conflict = problem('待办已办结或案件状态不允许');
const unprocessable = problem('缺少必填意见或办理人不符合条件');

const act = createRoute({
  method: 'post',
  path: '/tasks/{id}/actions',
  tags: ['待办'],
  summary: '办理待办：同意、不同意、退回、撤回、转办、加签、催办、意见、重新提交',
  security: [{ bearer: [] }],
  request: {
    params: z.object({ id: taskId }),
    body: { required: true, content: { 'application/json': { schema: ActionBody } } },
  },
  responses: {
    200: ok(TaskActionResult, '已办理'),
    ...errors(400, 401, 403, 413, 503),
    404: problem('待办不存在'),
    409: conflict,
    422: unprocessable,
  },
});

const bulk = createRoute({
  method: 'post',
  path: '/tasks/bulk-approve',
  tags: ['待办'],
  summary: '批量同意（部门负责人）；每项仍单独办理并单独留痕',
  security: [{ bearer: [] }],
  middleware: [requireRole('department-head')] as const,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            items: z
              .array(z.object({ taskId, requestId: z.string().uuid() }))
              .min(1)
              .max(100),
            comment: z.string().max(2000).optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: ok(BulkApprovalResult, '逐项结果'),
    ...errors(400, 401, 403, 413, 503),
  },
});

const caseAct = createRoute({
  method: 'post',
  path: '/approvals/{workflowId}/actions',
  tags: ['待办'],
  summary: '发起人撤回、催办或发表意见（不需要待办）',
  security: [{ bearer: [] }],
  request: {
    params: z.object({ workflowId: z.string().min(1).max(200) }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            action: z.enum(['withdraw', 'urge', 'comment']),
            requestId: z.string().uuid('requestId 必须是 UUID'),
            comment: z.string().max(2000).optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: ok(ApprovalActionResult, '已办理'),
    ...errors(400, 401, 403, 413, 503),
    404: problem('案件不存在或无权查看'),
    409: conflict,
    422: unprocessable,
  },
});

export const taskActionsRouter = createRouter()
  .openapi(caseAct, async (c) => {
    const result = await actOnApproval(deskOf(c), c.get('user'), c.req.valid('param').workflowId, c.req.valid('json'));
    return c.json(result, 200);
  })
  .openapi(act, async (c) => {
    const result = await actOnTask(
      deskOf(c),
      c.get('deps').database.db,
      c.get('user'),
      c.req.valid('param').id,
      c.req.valid('json') as ActionRequest,
    );
    return c.json(result, 200);
  })
  .openapi(bulk, async (c) => {
    const [desk, db] = [deskOf(c), c.get('deps').database.db];
    const { items, comment } = c.req.valid('json');
    const results = [];
    // One Update and one audit record per task, in order, so each decision stands on its own.
    for (const item of items) {
      try {
        await actOnTask(desk, db, c.get('user'), item.taskId, {
          action: 'approve',
          requestId: item.requestId,
          comment,
        });
        results.push({ taskId: item.taskId, status: 200 });
      } catch (err) {
        if (err instanceof HttpProblem)
          results.push({ taskId: item.taskId, status: err.status, detail: err.detail ?? err.title });
        else if (err instanceof WorkflowUpdateFailedError)
          results.push({ taskId: item.taskId, status: 422, detail: err.message });
        else throw err;
      }
    }
    return c.json({ results }, 200);
  });
