// Property-based hostile input for every route in the OpenAPI document: always a 4xx problem+json
// (or a 2xx for harmless reads), never a 5xx, never a state change.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../support/system';
import { checkResponsesOf } from '../support/response-conformance';

let system: RunningSystem;
let adminToken: string;
let doc: {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: unknown }>>;
};
beforeAll(async () => {
  // Hundreds of bad tokens from one address: the per-client limit (429) is tested in security.test.ts.
  system = await startSystem({ AUTH_FAILURES_PER_MINUTE: '100000' });
  adminToken = await system.login('admin');
  checkResponsesOf(system); // every status answered to junk must be one the route lists (issue 20, item 10)
  doc = (await system.http('GET', '/openapi.json')).body;
});
afterAll(async () => {
  await system?.stop();
});

// Tables whose rows are business state; audit_log and inbound_events record refusals by design.
const stateTables = ['cases', 'case_deadlines', 'tasks', 'outbox', 'calendar_versions', 'substitutes', 'agency_refs'];

async function stateCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of stateTables) {
    const rows = (await system.database.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)}`,
    )) as unknown as Array<{ n: number }>;
    out[table] = Number(rows[0]!.n);
  }
  return out;
}

/** Percent-encoding that, unlike encodeURIComponent, also sends a lone surrogate (as the bytes a client would send). */
function pct(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff)
      out += (
        `%${(0xe0 | (code >> 12)).toString(16)}` +
        `%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}` +
        `%${(0x80 | (code & 0x3f)).toString(16)}`
      ).toUpperCase();
    else out += encodeURIComponent(ch);
  }
  return out;
}
const queryString = (query: Record<string, string>) =>
  Object.entries(query)
    .map(([k, v]) => `${pct(k)}=${pct(v)}`)
    .join('&');

const junkString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    '../../etc/passwd',
    "' or 1=1 --",
    '%00',
    '\u0000',
    'a\u0000b',
    '\u0001\u001f\u007f',
    '\ud800',
    'x\udc00y',
    '😀\ud83d',
    '😀'.repeat(50),
    'x'.repeat(5000),
    '2026-02-30',
    '-1',
    '1e309',
    'null',
  ),
);
const junkJson = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), {
    maxKeys: 6,
  }),
);

function operations(): Array<{
  method: string;
  path: string;
  params: Array<{ name: string; in: string }>;
  hasBody: boolean;
}> {
  const skip = ['/health', '/metrics', '/docs', '/openapi.json'];
  const ops = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (skip.some((s) => path.startsWith(s))) continue;
    for (const [method, op] of Object.entries(methods))
      ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], hasBody: Boolean(op.requestBody) });
  }
  return ops;
}

describe('hostile input on every route', () => {
  it('never answers 5xx and never changes state', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(10);
    const before = await stateCounts();
    const failures: string[] = [];
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            pathValues: fc.array(junkString, { minLength: 4, maxLength: 4 }),
            query: fc.dictionary(
              fc.constantFrom(...op.params.filter((p) => p.in === 'query').map((p) => p.name), 'x'),
              junkString,
              { maxKeys: 4 },
            ),
            body: junkJson,
            rawBody: fc.boolean(),
          }),
          async ({ pathValues, query, body, rawBody }) => {
            let i = 0;
            const path = op.path.replace(/\{[^}]+\}/g, () => pct(pathValues[i++] ?? 'x') || 'x');
            const qs = queryString(query as Record<string, string>);
            const res = await system.http(op.method, `${path}${qs ? `?${qs}` : ''}`, {
              token: adminToken,
              body: op.hasBody ? (rawBody ? '{"unterminated": ' : body) : undefined,
            });
            if (res.status >= 500)
              failures.push(`${op.method} ${path}?${qs} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
            if (
              res.status >= 400 &&
              res.status < 500 &&
              !res.headers.get('content-type')?.includes('application/problem+json')
            )
              failures.push(`${op.method} ${path} → ${res.status} without problem+json`);
          },
        ),
        { numRuns: 12, seed: 20261128 },
      );
    }
    expect(failures).toEqual([]);
    expect(await stateCounts()).toEqual(before);
    // Whatever was refused and audited on the way, the chain still verifies.
    const verify = await system.http('GET', '/api/audit/verify', { token: adminToken });
    expect(verify.body).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses bad or missing tokens and forged headers on every protected route with 401', async () => {
    const protectedOps = operations().filter(
      (op) =>
        op.path.startsWith('/api/') &&
        !op.path.startsWith('/api/public') &&
        !op.path.startsWith('/api/callbacks') &&
        op.path !== '/api/auth/dev-login',
    );
    for (const op of protectedOps) {
      const path = op.path.replace(/\{[^}]+\}/g, 'x');
      for (const token of [undefined, 'garbage', `${adminToken.slice(0, -4)}AAAA`]) {
        const res = await system.http(op.method, path, {
          token,
          body: op.hasBody ? {} : undefined,
          headers: { 'x-user-id': 'admin', 'x-forwarded-user': 'admin' },
        });
        expect(res.status, `${op.method} ${path} token=${String(token).slice(0, 10)}`).toBe(401);
      }
    }
  });
});

describe('control characters, unpaired surrogates and deep nesting', () => {
  const nasties = ['\u0000', 'a\u0000b', '\u0007', '\u001b[31m', '\u007f', '\ud800', 'x\udfffy'];

  it('refuses them in every path and query parameter with 400 naming the field', async () => {
    const failures: string[] = [];
    for (const op of operations()) {
      const pathParams = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const queryParams = op.params.filter((p) => p.in === 'query').map((p) => p.name);
      for (const nasty of nasties) {
        for (const name of pathParams) {
          const path = op.path.replace(/\{([^}]+)\}/g, (_, n: string) => pct(n === name ? nasty : 'x'));
          const res = await system.http(op.method, path, { token: adminToken, body: op.hasBody ? {} : undefined });
          if (res.status !== 400 || res.body?.errors?.[0]?.field !== `path.${name}`)
            failures.push(`${op.method} ${path} → ${res.status} ${JSON.stringify(res.body?.errors)}`);
        }
        for (const name of queryParams) {
          const path = `${op.path.replace(/\{[^}]+\}/g, 'x')}?${queryString({ [name]: nasty })}`;
          const res = await system.http(op.method, path, { token: adminToken, body: op.hasBody ? {} : undefined });
          if (res.status !== 400 || res.body?.errors?.[0]?.field !== `query.${name}`)
            failures.push(`${op.method} ${path} → ${res.status} ${JSON.stringify(res.body?.errors)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses them in any string of any JSON body, and nesting past 32 levels, before the handler', async () => {
    const failures: string[] = [];
    const ops = operations().filter((op) => op.hasBody);
    for (const op of ops) {
      const path = op.path.replace(/\{[^}]+\}/g, 'x');
      for (const nasty of nasties) {
        const res = await system.http(op.method, path, {
          token: adminToken,
          body: { comment: 'ok', nested: { list: ['fine', nasty] } },
        });
        if (res.status !== 400 || res.body?.errors?.[0]?.field !== 'body.nested.list.1')
          failures.push(`${op.method} ${path} ${JSON.stringify(nasty)} → ${res.status}`);
      }
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      const res = await system.http(op.method, path, { token: adminToken, body: deep });
      if (res.status !== 400 || res.body?.errors?.[0]?.rule !== 'max_depth')
        failures.push(`${op.method} ${path} deep → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('a lone surrogate in the development login is refused 400 and the audit chain still verifies', async () => {
    const res = await system.http('POST', '/api/auth/dev-login', { body: '{"userId":"adm\\ud800in"}' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'body.userId', rule: 'unpaired_surrogate' });
    const verify = await system.http('GET', '/api/audit/verify', { token: adminToken });
    expect(verify.body).toMatchObject({ ok: true });
  });

  it('a NUL in an approval comment or title is refused 400; the workflow is unaffected and goes on', async () => {
    const officer = await system.login('yjj-officer1');
    const head = await system.login('yjj-head');
    const caseNumber = `NUL-${randomUUID().slice(0, 8)}`;
    const badTitle = await system.http('POST', '/api/approval-requests', {
      token: officer,
      body: { caseNumber, title: '延期\u0000缴纳罚款', template: 'department' },
    });
    expect(badTitle.status).toBe(400);
    expect(badTitle.body.errors[0].field).toBe('body.title');
    const started = await system.http('POST', '/api/approval-requests', {
      token: officer,
      body: { caseNumber, title: '延期缴纳罚款', template: 'department' },
    });
    expect(started.status).toBe(201);
    let taskId: string | undefined;
    for (let i = 0; i < 200 && !taskId; i++) {
      const inbox = await system.http('GET', '/api/tasks?view=mine', { token: head });
      taskId = inbox.body.items.find((t: { caseId: string }) => t.caseId === caseNumber)?.id;
      if (!taskId) await new Promise((r) => setTimeout(r, 50));
    }
    expect(taskId).toBeDefined();
    const started0 = Date.now();
    const nul = await system.http('POST', `/api/tasks/${taskId}/actions`, {
      token: head,
      body: { requestId: randomUUID(), action: 'approve', comment: '同意\u0000' },
    });
    expect(nul.status).toBe(400);
    expect(nul.body.errors[0].field).toBe('body.comment');
    expect(Date.now() - started0).toBeLessThan(5000);
    const ok = await system.http('POST', `/api/tasks/${taskId}/actions`, {
      token: head,
      body: { requestId: randomUUID(), action: 'approve', comment: '同意' },
    });
    expect(ok.status).toBe(200);
    const result = await system.temporal.workflow.getHandle(`approval-${caseNumber}`).result();
    expect(result.outcome).toBe('approved');
  });

  it('a NUL in a signed callback field is 400 before the signature or any workflow sees it', async () => {
    for (const headers of [{ 'content-type': 'application/json' }, { 'content-type': '' }])
      for (const body of ['{"eventId":"e\\u0000","type":"court.accepted"}', '{"caseRef":"\\ud800"}']) {
        const res = await fetch(`${system.baseUrl}/api/callbacks/court`, { method: 'POST', headers, body });
        expect(res.status, body).toBe(400);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
  });

  it('console POSTs are limited to 1 MiB like the API', async () => {
    // Its own connection: the server answers before reading the body, so this socket is not reused.
    const { status, type } = await new Promise<{ status: number; type: string }>((resolve, reject) => {
      const req = request(
        `${system.baseUrl}/login`,
        { method: 'POST', agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']) });
        },
      );
      req.on('error', reject);
      req.end(`userId=${'x'.repeat(2 * 1024 * 1024)}`);
    });
    expect(status).toBe(413);
    expect(type).toContain('application/problem+json');
  });

  it('/assets/__proto__ and friends are 404 problem+json, not 500', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      for (const base of ['/assets/', '/docs/assets/']) {
        const res = await system.http('GET', `${base}${name}`);
        expect(res.status, `${base}${name}`).toBe(404);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
  });
});

describe('security headers', () => {
  const expectHeaders = (headers: Headers, where: string) => {
    expect(headers.get('content-security-policy'), where).toContain("default-src 'self'");
    expect(headers.get('x-content-type-options'), where).toBe('nosniff');
    expect(headers.get('x-frame-options'), where).toBe('DENY');
    expect(headers.get('referrer-policy'), where).toBe('no-referrer');
  };

  it('are on every answer: API, errors, console pages, assets and redirects', async () => {
    const cases: Array<[string, string, string | undefined]> = [
      ['GET', '/api/me', adminToken],
      ['GET', '/api/me', undefined],
      ['GET', '/api/tasks?view=mine', adminToken],
      ['GET', '/api/nothing-here', adminToken],
      ['GET', '/api/cases/x%00', adminToken],
      ['GET', '/openapi.json', undefined],
      ['GET', '/health', undefined],
      ['GET', '/login', undefined],
      ['GET', '/inbox', undefined],
      ['GET', '/assets/console.css', undefined],
      ['GET', '/public/blacklist', undefined],
      ['POST', '/api/auth/dev-login', undefined],
    ];
    for (const [method, path, token] of cases) {
      const res = await fetch(`${system.baseUrl}${path}`, {
        method,
        redirect: 'manual',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      expectHeaders(res.headers, `${method} ${path}`);
      if (token) expect(res.headers.get('cache-control'), `${method} ${path}`).toBe('no-store');
    }
  });
});
