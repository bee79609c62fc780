import type { MiddlewareHandler } from 'hono';
import { appendAudit } from '../../db/audit-trail';
import type { RoleId } from '../../db/schema';
import type { AppEnv, AuthUser } from '../context';
import { problemJson } from '../problem';
import { InvalidToken } from '../auth-tokens';

/** Requires a valid bearer token; a failure is answered 401 and recorded in the audit trail. */
export function requireAuth(verify: (token: string) => Promise<AuthUser>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.match(/^Bearer\s+(.+)$/i)?.[1];
    let user: AuthUser | undefined;
    let reason = '缺少 Authorization: Bearer 令牌';
    if (token) {
      try {
        user = await verify(token);
      } catch (err) {
        if (!(err instanceof InvalidToken)) throw err;
        reason = '令牌无效或已过期';
      }
    }
    if (!user) {
      await recordDenial(c, 'anonymous', 'auth.denied', reason);
      return problemJson(
        c,
        { status: 401, title: '未登录或令牌无效', detail: reason },
        { 'www-authenticate': 'Bearer' },
      );
    }
    c.set('user', user);
    await next();
  };
}

/** Allows the request when the user holds any of the roles; otherwise 403 with the reason, audited. */
export function requireRole(...roles: RoleId[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user.roles.some((r) => roles.includes(r))) {
      const detail = `此操作需要以下角色之一: ${roles.join(', ')}`;
      await recordDenial(c, user.id, 'access.denied', detail);
      return problemJson(c, { status: 403, title: '无权执行此操作', detail });
    }
    await next();
  };
}

export async function recordDenial(
  c: Parameters<MiddlewareHandler<AppEnv>>[0],
  actor: string,
  action: string,
  reason: string,
): Promise<void> {
  try {
    await appendAudit(c.get('deps').database.db, {
      actor,
      action,
      outcome: 'denied',
      comment: reason,
      detail: { method: c.req.method, path: c.req.path, requestId: c.get('requestId') },
    });
  } catch {
    // The denial is still answered when the database is down; /health reports the outage.
  }
}
