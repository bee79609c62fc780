import type { MiddlewareHandler } from 'hono';
import { appendAudit } from '../../db/audit-trail';
import type { RoleId } from '../../db/schema';
import type { AppEnv, AuthUser } from '../context';
import { problemJson } from '../problem';
import { InvalidToken } from '../auth-tokens';
import { clientOf } from '../client-limits';
import { recordSecurityEvent } from '../../db/security-events';

/**
 * Requires a valid bearer token. A failure is answered 401 and recorded as a security event (not in the audit
 * trail: anonymous noise is not evidence); past the per-client limit further failures are answered 429.
 */
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
      const limits = c.get('limits');
      const client = clientOf(c, limits.trustProxy);
      const sample = { method: c.req.method, path: c.req.path, reason, requestId: c.get('requestId') };
      const waitSeconds = limits.failures.blockedFor(client);
      if (waitSeconds > 0) {
        await recordSecurityEvent(c.get('deps').database.db, { kind: 'auth.rate-limited', source: client, sample });
        return tooManyFailures(c, waitSeconds);
      }
      limits.failures.add(client);
      await recordSecurityEvent(c.get('deps').database.db, { kind: 'auth.denied', source: client, sample });
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

export function tooManyFailures(c: Parameters<MiddlewareHandler<AppEnv>>[0], waitSeconds: number): Response {
  return problemJson(
    c,
    { status: 429, title: '认证失败次数过多', detail: `请 ${waitSeconds} 秒后再试` },
    { 'retry-after': String(waitSeconds) },
  );
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
