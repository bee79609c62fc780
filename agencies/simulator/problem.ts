import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldIssue } from '../field-issues';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

/** RFC 9457 problem; `code` becomes the type URN so callers can branch without parsing Chinese text. */
export function problem(code: string, status: number, title: string, extra: Partial<Problem> = {}): Problem {
  return { type: `urn:anjian-simulator:problem:${code}`, title, status, ...extra };
}

export function sendProblem(c: Context, body: Problem, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json; charset=utf-8',
    ...headers,
  });
}

export function invalidBody(issues: FieldIssue[]): Problem {
  const detail = issues.map((i) => `${i.field || '请求体'}：${i.message}`).join('；');
  return problem('invalid-body', 400, '请求参数校验失败', { detail, errors: issues });
}
