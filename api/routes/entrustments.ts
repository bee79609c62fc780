import { createRoute, z } from '@hono/zod-openapi';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { and, asc, count, eq, inArray, lte, type SQL } from 'drizzle-orm';
import { entrustmentRecordsOf, nextDraftSequence } from '../../db/entrustment-store';
import { departments, entrustedOrganisations, entrustments, powerCatalogue } from '../../db/schema';
import { addDays, todayInShanghai } from '../../domain/dates';
import { authoriseEntrustedAct, ENTRUSTMENT_STATUS_LABELS, type EntrustmentStatus } from '../../domain/entrustment';
import { CHANGE_LABELS, draftNumberFor } from '../../domain/entrustment-letter';
import { CaseNumber, DepartmentId, WorkflowKind } from '../../temporal/search-attributes';
import { entrustmentWorkflow } from '../../workflows/entrustment';
import { entrustmentStateQuery, requestEntrustmentChangeUpdate } from '../../workflows/entrustment/messages';
import type { ChangeRejectionCode } from '../../workflows/entrustment/types';
import { resolveEntrustmentDraft } from '../entrustment-draft';
import { recordDenial, requireRole } from '../middleware/auth';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { isoDate } from '../schemas';
import { deskOf } from '../cases/desk';
import { may } from '../cases/policy';
import {
  EntrustedOrganisation,
  EntrustmentAuthorisation,
  EntrustmentChangeAccepted,
  EntrustmentDetail,
  EntrustmentRegister,
  EntrustmentSubmitted,
  Power,
} from '../responses/entrustments';
import { errors, ok, problem } from '../responses/http';

const statuses = Object.keys(ENTRUSTMENT_STATUS_LABELS) as [EntrustmentStatus, ...EntrustmentStatus[]];

const submit = createRoute({
  method: 'post',
  path: '/entrustments',
  tags: ['委托执法'],
  summary: '提交委托执法草案（法定不得委托的事项当即拒绝，并列明依据）',
  security: [{ bearer: [] }],
  middleware: [requireRole('department-head', 'officer')] as const,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            orgId: z.string().min(1).max(60).openapi({ example: 'gxq' }),
            powerIds: z
              .array(z.string().min(1).max(60))
              .min(1, '至少选择一项委托事项')
              .max(50)
              .openapi({ example: ['yjj-cf-001', 'yjj-jc-001'] }),
            territory: z.string().trim().min(2).max(200).openapi({ example: '北碚高新区规划范围' }),
            termStart: isoDate,
            termEnd: isoDate,
          }),
        },
      },
    },
  },
  responses: {
    201: ok(EntrustmentSubmitted, '已提交法制审核'),
    ...errors(400, 401, 403, 409, 413, 503),
    422: problem('依法不得委托，或受委托组织、委托事项不存在'),
  },
});

const list = createRoute({
  method: 'get',
  path: '/entrustments',
  tags: ['委托执法'],
  summary: '委托执法登记簿（按状态、受委托组织、委托机关、即将到期筛选）',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      status: z.enum(statuses).optional(),
      org: z.string().max(60).optional(),
      agency: z.string().max(60).optional(),
      expiringWithinDays: z.coerce
        .number()
        .int('必须为整数')
        .min(0)
        .max(366)
        .optional()
        .openapi({ description: '委托期限在 N 日内届满（仍在有效期内）' }),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: {
    200: ok(EntrustmentRegister, '登记簿'),
    ...errors(400, 401, 503),
  },
});

const authorize = createRoute({
  method: 'get',
  path: '/entrustments/authorize',
  tags: ['委托执法'],
  summary: '受委托组织在某日能否实施某项职权，依据哪份委托书，以谁的名义',
  security: [{ bearer: [] }],
  request: { query: z.object({ org: z.string().min(1).max(60), power: z.string().min(1).max(60), date: isoDate }) },
  responses: {
    200: ok(EntrustmentAuthorisation, '授权答复'),
    ...errors(400, 401, 503),
    422: problem('组织或职权不存在'),
  },
});

const detail = createRoute({
  method: 'get',
  path: '/entrustments/{draftNumber}',
  tags: ['委托执法'],
  summary: '一份委托：登记信息、委托书、公布记录与变更',
  security: [{ bearer: [] }],
  request: { params: z.object({ draftNumber: z.string().max(60) }) },
  responses: {
    200: ok(EntrustmentDetail, '委托'),
    ...errors(400, 401, 503),
    404: problem('不存在'),
  },
});

const change = createRoute({
  method: 'post',
  path: '/entrustments/{draftNumber}/changes',
  tags: ['委托执法'],
  summary: '申请续期、暂停、恢复或撤销委托（经委托机关负责人审批后公布）',
  security: [{ bearer: [] }],
  middleware: [requireRole('department-head', 'officer')] as const,
  request: {
    params: z.object({ draftNumber: z.string().max(60) }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            requestId: z.string().min(8).max(80),
            kind: z.enum(['renew', 'suspend', 'resume', 'revoke']),
            reason: z.string().trim().min(2, '必须说明理由').max(500),
            newTermEnd: isoDate.optional(),
          }),
        },
      },
    },
  },
  responses: {
    202: ok(EntrustmentChangeAccepted, '已提交审批'),
    ...errors(400, 401, 403, 413, 503),
    404: problem('不存在'),
    409: problem('当前状态不允许此变更'),
    422: problem('参数不符合规则'),
  },
});

const catalogue = createRoute({
  method: 'get',
  path: '/power-catalogue',
  tags: ['委托执法'],
  summary: '权力清单：各部门依法享有的职权、类型与依据',
  security: [{ bearer: [] }],
  request: { query: z.object({ department: z.string().max(60).optional() }) },
  responses: {
    200: ok(z.array(Power), '权力清单'),
    ...errors(400, 401, 503),
  },
});

const organisations = createRoute({
  method: 'get',
  path: '/entrusted-organisations',
  tags: ['委托执法'],
  summary: '可受委托的组织：法律地位、持证执法人员数、技术条件',
  security: [{ bearer: [] }],
  responses: {
    200: ok(z.array(EntrustedOrganisation), '组织'),
    ...errors(401, 503),
  },
});

const changeField: Partial<Record<ChangeRejectionCode, string>> = {
  INVALID_TERM: 'body.newTermEnd',
  REASON_REQUIRED: 'body.reason',
  INVALID_ACTION: 'body.kind',
};

export const entrustmentsRouter = createRouter()
  .openapi(submit, async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const { temporal, env, database } = c.get('deps');
    const [agency] = await database.db.select().from(departments).where(eq(departments.id, user.departmentId)).limit(1);
    if (!agency?.hasSupervisoryDuty) {
      // Only an agency holding enforcement powers can entrust them (行政处罚法 Art. 20).
      const reason = `${agency?.name ?? user.departmentId}不是负有安全生产监督管理职责的部门，不能委托执法`;
      await recordDenial(c, user.id, 'entrustment.submit', reason);
      throw HttpProblem.forbidden(reason);
    }
    const resolved = await resolveEntrustmentDraft(database.db, { ...body, agencyId: agency.id });
    const year = Number(todayInShanghai(Date.now()).slice(0, 4));
    const first = await nextDraftSequence(database.db, resolved.agency.id, year);
    // A concurrent submission may take the same number: try the next one.
    for (let seq = first; seq < first + 5; seq++) {
      const draftNumber = draftNumberFor(resolved.agency.id, year, seq);
      const workflowId = `entrustment-${draftNumber}`;
      try {
        await temporal.workflow.start(entrustmentWorkflow, {
          taskQueue: env.TEMPORAL_TASK_QUEUE,
          workflowId,
          args: [{ ...resolved, draftNumber, initiatorId: user.id }],
          typedSearchAttributes: new TypedSearchAttributes([
            { key: CaseNumber, value: draftNumber },
            { key: DepartmentId, value: resolved.agency.id },
            { key: WorkflowKind, value: 'entrustment' },
          ]),
        });
        return c.json({ workflowId, draftNumber }, 201);
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    }
    throw HttpProblem.conflict('委托编号冲突，请稍后重试');
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const filters: SQL[] = [];
    if (q.status) filters.push(eq(entrustments.status, q.status));
    if (q.org) filters.push(eq(entrustments.orgId, q.org));
    if (q.agency) filters.push(eq(entrustments.agencyId, q.agency));
    if (q.expiringWithinDays !== undefined) {
      filters.push(
        inArray(entrustments.status, ['active', 'expiring', 'suspended']),
        lte(entrustments.termEnd, addDays(todayInShanghai(Date.now()), q.expiringWithinDays)),
      );
    }
    const where = filters.length > 0 ? and(...filters) : undefined;
    const db = c.get('deps').database.db;
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(entrustments)
        .where(where)
        .orderBy(asc(entrustments.termEnd), asc(entrustments.draftNumber))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db.select({ n: count() }).from(entrustments).where(where),
    ]);
    return c.json(
      {
        total: Number(total?.n ?? 0),
        items: rows.map((r) => ({ ...r, statusLabel: ENTRUSTMENT_STATUS_LABELS[r.status] })),
      },
      200,
    );
  })
  .openapi(catalogue, async (c) => {
    const { department } = c.req.valid('query');
    const db = c.get('deps').database.db;
    const rows = await db
      .select()
      .from(powerCatalogue)
      .where(department ? eq(powerCatalogue.departmentId, department) : undefined)
      .orderBy(asc(powerCatalogue.id));
    return c.json(rows, 200);
  })
  .openapi(organisations, async (c) =>
    c.json(
      await c.get('deps').database.db.select().from(entrustedOrganisations).orderBy(asc(entrustedOrganisations.id)),
      200,
    ),
  )
  .openapi(authorize, async (c) => {
    const q = c.req.valid('query');
    const db = c.get('deps').database.db;
    const [[org], [power]] = await Promise.all([
      db.select().from(entrustedOrganisations).where(eq(entrustedOrganisations.id, q.org)).limit(1),
      db.select().from(powerCatalogue).where(eq(powerCatalogue.id, q.power)).limit(1),
    ]);
    if (!org) throw HttpProblem.unprocessable('query.org', 'exists', `未登记的受委托组织 ${q.org}`);
    if (!power) throw HttpProblem.unprocessable('query.power', 'exists', `权力清单中没有 ${q.power}`);
    const decision = authoriseEntrustedAct(await entrustmentRecordsOf(db, org.id), {
      orgId: org.id,
      powerId: power.id,
      date: q.date,
    });
    return c.json(
      {
        ...decision,
        date: q.date,
        org: { id: org.id, name: org.name },
        power: { id: power.id, name: power.name, type: power.type },
      },
      200,
    );
  })
  .openapi(detail, async (c) => {
    const { draftNumber } = c.req.valid('param');
    const { database, temporal } = c.get('deps');
    const [row] = await database.db
      .select()
      .from(entrustments)
      .where(eq(entrustments.draftNumber, draftNumber))
      .limit(1);
    if (!row) throw HttpProblem.notFound(`委托 ${draftNumber} 不存在`);
    const state = await temporal.workflow
      .getHandle(row.workflowId)
      .query(entrustmentStateQuery)
      .catch(() => null);
    return c.json(
      {
        ...row,
        statusLabel: ENTRUSTMENT_STATUS_LABELS[row.status],
        letter: state?.letter ?? null,
        changes: state?.changes ?? [],
        pendingChange: state?.pendingChange ?? null,
        reminders: state?.reminders ?? [],
      },
      200,
    );
  })
  .openapi(change, async (c) => {
    const { draftNumber } = c.req.valid('param');
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.get('deps').database.db;
    const desk = deskOf(c);
    const action = `entrustment.change-${body.kind}`;
    const [row] = await db.select().from(entrustments).where(eq(entrustments.draftNumber, draftNumber)).limit(1);
    if (!row) throw HttpProblem.notFound(`委托 ${draftNumber} 不存在`);
    const label = CHANGE_LABELS[body.kind];
    // The register, not the case list, holds every entrustment; only the entrusting agency asks for a change.
    const item = { workflowId: row.workflowId, caseNumber: draftNumber, kind: 'entrustment' as const };
    if (!may(user, 'act', { kind: 'entrustment', departmentId: row.agencyId }))
      await desk.refuse(
        user,
        item,
        action,
        HttpProblem.forbidden(`只有委托机关（${row.agencyName}）可以申请${label}委托`),
      );
    const conflict = (message: string) =>
      desk.refuse(
        user,
        item,
        action,
        new HttpProblem(409, '状态冲突', message, [{ field: 'path.draftNumber', rule: 'not_in_force', message }], {
          code: 'NOT_IN_FORCE',
        }),
      );
    if (row.status === 'lapsed') await conflict(`委托已于 ${row.termEnd} 届满失效，不能${label}`);
    if (row.status === 'revoked') await conflict(`委托已于 ${row.revokedOn} 撤销，不能${label}`);
    if (body.kind === 'renew' && !body.newTermEnd)
      await desk.refuse(
        user,
        item,
        action,
        HttpProblem.unprocessable('body.newTermEnd', 'invalid_term', '续期必须填写新的委托期限结束日'),
      );
    const { requestId, kind, reason, newTermEnd } = body;
    const input = { requestId, kind, reason, newTermEnd };
    const whenClosed = `委托已办结，不能${label}`;
    return c.json(
      await desk.act(user, item, requestEntrustmentChangeUpdate, input, { action, fields: changeField, whenClosed }),
      202,
    );
  });
