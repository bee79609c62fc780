// 单位: the administrator edits a unit's name, supervisory duty (has_supervisory_duty: gets an annual plan),
// head and legal reviewer. Every change is audited with before and after.
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../../db/audit-trail';
import { departments, users } from '../../../db/schema';
import { registerActor, requireKeeper } from '../../master-data/access';
import { createRouter } from '../../openapi';
import { HttpProblem } from '../../problem';
import { errors } from '../../responses/http';

const UnitSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    supervisoryDomain: z.string().nullable(),
    hasSupervisoryDuty: z.boolean(),
    headUserId: z.string().nullable(),
    legalReviewerId: z.string().nullable(),
  })
  .openapi('Unit');

const edit = createRoute({
  method: 'patch',
  path: '/registers/units/{id}',
  tags: ['主数据'],
  summary: '修改单位（监管职责、负责人、法制审核人员）',
  security: [{ bearer: [] }],
  request: {
    params: z.object({ id: z.string().max(32) }),
    body: {
      content: {
        'application/json': {
          schema: z
            .object({
              name: z.string().trim().min(2).max(60),
              supervisoryDomain: z.string().trim().max(200).nullable(),
              hasSupervisoryDuty: z.boolean(),
              headUserId: z.string().max(32).nullable(),
              legalReviewerId: z.string().max(32).nullable(),
            })
            .partial(),
        },
      },
    },
  },
  responses: {
    200: { description: '已修改', content: { 'application/json': { schema: UnitSchema } } },
    ...errors(400, 401, 403, 404, 413, 422, 503),
  },
});

export const unitRegisterRouter = createRouter().openapi(edit, async (c) => {
  const db = c.get('deps').database.db;
  const actor = await registerActor(db, c.get('user'));
  await requireKeeper(db, actor, undefined, 'register.unit.edit');
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const [before] = await db.select().from(departments).where(eq(departments.id, id));
  if (!before) throw HttpProblem.notFound(`单位 ${id} 不存在`);
  for (const [field, role] of [
    ['headUserId', 'department-head'],
    ['legalReviewerId', 'legal-reviewer'],
  ] as const) {
    const userId = body[field];
    if (!userId) continue;
    const [u] = await db.select().from(users).where(eq(users.id, userId));
    if (!u || !u.active) throw HttpProblem.unprocessable(`body.${field}`, 'exists', `用户 ${userId} 不存在或已停用`);
    if (!u.roles.includes(role))
      throw HttpProblem.unprocessable(
        `body.${field}`,
        'role',
        `${u.name} 不具备${role === 'department-head' ? '负责人' : '法制审核员'}角色`,
      );
  }
  const [after] = await db.update(departments).set(body).where(eq(departments.id, id)).returning();
  await appendAudit(db, { actor: actor.id, action: 'register.unit.edit', detail: { id, before, after } });
  return c.json(after!, 200);
});
