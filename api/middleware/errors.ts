import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { logger } from '../../config/logger';
import type { AppEnv } from '../context';
import { HttpProblem, problemJson } from '../problem';

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof HttpProblem) {
    return problemJson(c, {
      status: err.status,
      title: err.title,
      detail: err.detail,
      errors: err.errors,
      ...err.extensions,
    });
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 400 && /json/i.test(err.message)) {
      return problemJson(c, {
        status: 400,
        title: '请求体不是有效的 JSON',
        detail: err.message,
        errors: [{ field: 'body', rule: 'invalid_json', message: '请求体不是有效的 JSON' }],
      });
    }
    return problemJson(c, { status, title: err.message || '请求失败' });
  }
  if (isUnavailable(err)) {
    return problemJson(
      c,
      { status: 503, title: '服务暂不可用', detail: '数据库或工作流服务暂时无法访问，请稍后重试' },
      { 'retry-after': '5' },
    );
  }
  logger.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
  return problemJson(c, { status: 500, title: '服务器内部错误', detail: `请求编号 ${c.get('requestId')}` });
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  problemJson(c, { status: 404, title: '资源不存在', detail: `${c.req.method} ${c.req.path}` });

/** Connection failures of PostgreSQL or Temporal are an outage (503), not a bug (500). */
function isUnavailable(err: unknown, depth = 0): boolean {
  const e = err as { code?: string; message?: string; name?: string; cause?: unknown };
  // Drizzle wraps the driver's error: look through the cause chain.
  if (depth < 5 && e?.cause && isUnavailable(e.cause, depth + 1)) return true;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006', '08001'].includes(
      e?.code ?? '',
    ) ||
    e?.name === 'ServiceError' ||
    /database did not answer|connection terminated|UNAVAILABLE/i.test(e?.message ?? '')
  );
}
