import { createRoute, z } from '@hono/zod-openapi';
import { eq, inArray, or } from 'drizzle-orm';
import { appendAudit } from '../../db/audit-trail';
import { substitutes, users } from '../../db/schema';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { errors, ok, problem } from '../responses/http';
import { Substitute } from '../responses/org';
import { isoDate, text } from '../schemas';
import { recordDenial } from '../middleware/auth';

const create = createRoute({
  method: 'post',
  path: '/substitutes',
  tags: ['组织'],
  summary: '设置外出期间的代理人（代理）：期间内新开的待办交由代理人办理',
  security: [{ bearer: [] }],
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            substituteId: z.string().min(1).max(64),
            fromDate: isoDate,
            toDate: isoDate,
            reason: text(200).optional(),
            userId: z.string().max(64).optional().openapi({ description: '管理员可为他人设置' }),
          }),
        },
      },
    },
  },
  responses: {
    201: ok(Substitute, '已设置'),
    ...errors(400, 401, 403, 413, 503),
    422: problem('代理人无效：本人、不存在或已停用'),
  },
});

const list = createRoute({
  method: 'get',
  path: '/substitutes',
  tags: ['组织'],
  summary: '我的代理设置（管理员：全部）',
  security: [{ bearer: [] }],
  responses: { 200: ok(z.array(Substitute), '代理设置'), ...errors(401, 503) },
});

export const substitutesRouter = createRouter()
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.get('deps').database.db;
    const userId = body.userId ?? user.id;
    if (userId !== user.id && !user.roles.includes('admin')) {
      await recordDenial(c, user.id, 'substitute.set', `只能为本人设置代理（请求为 ${userId} 设置）`);
      throw HttpProblem.forbidden('只能为本人设置代理');
    }
    if (body.toDate < body.fromDate)
      throw HttpProblem.badRequest('body.toDate', 'before_start', '结束日期早于开始日期');
    if (body.substituteId === userId)
      throw HttpProblem.unprocessable('body.substituteId', 'not_self', '代理人不能是本人');
    // Both people must exist and be active; otherwise the insert would fail on its foreign key (a 500).
    const found = await db
      .select()
      .from(users)
      .where(inArray(users.id, [userId, body.substituteId]));
    const active = (id: string) => found.some((u) => u.id === id && u.active);
    if (!active(userId)) throw HttpProblem.unprocessable('body.userId', 'exists', `用户 ${userId} 不存在或已停用`);
    if (!active(body.substituteId))
      throw HttpProblem.unprocessable('body.substituteId', 'exists', `用户 ${body.substituteId} 不存在或已停用`);
    const [row] = await db
      .insert(substitutes)
      .values({
        userId,
        substituteId: body.substituteId,
        fromDate: body.fromDate,
        toDate: body.toDate,
        reason: body.reason,
      })
      .returning();
    await appendAudit(db, {
      actor: user.id,
      action: 'substitute.set',
      comment: body.reason,
      detail: { userId, substituteId: body.substituteId, fromDate: body.fromDate, toDate: body.toDate },
    });
    return c.json(row, 201);
  })
  .openapi(list, async (c) => {
    const user = c.get('user');
    const db = c.get('deps').database.db;
    const rows = user.roles.includes('admin')
      ? await db.select().from(substitutes)
      : await db
          .select()
          .from(substitutes)
          .where(or(eq(substitutes.userId, user.id), eq(substitutes.substituteId, user.id)));
    return c.json(rows, 200);
  });
