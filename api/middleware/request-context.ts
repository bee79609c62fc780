import { randomUUID } from 'node:crypto';
import { routePath } from 'hono/route';
import type { ApiMetrics } from '../metrics';
import type { MiddlewareHandler } from 'hono';
import { logger } from '../../config/logger';
import type { AppDeps, AppEnv } from '../context';

/** Request id (echoed back), dependencies on the context, and one structured log line per request. */
export function requestContext(deps: AppDeps, metrics?: ApiMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('deps', deps);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    const elapsed = performance.now() - started;
    const ms = Math.round(elapsed * 10) / 10;
    // The matched route pattern, not the raw path, so ids do not explode the metric series.
    metrics?.observe(c.req.method, routePath(c, -1), c.res.status, elapsed / 1000);
    logger.info(
      { requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms, user: c.var.user?.id },
      'request',
    );
  };
}
