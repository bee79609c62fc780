import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { logger } from '../../config/logger';
import type { AppDeps, AppEnv } from '../context';

/** Request id (echoed back), dependencies on the context, and one structured log line per request. */
export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('deps', deps);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    logger.info({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms, user: c.var.user?.id }, 'request');
  };
}
