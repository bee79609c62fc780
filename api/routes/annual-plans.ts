// Annual supervision-inspection plans (§十四): plan cycles and their overview for the 安委办, drafting,
// submission, amendment, filing receipts, on-site inspection plans and quarterly completion.
import { createRoute, z } from '@hono/zod-openapi';
import type { UpdateDefinition } from '@temporalio/common';
import { and, asc, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Db } from '../../db/client';
import {
  annualPlanAmendments,
  annualPlans,
  departments,
  entrustedOrganisations,
  planCycles,
  plannedInspections,
} from '../../db/schema';
import { quarterlyProgress, type PlanContent } from '../../domain/annual-plan';
import {
  amendPlanUpdate,
  inspectionDoneUpdate,
  onSitePlanUpdate,
  recordFilingUpdate,
  saveDraftUpdate,
  submitPlanUpdate,
} from '../../workflows/annual-plan/messages';
import { planCycleWorkflow } from '../../workflows/plan-cycle';
import {
  PlanContentSchema,
  planOf,
  requestId,
  requireOpenYear,
  requireValidPlan,
  unitParam,
  yearParam,
} from '../annual-plan-support';
import { requireRole } from '../middleware/auth';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { startCaseWorkflow } from '../start-case';
import { isoDate } from '../schemas';
import { deskOf } from '../cases/desk';
import { may } from '../cases/policy';
import type { AppEnv } from '../context';
import {
  AnnualPlanDetail,
  AnnualPlanRecord,
  PlanCompletion,
  PlanCycleOpened,
  PlanCycleOverview,
  PlanView,
} from '../responses/annual-plans';
import { errors, ok } from '../responses/http';

const tags = ['年度监督检查计划'];
const security = [{ bearer: [] }];
const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const planPath = z.object({ year: yearParam, departmentId: unitParam });
const itemPath = planPath.extend({ itemId: z.string().trim().min(1).max(40) });
// An action on a plan: its Update may be refused (403/409/422); every plan action has a body.
const actErrors = errors(400, 401, 403, 404, 409, 413, 422, 503);

type Plan = Awaited<ReturnType<typeof planOf>>;
const planRef = (plan: Plan) => ({ workflowId: plan.workflowId, caseNumber: plan.id, kind: 'annual-plan' as const });

/** The unit's plan, for the officers and heads of the unit that heads it (the policy's `act`); others 403, audited. */
async function ownPlan(c: Context<AppEnv>, year: number, unitId: string, update: { name: string }): Promise<Plan> {
  const db = c.get('deps').database.db;
  const plan = await planOf(db, year, unitId);
  if (!may(c.get('user'), 'act', { kind: 'annual-plan', departmentId: await headDepartmentOf(db, plan) })) {
    const reason = '只有本单位执法人员或负责人可以办理本单位的年度监督检查计划';
    await deskOf(c).refuse(c.get('user'), planRef(plan), update.name, HttpProblem.forbidden(reason));
  }
  return plan;
}

/** Sends a plan Update through the desk (actor, idempotency, one refusal mapping, audited with the plan). */
const sendPlan = <R, I extends { requestId: string }>(
  c: Context<AppEnv>,
  plan: Plan,
  update: UpdateDefinition<R, [I]>,
  input: Omit<I, 'actor'>,
) =>
  deskOf(c).act(c.get('user'), planRef(plan), update, input, {
    action: update.name,
    whenClosed: '该年度计划流程已结束',
  });

async function headDepartmentOf(db: Db, plan: { departmentId: string; approver: string }): Promise<string> {
  if (plan.approver === 'district') return plan.departmentId;
  const [org] = await db
    .select({ contact: entrustedOrganisations.contactDepartmentId })
    .from(entrustedOrganisations)
    .where(eq(entrustedOrganisations.id, plan.departmentId));
  return org?.contact ?? plan.departmentId;
}

const openCycle = createRoute({
  method: 'post',
  path: '/plan-cycles',
  tags,
  security,
  summary: '开启年度计划编制周期（通常由年度定时任务自动开启）',
  middleware: [requireRole('safety-office', 'admin')] as const,
  request: body(
    z.object({
      year: z.number().int().min(2016).max(2100),
      dueDate: isoDate.optional().openapi({ description: '提交期限，默认当年1月31日' }),
    }),
  ),
  responses: { 201: ok(PlanCycleOpened, '已开启'), ...errors(400, 401, 403, 409, 413, 503) },
});

const overview = createRoute({
  method: 'get',
  path: '/plan-cycles/{year}/overview',
  tags,
  security,
  summary: '安委办总览：各单位计划编制、提交、批准、备案情况',
  request: { params: z.object({ year: yearParam }) },
  responses: { 200: ok(PlanCycleOverview), ...errors(400, 401, 404, 503) },
});

const completion = createRoute({
  method: 'get',
  path: '/plan-cycles/{year}/completion',
  tags,
  security,
  summary: '各单位按季度的计划完成情况',
  request: {
    params: z.object({ year: yearParam }),
    query: z.object({ quarter: z.coerce.number().int().min(1).max(4).optional() }),
  },
  responses: { 200: ok(PlanCompletion), ...errors(400, 401, 503) },
});

const list = createRoute({
  method: 'get',
  path: '/annual-plans',
  tags,
  security,
  summary: '年度监督检查计划列表',
  request: { query: z.object({ year: yearParam.optional(), departmentId: unitParam.optional() }) },
  responses: { 200: ok(z.array(AnnualPlanRecord)), ...errors(400, 401, 503) },
});

const get = createRoute({
  method: 'get',
  path: '/annual-plans/{year}/{departmentId}',
  tags,
  security,
  summary: '一个单位的年度计划：内容、预算、审批、备案回执、调整记录、执行情况',
  request: { params: planPath },
  responses: { 200: ok(AnnualPlanDetail), ...errors(400, 401, 404, 503) },
});

const saveDraft = createRoute({
  method: 'post',
  path: '/annual-plans',
  tags,
  security,
  summary: '编制（保存）年度计划草稿',
  request: body(
    z.object({
      year: z.number().int().min(2016).max(2100),
      departmentId: unitParam,
      requestId,
      content: PlanContentSchema,
    }),
  ),
  responses: { 200: ok(PlanView, '草稿已保存'), ...actErrors },
});

const submit = createRoute({
  method: 'post',
  path: '/annual-plans/{year}/{departmentId}/submit',
  tags,
  security,
  summary: '提交年度计划报审（部门负责人→法制审核→区政府）',
  request: { params: planPath, ...body(z.object({ requestId, content: PlanContentSchema.optional() })) },
  responses: { 200: ok(PlanView, '已提交'), ...actErrors },
});

const amend = createRoute({
  method: 'post',
  path: '/annual-plans/{year}/{departmentId}/amendments',
  tags,
  security,
  summary: '年度计划调整（重新报批并备案，记录差异）',
  request: {
    params: planPath,
    ...body(z.object({ requestId, reason: z.string().trim().min(1).max(500), content: PlanContentSchema })),
  },
  responses: { 202: ok(PlanView, '已提交调整'), ...actErrors },
});

const filing = createRoute({
  method: 'post',
  path: '/annual-plans/{year}/{departmentId}/filing',
  tags,
  security,
  summary: '区政府安委办登记备案回执',
  middleware: [requireRole('safety-office')] as const,
  request: { params: planPath, ...body(z.object({ requestId, receiptNo: z.string().trim().min(1).max(100) })) },
  responses: { 200: ok(PlanView, '已登记'), ...actErrors },
});

const onSitePlan = createRoute({
  method: 'post',
  path: '/annual-plans/{year}/{departmentId}/items/{itemId}/on-site-plan',
  tags,
  security,
  summary: '编制现场检查方案（检查实施前）',
  request: {
    params: itemPath,
    ...body(
      z.object({
        requestId,
        plannedDate: isoDate,
        inspectorIds: z.array(z.string().min(1)).min(2, '至少两名执法人员').max(10),
        content: z.string().trim().min(1).max(5000),
      }),
    ),
  },
  responses: { 200: ok(PlanView, '已编制'), ...actErrors },
});

const done = createRoute({
  method: 'post',
  path: '/annual-plans/{year}/{departmentId}/items/{itemId}/completion',
  tags,
  security,
  summary: '登记检查实施情况',
  request: {
    params: itemPath,
    ...body(z.object({ requestId, completedOn: isoDate, findings: z.string().trim().min(1).max(5000) })),
  },
  responses: { 200: ok(PlanView, '已登记'), ...actErrors },
});

export const annualPlansRouter = createRouter()
  .openapi(openCycle, async (c) => {
    const { database, temporal, env } = c.get('deps');
    const { year, dueDate } = c.req.valid('json');
    const [existing] = await database.db.select().from(planCycles).where(eq(planCycles.year, year));
    if (existing) throw HttpProblem.conflict(`${year}年度计划编制周期已开启`);
    const workflowId = `plan-cycle-${year}`;
    await startCaseWorkflow(temporal, env.TEMPORAL_TASK_QUEUE, planCycleWorkflow, {
      workflowId,
      kind: 'plan-cycle',
      caseNumber: `PC-${year}`,
      departmentId: 'aqb',
      args: [{ year, dueDate }],
      conflict: `${year}年度计划编制周期已开启`,
    });
    return c.json({ year, workflowId }, 201);
  })
  .openapi(overview, async (c) => {
    const db = c.get('deps').database.db;
    const { year } = c.req.valid('param');
    const [cycle] = await db.select().from(planCycles).where(eq(planCycles.year, year));
    if (!cycle) throw HttpProblem.notFound(`${year}年度计划编制周期尚未开启`);
    const rows = await db
      .select({ plan: annualPlans, name: departments.name })
      .from(annualPlans)
      .leftJoin(departments, eq(departments.id, annualPlans.departmentId))
      .where(eq(annualPlans.year, year))
      .orderBy(asc(annualPlans.departmentId));
    const units = rows.map(({ plan: p, name }) => ({
      departmentId: p.departmentId,
      name: name ?? p.departmentId,
      status: p.status,
      planVersion: p.planVersion,
      drafted: p.draftedAt !== null || p.submittedAt !== null,
      submitted: p.submittedAt !== null,
      approved: p.approvedAt !== null,
      filed: p.filedAt !== null,
      escalated: p.escalatedAt !== null,
      submittedAt: p.submittedAt,
      approvedAt: p.approvedAt,
      filedAt: p.filedAt,
      receipts: p.receipts,
    }));
    return c.json({ year, dueDate: cycle.dueDate, status: cycle.status, units }, 200);
  })
  .openapi(completion, async (c) => {
    const db = c.get('deps').database.db;
    const { year } = c.req.valid('param');
    const { quarter } = c.req.valid('query');
    const plans = await db
      .select()
      .from(annualPlans)
      .where(eq(annualPlans.year, year))
      .orderBy(asc(annualPlans.departmentId));
    const executions = await db.select().from(plannedInspections).where(eq(plannedInspections.year, year));
    const out = plans
      .filter((p) => p.content)
      .map((p) => {
        const progress = quarterlyProgress(
          (p.content as PlanContent).items,
          executions.filter((e) => e.planId === p.id),
        );
        return {
          departmentId: p.departmentId,
          status: p.status,
          quarters: quarter ? progress.filter((q) => q.quarter === quarter) : progress,
        };
      });
    return c.json({ year, departments: out }, 200);
  })
  .openapi(list, async (c) => {
    const { year, departmentId } = c.req.valid('query');
    const where = and(
      year ? eq(annualPlans.year, year) : undefined,
      departmentId ? eq(annualPlans.departmentId, departmentId) : undefined,
    );
    return c.json(
      await c
        .get('deps')
        .database.db.select()
        .from(annualPlans)
        .where(where)
        .orderBy(asc(annualPlans.year), asc(annualPlans.departmentId)),
      200,
    );
  })
  .openapi(get, async (c) => {
    const db = c.get('deps').database.db;
    const { year, departmentId } = c.req.valid('param');
    const plan = await planOf(db, year, departmentId);
    const [amendments, executions] = await Promise.all([
      db
        .select()
        .from(annualPlanAmendments)
        .where(eq(annualPlanAmendments.planId, plan.id))
        .orderBy(asc(annualPlanAmendments.seq)),
      db
        .select()
        .from(plannedInspections)
        .where(eq(plannedInspections.planId, plan.id))
        .orderBy(asc(plannedInspections.itemId)),
    ]);
    return c.json({ ...plan, amendments, executions }, 200);
  })
  .openapi(saveDraft, async (c) => {
    const req = c.req.valid('json');
    await requireOpenYear(c.get('deps').database.db, req.year, 'body.year');
    const plan = await ownPlan(c, req.year, req.departmentId, saveDraftUpdate);
    await requireValidPlan(c.get('deps').database.db, req.year, req.content as PlanContent);
    const view = await sendPlan(c, plan, saveDraftUpdate, {
      requestId: req.requestId,
      content: req.content as PlanContent,
    });
    return c.json(view, 200);
  })
  .openapi(submit, async (c) => {
    const db = c.get('deps').database.db;
    const { year, departmentId } = c.req.valid('param');
    const req = c.req.valid('json');
    await requireOpenYear(db, year);
    const plan = await ownPlan(c, year, departmentId, submitPlanUpdate);
    const content = (req.content ?? plan.content) as PlanContent | null;
    if (!content) throw HttpProblem.unprocessable('body.content', 'required', '尚未编制计划内容');
    await requireValidPlan(db, year, content);
    return c.json(await sendPlan(c, plan, submitPlanUpdate, { requestId: req.requestId, content }), 200);
  })
  .openapi(amend, async (c) => {
    const db = c.get('deps').database.db;
    const { year, departmentId } = c.req.valid('param');
    const req = c.req.valid('json');
    await requireOpenYear(db, year);
    const plan = await ownPlan(c, year, departmentId, amendPlanUpdate);
    const content = req.content as PlanContent;
    await requireValidPlan(db, year, content);
    return c.json(
      await sendPlan(c, plan, amendPlanUpdate, { requestId: req.requestId, content, reason: req.reason }),
      202,
    );
  })
  .openapi(filing, async (c) => {
    const { year, departmentId } = c.req.valid('param');
    const { requestId, receiptNo } = c.req.valid('json');
    const plan = await planOf(c.get('deps').database.db, year, departmentId);
    return c.json(await sendPlan(c, plan, recordFilingUpdate, { requestId, receiptNo }), 200);
  })
  .openapi(onSitePlan, async (c) => {
    const { year, departmentId, itemId } = c.req.valid('param');
    const { requestId, plannedDate, inspectorIds, content } = c.req.valid('json');
    const plan = await ownPlan(c, year, departmentId, onSitePlanUpdate);
    const input = { requestId, itemId, plannedDate, inspectorIds, content };
    return c.json(await sendPlan(c, plan, onSitePlanUpdate, input), 200);
  })
  .openapi(done, async (c) => {
    const { year, departmentId, itemId } = c.req.valid('param');
    const { requestId, completedOn, findings } = c.req.valid('json');
    const plan = await ownPlan(c, year, departmentId, inspectionDoneUpdate);
    const input = { requestId, itemId, completedOn, findings };
    return c.json(await sendPlan(c, plan, inspectionDoneUpdate, input), 200);
  });
