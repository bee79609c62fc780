// 人员: create, edit and disable users — roles, unit, mobile and enforcement credential (执法证: number, issuing
// authority, valid until). The administrator keeps everyone; a unit head their own unit's officers and reviewers.
// Disabling hands the user's open tasks to the unit head (or a chosen colleague); their history stays theirs.
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, ilike, inArray, ne, or, arrayContains } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { appendAudit } from '../../../db/audit-trail';
import { departments, roleIds, users, type RoleId } from '../../../db/schema';
import { todayInShanghai } from '../../../domain/dates';
import { credentialStatus, isMainlandMobile } from '../../../domain/master-data';
import { handOverOpenTasks } from '../../master-data/handover';
import { isAdmin, readableUnits, registerActor, requireKeeper } from '../../master-data/access';
import { createRouter } from '../../openapi';
import { HttpProblem } from '../../problem';
import { errors } from '../../responses/http';
import { isoDate } from '../../schemas';
import type { Actor } from '../../../workflows/approval/types';

const tags = ['主数据'];
const security = [{ bearer: [] }];
const readErrors = errors(400, 401, 403, 404, 409, 422, 503);
const writeErrors = errors(400, 401, 403, 404, 409, 413, 422, 503);

/** Roles a unit head may grant within the unit; the others only the administrator. */
const headGrantable: RoleId[] = ['officer', 'legal-reviewer'];

const PersonSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    departmentId: z.string(),
    roles: z.array(z.string()),
    title: z.string().nullable(),
    mobile: z.string().nullable(),
    active: z.boolean(),
    hasEnforcementCredential: z.boolean(),
    credentialNumber: z.string().nullable(),
    credentialAuthority: z.string().nullable(),
    credentialValidUntil: z.string().nullable(),
    credentialStatus: z.enum(['none', 'valid', 'expiring', 'expired']),
    disabledAt: z.string().nullable(),
  })
  .openapi('Person');

const optionalText = (max: number) => z.string().trim().max(max).optional();
const PersonFields = {
  name: z.string().trim().min(1, '姓名必填').max(40),
  departmentId: z.string().max(32),
  roles: z.array(z.enum(roleIds)).min(1, '至少一个角色').max(6),
  title: optionalText(60).nullable(),
  mobile: optionalText(20).nullable(),
  credentialNumber: optionalText(40).nullable(),
  credentialAuthority: optionalText(60).nullable(),
  credentialValidUntil: isoDate.nullable().optional(),
};
const CreatePerson = z
  .object({ id: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, '登录名只能含小写字母、数字和连字符'), ...PersonFields })
  .openapi('PersonInput');
const EditPerson = z.object(PersonFields).partial().openapi('PersonEdit');

type PersonRow = typeof users.$inferSelect;
const today = () => todayInShanghai(Date.now());
const view = (u: PersonRow) => ({
  id: u.id,
  name: u.name,
  departmentId: u.departmentId,
  roles: u.roles,
  title: u.title,
  mobile: u.mobile,
  active: u.active,
  hasEnforcementCredential: u.hasEnforcementCredential,
  credentialNumber: u.credentialNumber,
  credentialAuthority: u.credentialAuthority,
  credentialValidUntil: u.credentialValidUntil,
  credentialStatus: credentialStatus({ number: u.credentialNumber, validUntil: u.credentialValidUntil }, today()),
  disabledAt: u.disabledAt,
});
const recordOf = (u: PersonRow) => {
  const { credentialStatus: _, ...rest } = view(u);
  return rest;
};

async function personOf(db: Db, id: string): Promise<PersonRow> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  if (!u) throw HttpProblem.notFound(`用户 ${id} 不存在`);
  return u;
}

/** Field rules beyond the schema: unit exists, roles a head may grant, mobile, a complete credential. */
async function checkPerson(db: Db, actor: Actor, p: Partial<z.infer<typeof CreatePerson>>, action: string) {
  if (p.departmentId !== undefined) {
    const [dept] = await db.select().from(departments).where(eq(departments.id, p.departmentId));
    if (!dept) throw HttpProblem.unprocessable('body.departmentId', 'exists', `单位 ${p.departmentId} 不存在`);
    await requireKeeper(db, actor, p.departmentId, action);
  }
  if (p.roles && !isAdmin(actor)) {
    const extra = p.roles.filter((r) => !headGrantable.includes(r));
    if (extra.length > 0) {
      const reason = `单位负责人只能授予执法人员、法制审核员角色，不能授予 ${extra.join('、')}`;
      await appendAudit(db, { actor: actor.id, action, outcome: 'denied', comment: reason });
      throw HttpProblem.forbidden(reason);
    }
  }
  if (p.mobile && !isMainlandMobile(p.mobile))
    throw HttpProblem.unprocessable('body.mobile', 'mobile', '手机号码应为 11 位大陆手机号');
}

function credentialColumns(p: Partial<z.infer<typeof CreatePerson>>, before?: PersonRow) {
  const number = p.credentialNumber !== undefined ? p.credentialNumber || null : (before?.credentialNumber ?? null);
  const authority =
    p.credentialAuthority !== undefined ? p.credentialAuthority || null : (before?.credentialAuthority ?? null);
  const validUntil =
    p.credentialValidUntil !== undefined ? p.credentialValidUntil || null : (before?.credentialValidUntil ?? null);
  if (number && (!authority || !validUntil)) {
    const field = authority ? 'body.credentialValidUntil' : 'body.credentialAuthority';
    throw HttpProblem.unprocessable(field, 'credential-complete', '执法证须同时填写证号、发证机关和有效期至');
  }
  const touched = p.credentialNumber !== undefined;
  return {
    credentialNumber: number,
    credentialAuthority: number ? authority : null,
    credentialValidUntil: number ? validUntil : null,
    hasEnforcementCredential: touched ? number !== null : (before?.hasEnforcementCredential ?? false),
  };
}

const list = createRoute({
  method: 'get',
  path: '/registers/people',
  tags,
  summary: '人员名册（含执法证状态）',
  security,
  request: {
    query: z.object({
      q: z.string().max(40).optional(),
      departmentId: z.string().max(32).optional(),
      includeDisabled: z.enum(['true', 'false']).optional(),
    }),
  },
  responses: {
    200: { description: '人员', content: { 'application/json': { schema: z.array(PersonSchema) } } },
    ...readErrors,
  },
});
const create = createRoute({
  method: 'post',
  path: '/registers/people',
  tags,
  summary: '新增人员',
  security,
  request: { body: { content: { 'application/json': { schema: CreatePerson } } } },
  responses: {
    201: { description: '已新增', content: { 'application/json': { schema: PersonSchema } } },
    ...writeErrors,
  },
});
const edit = createRoute({
  method: 'patch',
  path: '/registers/people/{id}',
  tags,
  summary: '修改人员（角色、单位、执法证）',
  security,
  request: {
    params: z.object({ id: z.string().max(32) }),
    body: { content: { 'application/json': { schema: EditPerson } } },
  },
  responses: {
    200: { description: '已修改', content: { 'application/json': { schema: PersonSchema } } },
    ...writeErrors,
  },
});
const disable = createRoute({
  method: 'post',
  path: '/registers/people/{id}/disable',
  tags,
  summary: '停用人员：在办待办转交单位负责人或指定同事',
  security,
  request: {
    params: z.object({ id: z.string().max(32) }),
    body: {
      content: {
        'application/json': {
          schema: z.object({
            reason: z.string().trim().min(2, '请填写停用原因').max(200),
            handoverTo: z.string().max(32).optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: '已停用',
      content: {
        'application/json': {
          schema: z.object({
            person: PersonSchema,
            handedOverTo: z.string(),
            tasks: z.array(
              z.object({ taskId: z.string(), workflowId: z.string(), how: z.string(), reason: z.string().optional() }),
            ),
          }),
        },
      },
    },
    ...writeErrors,
  },
});

async function headOf(db: Db, departmentId: string, except: string): Promise<PersonRow | undefined> {
  const [dept] = await db.select().from(departments).where(eq(departments.id, departmentId));
  if (dept?.headUserId && dept.headUserId !== except) {
    const [h] = await db
      .select()
      .from(users)
      .where(and(eq(users.id, dept.headUserId), eq(users.active, true)));
    if (h) return h;
  }
  const [h] = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.departmentId, departmentId),
        eq(users.active, true),
        ne(users.id, except),
        arrayContains(users.roles, ['department-head']),
      ),
    )
    .orderBy(asc(users.id))
    .limit(1);
  return h;
}

export const peopleRegisterRouter = createRouter()
  .openapi(list, async (c) => {
    const db = c.get('deps').database.db;
    const actor = await registerActor(db, c.get('user'));
    const { q, departmentId, includeDisabled } = c.req.valid('query');
    const units = await readableUnits(db, actor, 'register.person.list');
    const conds = [];
    if (units !== 'all') conds.push(inArray(users.departmentId, units));
    if (departmentId) conds.push(eq(users.departmentId, departmentId));
    if (includeDisabled !== 'true') conds.push(eq(users.active, true));
    if (q) {
      const pattern = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      conds.push(or(ilike(users.name, pattern), ilike(users.id, pattern))!);
    }
    const rows = await db
      .select()
      .from(users)
      .where(conds.length > 0 ? and(...conds) : undefined)
      .orderBy(asc(users.departmentId), asc(users.id));
    return c.json(rows.map(view), 200);
  })
  .openapi(create, async (c) => {
    const db = c.get('deps').database.db;
    const actor = await registerActor(db, c.get('user'));
    const body = c.req.valid('json');
    await checkPerson(db, actor, body, 'register.person.create');
    const values = {
      id: body.id,
      name: body.name,
      departmentId: body.departmentId,
      roles: body.roles,
      title: body.title || null,
      mobile: body.mobile || null,
      ...credentialColumns(body),
    };
    const inserted = await db.insert(users).values(values).onConflictDoNothing().returning();
    if (inserted.length === 0)
      throw new HttpProblem(409, '状态冲突', `登录名 ${body.id} 已被使用`, [
        { field: 'body.id', rule: 'unique', message: `登录名 ${body.id} 已被使用` },
      ]);
    const row = inserted[0]!;
    await appendAudit(db, {
      actor: actor.id,
      action: 'register.person.create',
      detail: { id: row.id, before: null, after: recordOf(row) },
    });
    return c.json(view(row), 201);
  })
  .openapi(edit, async (c) => {
    const db = c.get('deps').database.db;
    const actor = await registerActor(db, c.get('user'));
    const { id } = c.req.valid('param');
    const before = await personOf(db, id);
    await requireKeeper(db, actor, before.departmentId, 'register.person.edit');
    const body = c.req.valid('json');
    if (
      !isAdmin(actor) &&
      body.roles === undefined &&
      before.roles.some((r) => !headGrantable.includes(r)) &&
      body.departmentId
    )
      await requireKeeper(db, actor, undefined, 'register.person.edit');
    await checkPerson(db, actor, body, 'register.person.edit');
    const [after] = await db
      .update(users)
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.departmentId !== undefined ? { departmentId: body.departmentId } : {}),
        ...(body.roles !== undefined ? { roles: body.roles } : {}),
        ...(body.title !== undefined ? { title: body.title || null } : {}),
        ...(body.mobile !== undefined ? { mobile: body.mobile || null } : {}),
        ...credentialColumns(body, before),
      })
      .where(eq(users.id, id))
      .returning();
    await appendAudit(db, {
      actor: actor.id,
      action: 'register.person.edit',
      detail: { id, before: recordOf(before), after: recordOf(after!) },
    });
    return c.json(view(after!), 200);
  })
  .openapi(disable, async (c) => {
    const { database, temporal } = c.get('deps');
    const db = database.db;
    const actor = await registerActor(db, c.get('user'));
    const { id } = c.req.valid('param');
    const { reason, handoverTo } = c.req.valid('json');
    const before = await personOf(db, id);
    await requireKeeper(db, actor, before.departmentId, 'register.person.disable');
    if (id === actor.id) throw HttpProblem.unprocessable('path.id', 'not-self', '不能停用本人');
    let to: PersonRow | undefined;
    if (handoverTo) {
      const [u] = await db.select().from(users).where(eq(users.id, handoverTo));
      if (!u || !u.active || u.id === id)
        throw HttpProblem.unprocessable('body.handoverTo', 'exists', `接手人 ${handoverTo} 不存在或已停用`);
      to = u;
    } else {
      to = await headOf(db, before.departmentId, id);
      if (!to)
        throw HttpProblem.unprocessable(
          'body.handoverTo',
          'required',
          '该单位没有在职负责人，请指定接手在办事项的同事',
        );
    }
    const [after] = await db
      .update(users)
      .set({ active: false, disabledAt: before.disabledAt ?? new Date().toISOString() })
      .where(eq(users.id, id))
      .returning();
    await appendAudit(db, {
      actor: actor.id,
      action: 'register.person.disable',
      comment: reason,
      detail: { id, handoverTo: to.id, before: recordOf(before), after: recordOf(after!) },
    });
    const results = await handOverOpenTasks({ db, temporal }, actor, before, to, reason);
    return c.json({ person: view(after!), handedOverTo: to.id, tasks: results }, 200);
  });
