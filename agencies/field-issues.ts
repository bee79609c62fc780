import { z } from 'zod';

export interface FieldIssue {
  /** Dotted path with array indexes, e.g. `materials[0].title`; empty for the body as a whole. */
  field: string;
  /** The zod issue code (`invalid_type`, `too_small`…), for callers that branch on it. */
  rule: string;
  message: string;
}

const zhCN = z.locales.zhCN().localeError;

/** Simplified Chinese messages, with a plainer one for the commonest mistake (a missing field). */
export const zhErrorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? '缺少必填字段' : zhCN(issue);

export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** Validates with Chinese messages and names each offending field, for 400 answers. */
export function parseNamingFields<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(input, { error: zhErrorMap });
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      field: fieldPath(issue.path),
      rule: issue.code,
      message: issue.message,
    })),
  };
}
