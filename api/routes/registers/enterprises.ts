// 企业台账: the regulated enterprises, kept by the administrator (every unit) and unit heads (their own unit);
// create and edit with the credit code's check character; history of every change; search by name or code.
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { appendAudit } from '../../../db/audit-trail';
import { departments, enterpriseHistory, enterprises } from '../../../db/schema';
import {
  changedFields,
  checkEnterprise,
  fieldsOf,
  type EnterpriseFields,
  type Units,
} from '../../master-data/enterprise-rows';
import { readableUnits, registerActor, requireKeeper, mayKeep } from '../../master-data/access';
import { createRouter } from '../../openapi';
import { HttpProblem } from '../../problem';
import { errors, ok } from '../../responses/http';
import { EnterpriseChange } from '../../responses/registers';
import type { Actor } from '../../../workflows/approval/types';

const tags = ['主数据'];
const security = [{ bearer: [] }];
const readErrors = errors(400, 401, 403, 404, 409, 422, 503);
const writeErrors = errors(400, 401, 403, 404, 409, 413, 422, 503);

const EnterpriseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    creditCode: z.string(),
    address: z.string().nullable(),
    town: z.string().nullable(),
    industry: z.string().nullable(),
    sector: z.string(),
    riskClass: z.string().nullable(),
    departmentId: z.string(),
    status: z.string(),
    updatedAt: z.string().nullable(),
  })
  .openapi('RegisteredEnterprise');

const field = z.string().max(200).optional();
const EnterpriseInput = z
  .object({
    name: field,
    creditCode: field,
    address: field,
    town: field,
    industry: field,
    sector: field,
    riskClass: field,
    departmentId: field,
    status: field,
  })
  .openapi('EnterpriseInput');

export async function unitsFor(db: Db, actor: Actor): Promise<Units> {
  const rows = await db.select({ id: departments.id, name: departments.name }).from(departments);
  return { byId: new Map(rows.map((r) => [r.id, r.name])), allowed: (id) => mayKeep(actor, id) };
}

export function fieldsOfRow(row: typeof enterprises.$inferSelect): EnterpriseFields {
  return {
    name: row.name,
    creditCode: row.creditCode,
    address: row.address,
    town: row.town ?? '',
    industry: row.industry,
    sector: row.sector,
    riskClass: row.riskClass,
    departmentId: row.departmentId,
    status: row.status,
  };
}

const columnsOf = (f: EnterpriseFields) => ({ ...f, active: f.status === 'operating' });

function refuseRows(errs: ReturnType<typeof checkEnterprise>): never {
  throw new HttpProblem(
    422,
    '请求无法处理',
    errs.map((e) => e.message).join('；'),
    errs.map((e) => ({ field: `body.${fieldKey(e.column)}`, rule: e.rule, message: e.message })),
  );
}
const keyByHeader: Record<string, string> = {
  企业名称: 'name',
  统一社会信用代码: 'creditCode',
  注册地址: 'address',
  所属镇街: 'town',
  行业: 'industry',
  行业领域: 'sector',
  风险等级: 'riskClass',
  监管部门: 'departmentId',
  经营状态: 'status',
};
const fieldKey = (header: string) => keyByHeader[header] ?? header;

const list = createRoute({
  method: 'get',
  path: '/registers/enterprises',
  tags,
  summary: '企业台账（按名称或信用代码搜索）',
  security,
  request: {
    query: z.object({
      q: z.string().max(60).optional(),
      departmentId: z.string().max(32).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: {
    200: {
      description: '企业列表',
      content: { 'application/json': { schema: z.object({ total: z.number(), items: z.array(EnterpriseSchema) }) } },
    },
    ...readErrors,
  },
});

const create = createRoute({
  method: 'post',
  path: '/registers/enterprises',
  tags,
  summary: '登记企业',
  security,
  request: { body: { content: { 'application/json': { schema: EnterpriseInput } } } },
  responses: {
    201: { description: '已登记', content: { 'application/json': { schema: EnterpriseSchema } } },
    ...writeErrors,
  },
});

const edit = createRoute({
  method: 'patch',
  path: '/registers/enterprises/{id}',
  tags,
  summary: '修改企业信息（记入变更记录）',
  security,
  request: {
    params: z.object({ id: z.string().max(60) }),
    body: { content: { 'application/json': { schema: EnterpriseInput } } },
  },
  responses: {
    200: { description: '已修改', content: { 'application/json': { schema: EnterpriseSchema } } },
    ...writeErrors,
  },
});

const history = createRoute({
  method: 'get',
  path: '/registers/enterprises/{id}/history',
  tags,
  summary: '企业变更记录',
  security,
  request: { params: z.object({ id: z.string().max(60) }) },
  responses: {
    200: ok(z.array(EnterpriseChange), '变更记录'),
    ...readErrors,
  },
});

async function enterpriseOf(db: Db, id: string) {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.id, id));
  if (!row) throw HttpProblem.notFound(`企业 ${id} 不存在`);
  return row;
}

const isUniqueViolation = (err: unknown) => (err as { code?: string } | undefined)?.code === '23505';

export const enterpriseRegisterRouter = createRouter()
  .openapi(list, async (c) => {
    const db = c.get('deps').database.db;
    const actor = await registerActor(db, c.get('user'));
    const { q, departmentId, limit, offset } = c.req.valid('query');
    const units = await readableUnits(db, actor, 'register.enterprise.list');
    const conds = [];
    if (units !== 'all') conds.push(inArray(enterprises.departmentId, units));
    if (departmentId) conds.push(eq(enterprises.departmentId, departmentId));
    if (q) {
      const pattern = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      conds.push(or(ilike(enterprises.name, pattern), ilike(enterprises.creditCode, pattern))!);
    }
    const where = conds.length > 0 ? and(...conds) : undefined;
    const [rows, [count]] = await Promise.all([
      db
        .select()
        .from(enterprises)
        .where(where)
        .orderBy(asc(enterprises.name), asc(enterprises.id))
        .limit(limit)
        .offset(offset),
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(enterprises)
        .where(where),
    ]);
    const items = rows.map((r) => ({ id: r.id, ...fieldsOfRow(r), updatedAt: r.updatedAt }));
    return c.json({ total: count?.n ?? 0, items }, 200);
  })
  .openapi(create, async (c) => {
    const db = c.get('deps').database.db;
    const actor = await registerActor(db, c.get('user'));
    const body = c.req.valid('json') as Record<string, string>;
    await requireKeeper(db, actor, body.departmentId || actor.departmentId, 'register.enterprise.create');
    const units = await unitsFor(db, actor);
    const errs = checkEnterprise(body, 0, units);
    if (errs.length > 0) refuseRows(errs);
    const fields = fieldsOf(body, units);
    const id = `ent-${fields.creditCode}`;
    const at = new Date().toISOString();
    try {
      await db.transaction(async (tx) => {
        await tx.insert(enterprises).values({ id, ...columnsOf(fields), updatedAt: at });
        await tx
          .insert(enterpriseHistory)
          .values({ enterpriseId: id, change: 'create', changedBy: actor.id, changedAt: at, after: { ...fields } });
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new HttpProblem(409, '状态冲突', `统一社会信用代码 ${fields.creditCode} 已登记`, [
          {
            field: 'body.creditCode',
            rule: 'duplicate-credit-code',
            message: `统一社会信用代码 ${fields.creditCode} 已登记`,
          },
        ]);
      throw err;
    }
    await appendAudit(db, {
      actor: actor.id,
      action: 'register.enterprise.create',
      detail: { id, before: null, after: { ...fields } },
    });
    return c.json({ id, ...fields, updatedAt: at }, 201);
  })
  .openapi(edit, async (c) => {
    const db = c.get('deps').database.db;
    const actor = await registerActor(db, c.get('user'));
    const { id } = c.req.valid('param');
    const row = await enterpriseOf(db, id);
    await requireKeeper(db, actor, row.departmentId, 'register.enterprise.edit');
    const before = fieldsOfRow(row);
    const patch = c.req.valid('json') as Record<string, string | undefined>;
    const merged: Record<string, string> = {};
    for (const [k, v] of Object.entries(before)) merged[k] = patch[k] ?? (v === null ? '' : String(v));
    if (merged.creditCode!.toUpperCase() !== before.creditCode)
      throw HttpProblem.unprocessable(
        'body.creditCode',
        'immutable',
        '统一社会信用代码是企业的标识，不能修改；如登记有误请关闭后重新登记',
      );
    const units = await unitsFor(db, actor);
    const errs = checkEnterprise(merged, 0, units);
    if (errs.length > 0) refuseRows(errs);
    const after = fieldsOf(merged, units);
    const changed = changedFields(before, after);
    const at = new Date().toISOString();
    if (changed.length > 0) {
      await db.transaction(async (tx) => {
        await tx
          .update(enterprises)
          .set({ ...columnsOf(after), updatedAt: at })
          .where(eq(enterprises.id, id));
        await tx.insert(enterpriseHistory).values({
          enterpriseId: id,
          change: 'update',
          changedBy: actor.id,
          changedAt: at,
          before: { ...before },
          after: { ...after },
        });
      });
      await appendAudit(db, {
        actor: actor.id,
        action: 'register.enterprise.edit',
        detail: { id, changed, before: { ...before }, after: { ...after } },
      });
    }
    return c.json({ id, ...after, updatedAt: changed.length > 0 ? at : row.updatedAt }, 200);
  })
  .openapi(history, async (c) => {
    const db = c.get('deps').database.db;
    const actor = await registerActor(db, c.get('user'));
    const { id } = c.req.valid('param');
    const row = await enterpriseOf(db, id);
    await requireKeeper(db, actor, row.departmentId, 'register.enterprise.history');
    const rows = await db
      .select()
      .from(enterpriseHistory)
      .where(eq(enterpriseHistory.enterpriseId, id))
      .orderBy(desc(enterpriseHistory.id));
    return c.json(
      rows.map((r) => ({
        id: r.id,
        change: r.change,
        changedBy: r.changedBy,
        changedAt: r.changedAt,
        // Every writer of enterprise_history keeps the register's fields (EnterpriseFields) as before and after.
        before: (r.before ?? null) as EnterpriseFields | null,
        after: r.after as unknown as EnterpriseFields,
      })),
      200,
    );
  });
