// The served OpenAPI document: valid under a maintained validator, every success body typed, every status a route
// can answer listed with problem+json, patterns usable by a client, and a generated TypeScript client that compiles.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '@readme/openapi-parser';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createApp } from '../../../api/app';
import type { AppDeps } from '../../../api/context';
import { getResponseSchemas } from '../../../api/responses';
import type { PlanCycleOverview } from '../../../api/responses/annual-plans';
import type { EnforcementCaseDetail } from '../../../api/responses/enforcement';
import { jsonSchemaPattern } from '../../../api/responses/patterns';
import type { TaskDetail, TaskList } from '../../../api/responses/tasks';
import type { GetBody } from '../../../web/api-client';
import { loadEnv } from '../../../config/env';
import { nonConformance } from '../../support/response-conformance';

type Schema = Record<string, unknown>;
interface Operation {
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

let doc: Doc;
let tmp: string;
beforeAll(async () => {
  // Serving the document reaches neither the database nor Temporal.
  const deps = { env: loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: {}, temporal: {} } as AppDeps;
  const res = await createApp(deps).request('/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
  tmp = await mkdtemp(join(tmpdir(), 'openapi-'));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function operations(): Array<{ id: string; path: string; op: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, path, op })),
  );
}

const resolve = (schema: Schema): Schema => {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  return resolve(doc.components.schemas[ref.replace('#/components/schemas/', '')] ?? {});
};

/** A schema that says what the body is: a type, properties, a reference or a union; never `{}`. */
const typed = (schema: Schema | undefined): boolean => {
  if (!schema) return false;
  const s = resolve(schema);
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf) || Array.isArray(s.allOf))
    return ([...((s.anyOf ?? s.oneOf ?? s.allOf) as Schema[])] as Schema[]).every(typed);
  if (s.type === 'array') return typed(s.items as Schema | undefined);
  if (s.type === 'object') return Boolean(s.properties) || typed(s.additionalProperties as Schema | undefined);
  return typeof s.type === 'string' || Array.isArray(s.type) || 'enum' in s || 'const' in s;
};

describe('the served OpenAPI document', () => {
  it('passes the OpenAPI validator', async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('types every success body, and every property of it', () => {
    const untyped: string[] = [];
    for (const { id, op } of operations())
      for (const [status, response] of Object.entries(op.responses)) {
        if (!status.startsWith('2')) continue;
        for (const [media, { schema }] of Object.entries(response.content ?? {})) {
          if (!typed(schema)) untyped.push(`${id} ${status} ${media}`);
          const body = schema ? resolve(schema) : {};
          const element = body.type === 'array' ? resolve(body.items as Schema) : body;
          for (const [name, prop] of Object.entries((element.properties ?? {}) as Record<string, Schema>))
            if (!typed(prop)) untyped.push(`${id} ${status} .${name}`);
        }
      }
    expect(untyped).toEqual([]);
  });

  it('lists every status a route can answer, each as problem+json', () => {
    const missing: string[] = [];
    for (const { id, path, op } of operations()) {
      const listed = Object.keys(op.responses);
      const needs = (status: string, why: boolean) =>
        why && !listed.includes(status) && missing.push(`${id} ${status}`);
      const api = path.startsWith('/api/');
      needs('401', Boolean(op.security?.length));
      needs('400', Boolean(op.parameters?.length || op.requestBody));
      needs('413', api && Boolean(op.requestBody));
      needs('503', api);
      for (const [status, response] of Object.entries(op.responses))
        if (Number(status) >= 400 && !(path === '/health' && status === '503'))
          if (!response.content?.['application/problem+json']?.schema?.$ref)
            missing.push(`${id} ${status} is not a problem+json`);
    }
    expect(missing).toEqual([]);
  });

  it('carries patterns a client compiles with Unicode semantics, accepting real case numbers', () => {
    const patterns = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) {
          if (k === 'pattern' && typeof v === 'string') patterns.add(v);
          else collect(v);
        }
    };
    collect(doc);
    expect(patterns.size).toBeGreaterThan(5);
    for (const p of patterns) {
      expect(p, p).not.toMatch(/\/[a-z]+$/);
      expect(() => new RegExp(p, 'u'), p).not.toThrow();
    }
    const caseNumberParam = (doc.paths['/api/enforcement-cases/{caseNumber}']?.get?.parameters ?? []) as Array<{
      name: string;
      schema: Schema;
    }>;
    const pattern = caseNumberParam.find((p) => p.name === 'caseNumber')?.schema.pattern as string;
    expect(new RegExp(pattern, 'u').test('区应急罚〔2026〕12号')).toBe(true);
    expect(new RegExp(pattern, 'u').test('罚<script>')).toBe(false);
  });

  it('refuses to drop a regex flag that changes what a pattern means', () => {
    expect(jsonSchemaPattern('^[\\p{L}]{3}$/u')).toBe('^[\\p{L}]{3}$');
    expect(jsonSchemaPattern('^a\\/u$')).toBe('^a\\/u$');
    expect(() => jsonSchemaPattern('^abc$/i')).toThrow(/"i"/);
  });

  it('generates a TypeScript client that type-checks and knows the bodies', async () => {
    const source = astToString(await openapiTS(structuredClone(doc) as never));
    // Reading typed fields of real bodies: fails to compile if a body were `unknown` or `Record<string, never>`.
    const usage = `
type Json<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer B } } };
} ? B : never;
export const caseNumber = (b: Json<'/api/cases/{workflowId}', 'get', 200>): string => b.case.caseNumber;
export const taskTitle = (b: Json<'/api/tasks/{id}', 'get', 200>): string => b.task.caseTitle;
export const stage = (b: Json<'/api/enforcement-cases/{caseNumber}', 'get', 200>): string => b.stage;
export const verified = (b: Json<'/api/audit/verify', 'get', 200>): boolean => b.ok;
`;
    const file = join(tmp, 'client.ts');
    await writeFile(file, `${source}\n${usage}`);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  }, 60_000);
});

describe('holding real answers to the document (tests/support/response-conformance.ts)', () => {
  it('refuses a body that breaks its schema and a status the route does not list', () => {
    const good = {
      ok: true,
      records: 3,
      lastHash: 'ab',
      problems: [],
      checkpoints: { ok: true, checked: 0, problems: [] },
    };
    expect(nonConformance('GET', '/api/audit/verify', 200, good)).toBeUndefined();
    expect(nonConformance('GET', '/api/audit/verify', 200, { ok: 'yes' })).toMatch(/does not match its schema/);
    expect(nonConformance('GET', '/api/audit/verify', 418, {})).toMatch(/do not list/);
    expect(nonConformance('GET', '/api/entrustments/authorize?org=x', 404, {})).toMatch(/authorize answered 404/);
    expect(nonConformance('GET', '/inbox', 200, '<html>')).toBeUndefined();
  });
});

describe('the response types the console reads (web/api-client.ts)', () => {
  it('maps each GET path to the schema its route answers with', () => {
    const routes = createApp({
      env: loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
      database: {},
      temporal: {},
    } as AppDeps).openAPIRegistry.definitions.flatMap((d) => (d.type === 'route' ? [d.route] : []));
    const element = (s: unknown) => (s instanceof z.ZodArray ? s.element : s);
    const wrong = Object.entries(getResponseSchemas).filter(([path, schema]) => {
      const route = routes.find((r) => r.method === 'get' && r.path === path);
      const declared = (route?.responses[200] as { content?: Record<string, { schema?: unknown }> } | undefined)
        ?.content?.['application/json']?.schema;
      return !declared || element(declared) !== element(schema);
    });
    expect(wrong.map(([path]) => path)).toEqual([]);
  });

  it('types a read by its path, and leaves an unknown path untyped', () => {
    expectTypeOf<GetBody<`/api/tasks/${string}`>>().toEqualTypeOf<TaskDetail>();
    expectTypeOf<GetBody<'/api/tasks?view=mine'>>().toEqualTypeOf<TaskList>();
    expectTypeOf<GetBody<`/api/enforcement-cases/${string}`>>().toEqualTypeOf<EnforcementCaseDetail>();
    expectTypeOf<GetBody<'/api/plan-cycles/2027/overview'>>().toEqualTypeOf<PlanCycleOverview>();
    expectTypeOf<GetBody<string>>().toBeAny();
  });
});

describe('api/responses', () => {
  it('imports no database, Temporal or route code, so the console may use its types', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const dir = join(import.meta.dirname, '../../../api/responses');
    const offending: string[] = [];
    for (const file of await readdir(dir)) {
      const source = await readFile(join(dir, file), 'utf8');
      for (const [, spec] of source.matchAll(/from '([^']+)'/g))
        if (!/^(@hono\/zod-openapi|\.\/[\w-]+|\.\.\/problem|\.\.\/\.\.\/domain\/[\w-]+)$/.test(spec!))
          offending.push(`${file}: ${spec}`);
    }
    expect(offending).toEqual([]);
  });
});
