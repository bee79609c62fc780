import type { Context } from 'hono';
import { z } from 'zod';

/** RFC 9457 problem details; `errors` names each offending field and the rule it broke. */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), rule: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

/** Thrown anywhere in a handler; the error middleware turns it into problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }

  static badRequest(field: string, rule: string, message: string): HttpProblem {
    return new HttpProblem(400, '请求参数无效', message, [{ field, rule, message }]);
  }
  static unprocessable(field: string, rule: string, message: string): HttpProblem {
    return new HttpProblem(422, '请求无法处理', message, [{ field, rule, message }]);
  }
  static notFound(detail: string): HttpProblem {
    return new HttpProblem(404, '资源不存在', detail);
  }
  static conflict(detail: string): HttpProblem {
    return new HttpProblem(409, '状态冲突', detail);
  }
  static forbidden(detail: string): HttpProblem {
    return new HttpProblem(403, '无权执行此操作', detail);
  }
}

const typeBase = 'https://anjian-flow.example/problems/';
const typeByStatus: Record<number, string> = {
  400: 'invalid-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  422: 'unprocessable',
  429: 'too-many-requests',
  500: 'internal-error',
  503: 'service-unavailable',
};

export type ProblemInput = {
  status: number;
  title: string;
  type?: string;
  detail?: string;
  errors?: FieldError[];
} & Record<string, unknown>;

export function problemJson(c: Context, problem: ProblemInput, headers: Record<string, string> = {}): Response {
  const body = {
    type: problem.type ?? `${typeBase}${typeByStatus[problem.status] ?? 'error'}`,
    instance: c.req.path,
    ...problem,
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

/** Maps zod issues to field errors, prefixing the request part (body, query, path, header). */
export function fieldErrorsFromZod(error: z.ZodError, target: string): FieldError[] {
  const prefix = target === 'json' || target === 'form' ? 'body' : target === 'param' ? 'path' : target;
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].join('.'),
    rule: issue.code,
    message: issue.message,
  }));
}
