// Holds real answers to the API's own description: @hono/zod-openapi checks handler return types at compile time
// only, so integration tests pass every answer through here. A 2xx JSON body must parse with the route's zod
// response schema, and every status must be one the route lists in the OpenAPI document.
import type { z } from '@hono/zod-openapi';
import { createApp } from '../../api/app';
import type { AppDeps } from '../../api/context';
import { loadEnv } from '../../config/env';
import type { RunningSystem } from './system';

interface RouteResponses {
  method: string;
  pattern: RegExp;
  params: number;
  path: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

let routes: RouteResponses[] | undefined;

function routeTable(): RouteResponses[] {
  if (routes) return routes;
  // The registry needs no database or Temporal: the routes are only described, never run.
  const deps = { env: loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: {}, temporal: {} } as AppDeps;
  routes = createApp(deps)
    .openAPIRegistry.definitions.flatMap((d) => (d.type === 'route' ? [d.route] : []))
    .map((r) => ({
      method: r.method.toUpperCase(),
      path: r.path,
      params: (r.path.match(/\{/g) ?? []).length,
      pattern: new RegExp(`^${r.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      responses: r.responses as RouteResponses['responses'],
    }))
    // A literal segment wins over a parameter: /entrustments/authorize before /entrustments/{draftNumber}.
    .sort((a, b) => a.params - b.params);
  return routes;
}

/** What is wrong with one answer, or undefined; requests to undocumented paths (console pages) are not judged. */
export function nonConformance(method: string, url: string, status: number, body: unknown): string | undefined {
  const path = url.split('?')[0]!;
  const route = routeTable().find((r) => r.method === method.toUpperCase() && r.pattern.test(path));
  if (!route) return undefined;
  const declared = route.responses[String(status)];
  if (!declared) return `${method} ${route.path} answered ${status}, which its OpenAPI responses do not list`;
  if (status < 200 || status >= 300) return undefined;
  const schema = declared.content?.['application/json']?.schema as z.ZodType | undefined;
  if (!schema) return undefined;
  const parsed = schema.safeParse(body);
  if (parsed.success) return undefined;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
  return `${method} ${route.path} ${status} body does not match its schema: ${issues.join('; ')}`;
}

/** Makes `system.http` throw on an answer that does not conform; returns what it judged, for the test to count. */
export function checkResponsesOf(system: RunningSystem): { checked: number } {
  const seen = { checked: 0 };
  const http = system.http.bind(system);
  system.http = async (method, path, options) => {
    const res = await http(method, path, options);
    const problem = nonConformance(method, path, res.status, res.body);
    if (problem) throw new Error(problem);
    seen.checked++;
    return res;
  };
  return seen;
}
