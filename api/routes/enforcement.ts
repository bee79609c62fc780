// Enforcement cases (§十二): start when a penalty decision is served, read with live surcharge and deadlines,
// act (payments, challenges, deferral, demand service, statement, materials, higher-court review), list,
// and the court tracker.
import { createRoute, z } from '@hono/zod-openapi';
import { and, count, desc, eq, exists, lt, sql, type SQL } from 'drizzle-orm';
import { appendAudit } from '../../db/audit-trail';
import { currentCalendarSnapshot } from '../../db/calendar-store';
import { entrustmentRecordsOf } from '../../db/entrustment-store';
import { caseDeadlines, cases, departments } from '../../db/schema';
import { todayInShanghai } from '../../domain/dates';
import { authoriseEntrustedAct } from '../../domain/entrustment';
import { enforcementCaseWorkflow } from '../../workflows/enforcement-case';
import {
  enforcementViewQuery,
  recordChallengeUpdate,
  recordCourtReviewUpdate,
  recordEnforcementAgreementUpdate,
  recordPublicationUpdate,
  recordDemandServiceUpdate,
  recordPaymentUpdate,
  recordStatementUpdate,
  requestDeferralUpdate,
  supplementMaterialsUpdate,
} from '../../workflows/enforcement/messages';
import { serviceMethods } from '../../workflows/enforcement/types';
import { deskOf } from '../cases/desk';
import { caseAccess, seesDistrict } from '../cases/policy';
import { courtTracker, enforcementDetail, liveBalance } from '../enforcement-view';
import { recordDenial, requireRole } from '../middleware/auth';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { startCaseWorkflow } from '../start-case';
import { isoDate, text } from '../schemas';
import { CaseStarted } from '../responses/cases';
import { ActionAccepted } from '../responses/case-view';
import { CourtTrackerEntry, EnforcementCaseDetail, EnforcementCaseList } from '../responses/enforcement';
import { errors, ok, problem } from '../responses/http';

const fen = z.number().int('金额必须为整数（分）');
const decisionNumber = z.string().regex(/^[\p{L}\p{N}〔〕()（）[\]\-_.]{3,80}$/u, '文号含不允许的字符');

const StartBody = z
  .object({
    decisionNumber,
    decidedOn: isoDate,
    party: z.object({
      name: text(200),
      unifiedSocialCreditCode: z
        .string()
        .regex(/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/, '统一社会信用代码格式无效')
        .optional(),
      address: text(300).optional(),
      phone: z
        .string()
        .regex(/^1[3-9]\d{9}$/, '手机号格式无效')
        .optional(),
    }),
    fineFen: fen.nonnegative('罚款金额不能为负数').max(10_000_000_000_000),
    rectification: z.array(text(500)).max(50).optional(),
    servedOn: isoDate,
    serviceMethod: z.enum(serviceMethods),
    noticePublishedOn: isoDate
      .optional()
      .openapi({ description: '公告送达：公告发出之日；自该日起经过三十日视为送达（民事诉讼法第九十五条）' }),
    onTheSpot: z
      .boolean()
      .optional()
      .openapi({ description: '当场作出的处罚决定（行政处罚法第五十一条）：复议前置，无直接起诉期限' }),
    remediesStated: z
      .boolean()
      .optional()
      .openapi({ description: '决定书是否告知了复议、诉讼的权利和期限；未告知的，期限最长一年（默认 true）' }),
    publishedOn: isoDate.optional().openapi({ description: '处罚决定已公开之日（安全生产法第七十八条第二款）' }),
    departmentId: z.string().min(1).max(40),
    facts: text(5000).optional(),
    reasons: text(5000).optional(),
    legalBasisText: text(2000).optional(),
    demandServed: z
      .object({ servedOn: isoDate, method: z.enum(serviceMethods) })
      .optional()
      .openapi({ description: '存量案件：催告书已在系统外送达的日期和方式' }),
    actingOrgId: z
      .string()
      .min(1)
      .max(60)
      .optional()
      .openapi({ description: '以委托机关名义作出决定的受委托组织（行政处罚法第二十条）' }),
    actingPowerId: z.string().min(1).max(60).optional().openapi({ description: '受委托实施的职权编号（权力清单）' }),
  })
  .superRefine((b, ctx) => {
    if (b.fineFen === 0 && !b.rectification?.length)
      ctx.addIssue({ code: 'custom', path: ['fineFen'], message: '罚款为零时必须列明整改义务' });
    if (b.actingOrgId && !b.actingPowerId)
      ctx.addIssue({ code: 'custom', path: ['actingPowerId'], message: '受委托组织作出的决定须注明所实施的职权' });
  })
  .openapi('EnforcementCaseStart');

const base = {
  requestId: z.string().uuid('requestId 必须是 UUID（客户端生成，用于幂等）'),
  comment: z.string().max(2000).optional(),
};
const ActBody = z
  .discriminatedUnion('action', [
    z.object({
      action: z.literal('record-payment'),
      ...base,
      amountFen: fen.positive('缴款金额必须大于零'),
      paidOn: isoDate,
      reference: text(100).optional(),
    }),
    z.object({
      action: z.literal('record-challenge'),
      ...base,
      kind: z.enum(['reconsideration', 'litigation']),
      event: z.enum(['filed', 'decided', 'accepted', 'extended', 'appealed']),
      date: isoDate,
      outcome: z.enum(['upheld', 'revoked', 'varied']).optional(),
      newFineFen: fen.positive().optional(),
      instance: z.enum(['first', 'second']).optional(),
      servedOn: isoDate.optional().openapi({ description: '判决书送达之日（上诉期限自此起算）' }),
      simpleProcedure: z.boolean().optional(),
      extendedDays: z.number().int().min(1).max(30).optional(),
    }),
    z.object({
      action: z.literal('request-deferral'),
      ...base,
      kind: z.enum(['deferral', 'instalments']),
      deferredTo: isoDate.optional(),
      instalments: z
        .array(z.object({ dueDate: isoDate, amountFen: fen.positive() }))
        .max(36)
        .optional(),
      reason: text(2000),
    }),
    z.object({
      action: z.literal('record-demand-service'),
      ...base,
      servedOn: isoDate,
      method: z.enum(serviceMethods),
      recipient: text(100).optional(),
    }),
    z.object({ action: z.literal('record-statement'), ...base, receivedOn: isoDate, summary: text(5000) }),
    z.object({
      action: z.literal('supplement-materials'),
      ...base,
      facts: text(5000).optional(),
      reasons: text(5000).optional(),
      legalBasisText: text(2000).optional(),
    }),
    z.object({
      action: z.literal('record-court-review'),
      ...base,
      event: z.enum(['filed', 'decided']),
      date: isoDate,
      outcome: z.enum(['accepted', 'enforce', 'refused']).optional(),
    }),
    // 执行协议 reducing or waiving accrued surcharge (行政强制法 Art. 42), decided by the department.
    z.object({
      action: z.literal('record-enforcement-agreement'),
      ...base,
      agreementNo: text(80),
      decidedOn: isoDate,
      reductionFen: z.number().int().positive().optional(),
      waiveAll: z.boolean().optional(),
      remedialMeasures: text(2000),
    }),
    // Publication of the penalty decision (安全生产法 Art. 78 ¶2) and its withdrawal (行政处罚法 Art. 48).
    z.object({
      action: z.literal('record-publication'),
      ...base,
      event: z.enum(['published', 'withdrawn']),
      date: isoDate,
    }),
  ])
  .openapi('EnforcementCaseAction');

const updates = {
  'record-payment': recordPaymentUpdate,
  'record-challenge': recordChallengeUpdate,
  'request-deferral': requestDeferralUpdate,
  'record-demand-service': recordDemandServiceUpdate,
  'record-statement': recordStatementUpdate,
  'supplement-materials': supplementMaterialsUpdate,
  'record-court-review': recordCourtReviewUpdate,
  'record-enforcement-agreement': recordEnforcementAgreementUpdate,
  'record-publication': recordPublicationUpdate,
} as const;

const byNumber = z.object({ caseNumber: decisionNumber });
const tags = ['罚款强制执行'];

const start = createRoute({
  method: 'post',
  path: '/enforcement-cases',
  tags,
  summary: '行政处罚决定书送达后立案：十五日缴款期限、复议诉讼期限、加处罚款',
  security: [{ bearer: [] }],
  middleware: [requireRole('officer', 'department-head')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: StartBody } } } },
  responses: {
    201: ok(CaseStarted, '已立案'),
    ...errors(400, 401, 403, 413, 503),
    409: problem('文号已立案'),
    422: problem('单位、日期或委托授权不符'),
  },
});
const get = createRoute({
  method: 'get',
  path: '/enforcement-cases/{caseNumber}',
  tags,
  summary: '执行案件：阶段、实时应缴金额（含加处罚款）、各期限（依据、是否按期）、审计时间线',
  security: [{ bearer: [] }],
  request: { params: byNumber },
  responses: { 200: ok(EnforcementCaseDetail, '案件'), ...errors(400, 401, 403, 503), 404: problem('案件不存在') },
});
const act = createRoute({
  method: 'post',
  path: '/enforcement-cases/{caseNumber}/actions',
  tags,
  summary: '登记缴款、复议/诉讼、申请暂缓分期、催告书送达、陈述申辩、补正材料、上一级法院复议',
  security: [{ bearer: [] }],
  request: { params: byNumber, body: { required: true, content: { 'application/json': { schema: ActBody } } } },
  responses: {
    200: ok(ActionAccepted, '已受理'),
    ...errors(400, 401, 403, 413, 503),
    404: problem('案件不存在'),
    409: problem('案件已办结或当前阶段不允许'),
    422: problem('日期或金额无效'),
  },
});
const list = createRoute({
  method: 'get',
  path: '/enforcement-cases',
  tags,
  summary: '执行案件列表（按单位、阶段、状态、是否有逾期期限）',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      departmentId: z.string().max(40).optional(),
      stage: z.string().max(60).optional(),
      status: z.enum(['open', 'closed']).optional(),
      overdue: z.enum(['true', 'false']).optional().openapi({ description: 'true：有已过期未完成的期限' }),
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(20),
    }),
  },
  responses: {
    200: ok(EnforcementCaseList, '列表'),
    ...errors(400, 401, 403, 503),
  },
});
const tracker = createRoute({
  method: 'get',
  path: '/court-tracker',
  tags,
  summary: '法院强制执行申请跟踪：各案阶段、法院应办事项及期限、剩余工作日，逾期答复置顶',
  security: [{ bearer: [] }],
  request: { query: z.object({ departmentId: z.string().max(40).optional() }) },
  responses: { 200: ok(z.array(CourtTrackerEntry), '跟踪表'), ...errors(400, 401, 403, 503) },
});

export const enforcementRouter = createRouter()
  .openapi(start, async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const { temporal, env, database } = c.get('deps');
    const db = database.db;
    const [dept] = await db.select().from(departments).where(eq(departments.id, body.departmentId)).limit(1);
    if (!dept) throw HttpProblem.unprocessable('body.departmentId', 'exists', `单位 ${body.departmentId} 不存在`);
    if (user.departmentId !== dept.id) {
      await recordDenial(c, user.id, 'enforcement.start', `只能为本单位（${user.departmentId}）作出的处罚决定立案`);
      throw HttpProblem.forbidden('只能为本单位作出的处罚决定立案');
    }
    const today = todayInShanghai(Date.now());
    if (body.servedOn > today)
      throw HttpProblem.unprocessable('body.servedOn', 'not_future', `送达日期 ${body.servedOn} 晚于今天（${today}）`);
    if (body.decidedOn > body.servedOn)
      throw HttpProblem.unprocessable('body.decidedOn', 'not_after_service', '决定日期不能晚于送达日期');
    if (body.demandServed && (body.demandServed.servedOn > today || body.demandServed.servedOn <= body.servedOn)) {
      throw HttpProblem.unprocessable(
        'body.demandServed.servedOn',
        'between_service_and_today',
        '催告书送达日期应晚于处罚决定送达日期且不晚于今天',
      );
    }
    if (body.actingOrgId) {
      // 行政处罚法 Art. 20: an entrusted organisation acts only within its entrustment, in the agency's name.
      const decision = authoriseEntrustedAct(await entrustmentRecordsOf(db, body.actingOrgId), {
        orgId: body.actingOrgId,
        powerId: body.actingPowerId!,
        date: body.decidedOn,
      });
      if (!decision.allowed) {
        await recordDenial(c, user.id, 'enforcement.start', `受委托组织 ${body.actingOrgId}：${decision.message}`);
        throw HttpProblem.unprocessable('body.actingOrgId', `entrustment_${decision.reason}`, decision.message);
      }
      if (decision.actInNameOf.agencyId !== dept.id)
        throw HttpProblem.unprocessable(
          'body.departmentId',
          'entrusting_agency',
          `受委托组织应以${decision.actInNameOf.agencyName}的名义作出决定`,
        );
    }
    const workflowId = `enforcement-${body.decisionNumber}`;
    const { actingPowerId: _power, ...rest } = body;
    await startCaseWorkflow(temporal, env.TEMPORAL_TASK_QUEUE, enforcementCaseWorkflow, {
      workflowId,
      kind: 'enforcement',
      caseNumber: body.decisionNumber,
      departmentId: dept.id,
      args: [{ ...rest, departmentName: dept.name, initiatorId: user.id }],
      conflict: `处罚决定 ${body.decisionNumber} 已立案`,
    });
    await appendAudit(db, {
      actor: user.id,
      action: 'enforcement.start-requested',
      workflowId,
      caseId: body.decisionNumber,
      detail: { requestId: c.get('requestId') },
    });
    return c.json({ workflowId, caseNumber: body.decisionNumber }, 201);
  })
  .openapi(get, async (c) => {
    const desk = deskOf(c);
    const row = await desk.find(c.get('user'), 'enforcement', c.req.valid('param').caseNumber, 'read');
    const calendar = await currentCalendarSnapshot(c.get('deps').database.db);
    return c.json(enforcementDetail(await desk.detail(row, enforcementViewQuery), calendar), 200);
  })
  .openapi(act, async (c) => {
    const desk = deskOf(c);
    const user = c.get('user');
    const row = await desk.find(user, 'enforcement', c.req.valid('param').caseNumber, 'act');
    const { action, ...fields } = c.req.valid('json');
    const update = updates[action] as typeof recordPaymentUpdate;
    const result = await desk.act(user, row, update, fields as never, { action: `enforcement.${action}` });
    return c.json(result, 200);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const user = c.get('user');
    const db = c.get('deps').database.db;
    if (q.departmentId && q.departmentId !== user.departmentId && !seesDistrict(user)) {
      await recordDenial(c, user.id, 'enforcement.list', '只能查看本单位的执行案件');
      throw HttpProblem.forbidden('只能查看本单位的执行案件');
    }
    const today = todayInShanghai(Date.now());
    const visible = caseAccess(user, 'read', ['enforcement']);
    const where: SQL[] = [eq(cases.kind, 'enforcement'), ...(visible ? [visible] : [])];
    if (q.departmentId) where.push(eq(cases.departmentId, q.departmentId));
    if (q.stage) where.push(eq(cases.stage, q.stage));
    if (q.status) where.push(eq(cases.status, q.status));
    const late = exists(
      db
        .select({ one: sql`1` })
        .from(caseDeadlines)
        .where(
          and(
            eq(caseDeadlines.workflowId, cases.workflowId),
            eq(caseDeadlines.status, 'pending'),
            lt(caseDeadlines.dueDate, today),
          ),
        ),
    );
    if (q.overdue === 'true') where.push(late);
    if (q.overdue === 'false') where.push(sql`not ${late}`);
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(cases)
        .where(and(...where))
        .orderBy(desc(cases.openedAt))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db
        .select({ n: count() })
        .from(cases)
        .where(and(...where)),
    ]);
    const items = rows.map((r) => ({
      caseNumber: r.caseNumber,
      workflowId: r.workflowId,
      title: r.title,
      departmentId: r.departmentId,
      stage: r.stage,
      stageLabel: r.stageLabel,
      status: r.status,
      outcome: r.outcome,
      nextDeadline: r.nextDeadline,
      openedAt: r.openedAt,
      balance: liveBalance(r.summary, today),
    }));
    return c.json({ items, total: Number(total?.n ?? 0) }, 200);
  })
  .openapi(tracker, async (c) => {
    const user = c.get('user');
    const db = c.get('deps').database.db;
    const q = c.req.valid('query');
    if (q.departmentId && q.departmentId !== user.departmentId && !seesDistrict(user)) {
      await recordDenial(c, user.id, 'enforcement.court-tracker', '只能查看本单位的强制执行申请');
      throw HttpProblem.forbidden('只能查看本单位的强制执行申请');
    }
    const visible = and(
      caseAccess(user, 'read', ['enforcement']),
      q.departmentId ? eq(cases.departmentId, q.departmentId) : undefined,
    );
    return c.json(await courtTracker(db, await currentCalendarSnapshot(db), visible), 200);
  });
