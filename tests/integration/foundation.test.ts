import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { flushSecurityEvents } from '../../db/security-events';
import { startSystem, type RunningSystem } from '../support/system';
import { checkResponsesOf } from '../support/response-conformance';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
  checkResponsesOf(system); // every answer must match the OpenAPI document
});
afterAll(async () => {
  await system?.stop();
});

describe('foundation: health, authentication, documentation', () => {
  it(
    'reports the database and Temporal reachable, and a deep ' + 'check runs a real workflow through a worker',
    async () => {
      const res = await system.http('GET', '/health?deep=true');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.database).toMatchObject({ ok: true, kind: 'postgres' });
      expect(res.body.workers.ok).toBe(true);
      const handle = system.temporal.workflow.getHandle(res.body.workers.workflowId);
      const description = await handle.describe();
      expect(description.status.name).toBe('COMPLETED');
      expect(description.type).toBe('deepHealthWorkflow');
      const probe = (await system.database.db.execute(
        sql`select worker_identity from health_probes where probe_id = ${res.body.workers.workflowId}`,
      )) as unknown as unknown[];
      expect(probe.length).toBe(1);
    },
  );

  it('answers 503 when Temporal is unreachable', async () => {
    const broken = await startSystem();
    try {
      await broken.temporal.connection.close();
      const res = await broken.http('GET', '/health');
      expect(res.status).toBe(503);
      expect(res.body.temporal.ok).toBe(false);
      expect(res.body.database.ok).toBe(true);
    } finally {
      await broken.stop().catch(() => {});
    }
  });

  it(
    'refuses a request without a valid token with 401 problem+json, ' + 'and records the denial as a security event',
    async () => {
      const count = async (query: ReturnType<typeof sql>) =>
        Number(((await system.database.db.execute(query)) as unknown as Array<{ n: number }>)[0]!.n);
      const auditBefore = await count(sql`select count(*)::int as n from audit_log`);
      const res = await system.http('GET', '/api/me', { token: 'not-a-jwt' });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 401, title: '未登录或令牌无效' });
      await flushSecurityEvents(system.database.db);
      expect(
        await count(sql`select coalesce(sum(count), 0)::int as n from security_events where kind = 'auth.denied'`),
      ).toBeGreaterThan(0);
      // Anonymous noise is not evidence: the audit trail is untouched.
      expect(await count(sql`select count(*)::int as n from audit_log`)).toBe(auditBefore);
    },
  );

  it('issues a development token for a seeded user and knows who they are', async () => {
    const token = await system.login('yjj-head');
    const me = await system.http('GET', '/api/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: 'yjj-head', name: '王德明', departmentId: 'yjj', roles: ['department-head'] });
    const depts = await system.http('GET', '/api/departments', { token });
    expect(depts.body.map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining([
        '区应急管理局',
        '区经济信息委',
        '区住房城乡建委',
        '区交通局',
        '区市场监管局',
        '区规划自然资源局',
      ]),
    );
    expect(depts.body.some((d: { kind: string }) => d.kind === 'park')).toBe(true);
  });

  it('names the field and the rule when input is malformed', async () => {
    const res = await system.http('POST', '/api/auth/dev-login', { body: { userId: 42 } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body.userId', rule: 'invalid_type' })]);
    const bad = await system.http('POST', '/api/auth/dev-login', { body: '{"userId":' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body');
  });

  it('publishes an OpenAPI 3.1 document and serves the docs without a CDN', async () => {
    const doc = await system.http('GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/api/auth/dev-login', '/api/me', '/api/departments']),
    );
    const page = await system.http('GET', '/docs');
    expect(page.body).toContain('/docs/assets/swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    const bundle = await fetch(`${system.baseUrl}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
  });

  it('exposes Prometheus metrics by route pattern, without ids in the series', async () => {
    const token = await system.login('yjj-officer1');
    await system.http('GET', '/api/tasks/t_000000000000000000000000', { token });
    const res = await fetch(`${system.baseUrl}/metrics`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(/anjian_http_requests_total\{method="GET",route="\/api\/tasks\/:id",status="404"\} \d+/);
    expect(text).toContain('anjian_http_request_duration_seconds_bucket');
    expect(text).not.toContain('t_000000000000000000000000');
  });
});
