import { createRoute, z } from '@hono/zod-openapi';
import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { cases, departments, users } from '../../db/schema';
import { imposedMeasureKinds, transferReportProblem } from '../../domain/criminal-transfer-letter';
import { criminalTransferWorkflow } from '../../workflows/criminal-transfer';
import { criminalTransferActUpdate } from '../../workflows/criminal-transfer/messages';
import { transferSourceKinds, type CriminalTransferAction } from '../../workflows/criminal-transfer/types';
import { caseView, deskOf } from '../cases/desk';
import { caseAccess } from '../cases/policy';
import { caseStateQuery } from '../../workflows/case/case-record';
import { requireRole } from '../middleware/auth';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { startCaseWorkflow } from '../start-case';
import { caseNumber, creditCode, isoDate, text } from '../schemas';
import { ActionAccepted, CaseRowList, CaseView } from '../responses/case-view';
import { CaseStarted } from '../responses/cases';
import { errors, ok, problem } from '../responses/http';

const documentRef = z.object({ title: text(200), url: z.url().optional() });

const StartBody = z
  .object({
    caseNumber,
    title: text(200).optional(),
    source: z.object({
      kind: z.enum(transferSourceKinds, '来源案件类型只能是 enforcement（执法案件）或 accident（事故）'),
      caseNumber,
    }),
    suspect: z.object({
      name: text(200),
      kind: z.enum(['person', 'organisation']),
      unifiedSocialCreditCode: creditCode.optional(),
      address: text(300).optional(),
    }),
    allegedOffence: text(100),
    facts: text(5000),
    report: z.object({
      officerIds: z.array(z.string().min(1)).min(2, '移送书面报告须由两名以上执法人员提出'),
      summary: text(5000),
    }),
    materials: z.object({
      investigationReport: documentRef,
      exhibitList: documentRef,
      appraisalReports: z.array(documentRef).max(50),
    }),
    measuresImposed: z
      .array(z.object({ kind: z.enum(imposedMeasureKinds), decisionNo: text(100), decidedOn: isoDate }))
      .max(20)
      .default([]),
  })
  .openapi('CriminalTransferStart');

const ActBody = z
  .object({
    requestId: z.string().uuid('requestId 必须是 UUID（客户端生成，用于幂等）'),
    action: z.enum(['request-reconsideration', 'request-supervision', 'accept-refusal', 'record-exhibits-handover']),
    reasons: z.string().trim().max(2000).optional(),
    comment: z.string().max(2000).optional(),
    handedOverOn: isoDate.optional(),
    exhibits: z.array(text(200)).max(200).optional(),
    receiptNo: text(100).optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.action === 'request-reconsideration' || b.action === 'request-supervision') && !b.reasons)
      ctx.addIssue({ code: 'custom', path: ['reasons'], message: '提请复议或建议立案监督须写明理由' });
    if (b.action === 'record-exhibits-handover' && !b.handedOverOn)
      ctx.addIssue({ code: 'custom', path: ['handedOverOn'], message: '须填写移交日期' });
    if (b.action === 'record-exhibits-handover' && !b.exhibits?.length)
      ctx.addIssue({ code: 'custom', path: ['exhibits'], message: '须列明移交的涉案物品' });
  })
  .openapi('CriminalTransferAct');

const byNumber = z.object({ caseNumber });

const start = createRoute({
  method: 'post',
  path: '/criminal-transfers',
  tags: ['涉嫌犯罪案件移送'],
  summary: '提出移送书面报告（两名以上执法人员），报负责人三日内决定',
  security: [{ bearer: [] }],
  middleware: [requireRole('officer', 'department-head')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: StartBody } } } },
  responses: {
    201: ok(CaseStarted, '已提出'),
    ...errors(400, 401, 403, 413, 503),
    409: problem('编号已存在'),
    422: problem('执法人员或来源案件不符'),
  },
});
const get = createRoute({
  method: 'get',
  path: '/criminal-transfers/{caseNumber}',
  tags: ['涉嫌犯罪案件移送'],
  summary: '移送案件：阶段、各期限（依据、是否按期）、时间线',
  security: [{ bearer: [] }],
  request: { params: byNumber },
  responses: { 200: ok(CaseView, '案件'), ...errors(400, 401, 403, 503), 404: problem('案件不存在') },
});
const act = createRoute({
  method: 'post',
  path: '/criminal-transfers/{caseNumber}/actions',
  tags: ['涉嫌犯罪案件移送'],
  summary: '提请复议、建议立案监督、接受不予立案决定、登记涉案物品移交',
  security: [{ bearer: [] }],
  request: { params: byNumber, body: { required: true, content: { 'application/json': { schema: ActBody } } } },
  responses: {
    200: ok(ActionAccepted, '已受理'),
    ...errors(400, 401, 403, 413, 503),
    404: problem('案件不存在'),
    409: problem('案件当前阶段不允许'),
    422: problem('缺少理由或内容无效'),
  },
});
const list = createRoute({
  method: 'get',
  path: '/criminal-transfers',
  tags: ['涉嫌犯罪案件移送'],
  summary: '移送案件列表（按单位、阶段、状态）',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      departmentId: z.string().max(40).optional(),
      stage: z.string().max(60).optional(),
      status: z.enum(['open', 'closed']).optional(),
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(20),
    }),
  },
  responses: {
    200: ok(CaseRowList, '列表'),
    ...errors(400, 401, 403, 503),
  },
});

/** 区应急管理局 → 应急: the short name used in the transfer letter number. */
const shortNameOf = (name: string) => name.replace(/^区/, '').replace(/(管理局|委员会|局|委)$/, '') || name;

export const criminalTransfersRouter = createRouter()
  .openapi(start, async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const { temporal, env, database } = c.get('deps');
    const db = database.db;
    const reportProblem = transferReportProblem(body.report.officerIds.map((id) => ({ id })));
    if (reportProblem)
      throw HttpProblem.unprocessable('body.report.officerIds', reportProblem.rule, reportProblem.message);
    const [dept] = await db.select().from(departments).where(eq(departments.id, user.departmentId)).limit(1);
    if (!dept) throw HttpProblem.unprocessable('token.departmentId', 'exists', '您所在的单位不存在');
    const officers = await db
      .select()
      .from(users)
      .where(
        and(
          inArray(users.id, body.report.officerIds),
          eq(users.departmentId, user.departmentId),
          eq(users.active, true),
        ),
      );
    const notOfficers = body.report.officerIds.filter(
      (id) => !officers.some((o) => o.id === id && o.hasEnforcementCredential),
    );
    if (notOfficers.length)
      throw HttpProblem.unprocessable(
        'body.report.officerIds',
        'officer_of_department',
        `${notOfficers.join('、')} 不是本单位持证执法人员`,
      );
    // A source case already in the system must be of the kind stated.
    const [source] = await db
      .select({ kind: cases.kind })
      .from(cases)
      .where(eq(cases.caseNumber, body.source.caseNumber))
      .limit(1);
    if (source && source.kind !== body.source.kind)
      throw HttpProblem.unprocessable(
        'body.source.kind',
        'matches_case',
        `案件 ${body.source.caseNumber} 的类型是 ${source.kind}`,
      );
    const workflowId = `criminal-transfer-${body.caseNumber}`;
    await startCaseWorkflow(temporal, env.TEMPORAL_TASK_QUEUE, criminalTransferWorkflow, {
      workflowId,
      kind: 'criminal-transfer',
      caseNumber: body.caseNumber,
      departmentId: dept.id,
      args: [
        {
          caseNumber: body.caseNumber,
          title: body.title ?? `${body.suspect.name}涉嫌${body.allegedOffence}案移送`,
          departmentId: dept.id,
          departmentName: dept.name,
          agencyShortName: shortNameOf(dept.name),
          initiatorId: user.id,
          source: body.source,
          suspect: body.suspect,
          allegedOffence: body.allegedOffence,
          facts: body.facts,
          report: {
            officers: body.report.officerIds.map((id) => ({ id, name: officers.find((o) => o.id === id)!.name })),
            summary: body.report.summary,
          },
          materials: body.materials,
          measuresImposed: body.measuresImposed,
        },
      ],
    });
    return c.json({ workflowId, caseNumber: body.caseNumber }, 201);
  })
  .openapi(get, async (c) => {
    const desk = deskOf(c);
    const row = await desk.find(c.get('user'), 'criminal-transfer', c.req.valid('param').caseNumber, 'read');
    return c.json(caseView(await desk.detail(row, caseStateQuery)), 200);
  })
  .openapi(act, async (c) => {
    const desk = deskOf(c);
    const user = c.get('user');
    const row = await desk.find(user, 'criminal-transfer', c.req.valid('param').caseNumber, 'act');
    const body = c.req.valid('json');
    const action: CriminalTransferAction =
      body.action === 'record-exhibits-handover'
        ? {
            kind: body.action,
            handedOverOn: body.handedOverOn!,
            exhibits: body.exhibits!,
            receiptNo: body.receiptNo,
            comment: body.comment,
          }
        : body.action === 'accept-refusal'
          ? { kind: body.action, comment: body.comment }
          : { kind: body.action, reasons: body.reasons! };
    const result = await desk.act(
      user,
      row,
      criminalTransferActUpdate,
      { requestId: body.requestId, action },
      { action: `criminal-transfer.${body.action}`, fields: { COMMENT_REQUIRED: 'body.reasons' } },
    );
    return c.json(result, 200);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const user = c.get('user');
    const db = c.get('deps').database.db;
    const visible = caseAccess(user, 'read', ['criminal-transfer']);
    const where: SQL[] = [eq(cases.kind, 'criminal-transfer'), ...(visible ? [visible] : [])];
    if (q.departmentId) where.push(eq(cases.departmentId, q.departmentId));
    if (q.stage) where.push(eq(cases.stage, q.stage));
    if (q.status) where.push(eq(cases.status, q.status));
    const [items, [total]] = await Promise.all([
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
    return c.json({ items, total: Number(total?.n ?? 0) }, 200);
  });
