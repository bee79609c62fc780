// Issue 20: roles from the user register, security events apart from the audit trail, failed-login limits.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_JWT_SECRET } from '../../config/env';
import { users } from '../../db/schema';
import { flushSecurityEvents } from '../../db/security-events';
import { archiveSecurityRecords, pruneSecurityEvents } from '../../db/security-archive';
import { startSystem, type RunningSystem } from '../support/system';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem({ AUTH_FAILURES_PER_MINUTE: '25' });
});
afterAll(async () => {
  await system?.stop();
});

const sign = (claims: Record<string, unknown>, sub: string | undefined, exp: string | undefined) => {
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('anjian-flow')
    .setAudience('anjian-flow');
  if (sub) jwt = jwt.setSubject(sub);
  if (exp) jwt = jwt.setExpirationTime(exp);
  return jwt.sign(new TextEncoder().encode(DEV_JWT_SECRET));
};

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('roles come from the user register, not the token', () => {
  it('revoking a role or disabling a user takes effect at once; the token claims are ignored', async () => {
    const id = `sec-${randomUUID().slice(0, 8)}`;
    await system.database.db
      .insert(users)
      .values({ id, name: '临时管理员', departmentId: 'aqb', roles: ['admin'], active: true });
    const token = await system.login(id);
    expect((await system.http('GET', '/api/audit/verify', { token })).status).toBe(200);

    await system.database.db
      .update(users)
      .set({ roles: ['officer'] })
      .where(eq(users.id, id));
    await until(
      async () => (await system.http('GET', '/api/audit/verify', { token })).status === 403,
      'the revoked role to be refused',
    );
    const me = await system.http('GET', '/api/me', { token });
    expect(me.body.roles).toEqual(['officer']);

    await system.database.db.update(users).set({ active: false }).where(eq(users.id, id));
    await until(async () => (await system.http('GET', '/api/me', { token })).status === 401, 'the disabled user');
  });

  it('/api/users lists roles to user administrators only; others get the directory', async () => {
    const officer = await system.http('GET', '/api/users', { token: await system.login('yjj-officer1') });
    expect(officer.status).toBe(200);
    expect(officer.body.length).toBeGreaterThan(0);
    expect(officer.body.every((u: Record<string, unknown>) => !('roles' in u) && typeof u.name === 'string')).toBe(
      true,
    );
    const admin = await system.http('GET', '/api/users', { token: await system.login('admin') });
    expect(admin.body.find((u: { id: string }) => u.id === 'yjj-head')?.roles).toEqual(['department-head']);
  });

  it('a token with roles claimed for an unknown user, or without an expiry, is refused 401', async () => {
    const forgedRoles = await sign({ name: 'x', dept: 'aqb', roles: ['admin'] }, `ghost-${randomUUID()}`, '1h');
    expect((await system.http('GET', '/api/me', { token: forgedRoles })).status).toBe(401);
    const noExpiry = await sign({}, 'admin', undefined);
    expect((await system.http('GET', '/api/me', { token: noExpiry })).status).toBe(401);
    const noSubject = await sign({}, undefined, '1h');
    expect((await system.http('GET', '/api/me', { token: noSubject })).status).toBe(401);
    // A real user's token still works, with the register's roles whatever the token claims.
    const claimsAdmin = await sign({ roles: ['admin'], dept: 'aqb' }, 'yjj-officer1', '1h');
    const me = await system.http('GET', '/api/me', { token: claimsAdmin });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: 'yjj-officer1', departmentId: 'yjj', roles: ['officer'] });
  });
});

describe('audit integrity under a key held outside the database (等保 2.0 / 密评)', () => {
  it('chains new rows with HMAC-SM3; signed SM2 checkpoints verify, are exported, and expose a rewrite', async () => {
    const admin = await system.login('admin');
    const [last] = (await system.database.db.execute(
      sql`select hash_alg from audit_log order by seq desc limit 1`,
    )) as unknown as Array<{ hash_alg: string }>;
    expect(last!.hash_alg).toBe('hmac-sm3');
    const created = await system.http('POST', '/api/audit/checkpoints', { token: admin });
    expect(created.status).toBe(201);
    const exported = await system.http('GET', '/api/audit/checkpoints', { token: admin });
    expect(exported.body.checkpoints.at(-1)).toMatchObject({ headSeq: created.body.headSeq });
    expect(exported.body.currentPublicKey).toMatch(/^04[0-9a-f]{128}$/);
    const verified = await system.http('GET', '/api/audit/verify', { token: admin });
    expect(verified.body, JSON.stringify(verified.body.checkpoints)).toMatchObject({
      ok: true,
      checkpoints: { ok: true },
    });
    expect(verified.body.checkpoints.checked).toBeGreaterThan(0);
  });
});

describe('security events apart from the audit trail; failed authentication limited per client', () => {
  const count = async (query: ReturnType<typeof sql>) =>
    Number(((await system.database.db.execute(query)) as unknown as Array<{ n: number }>)[0]!.n);

  it('bad callback signatures are aggregated security events, not audit rows', async () => {
    const auditBefore = await count(sql`select count(*)::int as n from audit_log`);
    for (let i = 0; i < 10; i++) {
      const res = await system.http('POST', '/api/callbacks/court', {
        body: { type: 'x' },
        headers: { 'x-anjian-timestamp': String(Date.now()), 'x-anjian-signature': 'ab'.repeat(32) },
      });
      expect(res.status).toBe(401);
    }
    await flushSecurityEvents(system.database.db);
    expect(await count(sql`select count(*)::int as n from audit_log`)).toBe(auditBefore);
    const rows = (await system.database.db.execute(
      sql`select count(*)::int as rows, sum(count)::int as n from security_events where kind = \
'callback.bad-signature'`,
    )) as unknown as Array<{ rows: number; n: number }>;
    expect(Number(rows[0]!.n)).toBe(10);
    expect(Number(rows[0]!.rows)).toBeLessThanOrEqual(2); // one a minute (two if the minute turned)
  });

  it('answers 429 with Retry-After once a client has failed too often, and a valid token still passes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await system.http('GET', '/api/me', { token: 'garbage' })).status);
    expect(statuses).toContain(401);
    expect(statuses.at(-1)).toBe(429);
    const limited = await system.http('GET', '/api/me', { token: 'garbage' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    const token = await system.login('yjj-officer1');
    expect((await system.http('GET', '/api/me', { token })).status).toBe(200);
    await flushSecurityEvents(system.database.db);
    expect(
      await count(sql`select coalesce(sum(count), 0)::int as n from security_events where kind = 'auth.rate-limited'`),
    ).toBeGreaterThan(0);
  });

  it('locks a user id of the development login for 15 minutes after 5 failures', async () => {
    const id = `lock-${randomUUID().slice(0, 8)}`;
    await system.database.db
      .insert(users)
      .values({ id, name: '停用用户', departmentId: 'aqb', roles: ['officer'], active: false });
    for (let i = 0; i < 5; i++)
      expect((await system.http('POST', '/api/auth/dev-login', { body: { userId: id } })).status).toBe(404);
    await system.database.db.update(users).set({ active: true }).where(eq(users.id, id));
    const locked = await system.http('POST', '/api/auth/dev-login', { body: { userId: id } });
    expect(locked.status).toBe(429);
    expect(locked.body.title).toContain('锁定');
    expect((await system.http('POST', '/api/auth/dev-login', { body: { userId: 'yjj-head' } })).status).toBe(200);
  });
});

describe('retention (网络安全法 第二十一条)', () => {
  it(
    'exports the audit trail, checkpoints and security events with ' + 'SM3 digests, and prunes nothing under 6 months',
    async () => {
      await flushSecurityEvents(system.database.db);
      const dir = await mkdtemp(join(tmpdir(), 'anjian-archive-'));
      const now = new Date();
      const manifest = await archiveSecurityRecords(system.database.db, {
        dir,
        from: new Date(now.getTime() - 86_400_000),
        to: new Date(now.getTime() + 60_000),
      });
      const byName = Object.fromEntries(manifest.files.map((f) => [f.name, f]));
      expect(byName['audit-log.jsonl']!.rows).toBeGreaterThan(0);
      expect(byName['security-events.jsonl']!.rows).toBeGreaterThan(0);
      for (const file of manifest.files) {
        const text = await readFile(join(dir, file.name), 'utf8');
        expect(createHash('sm3').update(text).digest('hex'), file.name).toBe(file.sm3);
      }
      const firstAudit = JSON.parse((await readFile(join(dir, 'audit-log.jsonl'), 'utf8')).split('\n')[0]!);
      expect(firstAudit).toHaveProperty('hash');
      await expect(
        pruneSecurityEvents(system.database.db, new Date(now.getTime() - 30 * 86_400_000), now),
      ).rejects.toThrow('至少保存');
      expect(await pruneSecurityEvents(system.database.db, new Date(now.getTime() - 200 * 86_400_000), now)).toBe(0);
    },
  );
});
