import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { devLoginEnabled, jwtSecretOf } from '../../config/env';
import { appendAudit } from '../../db/audit-trail';
import { recordSecurityEvent } from '../../db/security-events';
import { clientOf } from '../client-limits';
import { users } from '../../db/schema';
import { issueDevToken } from '../auth-tokens';
import { createRouter } from '../openapi';
import { HttpProblem } from '../problem';
import { errors, problem } from '../responses/http';

const UserSchema = z
  .object({ id: z.string(), name: z.string(), departmentId: z.string(), roles: z.array(z.string()) })
  .openapi('AuthUser');

const devLogin = createRoute({
  method: 'post',
  path: '/auth/dev-login',
  tags: ['认证'],
  summary: '开发环境登录：为种子用户签发令牌（生产环境关闭）',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ userId: z.string().min(1).max(64) }) } },
    },
  },
  responses: {
    200: {
      description: '令牌',
      content: { 'application/json': { schema: z.object({ token: z.string(), user: UserSchema }) } },
    },
    ...errors(400, 413, 503),
    404: problem('用户不存在，或开发登录未启用'),
    429: problem('登录失败次数过多，已暂时锁定'),
  },
});

/** Public: development login. Production uses tokens from the government SSO, verified by JWKS. */
export const publicAuthRouter = createRouter().openapi(devLogin, async (c) => {
  const { env, database } = c.get('deps');
  if (!devLoginEnabled(env)) throw new HttpProblem(404, '资源不存在', '开发登录未启用');
  const { userId } = c.req.valid('json');
  // 登录失败处理: 5 failures lock the user id for 15 minutes; failures and lockouts are security events. (A client
  // that fails too often is limited by the failed-authentication limit of api/middleware/auth.ts as well.)
  const limits = c.get('limits');
  const client = clientOf(c, limits.trustProxy);
  const locked = limits.devLoginByUser.blockedFor(userId);
  if (locked > 0) {
    await recordSecurityEvent(database.db, { kind: 'auth.locked', source: client, sample: { userId } });
    throw new HttpProblem(429, '登录失败次数过多，已暂时锁定', `请 ${Math.ceil(locked / 60)} 分钟后再试`, undefined, {
      retryAfter: locked,
    });
  }
  const [user] = await database.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !user.active) {
    limits.devLoginByUser.add(userId);
    await recordSecurityEvent(database.db, {
      kind: 'auth.dev-login-failed',
      source: client,
      sample: { userId, reason: user ? '用户已停用' : '未知用户' },
    });
    throw new HttpProblem(404, '资源不存在', `用户 ${userId} 不存在`, [
      { field: 'body.userId', rule: 'exists', message: '用户不存在' },
    ]);
  }
  limits.devLoginByUser.reset(userId);
  const authUser = { id: user.id, name: user.name, departmentId: user.departmentId, roles: user.roles };
  const token = await issueDevToken(authUser, {
    secret: jwtSecretOf(env),
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
  });
  await appendAudit(database.db, { actor: user.id, action: 'auth.dev-login' });
  return c.json({ token, user: authUser }, 200);
});

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['认证'],
  summary: '当前用户',
  security: [{ bearer: [] }],
  responses: {
    200: { description: '当前用户', content: { 'application/json': { schema: UserSchema } } },
    ...errors(401, 503),
  },
});

export const meRouter = createRouter().openapi(me, (c) => c.json(c.get('user'), 200));
