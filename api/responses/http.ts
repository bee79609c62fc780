// The shapes of a route's answers in the OpenAPI document: `responses: { 200: ok(CaseDetail), ...errors(401, 404) }`.
import { z } from '@hono/zod-openapi';
import { ProblemSchema } from '../problem';

/** Every error status a route may answer, with what it means for any route. */
const errorMeanings = {
  400: '请求参数无效（errors 指出字段和规则）',
  401: '未登录或令牌无效',
  403: '无权执行此操作（已记入审计）',
  404: '资源不存在或无权查看',
  409: '状态冲突：重复提交，或当前阶段不允许此操作',
  413: '请求体过大',
  422: '请求无法处理：不符合业务规则（errors 指出字段和规则）',
  429: '请求过于频繁',
  503: '服务暂不可用：请求超时或依赖服务不可用，可稍后重试',
} as const;

export type ErrorStatus = keyof typeof errorMeanings;

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };
type ProblemResponse = { description: string; content: typeof problemContent };

/** A problem+json answer with a route-specific description. */
export const problem = (description: string): ProblemResponse => ({ description, content: problemContent });

/** The problem+json answers of a route, one per status, e.g. `...errors(400, 401, 404, 503)`. */
export function errors<const S extends readonly ErrorStatus[]>(
  ...statuses: S
): { [K in S[number] | 400]: ProblemResponse } {
  // Every route can answer 400: the input guard refuses control characters in any path or query, before routing.
  const all = [...new Set<ErrorStatus>([400, ...statuses])];
  return Object.fromEntries(all.map((s) => [s, problem(errorMeanings[s])])) as {
    [K in S[number] | 400]: ProblemResponse;
  };
}

/** A JSON success answer. */
export const ok = <T extends z.ZodType>(schema: T, description = '成功') => ({
  description,
  content: { 'application/json': { schema } },
});

/** The page envelope every paged list answers with. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
