import { createRoute, z } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { blacklistEntries, departments } from '../../db/schema';
import { blacklistRestrictions, restrictionPeriodProblem } from '../../domain/blacklist';
import { blacklistWorkflow } from '../../workflows/blacklist';
import { blacklistRemovalUpdate } from '../../workflows/blacklist/messages';
import { caseView, deskOf } from '../cases/desk';
import { caseStateQuery } from '../../workflows/case/case-record';
import { requireRole } from '../middleware/auth';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { startCaseWorkflow } from '../start-case';
import { caseNumber, creditCode, isoDate, text } from '../schemas';
import { BlacklistCaseView } from '../responses/case-view';
import { CaseStarted } from '../responses/cases';
import { errors, ok, problem } from '../responses/http';

const StartBody = z
  .object({
    caseNumber,
    enterprise: z.object({ name: text(200), unifiedSocialCreditCode: creditCode, address: text(300).optional() }),
    reason: text(2000),
    decisionNo: text(100),
    restriction: z.object({ startsOn: isoDate, endsOn: isoDate }),
    restrictions: z
      .array(z.enum(blacklistRestrictions))
      .min(1, '至少选择一项限制措施')
      .max(blacklistRestrictions.length),
  })
  .superRefine((b, ctx) => {
    const period = restrictionPeriodProblem(b.restriction);
    if (period)
      ctx.addIssue({
        code: 'custom',
        path: ['restriction', period.field],
        message: period.message,
        params: { rule: period.rule },
      });
  })
  .openapi('BlacklistStart');

const byNumber = z.object({ caseNumber });

const start = createRoute({
  method: 'post',
  path: '/blacklist',
  tags: ['黑名单'],
  summary: '提请列入安全生产黑名单（部门负责人 → 区政府安委办决定）',
  security: [{ bearer: [] }],
  middleware: [requireRole('officer', 'department-head')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: StartBody } } } },
  responses: {
    201: ok(CaseStarted, '已提请'),
    ...errors(400, 401, 403, 413, 422, 503),
    409: problem('编号已存在'),
  },
});
const get = createRoute({
  method: 'get',
  path: '/blacklist/{caseNumber}',
  tags: ['黑名单'],
  summary: '黑名单案件：公示状态、限制期、时间线',
  security: [{ bearer: [] }],
  request: { params: byNumber },
  responses: { 200: ok(BlacklistCaseView, '案件'), ...errors(400, 401, 403, 503), 404: problem('案件不存在') },
});
const removal = createRoute({
  method: 'post',
  path: '/blacklist/{caseNumber}/removal-requests',
  tags: ['黑名单'],
  summary: '提请提前移出黑名单（经审批决定）',
  security: [{ bearer: [] }],
  request: {
    params: byNumber,
    body: {
      required: true,
      content: {
        'application/json': { schema: z.object({ requestId: z.string().uuid().optional(), reason: text(2000) }) },
      },
    },
  },
  responses: {
    200: ok(z.object({ accepted: z.literal(true) }), '已受理，进入审批'),
    ...errors(400, 401, 403, 413, 422, 503),
    404: problem('案件不存在'),
    409: problem('当前不在公示期内'),
  },
});

export const blacklistRouter = createRouter()
  .openapi(start, async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const { temporal, env, database } = c.get('deps');
    const [dept] = await database.db.select().from(departments).where(eq(departments.id, user.departmentId)).limit(1);
    if (!dept) throw HttpProblem.unprocessable('token.departmentId', 'exists', '您所在的单位不存在');
    const workflowId = `blacklist-${body.caseNumber}`;
    await startCaseWorkflow(temporal, env.TEMPORAL_TASK_QUEUE, blacklistWorkflow, {
      workflowId,
      kind: 'blacklist',
      caseNumber: body.caseNumber,
      departmentId: dept.id,
      args: [
        {
          caseNumber: body.caseNumber,
          title: `${body.enterprise.name}列入安全生产黑名单`,
          departmentId: dept.id,
          initiatorId: user.id,
          enterprise: body.enterprise,
          reason: body.reason,
          decisionNo: body.decisionNo,
          restriction: body.restriction,
          restrictions: body.restrictions,
        },
      ],
    });
    return c.json({ workflowId, caseNumber: body.caseNumber }, 201);
  })
  .openapi(get, async (c) => {
    const desk = deskOf(c);
    const row = await desk.find(c.get('user'), 'blacklist', c.req.valid('param').caseNumber, 'read');
    const [entry] = await c
      .get('deps')
      .database.db.select()
      .from(blacklistEntries)
      .where(eq(blacklistEntries.workflowId, row.workflowId))
      .limit(1);
    return c.json({ ...caseView(await desk.detail(row, caseStateQuery)), entry: entry ?? null }, 200);
  })
  .openapi(removal, async (c) => {
    const desk = deskOf(c);
    const user = c.get('user');
    const row = await desk.find(user, 'blacklist', c.req.valid('param').caseNumber, 'act');
    const body = c.req.valid('json');
    const input = { requestId: body.requestId ?? randomUUID(), reason: body.reason };
    const options = { action: 'blacklist.request-removal', fields: { COMMENT_REQUIRED: 'body.reason' } };
    return c.json(await desk.act(user, row, blacklistRemovalUpdate, input, options), 200);
  });
