// Accident cases (§九): register, read, act; and the public list of published reports (no login).
import { createRoute, z } from '@hono/zod-openapi';
import type { UpdateDefinition } from '@temporalio/common';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { cases, departments, publishedReports } from '../../db/schema';
import { checkOccurredAt } from '../../domain/accident-case';
import { classifyAccident } from '../../domain/accident-level';
import { accidentCaseWorkflow } from '../../workflows/accident-case';
import * as m from '../../workflows/accident/messages';
import type { AccidentCaseInput } from '../../workflows/accident/types';
import { caseView, deskOf } from '../cases/desk';
import { caseAccess } from '../cases/policy';
import { requireRole } from '../middleware/auth';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { startCaseWorkflow } from '../start-case';
import { caseNumber, creditCode, text } from '../schemas';
import {
  AccidentActResult,
  AccidentDetail,
  AccidentList,
  AccidentRegistered,
  PublishedAccidentReport,
} from '../responses/accidents';
import { errors, ok, problem } from '../responses/http';

const count0 = (what: string) =>
  z
    .number({ error: `${what}必须为数字` })
    .int(`${what}必须为整数`)
    .nonnegative(`${what}不能为负数`);
const figures = {
  deaths: count0('死亡人数'),
  seriousInjuries: count0('重伤人数'),
  directLossFen: count0('直接经济损失（分）').openapi({ description: '直接经济损失，单位：分' }),
};
const documentRef = z.object({ documentNo: text(100), title: text(), url: z.url().optional() });
const problems = {
  ...errors(400, 401, 403, 503),
  404: problem('案件不存在'),
  409: problem('案件当前阶段不允许此操作'),
  422: problem('请求无法处理'),
};

const RegisterSchema = z.object({
  caseNumber,
  occurredAt: z.iso.datetime({ offset: true, error: '事故发生时间应为带时区的 ISO 时间' }),
  reportedAt: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: '区应急管理局接到事故单位报告的时间（条例第九条，1小时内）' }),
  place: text(),
  enterprise: z.object({ name: text(), unifiedSocialCreditCode: creditCode }),
  industry: text(60),
  ...figures,
  supervisoryDepartmentIds: z
    .array(z.string().min(1))
    .max(20)
    .default([])
    .openapi({ description: '抄送的负有安全生产监督管理职责的部门' }),
  publicationWorkingDays: z
    .number()
    .int()
    .min(1)
    .max(60)
    .optional()
    .openapi({ description: '批复后公开期限（工作日），默认 20' }),
});

const actor = { requestId: z.string().min(8).max(100) };
const ActSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('casualty-change'), ...actor, ...figures, note: z.string().max(500).optional() }),
  z.object({
    action: z.literal('form-team'),
    ...actor,
    leader: text(60),
    members: z.array(z.object({ departmentId: text(40), name: text(60) })).min(1),
  }),
  z.object({ action: z.literal('pause-appraisal'), ...actor, reason: text(500) }),
  z.object({ action: z.literal('resume-appraisal'), ...actor, note: z.string().max(500).optional() }),
  z.object({
    action: z.literal('request-extension'),
    ...actor,
    days: z.number().int().min(1, '延长期限至少 1 日').max(60, '延长期限最长不超过六十日（条例第二十九条）'),
    reason: text(500),
  }),
  z.object({
    action: z.literal('submit-report'),
    ...actor,
    document: documentRef,
    handling: z
      .object({
        penalties: z
          .array(
            z.object({
              party: text(),
              creditCode: creditCode.optional(),
              measure: text(),
              fineFen: count0('罚款金额（分）').optional(),
            }),
          )
          .default([]),
        responsibleUnits: z.array(z.object({ name: text(), creditCode: creditCode.optional() })).default([]),
        suspectedCrimes: z.array(z.object({ suspect: text(), offence: text() })).default([]),
      })
      .optional(),
  }),
  z.object({ action: z.literal('publish'), ...actor, note: z.string().max(500).optional() }),
  z.object({ action: z.literal('copy-receipt'), ...actor, departmentId: text(40) }),
  z.object({ action: z.literal('submit-evaluation'), ...actor, document: documentRef, conclusion: text(2000) }),
  z.object({ action: z.literal('conclude-upward'), ...actor, document: documentRef }),
  z.object({
    action: z.literal('record-penalty-decision'),
    ...actor,
    penaltyIndex: z.number().int().nonnegative(),
    decisionNumber: text(100),
    decidedOn: z.iso.date(),
    servedOn: z.iso.date(),
    serviceMethod: z.enum(['direct', 'left-at-premises', 'post', 'electronic', 'public-notice']),
  }),
]);
type Act = z.infer<typeof ActSchema>;

// Each act's input type is checked by the zod schema above; the map only routes by name.
const route = <I>(d: UpdateDefinition<m.AccidentActResult, [I]>) =>
  d as unknown as UpdateDefinition<m.AccidentActResult, [never]>;
const updates: Record<Act['action'], UpdateDefinition<m.AccidentActResult, [never]>> = {
  'casualty-change': route(m.casualtyChangeUpdate),
  'form-team': route(m.formTeamUpdate),
  'pause-appraisal': route(m.pauseAppraisalUpdate),
  'resume-appraisal': route(m.resumeAppraisalUpdate),
  'request-extension': route(m.requestExtensionUpdate),
  'submit-report': route(m.submitReportUpdate),
  publish: route(m.publishReportUpdate),
  'copy-receipt': route(m.copyReceiptUpdate),
  'submit-evaluation': route(m.submitEvaluationUpdate),
  'conclude-upward': route(m.concludeUpwardUpdate),
  'record-penalty-decision': route(m.recordPenaltyDecisionUpdate),
};

const register = createRoute({
  method: 'post',
  path: '/accidents',
  tags: ['事故调查'],
  summary: '登记生产安全事故（定级，决定调查主体）',
  security: [{ bearer: [] }],
  middleware: [requireRole('officer', 'department-head')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: RegisterSchema } } } },
  responses: {
    201: ok(AccidentRegistered, '已登记'),
    ...errors(400, 401, 403, 413, 422, 503),
    409: problem('事故编号已存在'),
  },
});
const list = createRoute({
  method: 'get',
  path: '/accidents',
  tags: ['事故调查'],
  summary: '事故案件列表（按阶段）',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      stage: z.string().max(40).optional(),
      status: z.enum(['open', 'closed']).optional(),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: ok(AccidentList, '案件列表'),
    ...errors(400, 401, 503),
  },
});
const detail = createRoute({
  method: 'get',
  path: '/accidents/{caseNumber}',
  tags: ['事故调查'],
  summary: '事故案件详情：进度、期限、审计记录',
  security: [{ bearer: [] }],
  request: { params: z.object({ caseNumber: z.string().min(1).max(60) }) },
  responses: { 200: ok(AccidentDetail, '案件'), ...errors(400, 401, 403, 404, 503) },
});
const actRoute = createRoute({
  method: 'post',
  path: '/accidents/{caseNumber}/actions',
  tags: ['事故调查'],
  summary:
    '办理：伤亡变化、调查组、技术鉴定中止/恢复、延期申请、提交报告、公开、签收、处罚决定（启动执行案件）、结案评估',
  security: [{ bearer: [] }],
  request: {
    params: z.object({ caseNumber: z.string().min(1).max(60) }),
    body: { required: true, content: { 'application/json': { schema: ActSchema } } },
  },
  responses: { 200: ok(AccidentActResult, '已受理'), ...problems, ...errors(413) },
});
const publicList = createRoute({
  method: 'get',
  path: '/public/accident-reports',
  tags: ['政务公开'],
  summary: '已公开的事故调查报告（无需登录）',
  responses: {
    200: ok(z.array(PublishedAccidentReport), '已公开的报告'),
    ...errors(503),
  },
});

export const accidentsRouter = createRouter()
  .openapi(register, async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const { temporal, env, database } = c.get('deps');
    const db = database.db;
    // Checked before anything is written: an accident cannot lie in the future.
    const now = Date.now();
    const timing = [
      ...checkOccurredAt(body.occurredAt, now),
      ...(body.reportedAt ? checkOccurredAt(body.reportedAt, now, 'body.reportedAt') : []),
    ];
    if (body.reportedAt && Date.parse(body.reportedAt) < Date.parse(body.occurredAt))
      timing.push({ field: 'body.reportedAt', rule: 'after_occurrence', message: '接报时间不能早于事故发生时间' });
    if (timing.length)
      throw new HttpProblem(422, '请求无法处理', timing.map((p) => `${p.field}: ${p.message}`).join('; '), timing);
    const ids = [...new Set(body.supervisoryDepartmentIds)];
    const found = ids.length ? await db.select().from(departments).where(inArray(departments.id, ids)) : [];
    const unknown = ids.filter((id) => !found.some((d) => d.id === id && d.hasSupervisoryDuty));
    if (unknown.length)
      throw HttpProblem.unprocessable(
        'body.supervisoryDepartmentIds',
        'supervisory_department',
        `不是负有安全生产监督管理职责的部门: ${unknown.join('、')}`,
      );
    const input: AccidentCaseInput = {
      ...body,
      supervisoryDepartmentIds: ids,
      departmentId: user.departmentId,
      initiatorId: user.id,
    };
    const c3 = classifyAccident({
      deaths: body.deaths,
      seriousInjuries: body.seriousInjuries,
      directLossFen: body.directLossFen,
    });
    const workflowId = `accident-${body.caseNumber}`;
    await startCaseWorkflow(temporal, env.TEMPORAL_TASK_QUEUE, accidentCaseWorkflow, {
      workflowId,
      kind: 'accident',
      caseNumber: body.caseNumber,
      departmentId: user.departmentId,
      args: [input],
      conflict: `事故编号 ${body.caseNumber} 已存在`,
    });
    return c.json(
      {
        workflowId,
        caseNumber: body.caseNumber,
        level: c3.level,
        levelName: c3.nameZh,
        investigatedBy: c3.investigatedByZh,
      },
      201,
    );
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const user = c.get('user');
    const db = c.get('deps').database.db;
    const where = and(
      eq(cases.kind, 'accident'),
      q.stage ? eq(cases.stage, q.stage) : undefined,
      q.status ? eq(cases.status, q.status) : undefined,
      caseAccess(user, 'read', ['accident']),
    );
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(cases)
        .where(where)
        .orderBy(desc(cases.openedAt))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db.select({ n: count() }).from(cases).where(where),
    ]);
    return c.json(
      {
        total: Number(total?.n ?? 0),
        items: rows.map((r) => ({
          caseNumber: r.caseNumber,
          title: r.title,
          stage: r.stage,
          stageLabel: r.stageLabel,
          status: r.status,
          level: r.summary.level as string | undefined,
          levelName: r.summary.levelName as string | undefined,
          nextDeadline: r.nextDeadline,
          openedAt: r.openedAt,
        })),
      },
      200,
    );
  })
  .openapi(detail, async (c) => {
    const desk = deskOf(c);
    const row = await desk.find(c.get('user'), 'accident', c.req.valid('param').caseNumber, 'read');
    const { timeline, ...view } = caseView(await desk.detail(row, m.accidentStateQuery));
    return c.json({ ...view, audit: timeline }, 200);
  })
  .openapi(actRoute, async (c) => {
    const desk = deskOf(c);
    const user = c.get('user');
    const { action, ...input } = c.req.valid('json');
    // A copied-to department may read the case, and only confirms receipt of its copy; the rest is the unit's.
    const row = await desk.find(
      user,
      'accident',
      c.req.valid('param').caseNumber,
      action === 'copy-receipt' ? 'read' : 'act',
    );
    const whenClosed = `案件 ${row.caseNumber} 已结案，不能再${action === 'submit-report' ? '提交调查报告' : '办理'}`;
    return c.json(
      await desk.act(user, row, updates[action], input as never, { action: `accident.${action}`, whenClosed }),
      200,
    );
  });

export const publicAccidentReportsRouter = createRouter().openapi(publicList, async (c) => {
  const rows = await c
    .get('deps')
    .database.db.select()
    .from(publishedReports)
    .orderBy(desc(publishedReports.publishedAt));
  return c.json(
    rows.map((r) => ({
      caseNumber: r.caseNumber,
      title: r.title,
      levelName: r.levelName,
      enterpriseName: r.enterpriseName,
      occurredOn: r.occurredOn,
      approvedOn: r.approvedOn,
      publishedAt: r.publishedAt,
      documentUrl: r.documentUrl,
      legalBasis: r.legalBasis,
      evaluationPublishedAt: r.evaluationPublishedAt,
      evaluationUrl: r.evaluationUrl,
    })),
    200,
  );
});
